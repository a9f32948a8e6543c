/**
 * Popularity for corpora that do not record it (yinan, mctidy): downloads and likes taken from a hub listing of
 * another date, by model id.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * Fills the null `downloads` and `likes` of `cards` from `models` (a `models` table of the canonical store: `id`,
 * `downloads`, `likes`), and adds `popularity_source`: `corpus` when the corpus gave the numbers, `label` when
 * they came from `models`, null when the model is in neither. Row order is kept.
 *
 * @example
 * ```ts
 * const { models } = await openDataset("hf-2024-07-11", { tables: ["models"] });
 * withHubPopularity(cards, models, "hf-2024-07-11").groupBy("popularity_source").len();
 * ```
 */
export function withHubPopularity(cards: pl.DataFrame, models: pl.DataFrame, label: string): pl.DataFrame {
  const hub = models.select(
    pl.col("id").alias("model_id"),
    pl.col("downloads").cast(pl.Float64).alias("_hub_downloads"),
    pl.col("likes").cast(pl.Float64).alias("_hub_likes"),
  ).unique({ subset: ["model_id"], keep: "first" });
  const known = pl.col("downloads").isNotNull();
  return cards
    .join(hub, { on: "model_id", how: "left" })
    .withColumns(
      pl.when(known).then(pl.lit("corpus"))
        .when(pl.col("_hub_downloads").isNotNull()).then(pl.lit(label))
        .otherwise(pl.lit(null).cast(pl.Utf8)).alias("popularity_source"),
      pl.when(known).then(pl.col("downloads")).otherwise(pl.col("_hub_downloads")).alias("downloads"),
      pl.when(known).then(pl.col("likes")).otherwise(pl.col("_hub_likes")).alias("likes"),
    )
    .drop("_hub_downloads", "_hub_likes");
}
