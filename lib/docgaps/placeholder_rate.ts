/**
 * How often cards carry template text in place of documentation: `[More Information Needed]` and the like, and
 * sections whose heading is there but whose text is only placeholders.
 *
 * @module
 */
import pl from "nodejs-polars";
import { aggInOrder } from "./_group.ts";

/**
 * Per group of `by`, over the rows with a card (`has_card`): `cards`, `with_placeholders` (cards with at least
 * one placeholder) and its `share`, `placeholders` in total and `per_card` on average, `with_empty_sections`
 * (cards with a canonical section left empty) and its `share_empty_sections`. Expects the columns `has_card`,
 * `placeholders` and `empty_sections` of `cardFeatures`.
 *
 * @example
 * ```ts
 * const f = pl.DataFrame({ has_card: [true, true, false], placeholders: [0, 4, 0], empty_sections: [0, 2, 0] });
 * placeholderRate(f).toRecords();
 * // [{ cards: 2, with_placeholders: 1, share: 0.5, placeholders: 4, per_card: 2,
 * //    with_empty_sections: 1, share_empty_sections: 0.5 }]
 * ```
 */
export function placeholderRate(
  features: pl.DataFrame,
  { by = [] }: { by?: readonly string[] } = {},
): pl.DataFrame {
  const cards = features.filter(pl.col("has_card"));
  const agg = [
    pl.len().cast(pl.Int64).alias("cards"),
    pl.col("placeholders").gt(0).cast(pl.Int64).sum().alias("with_placeholders"),
    pl.col("placeholders").cast(pl.Int64).sum().alias("placeholders"),
    pl.col("empty_sections").gt(0).cast(pl.Int64).sum().alias("with_empty_sections"),
  ];
  const share = (count: string) => pl.col(count).cast(pl.Float64).div(pl.col("cards"));
  return aggInOrder(cards, by, ...agg)
    .withColumns(
      share("with_placeholders").alias("share"),
      share("placeholders").alias("per_card"),
      share("with_empty_sections").alias("share_empty_sections"),
    )
    .select(
      ...by,
      "cards",
      "with_placeholders",
      "share",
      "placeholders",
      "per_card",
      "with_empty_sections",
      "share_empty_sections",
    );
}
