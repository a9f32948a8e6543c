/**
 * The most reused PTMs: models ranked by how many downstream repositories use them.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * The `top` models by number of distinct repositories using them, most first, ties by model id. Columns
 * `rank`, `model_id`, `repos`, `repos_share` (of all the repositories in `usages`), then the `keep` columns
 * (their first value per model, e.g. `listed_id` from `joinModels`).
 *
 * @param usages needs `repo` and `model_id`; a usage without model id is not counted.
 * @param top how many models to list. @default 20
 * @param keep columns of `usages` to carry along per model.
 * @example
 * ```ts
 * const usages = pl.DataFrame({ repo: ["a/x", "b/y", "b/y", "c/z"], model_id: ["gpt2", "gpt2", "t5-base", "gpt2"] });
 * topModelsByRepos(usages, { top: 2 }).toRecords();
 * // [{ rank: 1, model_id: "gpt2", repos: 3, repos_share: 1 },
 * //  { rank: 2, model_id: "t5-base", repos: 1, repos_share: 0.333 }]
 * ```
 */
export function topModelsByRepos(
  usages: pl.DataFrame,
  { top = 20, keep = [] }: { top?: number; keep?: readonly string[] } = {},
): pl.DataFrame {
  const used = usages.filter(pl.col("model_id").isNotNull());
  const allRepos = Math.max(1, used.getColumn("repo").nUnique());
  return used.groupBy("model_id")
    .agg(pl.col("repo").nUnique().cast(pl.Int64).alias("repos"), ...keep.map((c) => pl.col(c).first()))
    .sort(["repos", "model_id"], [true, false])
    .head(top)
    .withRowIndex("rank", 1)
    .select(
      pl.col("rank").cast(pl.Int64),
      pl.col("model_id"),
      pl.col("repos"),
      pl.col("repos").div(allRepos).alias("repos_share"),
      ...keep.map((c) => pl.col(c)),
    );
}
