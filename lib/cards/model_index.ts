/**
 * The `model-index` of a card's front matter: the hub's structured evaluation results
 * (`model-index[].results[].{task, dataset, metrics[]}`), flattened to one row per metric.
 *
 * @module
 */

/** One reported metric. Missing parts are "". */
export interface ModelIndexResult {
  /** `model-index[].name`. */
  model: string;
  /** Task type, else its name (e.g. `question-answering`). */
  task: string;
  /** Dataset name, else its type (e.g. `squad_v2`), with the split when given (`squad_v2 (validation)`). */
  dataset: string;
  /** Metric name, else its type (e.g. `Exact Match`). */
  metric: string;
  /** The value as written (numbers as their decimal string). */
  value: string;
}

/**
 * Flattens `frontMatter["model-index"]`. Malformed entries are skipped, not fatal: cards written by hand
 * often break the layout (a `results` mapping instead of a list, a metric without a value).
 *
 * @example
 * ```ts
 * readModelIndex({ "model-index": [{ name: "m", results: [{
 *   task: { type: "question-answering" }, dataset: { name: "squad_v2", split: "validation" },
 *   metrics: [{ type: "f1", value: 82.03 }],
 * }] }] });
 * // [{ model: "m", task: "question-answering", dataset: "squad_v2 (validation)", metric: "f1", value: "82.03" }]
 * ```
 */
export function readModelIndex(frontMatter: Record<string, unknown> | null): ModelIndexResult[] {
  const out: ModelIndexResult[] = [];
  for (const entry of asList(frontMatter?.["model-index"])) {
    if (!isRecord(entry)) continue;
    const model = str(entry.name);
    for (const result of asList(entry.results)) {
      if (!isRecord(result)) continue;
      const task = isRecord(result.task) ? str(result.task.type) || str(result.task.name) : str(result.task);
      const ds = isRecord(result.dataset) ? result.dataset : {};
      const dsName = str(ds.name) || str(ds.type) || str(result.dataset);
      const dataset = dsName && str(ds.split) ? `${dsName} (${str(ds.split)})` : dsName;
      for (const metric of asList(result.metrics)) {
        if (!isRecord(metric)) continue;
        const value = str(metric.value);
        if (value === "") continue;
        out.push({ model, task, dataset, metric: str(metric.name) || str(metric.type), value });
      }
    }
  }
  return out;
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}
