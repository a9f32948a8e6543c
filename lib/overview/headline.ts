/**
 * The dataset's headline counts beside PeaTMOSS' (2023).
 *
 * @module
 */
import pl from "nodejs-polars";
import { PEATMOSS } from "../paper/peatmoss_numbers.ts";

/** Monthly downloads above which PeaTMOSS snapshotted a model. */
export const SNAPSHOT_MIN_DOWNLOADS = 50;

/**
 * Rows `measure`, `peatmoss_2023`, `ours`, `ratio` (ours / PeaTMOSS) for the counts both datasets define the
 * same way: Hugging Face models listed, and models above the snapshot cut-off of 50 monthly downloads.
 *
 * @example
 * ```ts
 * headlineComparison(models).toRecords()[0];
 * // { measure: "Hugging Face models", peatmoss_2023: 281276, ours: 760000, ratio: 2.70 }
 * ```
 */
export function headlineComparison(models: pl.DataFrame): pl.DataFrame {
  const hf = models.filter(pl.col("hub").eq(pl.lit("huggingface")));
  const popular = hf.filter(pl.col("downloads").gt(pl.lit(SNAPSHOT_MIN_DOWNLOADS))).height;
  const rows = [
    { measure: "Hugging Face models", peatmoss_2023: PEATMOSS.hfModels.value, ours: hf.height },
    {
      measure: `Hugging Face models with > ${SNAPSHOT_MIN_DOWNLOADS} downloads in the last 30 days`,
      peatmoss_2023: PEATMOSS.hfSnapshots.value,
      ours: popular,
    },
  ];
  return pl.DataFrame({
    measure: rows.map((r) => r.measure),
    peatmoss_2023: pl.Series("peatmoss_2023", rows.map((r) => r.peatmoss_2023), pl.Int64),
    ours: pl.Series("ours", rows.map((r) => r.ours), pl.Int64),
    ratio: rows.map((r) => r.ours / r.peatmoss_2023),
  });
}
