/**
 * What each corpus holds before any analysis: how many models, how many with a card, where the cards' front
 * matter comes from and how many have known popularity — the denominators of every other table.
 *
 * @module
 */
import pl from "nodejs-polars";
import { aggInOrder } from "./_group.ts";

/**
 * Per `corpus` of a `cardFeatures` frame, in order of first appearance: `models`, `with_card`,
 * `front_matter_card` (cards with their own YAML), `front_matter_tags` (rebuilt from hub tags),
 * `with_downloads` (popularity known), `median_words` of the cards.
 *
 * @example
 * ```ts
 * corpusOverview(cardFeatures(await loadCardCorpora()));
 * // [{ corpus: "yinan", models: 3432, with_card: 3432, front_matter_card: 3284, ... }, ...]
 * ```
 */
export function corpusOverview(features: pl.DataFrame): pl.DataFrame {
  const count = (e: pl.Expr) => e.cast(pl.Int64).sum();
  const source = (s: string) => count(pl.col("front_matter").eq(pl.lit(s)));
  return aggInOrder(
    features,
    ["corpus"],
    pl.len().cast(pl.Int64).alias("models"),
    count(pl.col("has_card")).alias("with_card"),
    source("card").alias("front_matter_card"),
    source("hub tags").alias("front_matter_tags"),
    count(pl.col("downloads").isNotNull()).alias("with_downloads"),
    pl.col("words").filter(pl.col("has_card")).median().alias("median_words"),
  );
}
