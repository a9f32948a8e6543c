/**
 * Grouped aggregation that keeps groups in order of first appearance (nodejs-polars' groupBy has no
 * `maintainOrder`), and treats "no group columns" as one group over all rows.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * `df.groupBy(by).agg(...aggs)`, groups in order of first appearance; with `by` empty, one row over all of `df`.
 *
 * @example
 * ```ts
 * aggInOrder(pl.DataFrame({ g: ["b", "a", "b"] }), ["g"], pl.len().alias("n")).toRecords();
 * // [{ g: "b", n: 2 }, { g: "a", n: 1 }]
 * ```
 */
export function aggInOrder(df: pl.DataFrame, by: readonly string[], ...aggs: pl.Expr[]): pl.DataFrame {
  if (by.length === 0) return df.select(...aggs);
  return df.withRowIndex("_first_row").groupBy([...by]).agg(pl.col("_first_row").min(), ...aggs)
    .sort("_first_row").drop("_first_row");
}
