/**
 * Distributions of a per-card number (length, quality score): quartile summaries and histograms, by group.
 *
 * @module
 */
import pl from "nodejs-polars";
import { aggInOrder } from "./_group.ts";

/**
 * Per group of `by`: `cards` (rows with a value), `mean`, `q25`, `median`, `q75` of `column`, groups in order of
 * first appearance. Quartiles interpolate linearly, like numpy's default.
 *
 * @example
 * ```ts
 * summarize(pl.DataFrame({ corpus: ["a", "a", "b"], chars: [10, 20, 5] }), "chars", ["corpus"]).toRecords();
 * // [{ corpus: "a", cards: 2, mean: 15, q25: 12.5, median: 15, q75: 17.5 },
 * //  { corpus: "b", cards: 1, mean: 5, q25: 5, median: 5, q75: 5 }]
 * ```
 */
export function summarize(df: pl.DataFrame, column: string, by: readonly string[]): pl.DataFrame {
  const value = pl.col(column).cast(pl.Float64);
  return aggInOrder(
    df.filter(pl.col(column).isNotNull()),
    by,
    pl.len().cast(pl.Int64).alias("cards"),
    value.mean().alias("mean"),
    value.quantile(0.25, "linear").alias("q25"),
    value.median().alias("median"),
    value.quantile(0.75, "linear").alias("q75"),
  );
}

/**
 * Histogram of `column` over `[0, max]` in bins of width `step` (the last bin closed: a value equal to `max`
 * falls in it), per group of `by`: `bin` (lower bound), `cards`, `share` of the group's rows with a value. Every
 * bin is listed, empty ones with 0, so groups line up.
 *
 * @example
 * ```ts
 * histogram(pl.DataFrame({ score: [0, 0.45, 1] }), "score", { step: 0.5 }).toRecords();
 * // [{ bin: 0, cards: 2, share: 0.667 }, { bin: 0.5, cards: 1, share: 0.333 }]
 * ```
 */
export function histogram(
  df: pl.DataFrame,
  column: string,
  { by = [], step = 0.1, max = 1 }: { by?: readonly string[]; step?: number; max?: number } = {},
): pl.DataFrame {
  const bins = Math.round(max / step);
  // without groups, one constant group keeps a single code path
  const keys = by.length === 0 ? ["_group"] : [...by];
  const data = (by.length === 0 ? df.withColumns(pl.lit(0).alias("_group")) : df)
    .filter(pl.col(column).isNotNull());
  // the nudge keeps a value on a bin edge in its bin despite float division (0.3 / 0.1 = 2.9999999999999996)
  const index = pl.col(column).cast(pl.Float64).div(pl.lit(step)).add(pl.lit(1e-9)).floor().clip(0, bins - 1)
    .cast(pl.Int64);
  const counted = data.withColumns(index.alias("bin_index")).groupBy([...keys, "bin_index"])
    .agg(pl.len().cast(pl.Int64).alias("cards"));
  const binIndex = pl.DataFrame({ bin_index: pl.Series("bin_index", [...Array(bins).keys()], pl.Int64) });
  const grid = data.select(...keys).unique({ maintainOrder: true }).join(binIndex, { how: "cross" });
  const table = grid
    .join(counted, { on: [...keys, "bin_index"] as string[], how: "left" })
    .withColumns(pl.col("cards").fillNull(0))
    .withColumns(
      pl.col("cards").cast(pl.Float64).div(pl.col("cards").sum().over(keys[0], ...keys.slice(1))).alias(
        "share",
      ),
      pl.col("bin_index").mul(pl.lit(step)).round(10).alias("bin"),
    );
  return table.select(...by, "bin", "cards", "share");
}
