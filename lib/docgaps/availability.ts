/**
 * Availability: the share of cards that document an item (a metadata field, a canonical section), the measure
 * of PeaTMOSS Fig. 7 ("Proportion of available data" per metadata field, sorted).
 *
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@linkcode availability}. */
export interface AvailabilityOptions {
  /** Prefix of the boolean columns to count, e.g. `field_` or `section_`; it is dropped from the item names. */
  prefix: string;
  /** Group column(s), e.g. `corpus`: shares are within each group. @default none: all rows */
  by?: readonly string[];
}

/**
 * For every boolean column named `<prefix><item>`: `item`, `count` of rows where it is true, `cards` (rows of
 * the group) and `share` = count / cards; per group of `by` (groups in order of first appearance), most
 * available first (ties by item name), like Fig. 7's sorted bars. A null counts as not documented.
 *
 * @example
 * ```ts
 * const features = pl.DataFrame({ field_license: [true, true, false], field_paper: [false, true, false] });
 * availability(features, { prefix: "field_" }).toRecords();
 * // [{ item: "license", count: 2, cards: 3, share: 0.667 }, { item: "paper", count: 1, cards: 3, share: 0.333 }]
 * ```
 */
export function availability(features: pl.DataFrame, { prefix, by = [] }: AvailabilityOptions): pl.DataFrame {
  const columns = features.columns.filter((c) => c.startsWith(prefix));
  if (columns.length === 0) {
    throw new Error(
      `availability: no column starts with "${prefix}"; columns are ${features.columns.join(", ")}`,
    );
  }
  // groups keep their order of first appearance (so a chart's legend follows the input)
  const firstRow = by.length === 0 ? pl.lit(0) : pl.col("_row").min().over(by[0], ...by.slice(1));
  const long = features
    .withRowIndex("_row")
    .select(firstRow.alias("_group"), ...by, ...columns.map((c) => pl.col(c).fillNull(false).cast(pl.Int64)))
    .unpivot(["_group", ...by], columns, { variableName: "column", valueName: "documented" });
  return long
    .groupBy(["_group", ...by, "column"])
    .agg(pl.col("documented").sum().alias("count"), pl.len().cast(pl.Int64).alias("cards"))
    .withColumns(
      pl.col("column").str.slice(prefix.length).alias("item"),
      pl.col("count").cast(pl.Float64).div(pl.col("cards")).alias("share"),
    )
    .sort(["_group", "share", "item"], [false, true, false])
    .select(...by, "item", "count", "cards", "share");
}
