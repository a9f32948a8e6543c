/**
 * The metadata a card states in structured form — its YAML front matter and `model-index` — read without any
 * guessing. Every extractor starts here: the heuristic one adds tables and text patterns, the LLM one asks the
 * model only for what is still missing.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { HF_DOMAINS_RL_SEPARATE, HF_TASKS_ADDED_SINCE_PAPER } from "../hub/domains.ts";
import type { EvaluationResult, Field, FieldSource, MetadataFields } from "./record.ts";

/** Fields found, and where each came from. */
export interface StructuredFields {
  fields: Partial<MetadataFields>;
  sources: Partial<Record<Field, FieldSource>>;
}

/** The schema's domain names (metadata.v1.json `domain`) for the domains of `lib/hub/domains.ts`. */
const SCHEMA_DOMAIN: Readonly<Record<string, string>> = {
  NLP: "natural-language-processing",
  "Computer Vision": "computer-vision",
  Audio: "audio",
  Multimodal: "multimodal",
  "Reinforcement Learning": "reinforcement-learning",
};

const TASK_DOMAIN = new Map<string, string>([
  ...Object.entries(HF_DOMAINS_RL_SEPARATE).flatMap(([domain, tasks]) =>
    tasks.map((
      t,
    ): [string, string] => [t, SCHEMA_DOMAIN[domain] ?? (t.startsWith("tabular") ? "tabular" : "")])
  ),
  ...Object.entries(HF_TASKS_ADDED_SINCE_PAPER).map(([t, d]): [string, string] => [t, SCHEMA_DOMAIN[d]]),
]);

/**
 * The schema's domain of a Hugging Face task (`lib/hub/domains.ts` grouping), or undefined for tasks outside
 * every domain.
 *
 * @example
 * ```ts
 * taskDomain("image-classification"); // "computer-vision"
 * taskDomain("other"); // undefined
 * ```
 */
export function taskDomain(task: string): string | undefined {
  return TASK_DOMAIN.get(task) || undefined;
}

/** Hub tags naming a deep-learning framework, and the schema's name for it. */
const FRAMEWORK_TAGS: Readonly<Record<string, string>> = {
  pytorch: "pytorch",
  torch: "pytorch",
  tensorflow: "tensorflow",
  tf: "tensorflow",
  keras: "tensorflow",
  jax: "jax",
  flax: "jax",
};

/**
 * Hub tags naming a model library (the hub's `library_name` values that also appear as tags). `keras` is both:
 * a framework tag for the weights' format and a library.
 */
const LIBRARY_TAGS = new Set([
  "transformers",
  "diffusers",
  "timm",
  "sentence-transformers",
  "safetensors",
  "peft",
  "adapter-transformers",
  "spacy",
  "flair",
  "fastai",
  "stable-baselines3",
  "ml-agents",
  "sample-factory",
  "espnet",
  "speechbrain",
  "nemo",
  "open_clip",
  "keras",
  "onnx",
  "gguf",
  "coreml",
  "mlx",
  "setfit",
  "fairseq",
  "paddlenlp",
  "allennlp",
  "asteroid",
  "pyannote-audio",
  "tensorboard",
  "transformers.js",
  "llama-cpp",
  "span-marker",
  "bertopic",
  "sklearn",
  "scikit-learn",
]);

/**
 * Reads the fields the front matter and `model-index` give:
 * `license` (`license_name` when the license is "other"), `datasets`, `base_model` (the first when a list),
 * `language`, `model_task` and `domain` (from `pipeline_tag`, else from tags naming a task), `libraries` (`library_name` + library tags),
 * `frameworks` (framework tags), `paper` (`arxiv:` tags), `carbon_emitted` and `hardware`
 * (`co2_eq_emissions`, whose emissions are in grams) and `evaluation` (model-index). `hubTags`, the model's
 * tags as the hub lists them (a dataset's `tags` column), count as front-matter tags and give license, datasets
 * and base model when the front matter does not; a value they give or add to has the source "hub-tags".
 *
 * @example
 * ```ts
 * const card = parseCard("---\nlicense: mit\npipeline_tag: fill-mask\ntags: [pytorch, arxiv:1910.01108]\n---\n");
 * const { fields, sources } = structuredFields(card);
 * fields.license; // "mit"
 * fields.domain; // ["natural-language-processing"]
 * fields.paper; // ["https://arxiv.org/abs/1910.01108"]
 * sources.license; // "front-matter"
 * structuredFields(parseCard("No front matter."), ["license:apache-2.0"]).sources.license; // "hub-tags"
 * ```
 */
export function structuredFields(card: ParsedCard, hubTags: readonly string[] = []): StructuredFields {
  const fields: Partial<MetadataFields> = {};
  const sources: Partial<Record<Field, FieldSource>> = {};
  const set = <F extends Field>(field: F, value: MetadataFields[F] | undefined, source: FieldSource) => {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return;
    fields[field] = value;
    sources[field] = source;
  };
  const fm = card.frontMatter ?? {};
  const cardTags = unique(strings(fm.tags).map((t) => t.toLowerCase()));
  const allTags = unique([...cardTags, ...hubTags.map((t) => t.toLowerCase())]);
  // the hub's own tags carry what the card may not: `license:mit`, `dataset:squad`, `base_model:o/m`
  const tagged = (prefix: string) =>
    hubTags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length)).filter((v) => v !== "");
  // a value the card's front matter gives alone is the card's; one the hub's tags add to is theirs
  const setEither = <F extends Field>(
    field: F,
    fromCard: MetadataFields[F] | undefined,
    fromAll: MetadataFields[F],
  ) => set(field, fromAll, sameValue(fromCard, fromAll) ? "front-matter" : "hub-tags");

  let license = strings(fm.license)[0];
  if (license?.toLowerCase() === "other") license = strings(fm.license_name)[0] ?? license;
  setEither("license", license, license ?? tagged("license:")[0]);
  const datasets = unique(strings(fm.datasets));
  setEither("datasets", datasets, datasets.length > 0 ? datasets : unique(tagged("dataset:")));
  const baseModel = strings(fm.base_model)[0];
  setEither(
    "base_model",
    baseModel,
    baseModel ?? tagged("base_model:").map((v) => v.replace(/^(?:finetune|adapter|quantized|merge):/, ""))[0],
  );
  set("language", unique(strings(fm.language).map((l) => l.toLowerCase())), "front-matter");

  const pipelineTag = strings(fm.pipeline_tag)[0]?.toLowerCase();
  const libraryName = strings(fm.library_name)[0]?.toLowerCase();
  const fromCard = tagFields(cardTags, pipelineTag, libraryName);
  const fromAll = tagFields(allTags, pipelineTag, libraryName);
  for (const field of ["model_task", "domain", "libraries", "frameworks", "paper"] as const) {
    setEither(field, fromCard[field], fromAll[field]);
  }

  const co2 = fm.co2_eq_emissions;
  if (isRecord(co2)) {
    const grams = scalar(co2.emissions);
    if (grams !== "") set("carbon_emitted", `${grams} g CO2eq`, "front-matter");
    set("hardware", scalar(co2.hardware_used), "front-matter");
  } else if (scalar(co2) !== "") {
    set("carbon_emitted", `${scalar(co2)} g CO2eq`, "front-matter");
  }

  set(
    "evaluation",
    card.modelIndex.map((r): EvaluationResult => ({ metric: r.metric, dataset: r.dataset, result: r.value })),
    "model-index",
  );
  return { fields, sources };
}

type TagField = "model_task" | "domain" | "libraries" | "frameworks" | "paper";

function tagFields(
  tags: string[],
  pipelineTag: string | undefined,
  libraryName: string | undefined,
): Pick<MetadataFields, TagField> {
  // without a pipeline_tag, tags that are task names say the task (timm cards tag `image-classification`)
  const tasks = pipelineTag ? [pipelineTag] : tags.filter((t) => taskDomain(t) !== undefined);
  return {
    model_task: unique(tasks),
    domain: unique(tasks.flatMap((t) => taskDomain(t) ?? [])),
    libraries: unique([...(libraryName ? [libraryName] : []), ...tags.filter((t) => LIBRARY_TAGS.has(t))]),
    frameworks: unique(tags.flatMap((t) => FRAMEWORK_TAGS[t] ?? [])),
    paper: unique(tags.flatMap((t) => t.startsWith("arxiv:") ? [`https://arxiv.org/abs/${t.slice(6)}`] : [])),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function strings(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map(scalar).filter((s) => s !== "");
}

function scalar(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
