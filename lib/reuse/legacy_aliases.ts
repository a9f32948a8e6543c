/**
 * Legacy Hugging Face ids: the early canonical models had no owner (`bert-base-uncased`, `gpt2`). In 2024 HF
 * moved them into organisations (`google-bert/bert-base-uncased`, `openai-community/gpt2`) and kept the old id
 * as a redirect, so a listing made after the move no longer holds the legacy id.
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * Where each legacy id (no `owner/`) that the listing `models` no longer holds, even case-insensitively, went:
 * the listed `owner/<same name>` (names compared case-insensitively) with the most downloads, ties by id.
 * Most downloads, because the legacy id redirects to the moved repository, which therefore keeps the old id's
 * traffic, while copies of the model under other owners have little. Columns `legacy_id`, `alias`,
 * `candidates` (listed ids with that name), `downloads` (the alias's) and `runner_up_downloads` (the next
 * candidate's, null when there is none), to judge how clear the choice was. A legacy id whose name no listed id
 * carries has no row.
 *
 * @param ids model ids as used (duplicates allowed); ids with an owner are ignored.
 * @param models the listing: `id` and `downloads`.
 * @example
 * ```ts
 * const models = pl.DataFrame({
 *   id: ["google-bert/bert-base-uncased", "someone/bert-base-uncased", "gpt2"],
 *   downloads: [51_000_000, 12, 7],
 * });
 * legacyAliases(["bert-base-uncased", "gpt2", "org/x"], models).toRecords();
 * // [{ legacy_id: "bert-base-uncased", alias: "google-bert/bert-base-uncased", candidates: 2,
 * //    downloads: 51000000, runner_up_downloads: 12 }]
 * ```
 */
export function legacyAliases(ids: readonly string[], models: pl.DataFrame): pl.DataFrame {
  const lower = (c: string) => pl.col(c).str.toLowerCase();
  const wanted = pl.DataFrame({ legacy_id: pl.Series("legacy_id", [...new Set(ids)], pl.String) })
    .filter(pl.col("legacy_id").str.contains("/", true).not())
    .withColumns(lower("legacy_id").alias("name"))
    .join(models.select(lower("id").alias("name")), { on: "name", how: "anti" });
  const owned = models.filter(pl.col("id").str.contains("/", true))
    .select(
      pl.col("id"),
      pl.col("downloads").cast(pl.Int64),
      pl.col("id").str.split("/").lst.last().str.toLowerCase().alias("name"),
    );
  // Rows keep their order inside a group, so `first` is the most downloaded candidate.
  return wanted.join(owned, { on: "name", how: "inner" })
    .sort(["legacy_id", "downloads", "id"], [false, true, false], true)
    .groupBy("legacy_id")
    .agg(
      pl.col("id").first().alias("alias"),
      pl.len().cast(pl.Int64).alias("candidates"),
      pl.col("downloads").first().alias("downloads"),
      pl.col("downloads").slice(1, 1).first().alias("runner_up_downloads"),
    )
    .sort("legacy_id");
}
