/**
 * The headline counts of a dataset, as printed by `deno task summary --json`.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { countBy } from "./counts.ts";

/** Counts of a dataset's models: total and per hub, pipeline tag, library and license. */
export interface DatasetSummary {
  models: number;
  /** value → number of models; a missing value is counted under the key `null`. */
  by_hub: Record<string, number>;
  by_pipeline_tag: Record<string, number>;
  by_library: Record<string, number>;
  /** A model with several licenses counts under their combination (`cc-by-nc-4.0,apache-2.0`). */
  by_license: Record<string, number>;
}

function asRecord(counts: pl.DataFrame, column: string): Record<string, number> {
  const out: Record<string, number> = {};
  const values = counts.getColumn(column).toArray();
  const n = counts.getColumn("count").toArray();
  values.forEach((v, i) => out[v === null ? "null" : String(v)] = Number(n[i]));
  return out;
}

/**
 * Summarises a canonical `models` table.
 *
 * @example
 * ```ts
 * summarize(models).by_license["apache-2.0"]; // e.g. 121,318
 * ```
 */
export function summarize(models: pl.DataFrame): DatasetSummary {
  return {
    models: models.height,
    by_hub: asRecord(countBy(models, "hub"), "hub"),
    by_pipeline_tag: asRecord(countBy(models, "pipeline_tag"), "pipeline_tag"),
    by_library: asRecord(countBy(models, "library"), "library"),
    by_license: asRecord(countBy(models, "licenses"), "licenses"),
  };
}
