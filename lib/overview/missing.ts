/**
 * How much metadata models leave out, beside the 2023 numbers of PeaTMOSS' tooling.
 *
 * @module
 */
import pl from "nodejs-polars";
import { PTMTORRENT_MISSING } from "../paper/peatmoss_numbers.ts";
import { shareMissing } from "./counts.ts";

/**
 * For each metadata field of the `models` table, the share of models that lack it, with the share the
 * PTMTorrent HF dump of 2023 reported (null where it reported none).
 *
 * @example
 * ```ts
 * missingMetadata(models).toRecords();
 * // [{ field: "pipeline_tag", missing: 0.467, missing_2023: 0.4332, models: 760000 }, ...]
 * ```
 */
export function missingMetadata(models: pl.DataFrame): pl.DataFrame {
  const fields = Object.keys(PTMTORRENT_MISSING) as (keyof typeof PTMTORRENT_MISSING)[];
  return pl.DataFrame({
    field: fields,
    missing: fields.map((f) => shareMissing(models, f)),
    missing_2023: fields.map((f) => PTMTORRENT_MISSING[f].value),
    models: pl.Series("models", fields.map(() => models.height), pl.Int64),
  });
}
