/**
 * The PeaTMOSS artifact's hand-labelled ground truth (`LLM-Pipeline/{Accurate,Cheap}_Pipeline/groundTruth.json`)
 * read into the fields of `prompts/schema/metadata.v1.json`. The artifact's keys and value shapes differ from
 * ours (`github` for `github_repo`, `model_type: "nlp"`, a dict of hyper-parameters, evaluation as a dict, a
 * nested dict, a list of `{test, result}` or a sentence); {@linkcode GROUND_TRUTH_KEYS} is the one place that
 * maps them.
 *
 * @module
 */
import type { EvaluationResult, Field, HyperParameter, MetadataFields } from "./record.ts";

/** Our field → the ground truth's key. Fields missing here have no label (carbon_emitted, grant, language). */
export const GROUND_TRUTH_KEYS = {
  domain: "model_type",
  model_task: "model_tasks",
  frameworks: "frameworks",
  datasets: "datasets",
  license: "license",
  github_repo: "github",
  paper: "paper",
  base_model: "upstream_model",
  parameter_count: "parameter_count",
  hardware: "hardware",
  hyper_parameters: "hyper_parameters",
  evaluation: "evaluation",
  limitation_and_bias: "limitation_and_bias",
  demo: "code_demo",
  input_format: "input_format",
  output_format: "output_format",
} as const satisfies Partial<Record<Field, string>>;

/** A field the ground truth labels. */
export type LabelledField = keyof typeof GROUND_TRUTH_KEYS;

/** The fields the ground truth labels, in schema order. */
export const LABELLED_FIELDS = Object.keys(GROUND_TRUTH_KEYS) as LabelledField[];

const DOMAINS: Readonly<Record<string, string>> = {
  nlp: "natural-language-processing",
  cv: "computer-vision",
  audio: "audio",
  multimodal: "multimodal",
  tabular: "tabular",
  rl: "reinforcement-learning",
};

/** One model's labels, every labelled field present ("" or [] = the card does not document it). */
export type GroundTruthRecord = Pick<MetadataFields, LabelledField>;

/** A ground-truth file that cannot be read; the message names the file and the record. */
export class GroundTruthError extends Error {
  override name = "GroundTruthError";
}

/**
 * Reads a ground-truth file: `{model_id: labels}` (the artifact's shape) or a list of labels each carrying
 * `model_id` / `modelId` / `model`.
 *
 * @example
 * ```ts
 * const truth = await readGroundTruth("../shared/data/peatmoss-artifact/LLM-Pipeline/Cheap_Pipeline/groundTruth.json");
 * truth.get("tiiuae/falcon-7b-instruct")?.parameter_count; // "7B"
 * ```
 */
export async function readGroundTruth(file: string): Promise<Map<string, GroundTruthRecord>> {
  let json: unknown;
  try {
    json = JSON.parse(await Deno.readTextFile(file));
  } catch (err) {
    throw new GroundTruthError(`${file}: cannot read the ground truth (${(err as Error).message})`);
  }
  return groundTruthFromJson(json, file);
}

/**
 * {@linkcode readGroundTruth} on parsed JSON; `where` names the source in errors.
 *
 * @example
 * ```ts
 * const t = groundTruthFromJson({ "o/m": { model_type: "cv", github: "https://github.com/o/m" } }, "x.json");
 * t.get("o/m")?.domain; // ["computer-vision"]
 * t.get("o/m")?.github_repo; // "https://github.com/o/m"
 * ```
 */
export function groundTruthFromJson(json: unknown, where: string): Map<string, GroundTruthRecord> {
  let entries: [string, unknown][];
  if (Array.isArray(json)) {
    entries = json.map((r, i) => {
      const id = isRecord(r) ? r.model_id ?? r.modelId ?? r.model : undefined;
      if (typeof id !== "string") throw new GroundTruthError(`${where}: record ${i} has no model_id`);
      return [id, r];
    });
  } else if (isRecord(json)) {
    entries = Object.entries(json);
  } else {
    throw new GroundTruthError(`${where}: expected {model_id: labels} or a list of labels`);
  }
  const out = new Map<string, GroundTruthRecord>();
  for (const [id, raw] of entries) {
    if (!isRecord(raw)) throw new GroundTruthError(`${where}: labels of "${id}" are not an object`);
    out.set(id, toRecord(raw));
  }
  return out;
}

function toRecord(r: Record<string, unknown>): GroundTruthRecord {
  const get = (f: LabelledField) => r[GROUND_TRUTH_KEYS[f]];
  const task = text(get("model_task"));
  return {
    domain: strings(get("domain")).map((d) => DOMAINS[d.toLowerCase()] ?? d.toLowerCase()),
    model_task: task ? [task.toLowerCase().replace(/[\s_]+/g, "-")] : [],
    frameworks: strings(get("frameworks")),
    datasets: strings(get("datasets")),
    license: text(get("license")),
    github_repo: text(get("github_repo")),
    paper: strings(get("paper")),
    base_model: text(get("base_model")),
    parameter_count: text(get("parameter_count")),
    hardware: text(get("hardware")).replace(/[,;\s]+$/, ""),
    hyper_parameters: hyperParameters(get("hyper_parameters")),
    evaluation: evaluation(get("evaluation")),
    limitation_and_bias: text(get("limitation_and_bias")),
    demo: text(get("demo")),
    input_format: text(get("input_format")),
    output_format: text(get("output_format")),
  };
}

function hyperParameters(v: unknown): HyperParameter[] {
  if (!isRecord(v)) return [];
  return Object.entries(v).flatMap(([name, value]) => text(value) ? [{ name, value: text(value) }] : []);
}

// {metric: value}, {config: {dataset: value}}, [{test, result}], a link {description: url} or a sentence
function evaluation(v: unknown): EvaluationResult[] {
  if (typeof v === "string") return v.trim() ? [{ metric: "", dataset: "", result: v.trim() }] : [];
  if (Array.isArray(v)) {
    return v.flatMap((x) =>
      isRecord(x) && text(x.result)
        ? [{ metric: text(x.test ?? x.metric), dataset: text(x.dataset), result: text(x.result) }]
        : []
    );
  }
  if (!isRecord(v)) return [];
  return Object.entries(v).flatMap(([metric, value]): EvaluationResult[] => {
    if (isRecord(value)) {
      return Object.entries(value).flatMap(([dataset, x]) =>
        text(x) ? [{ metric, dataset, result: text(x) }] : []
      );
    }
    return text(value) ? [{ metric, dataset: "", result: text(value) }] : [];
  });
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map(text).filter((s) => s !== "");
}

function text(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
