/**
 * How links spread: PTMs per downstream repository and repositories per PTM, as per-key counts, a summary
 * (mean, median, ...) and a histogram over count buckets. A link is a distinct (repository, PTM) pair.
 *
 * @module
 */
import pl from "nodejs-polars";
import { authorSizes } from "../hub/composition.ts";

/**
 * For each distinct value of `key` (`repo` or `model_id`), the number of distinct values of the other column
 * linked to it: PTMs per repository (`key = "repo"`) or repositories per PTM (`key = "model_id"`). Columns
 * `<key>` and `count`, largest first, ties by key. Usages without a model id are left out.
 *
 * @example
 * ```ts
 * const usages = pl.DataFrame({ repo: ["a/x", "a/x", "b/y"], model_id: ["gpt2", "t5-base", "gpt2"] });
 * linksPer(usages, "repo").toRecords(); // [{ repo: "a/x", count: 2 }, { repo: "b/y", count: 1 }]
 * linksPer(usages, "model_id").toRecords(); // [{ model_id: "gpt2", count: 2 }, { model_id: "t5-base", count: 1 }]
 * ```
 */
export function linksPer(usages: pl.DataFrame, key: "repo" | "model_id"): pl.DataFrame {
  const other = key === "repo" ? "model_id" : "repo";
  return usages.filter(pl.col("model_id").isNotNull())
    .groupBy(key)
    .agg(pl.col(other).nUnique().cast(pl.Int64).alias("count"))
    .sort(["count", key], [true, false]);
}

/**
 * A one-row summary of {@linkcode linksPer}: `keys` (how many repositories or PTMs), `links` (distinct
 * repo–PTM pairs), `mean`, `median`, `p90` (links per key), `max` and `max_key` (the key with the most links;
 * the first by key on ties).
 *
 * @example
 * ```ts
 * const usages = pl.DataFrame({ repo: ["a/x", "a/x", "b/y"], model_id: ["gpt2", "t5-base", "gpt2"] });
 * linksSummary(usages, "repo").toRecords();
 * // [{ keys: 2, links: 3, mean: 1.5, median: 1.5, p90: 2, max: 2, max_key: "a/x" }]
 * ```
 */
export function linksSummary(usages: pl.DataFrame, key: "repo" | "model_id"): pl.DataFrame {
  const perKey = linksPer(usages, key);
  return perKey.select(
    pl.len().cast(pl.Int64).alias("keys"),
    pl.col("count").sum().cast(pl.Int64).alias("links"),
    pl.col("count").mean().alias("mean"),
    pl.col("count").median().alias("median"),
    // "nearest": a count is a whole number of links, so its percentile should be one too.
    pl.col("count").quantile(0.9, "nearest").cast(pl.Float64).alias("p90"),
    pl.col("count").max().cast(pl.Int64).alias("max"),
    pl.col(key).first().alias("max_key"),
  );
}

/**
 * {@linkcode linksPer} bucketed: bucket `k` holds the keys with `edges[k]` up to `edges[k + 1] - 1` links, the
 * last is open. Columns `bucket` (e.g. "3–5", "1,001+"), `keys`, `keys_share`, `links`, `links_share`: e.g. how
 * many PTMs have 2 dependent repositories, and what share of all links they carry.
 *
 * @param edges ascending lower bounds of the buckets, starting at 1. @default [1, 2, 3, 6, 11, 101, 1001]
 * @example
 * ```ts
 * const usages = pl.DataFrame({ repo: ["a/x", "a/x", "a/x", "b/y"], model_id: ["m1", "m2", "m3", "m1"] });
 * linksBuckets(usages, "repo", { edges: [1, 2] }).toRecords();
 * // [{ bucket: "1", keys: 1, keys_share: 0.5, links: 1, links_share: 0.25 },
 * //  { bucket: "2+", keys: 1, keys_share: 0.5, links: 3, links_share: 0.75 }]
 * ```
 */
export function linksBuckets(
  usages: pl.DataFrame,
  key: "repo" | "model_id",
  { edges = [1, 2, 3, 6, 11, 101, 1001] }: { edges?: readonly number[] } = {},
): pl.DataFrame {
  const links = usages.filter(pl.col("model_id").isNotNull()).unique({ subset: ["repo", "model_id"] });
  // authorSizes buckets the rows of each value of `author`: with one row per link keyed by `key`, that is
  // exactly links per key.
  return authorSizes(links.select(pl.col(key).alias("author")), { edges })
    .rename({ authors: "keys", authors_share: "keys_share", models: "links", models_share: "links_share" });
}

/** The two directions of {@linkcode fanOutBuckets}, as its `direction` column names them. */
export const FAN_OUT_DIRECTIONS = { repo: "PTMs per repository", model_id: "repositories per PTM" } as const;

/**
 * {@linkcode linksBuckets} both ways in one long table, for one chart: the rows for PTMs per repository, then
 * for repositories per PTM, each with `direction` (see {@linkcode FAN_OUT_DIRECTIONS}) first.
 *
 * @example
 * ```ts
 * const usages = pl.DataFrame({ repo: ["a/x", "a/x", "b/y"], model_id: ["m1", "m2", "m1"] });
 * fanOutBuckets(usages, { edges: [1, 2] }).select("direction", "bucket", "keys").toRecords();
 * // [{ direction: "PTMs per repository", bucket: "1", keys: 1 }, { direction: "PTMs per repository", bucket: "2+", keys: 1 },
 * //  { direction: "repositories per PTM", bucket: "1", keys: 1 }, { direction: "repositories per PTM", bucket: "2+", keys: 1 }]
 * ```
 */
export function fanOutBuckets(
  usages: pl.DataFrame,
  options: { edges?: readonly number[] } = {},
): pl.DataFrame {
  return pl.concat((["repo", "model_id"] as const).map((key) => {
    const buckets = linksBuckets(usages, key, options);
    return buckets.select(pl.lit(FAN_OUT_DIRECTIONS[key]).alias("direction"), ...buckets.columns);
  }));
}
