/**
 * All corpora as one: the corpora overlap (a popular model can be in several), so a pooled figure counts each
 * model once.
 *
 * @module
 */
import pl from "nodejs-polars";

/** Corpus label of the pooled rows. */
export const POOLED = "all (unique models)";

/**
 * `features` followed by a copy of its rows labelled {@linkcode POOLED} in `corpus`, keeping each `model_id`
 * once (its first row, so the corpus listed first wins).
 *
 * @example
 * ```ts
 * const f = pl.DataFrame({ corpus: ["a", "a", "b"], model_id: ["x", "y", "x"] });
 * withPooled(f).filter(pl.col("corpus").eq(pl.lit(POOLED))).getColumn("model_id").toArray(); // ["x", "y"]
 * ```
 */
export function withPooled(features: pl.DataFrame): pl.DataFrame {
  const pooled = features
    .unique({ subset: ["model_id"], keep: "first", maintainOrder: true })
    .withColumns(pl.lit(POOLED).alias("corpus"));
  return pl.concat([features, pooled.select(...features.columns)]);
}
