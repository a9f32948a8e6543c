/**
 * Joining usages (repo → model id, as written in the code or the mapping) with a later model listing. Ids drift:
 * HF ids are case-insensitive, legacy ids moved into organisations, and models are deleted or renamed.
 *
 * @module
 */
import pl from "nodejs-polars";
import { legacyAliases } from "./legacy_aliases.ts";

/** How a usage's model id was found in the listing, in the order tried. */
export const ID_MATCHES = ["exact", "case", "alias", "missing"] as const;

/** One of {@linkcode ID_MATCHES}. */
export type IdMatch = (typeof ID_MATCHES)[number];

/**
 * `usages` with `listed_id` (the model's id in `models`, null when not found), `id_match` (see
 * {@linkcode ID_MATCHES}: the same id, the same id but for case, the alias of a legacy id by
 * `legacyAliases`, or not found: deleted, renamed, or never an HF id) and the `columns` of the listed model
 * (null when not found). A usage without `model_id` gets null `id_match`.
 *
 * @param usages needs `model_id`; other columns are kept.
 * @param models the listing: `id`, `downloads` and `columns`.
 * @param columns model columns to bring in. @default ["tags", "pipeline_tag"]
 * @example
 * ```ts
 * const models = pl.DataFrame({
 *   id: ["google-bert/bert-base-uncased", "spacy/en_core_web_sm"], downloads: [9, 1], pipeline_tag: ["fill-mask", null],
 * });
 * const usages = pl.DataFrame({ repo: ["a/b", "a/b", "c/d"], model_id: ["bert-base-uncased", "spaCy/en_core_web_sm", "gone"] });
 * joinModels(usages, models, { columns: ["pipeline_tag"] }).toRecords();
 * // [{ repo: "a/b", model_id: "bert-base-uncased", listed_id: "google-bert/bert-base-uncased", id_match: "alias", pipeline_tag: "fill-mask" },
 * //  { repo: "a/b", model_id: "spaCy/en_core_web_sm", listed_id: "spacy/en_core_web_sm", id_match: "case", pipeline_tag: null },
 * //  { repo: "c/d", model_id: "gone", listed_id: null, id_match: "missing", pipeline_tag: null }]
 * ```
 */
export function joinModels(
  usages: pl.DataFrame,
  models: pl.DataFrame,
  { columns = ["tags", "pipeline_tag"] }: { columns?: readonly string[] } = {},
): pl.DataFrame {
  const ids = usages.select(pl.col("model_id").cast(pl.String)).filter(pl.col("model_id").isNotNull())
    .unique()
    .withColumns(pl.col("model_id").str.toLowerCase().alias("key"));
  const exact = models.select(pl.col("id").alias("model_id"), pl.col("id").alias("exact_id"));
  // The first id in sort order when two listed ids differ only by case, so every run resolves them alike.
  const byCase = models.select(pl.col("id").str.toLowerCase().alias("key"), pl.col("id").alias("case_id"))
    .join(ids.select("key"), { on: "key", how: "semi" })
    .sort("case_id")
    .unique({ subset: ["key"], keep: "first" });
  const aliases = legacyAliases(ids.getColumn("model_id").toArray() as string[], models)
    .select(pl.col("legacy_id").alias("model_id"), pl.col("alias"));
  const lookup = ids.join(exact, { on: "model_id", how: "left" })
    .join(byCase, { on: "key", how: "left" })
    .join(aliases, { on: "model_id", how: "left" })
    .select(
      pl.col("model_id"),
      pl.col("exact_id").fillNull(pl.col("case_id")).fillNull(pl.col("alias")).alias("listed_id"),
      pl.when(pl.col("exact_id").isNotNull()).then(pl.lit("exact"))
        .when(pl.col("case_id").isNotNull()).then(pl.lit("case"))
        .when(pl.col("alias").isNotNull()).then(pl.lit("alias"))
        .otherwise(pl.lit("missing")).cast(pl.String).alias("id_match"),
    );
  const listed = models.select(pl.col("id").alias("listed_id"), ...columns.map((c) => pl.col(c)))
    .join(lookup.select("listed_id"), { on: "listed_id", how: "semi" });
  return usages.join(lookup, { on: "model_id", how: "left" })
    .join(listed, { on: "listed_id", how: "left" });
}

/**
 * How usages' model ids matched the listing: one row per kind of {@linkcode ID_MATCHES} (all four, zeros
 * included) with `model_ids` (distinct ids), `model_ids_share`, `links` (usages), `links_share` and `repos`
 * (distinct repos with at least one such link), then a `total` row.
 *
 * @param joined output of {@linkcode joinModels}, with `repo`.
 * @example
 * ```ts
 * idMatchCounts(joinModels(usages, models)).toRecords()[0];
 * // { id_match: "exact", model_ids: 1431, model_ids_share: 0.946, links: 17283, links_share: 0.756, repos: 6000 }
 * ```
 */
export function idMatchCounts(joined: pl.DataFrame): pl.DataFrame {
  const rows = joined.filter(pl.col("id_match").isNotNull()).select("repo", "model_id", "id_match");
  const count = (kind: string | null) => {
    const part = kind === null ? rows : rows.filter(pl.col("id_match").eq(pl.lit(kind)));
    return [part.getColumn("model_id").nUnique(), part.height, part.getColumn("repo").nUnique()];
  };
  const kinds = [...ID_MATCHES, null];
  const counts = kinds.map(count);
  const [allIds, allLinks] = counts.at(-1)!;
  return pl.DataFrame({
    id_match: pl.Series("id_match", kinds.map((k) => k ?? "total"), pl.String),
    model_ids: pl.Series("model_ids", counts.map((c) => c[0]), pl.Int64),
    model_ids_share: counts.map((c) => c[0] / Math.max(1, allIds)),
    links: pl.Series("links", counts.map((c) => c[1]), pl.Int64),
    links_share: counts.map((c) => c[1] / Math.max(1, allLinks)),
    repos: pl.Series("repos", counts.map((c) => c[2]), pl.Int64),
  });
}
