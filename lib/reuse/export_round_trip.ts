/**
 * Repository → PTM links through the PeaTMOSS format and back: what a PeaTMOSS.db user finds of them in
 * `reuse_repository`, `model_to_reuse_repository` and `reuse_file`, and what ptmscope reads back.
 *
 * @module
 */
import pl from "nodejs-polars";
import { readPeatmossDb } from "../sources/peatmoss_db.ts";
import { writePeatmossDb } from "../store/peatmoss_export.ts";
import type { ReuseTables } from "./reuse_tables.ts";

/** What {@linkcode reuseRoundTrip} found. */
export interface ReuseRoundTrip {
  /**
   * One row per measure: `measure` (models, repositories, repository–model links, usages with a file),
   * `store` (in the tables given), `peatmoss_db` (rows of `model`, `reuse_repository`,
   * `model_to_reuse_repository`, `reuse_file`) and `read_back` (in the tables `readPeatmossDb` returns).
   */
  counts: pl.DataFrame;
  /** What the export skipped or changed, from `writePeatmossDb`. */
  notes: string[];
}

function links(usages: pl.DataFrame): number {
  return usages.filter(pl.col("model_id").isNotNull()).unique({ subset: ["repo", "model_id"] }).height;
}

function filedUsages(usages: pl.DataFrame): number {
  return usages.filter(pl.col("model_id").isNotNull().and(pl.col("file").isNotNull()))
    .unique({ subset: ["repo", "model_id", "file"] }).height;
}

/**
 * Writes `tables` as a PeaTMOSS-compatible database at `dbPath`, reads it back with `readPeatmossDb` and counts
 * each side. Links of usages whose model is not in `tables.models` are not exported (see `notes`); a reuse
 * file is one row per (repository, model, file), several calls in it being one.
 *
 * @example
 * ```ts
 * const { counts } = await reuseRoundTrip(reuseTables(usages, models), "/tmp/reuse.db");
 * counts.toRecords()[2];
 * // { measure: "repository–model links", store: 22860, peatmoss_db: 22754, read_back: 22754 }
 * ```
 */
export async function reuseRoundTrip(tables: ReuseTables, dbPath: string): Promise<ReuseRoundTrip> {
  const exported = await writePeatmossDb(tables, dbPath);
  const back = (await readPeatmossDb(dbPath)).tables;
  const t = exported.tables;
  const rows: [string, number, number, number][] = [
    ["models", tables.models.height, t.model, back.models!.height],
    ["repositories", tables.repos.height, t.reuse_repository, back.repos!.height],
    ["repository–model links", links(tables.usages), t.model_to_reuse_repository, links(back.usages!)],
    ["usages with a file", filedUsages(tables.usages), t.reuse_file, filedUsages(back.usages!)],
  ];
  return {
    counts: pl.DataFrame({
      measure: rows.map((r) => r[0]),
      store: pl.Series("store", rows.map((r) => r[1]), pl.Int64),
      peatmoss_db: pl.Series("peatmoss_db", rows.map((r) => r[2]), pl.Int64),
      read_back: pl.Series("read_back", rows.map((r) => r[3]), pl.Int64),
    }),
    notes: exported.notes,
  };
}
