/**
 * Repository → PTM links ready for the canonical store and the PeaTMOSS export: usages whose model ids are
 * those of a model listing, beside the listed models they use and the repositories using them.
 *
 * @module
 */
import pl from "nodejs-polars";
import { conform } from "../store/conform.ts";
import { joinModels } from "./join_models.ts";

/** The three canonical tables of a reuse dataset. */
export interface ReuseTables {
  /** The listed models that at least one usage uses (all columns of the listing). */
  models: pl.DataFrame;
  /** One row per repository of the usages, `url` = `https://github.com/<repo>`. */
  repos: pl.DataFrame;
  /** The usages, conformed, `model_id` replaced by the listed id where the listing has the model. */
  usages: pl.DataFrame;
}

/**
 * Canonical tables for `usages` against the listing `models`: each usage's `model_id` becomes the id under
 * which `joinModels` finds it in the listing (`bert-base-uncased` → `google-bert/bert-base-uncased`), so
 * `models.id` and `usages.model_id` meet, as the schema and `writePeatmossDb` expect. A usage whose model the
 * listing lacks keeps its id (the export then skips it and says so). The id as the code wrote it stays in
 * `argument`.
 *
 * @param usages a `usages` table (`mappingUsages`, `readDetections`, ...).
 * @param models a canonical `models` table.
 * @example
 * ```ts
 * const models = conform("models", pl.DataFrame({ id: ["openai-community/gpt2"], hub: ["huggingface"], downloads: [5] }));
 * const t = reuseTables(mappingUsages([{ repo: "a/b", model: "gpt2" }]), models);
 * t.usages.select("model_id", "argument").toRecords(); // [{ model_id: "openai-community/gpt2", argument: "gpt2" }]
 * t.models.height; // 1
 * ```
 */
export function reuseTables(usages: pl.DataFrame, models: pl.DataFrame): ReuseTables {
  const conformed = conform("usages", usages);
  const listed = joinModels(conformed, models, { columns: [] });
  const out = conform(
    "usages",
    listed.withColumns(pl.col("listed_id").fillNull(pl.col("model_id")).alias("model_id"))
      .drop("listed_id", "id_match"),
  );
  const used = models.join(
    out.select(pl.col("model_id").alias("id")).filter(pl.col("id").isNotNull()).unique(),
    { on: "id", how: "semi" },
  );
  const repos = conformed.select("repo").unique({ keep: "first", maintainOrder: true })
    .withColumns(pl.concatString([pl.lit("https://github.com/"), pl.col("repo")], "").alias("url"));
  return { models: conform("models", used), repos: conform("repos", repos), usages: out };
}
