/**
 * Counting models by a property: the building block of the dataset overview (notebook 01) and `summary`.
 *
 * @module
 */
import pl from "nodejs-polars";

function isList(df: pl.DataFrame, column: string): boolean {
  return df.getColumn(column).dtype.variant === "List";
}

/**
 * Models per value of `column`, most frequent first (ties by value), with each value's share of all rows.
 * A missing value is its own group (null, last among equal counts). A list column (e.g. `licenses`) is grouped by the whole list joined
 * with "," (`cc-by-nc-4.0,apache-2.0`), an empty list counting as null, so every model counts once and shares
 * sum to 1; with `explode` a model counts once under each of its values instead.
 *
 * @param top keep the `top` most frequent values and fold the rest into one row named `(all others)`.
 * @param explode count list values one by one.
 * @example
 * ```ts
 * const models = pl.DataFrame({ library: ["transformers", null, "transformers"] });
 * countBy(models, "library").toRecords();
 * // [{ library: "transformers", count: 2, share: 0.667 }, { library: null, count: 1, share: 0.333 }]
 * ```
 */
export function countBy(
  df: pl.DataFrame,
  column: string,
  { top, explode = false }: { top?: number; explode?: boolean } = {},
): pl.DataFrame {
  const values = !isList(df, column)
    ? df.select(column)
    : explode
    ? df.select(column).explode(column)
    : df.select(
      pl.when(pl.col(column).lst.lengths().fillNull(0).eq(0)).then(pl.lit(null)).otherwise(
        pl.col(column).lst.join(","),
      ).alias(column),
    );
  const counts = values
    .groupBy(column)
    .agg(pl.len().cast(pl.Int64).alias("count"))
    .sort(["count", column], [true, false], true)
    .withColumns(pl.col("count").div(pl.lit(Math.max(df.height, 1))).alias("share"));
  if (top === undefined || counts.height <= top) return counts;
  const rest = counts.slice(top, counts.height - top);
  const other = pl.DataFrame({
    [column]: ["(all others)"],
    count: pl.Series("count", [rest.getColumn("count").sum()], pl.Int64),
    share: [rest.getColumn("share").sum()],
  });
  return pl.concat([counts.head(top), other]);
}

/**
 * Share of rows whose `column` is missing: null, or an empty list for list columns.
 *
 * @example
 * ```ts
 * shareMissing(pl.DataFrame({ pipeline_tag: ["fill-mask", null] }), "pipeline_tag"); // 0.5
 * ```
 */
export function shareMissing(df: pl.DataFrame, column: string): number {
  if (df.height === 0) return 0;
  const col = df.getColumn(column);
  const missing = isList(df, column)
    ? df.select(pl.col(column).lst.lengths().fillNull(0).eq(0).sum().alias("n")).getColumn("n").get(0)
    : col.nullCount();
  return Number(missing) / df.height;
}
