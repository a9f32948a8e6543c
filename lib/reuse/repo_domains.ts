/**
 * Downstream repositories by the problem domain of the PTMs they use (PeaTMOSS Fig. 9, `Plots/fig9.ipynb`): the
 * paper's rule and a clean variant, both over the same five domains as Fig. 8 (lib/hub/domains.ts).
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  HF_DOMAINS_PAPER,
  hfDomainsCleanRule,
  hfDomainsPaperRule,
  type TaskGrouping,
} from "../hub/domains.ts";

/**
 * One row per repository with `domain` by the paper's Fig. 9 rule, exactly: the tags of all the PTMs a
 * repository uses are concatenated into one string (the paper's `GROUP_CONCAT` per repository), and the Fig. 8
 * rule (`hfDomainsPaperRule`: substring test of every task, two or more domains → Multimodal) is applied to
 * that string. So a repository using an NLP model and a vision model is Multimodal, and so is one using a
 * single sentence-embedding model. A repository none of whose PTMs has a tag (e.g. all deleted since) gets an
 * empty `tag_string` and a null domain: the paper's `HAVING tags IS NOT NULL` leaves it out. Columns `repo`,
 * `models` (distinct PTMs), `domain`, `tag_string`.
 *
 * @param joined usages with the listed models' `tags` and `pipeline_tag` (output of `joinModels`).
 * @example
 * ```ts
 * const joined = pl.DataFrame({
 *   repo: ["a/x", "a/x", "b/y"], model_id: ["bert", "resnet", "bert"],
 *   tags: [["pytorch", "fill-mask"], ["image-classification"], ["pytorch", "fill-mask"]],
 *   pipeline_tag: ["fill-mask", "image-classification", "fill-mask"],
 * });
 * repoDomainsPaperRule(joined).select("repo", "domain").toRecords();
 * // [{ repo: "a/x", domain: "Multimodal" }, { repo: "b/y", domain: "NLP" }]
 * ```
 */
export function repoDomainsPaperRule(
  joined: pl.DataFrame,
  grouping: TaskGrouping = HF_DOMAINS_PAPER,
): pl.DataFrame {
  const perRepo = joined.select("repo", "model_id", "tags", "pipeline_tag")
    .unique({ subset: ["repo", "model_id"], keep: "first", maintainOrder: true })
    .groupBy("repo")
    .agg(
      pl.col("model_id").count().cast(pl.Int64).alias("models"),
      pl.col("tags").explode().dropNulls().alias("tags"),
      // The pipeline tags go into the same string as the tags, so the rule's own concatenation covers both.
      pl.col("pipeline_tag").dropNulls().str.concat(",").alias("pipeline_tag"),
    )
    .withColumns(
      pl.when(pl.col("pipeline_tag").eq(pl.lit(""))).then(pl.lit(null)).otherwise(pl.col("pipeline_tag"))
        .alias("pipeline_tag"),
    )
    .sort("repo");
  return hfDomainsPaperRule(perRepo, grouping).select("repo", "models", "domain", "tag_string");
}

/**
 * One row per repository with `domain` from the pipeline tags of its PTMs only (`hfDomainsCleanRule`, exact
 * match, one domain per PTM): the domain its PTMs share, `Multimodal` when they span two or more domains, null
 * when none of them has a domain. Columns `repo`, `models` (distinct PTMs), `domain`.
 *
 * @param joined usages with the listed models' `pipeline_tag` (output of `joinModels`).
 * @example
 * ```ts
 * const joined = pl.DataFrame({
 *   repo: ["a/x", "a/x", "b/y", "c/z"], model_id: ["bert", "st", "bert", "gone"],
 *   pipeline_tag: ["fill-mask", "sentence-similarity", "fill-mask", null],
 * });
 * repoDomainsCleanRule(joined).select("repo", "domain").toRecords();
 * // [{ repo: "a/x", domain: "NLP" }, { repo: "b/y", domain: "NLP" }, { repo: "c/z", domain: null }]
 * ```
 */
export function repoDomainsCleanRule(
  joined: pl.DataFrame,
  grouping: TaskGrouping = HF_DOMAINS_PAPER,
): pl.DataFrame {
  const links = hfDomainsCleanRule(
    joined.select("repo", "model_id", "pipeline_tag")
      .unique({ subset: ["repo", "model_id"], keep: "first", maintainOrder: true }),
    grouping,
  );
  return links.groupBy("repo")
    .agg(
      pl.col("model_id").count().cast(pl.Int64).alias("models"),
      pl.col("domain").dropNulls().unique().alias("domains"),
    )
    .select(
      pl.col("repo"),
      pl.col("models"),
      pl.when(pl.col("domains").lst.lengths().gt(1)).then(pl.lit("Multimodal"))
        .otherwise(pl.col("domains").lst.first()).cast(pl.String).alias("domain"),
    )
    .sort("repo");
}
