/**
 * The PeaTMOSS repo → PTM mapping (`mapping.csv` of the artifact's license analysis) as a canonical `usages`
 * table, so downstream-reuse analyses read the artifact's links and our own detector's output the same way.
 *
 * @module
 */
import pl from "nodejs-polars";
import { pinnedLicenseInput } from "../licenses/load_inputs.ts";
import { parseMapping, type Relation } from "../licenses/inputs.ts";
import { conform } from "../store/conform.ts";

/**
 * The mapping's links as a `usages` table: one row per distinct (repo, model) pair, `hub` = `huggingface`,
 * `argument` = the model id as the mapping writes it, `resolution` = `literal` (PeaTMOSS' static analysis
 * matched string literals against model ids, as `readPeatmossDb` also records), the other call-site columns
 * null (the mapping does not give them). The pair is the unit because the license column is dropped: the
 * artifact lists one pair twice, once per license of a model that declares two.
 *
 * @param rows output of `parseMapping` (lib/licenses/inputs.ts).
 * @example
 * ```ts
 * mappingUsages([{ repo: "a/b", model: "gpt2" }]).select("repo", "model_id", "hub", "resolution").toRecords();
 * // [{ repo: "a/b", model_id: "gpt2", hub: "huggingface", resolution: "literal" }]
 * ```
 */
export function mappingUsages(rows: readonly Pick<Relation, "repo" | "model">[]): pl.DataFrame {
  const links = pl.DataFrame({
    repo: pl.Series("repo", rows.map((r) => r.repo), pl.String),
    model_id: pl.Series("model_id", rows.map((r) => r.model), pl.String),
  }).unique({ subset: ["repo", "model_id"], keep: "first", maintainOrder: true });
  return conform(
    "usages",
    links.withColumns(
      pl.lit("huggingface").alias("hub"),
      pl.col("model_id").alias("argument"),
      pl.lit("literal").alias("resolution"),
    ),
  );
}

/**
 * Reads the mapping as a `usages` table: from `path` when given, otherwise the artifact's pinned copy (catalog
 * group `peatmoss-license-analysis`, fetched into data/cache when missing). Also returns where it was read and
 * its number of rows, before pairs are deduplicated.
 *
 * @example
 * ```ts
 * const { usages, rows } = await loadMappingUsages(); // 22,860 distinct links from 22,861 rows
 * ```
 */
export async function loadMappingUsages(
  path?: string,
): Promise<{ usages: pl.DataFrame; rows: number; where: string }> {
  const { where, text } = path
    ? { where: path, text: await Deno.readTextFile(path) }
    : await pinnedLicenseInput("mapping.csv").then((i) => ({
      where: i.where,
      text: new TextDecoder().decode(i.bytes),
    }));
  const rows = parseMapping(text, where);
  return { usages: mappingUsages(rows), rows: rows.length, where };
}
