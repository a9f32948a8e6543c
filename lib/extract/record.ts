/**
 * The shared shape of one extraction result: what every extractor (heuristic, LLM) writes, one JSON line per
 * model, and what the evaluation reads. The fields are those of `prompts/schema/metadata.v1.json`.
 *
 * @module
 */

/** The metadata fields, in the order of `prompts/schema/metadata.v1.json` (a test keeps the two in step). */
export const FIELDS = [
  "domain",
  "model_task",
  "frameworks",
  "libraries",
  "datasets",
  "license",
  "github_repo",
  "paper",
  "base_model",
  "parameter_count",
  "hardware",
  "carbon_emitted",
  "hyper_parameters",
  "evaluation",
  "limitation_and_bias",
  "demo",
  "grant",
  "input_format",
  "output_format",
  "language",
] as const;

/** One metadata field name. */
export type Field = typeof FIELDS[number];

/** One training hyper-parameter. */
export interface HyperParameter {
  name: string;
  value: string;
}

/** One evaluation result; a card that only links to its results gives `{metric: "link", dataset: "", result: url}`. */
export interface EvaluationResult {
  metric: string;
  dataset: string;
  result: string;
}

/** The value type of each field, as the schema defines it ("" or [] = not documented). */
export interface MetadataFields {
  domain: string[];
  model_task: string[];
  frameworks: string[];
  libraries: string[];
  datasets: string[];
  license: string;
  github_repo: string;
  paper: string[];
  base_model: string;
  parameter_count: string;
  hardware: string;
  carbon_emitted: string;
  hyper_parameters: HyperParameter[];
  evaluation: EvaluationResult[];
  limitation_and_bias: string;
  demo: string;
  grant: string;
  input_format: string;
  output_format: string;
  language: string[];
}

/**
 * Where a heuristic value came from, or "llm". "hub-tags": the model's tags as the hub lists them (a dataset's
 * `tags` column), when they give what the card's own front matter does not.
 */
export type FieldSource = "front-matter" | "hub-tags" | "model-index" | "table" | "pattern" | "llm";

/** One JSON line of an extractor's output. A field that is absent was not found. */
export interface ExtractionRecord {
  model_id: string;
  /** e.g. "heuristic", "llm:gpt-4o-mini". */
  extractor: string;
  fields: Partial<Record<Field, unknown>>;
  sources?: Partial<Record<Field, FieldSource>>;
  /** Set when extraction failed for this model; `fields` may then be empty. */
  error?: string;
}

/**
 * Whether a name is one of the schema's fields.
 *
 * @example
 * ```ts
 * isField("license"); // true
 * isField("github"); // false: that is the ground truth's key
 * ```
 */
export function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}
