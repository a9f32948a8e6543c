/**
 * Whether a model has a card at all, by popularity: the documentation gap before any content is read.
 *
 * @module
 */
import pl from "nodejs-polars";
import { bucketRank, popularityBucket } from "./popularity.ts";

/** Column names of {@linkcode cardPresenceByPopularity}'s input. */
export interface CardPresenceColumns {
  /** Downloads column. @default "downloads" */
  downloads?: string;
  /** Boolean column: the model has a model card. @default "has_modelcard" (weixin model_info.parquet) */
  hasCard?: string;
}

/**
 * Models per downloads bucket, how many have a card and their share, least popular first, then a last row
 * `all` over every model (models with unknown downloads only count there).
 *
 * @example
 * ```ts
 * const info = pl.DataFrame({ downloads: [0, 0, 5000], has_modelcard: [false, true, true] });
 * cardPresenceByPopularity(info).toRecords();
 * // [{ bucket: "0", models: 2, with_card: 1, share: 0.5 },
 * //  { bucket: "100–9,999", models: 1, with_card: 1, share: 1 },
 * //  { bucket: "all", models: 3, with_card: 2, share: 0.667 }]
 * ```
 */
export function cardPresenceByPopularity(
  models: pl.DataFrame,
  { downloads = "downloads", hasCard = "has_modelcard" }: CardPresenceColumns = {},
): pl.DataFrame {
  const agg = [
    pl.len().cast(pl.Int64).alias("models"),
    pl.col(hasCard).cast(pl.Int64).sum().alias("with_card"),
  ];
  const byBucket = models
    .select(popularityBucket(downloads), pl.col(hasCard).fillNull(false))
    .filter(pl.col("bucket").isNotNull())
    .groupBy("bucket")
    .agg(...agg)
    .withColumns(bucketRank())
    .sort("bucket_rank")
    .drop("bucket_rank");
  const all = models.select(pl.lit("all").alias("bucket"), pl.col(hasCard).fillNull(false)).groupBy("bucket")
    .agg(...agg);
  return pl.concat([byBucket, all]).withColumns(
    pl.col("with_card").cast(pl.Float64).div(pl.col("models")).alias("share"),
  );
}
