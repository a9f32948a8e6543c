/**
 * Popularity buckets: models grouped by downloads in powers of ten, so that cards of barely used models and of
 * the hub's most used ones can be compared. Each corpus reports downloads of its own period (a 30-day count on
 * the hub's API); the buckets only order models, they do not make counts of different dates comparable.
 *
 * @module
 */
import pl from "nodejs-polars";
import { summarize } from "./distribution.ts";

/** One bucket: models with `min <= downloads < max`. */
export interface PopularityBucket {
  label: string;
  min: number;
  max: number;
}

/** Downloads buckets, least popular first. */
export const POPULARITY_BUCKETS: readonly PopularityBucket[] = [
  { label: "0", min: 0, max: 1 },
  { label: "1–99", min: 1, max: 100 },
  { label: "100–9,999", min: 100, max: 10_000 },
  { label: "10k–99k", min: 10_000, max: 100_000 },
  { label: "100k–999k", min: 100_000, max: 1_000_000 },
  { label: "≥ 1M", min: 1_000_000, max: Infinity },
];

/** Bucket labels, least popular first: the drawing order of a chart by popularity. */
export const POPULARITY_ORDER: readonly string[] = POPULARITY_BUCKETS.map((b) => b.label);

/**
 * Polars expression giving the bucket label of `column` (null when downloads are unknown), named `bucket`.
 *
 * @example
 * ```ts
 * pl.DataFrame({ downloads: [0, 250, null] }).select(popularityBucket()).toRecords();
 * // [{ bucket: "0" }, { bucket: "100–9,999" }, { bucket: null }]
 * ```
 */
export function popularityBucket(column = "downloads"): pl.Expr {
  // the first bucket is the `otherwise`, the others are tested from the most popular down
  const [first, ...rest] = POPULARITY_BUCKETS;
  const value = pl.col(column);
  let expr = pl.when(value.isNull()).then(pl.lit(null).cast(pl.Utf8));
  for (const b of [...rest].reverse()) expr = expr.when(value.gtEq(b.min)).then(pl.lit(b.label));
  return expr.otherwise(pl.lit(first.label)).alias("bucket");
}

/**
 * Position of each bucket label in {@linkcode POPULARITY_ORDER}, as a column `bucket_rank`, for sorting.
 *
 * @example
 * ```ts
 * table.withColumns(bucketRank()).sort("bucket_rank").drop("bucket_rank");
 * ```
 */
export function bucketRank(column = "bucket"): pl.Expr {
  let expr = pl.when(pl.col(column).isNull()).then(pl.lit(POPULARITY_ORDER.length));
  POPULARITY_ORDER.forEach((label, i) => {
    expr = expr.when(pl.col(column).eq(pl.lit(label))).then(pl.lit(i));
  });
  return expr.otherwise(pl.lit(POPULARITY_ORDER.length)).alias("bucket_rank");
}

/**
 * Quartile summary of `column` (see {@linkcode summarize}) per downloads bucket, within each group of `by`
 * (groups in order of first appearance), least popular first; rows with unknown downloads are left out.
 *
 * @example
 * ```ts
 * const cards = pl.DataFrame({ downloads: [0, 5, 7], chars: [100, 300, 500] });
 * byPopularity(cards, "chars").toRecords();
 * // [{ bucket: "0", cards: 1, mean: 100, ... }, { bucket: "1–99", cards: 2, mean: 400, median: 400, ... }]
 * ```
 */
export function byPopularity(
  df: pl.DataFrame,
  column: string,
  { by = [], downloads = "downloads" }: { by?: readonly string[]; downloads?: string } = {},
): pl.DataFrame {
  // groups keep their order of first appearance (so a chart's legend follows the input), buckets their rank
  const firstRow = by.length === 0 ? pl.lit(0) : pl.col("_row").min().over(by[0], ...by.slice(1));
  const bucketed = df.withRowIndex("_row").withColumns(popularityBucket(downloads), firstRow.alias("_group"))
    .filter(pl.col("bucket").isNotNull());
  return summarize(bucketed, column, ["_group", ...by, "bucket"])
    .withColumns(bucketRank())
    .sort(["_group", "bucket_rank"])
    .drop("_group", "bucket_rank");
}
