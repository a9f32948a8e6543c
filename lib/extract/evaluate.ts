/**
 * Per-field accuracy of an extractor's output against the hand-labelled ground truth: each labelled field of
 * each model present in both is scored 0..1 by its rule (`evaluate_rules.ts`, whose module doc has the rule
 * table), a field's accuracy is the mean over models, and `overall` the mean over fields.
 *
 * @module
 */
import {
  baseModelScore,
  datasetsScore,
  demoScore,
  evaluationScore,
  githubScore,
  hyperParametersScore,
  keySetScore,
  licenseScore,
  paperScore,
  parameterCountScore,
  textScore,
} from "./evaluate_rules.ts";
import { type GroundTruthRecord, LABELLED_FIELDS, type LabelledField } from "./ground_truth.ts";
import type { EvaluationResult, ExtractionRecord, Field, HyperParameter } from "./record.ts";

/** The result of {@linkcode evaluateExtraction}; `--json` prints `overall`, `fields` and `models`. */
export interface EvaluationReport {
  /** Mean of the field accuracies. */
  overall: number;
  /** Field → mean score over the models. */
  fields: Record<string, number>;
  /** Models present in both the truth and the predictions. */
  models: number;
  /** Model → field → score, for a closer look. */
  perModel: Record<string, Record<string, number>>;
}

type Scorer = (truth: GroundTruthRecord, pred: Partial<Record<Field, unknown>>) => number;

const SCORERS: Readonly<Record<LabelledField, Scorer>> = {
  domain: (t, p) => keySetScore(t.domain, list(p.domain)),
  model_task: (t, p) => keySetScore(t.model_task, list(p.model_task)),
  frameworks: (t, p) => keySetScore(t.frameworks, [...list(p.frameworks), ...list(p.libraries)]),
  datasets: (t, p) => datasetsScore(t.datasets, list(p.datasets)),
  license: (t, p) => licenseScore(t.license, str(p.license)),
  github_repo: (t, p) => githubScore(t.github_repo, str(p.github_repo)),
  paper: (t, p) => paperScore(t.paper, list(p.paper)),
  base_model: (t, p) => baseModelScore(t.base_model, str(p.base_model)),
  parameter_count: (t, p) => parameterCountScore(t.parameter_count, str(p.parameter_count)),
  hardware: (t, p) => textScore(t.hardware, str(p.hardware)),
  hyper_parameters: (t, p) => hyperParametersScore(t.hyper_parameters, pairs(p.hyper_parameters)),
  evaluation: (t, p) => evaluationScore(t.evaluation, results(p.evaluation)),
  limitation_and_bias: (t, p) => textScore(t.limitation_and_bias, str(p.limitation_and_bias)),
  demo: (t, p) => demoScore(t.demo, str(p.demo)),
  input_format: (t, p) => textScore(t.input_format, str(p.input_format)),
  output_format: (t, p) => textScore(t.output_format, str(p.output_format)),
};

/**
 * Scores predictions against the ground truth over the models present in both. A prediction that failed
 * (`error` set) is scored as it is: its missing fields count as "not found".
 *
 * @example
 * ```ts
 * const truth = groundTruthFromJson({ "o/m": { license: "mit", model_type: "nlp" } }, "t.json");
 * const report = evaluateExtraction(truth, [{ model_id: "o/m", extractor: "heuristic", fields: { license: "MIT" } }]);
 * report.fields.license; // 1
 * report.fields.domain; // 0: the truth says nlp, the prediction nothing
 * report.models; // 1
 * ```
 */
export function evaluateExtraction(
  truth: ReadonlyMap<string, GroundTruthRecord>,
  predictions: readonly ExtractionRecord[],
): EvaluationReport {
  const perModel: Record<string, Record<string, number>> = {};
  for (const rec of predictions) {
    const t = truth.get(rec.model_id);
    if (!t || perModel[rec.model_id]) continue;
    perModel[rec.model_id] = Object.fromEntries(
      LABELLED_FIELDS.map((f) => [f, SCORERS[f](t, rec.fields ?? {})]),
    );
  }
  const models = Object.keys(perModel).length;
  const fields: Record<string, number> = {};
  for (const f of LABELLED_FIELDS) {
    fields[f] = models === 0 ? 0 : round(Object.values(perModel).reduce((s, m) => s + m[f], 0) / models);
  }
  const overall = models === 0
    ? 0
    : round(Object.values(fields).reduce((s, v) => s + v, 0) / LABELLED_FIELDS.length);
  return { overall, fields, models, perModel };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

// Predictions come from extractors (an LLM among them), so each value is coerced to its field's type.
function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(str).join(", ");
  return "";
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s) => s.trim() !== "");
  const s = str(v);
  return s.trim() ? [s] : [];
}

function pairs(v: unknown): HyperParameter[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) =>
    isRecord(x) && str(x.value) !== "" ? [{ name: str(x.name), value: str(x.value) }] : []
  );
}

function results(v: unknown): EvaluationResult[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) =>
    isRecord(x) && str(x.result) !== ""
      ? [{ metric: str(x.metric), dataset: str(x.dataset), result: str(x.result) }]
      : []
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
