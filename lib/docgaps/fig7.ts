/**
 * PeaTMOSS Fig. 7 (metadata availability per field, `Plots/fig7.ipynb`) as its saved output prints it, and our
 * availability set beside it rank by rank. The notebook printed the sorted percentages but not which field each
 * belongs to (that is only in the PNG; shared/PAPER.md §1.6, §2.1), so the comparison is by rank only.
 *
 * @module
 */
import pl from "nodejs-polars";

/** The numbers behind Fig. 7, with their source. */
export const FIG7 = {
  /** Availability per field in percent, sorted descending, as printed by the notebook. */
  percentages: [
    98.85,
    98.74,
    98.73,
    83.58,
    78.01,
    74.41,
    73.48,
    70.56,
    58.69,
    58.6,
    52.77,
    48.03,
    33.24,
    30.11,
    29.39,
    22.67,
    18.16,
    18.1,
    7.81,
    4.8,
  ],
  /** Denominator: LLM results that are not error strings (14,014 results − 2,321 errors). */
  models: 11_693,
  /** Entries of `final_result.json`, errors included (`script_plot.py` divides by this instead). */
  results: 14_014,
  /** Failed extractions (error strings). */
  errors: 2_321,
  source: "PeaTMOSS artifact, Plots/fig7.ipynb saved output (shared/PAPER.md §1.6)",
} as const;

/**
 * Our availability (output of `availability`, one group, most available first) beside Fig. 7 by rank:
 * `rank`, `item`, `count`, `share`, `fig7_share` (the paper's value at that rank, whichever field it was),
 * `difference` = share − fig7_share and `label` (`"1. license"`, for charts). Ranks beyond one of the two lists
 * have nulls on that side.
 *
 * @example
 * ```ts
 * versusFig7(availability(features, { prefix: "field_" })).head(3).toRecords();
 * // [{ rank: 1, item: "license", count: 3100, share: 0.90, fig7_share: 0.9885, difference: -0.0885,
 * //    label: "1. license" }, ...]
 * ```
 */
export function versusFig7(ours: pl.DataFrame): pl.DataFrame {
  const n = Math.max(ours.height, FIG7.percentages.length);
  const rank = (length: number) => pl.Series("rank", Array.from({ length }, (_, i) => i + 1), pl.Int64);
  const paper = pl.DataFrame({
    rank: rank(FIG7.percentages.length),
    // percent → share without float noise (98.85 / 100 = 0.98849999...)
    fig7_share: FIG7.percentages.map((p) => Math.round(p * 100) / 10_000),
  });
  const mine = ours.select("item", "count", "share").withColumns(rank(ours.height));
  return pl.DataFrame({ rank: rank(n) })
    .join(mine, { on: "rank", how: "left" })
    .join(paper, { on: "rank", how: "left" })
    .withColumns(
      pl.col("share").sub(pl.col("fig7_share")).alias("difference"),
      pl.concatString([pl.col("rank").cast(pl.Utf8), pl.col("item").fillNull(pl.lit("—"))], ". ").alias(
        "label",
      ),
    );
}
