/**
 * Reading a PeaTMOSS.db file: opening it, checking it has the tables the import needs, and running queries whose
 * errors name the file.
 *
 * @module
 */
import { DatabaseSync, type SQLOutputValue } from "node:sqlite";

/** A file that is not a usable PeaTMOSS database. */
export class PeatmossDbError extends Error {
  override name = "PeatmossDbError";
}

// The tables and columns the import reads; anything else in the database is ignored.
const REQUIRED: Record<string, string[]> = {
  model: ["id", "context_id", "model_hub_id", "sha", "repo_url", "downloads", "likes", "has_snapshot"],
  model_hub: ["id", "name"],
  author: ["id", "name"],
  model_to_author: ["model_id", "author_id"],
  license: ["id", "name"],
  model_to_license: ["model_id", "license_id"],
  dataset: ["id", "name"],
  model_to_dataset: ["model_id", "dataset_id"],
  paper: ["id", "name"],
  model_to_paper: ["model_id", "paper_id"],
  library: ["id", "name"],
  model_to_library: ["model_id", "library_id"],
  tag: ["id", "name"],
  model_to_tag: ["model_id", "tag_id"],
  hf_commit: ["model_id", "created_at"],
  reuse_repository: ["id", "owner", "name"],
  model_to_reuse_repository: ["model_id", "reuse_repository_id"],
  reuse_file: ["id", "path", "model_id", "reuse_repository_id"],
};

/** One result row, as an array. */
export type Row = SQLOutputValue[];

/** Runs `sql` and returns its rows as arrays; errors name `where` (the file and table). */
export function rows(db: DatabaseSync, sql: string, where: string): Row[] {
  try {
    const stmt = db.prepare(sql);
    stmt.setReturnArrays(true);
    return stmt.all() as unknown as Row[];
  } catch (err) {
    throw new PeatmossDbError(`${where}: ${(err as Error).message}; expected the PeaTMOSS.sql schema`);
  }
}

/** Opens `path` read-only; throws {@linkcode PeatmossDbError} when it is missing or not SQLite. */
export function openPeatmossDb(path: string): DatabaseSync {
  try {
    Deno.statSync(path);
  } catch (err) {
    throw new PeatmossDbError(`${path}: cannot read the file (${(err as Error).message})`);
  }
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    // opening is lazy: the first read is what finds out whether the file is SQLite
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
    return db;
  } catch (err) {
    db?.close();
    const why = (err as Error).message;
    throw new PeatmossDbError(
      `${path}: not a SQLite database (${why}); expected PeaTMOSS.db, the metadata database`,
    );
  }
}

/** Throws {@linkcode PeatmossDbError} naming the first table or column the import needs that `db` lacks. */
export function checkSchema(db: DatabaseSync, path: string): void {
  const stmt = db.prepare("SELECT name FROM pragma_table_info(?)");
  for (const [table, wanted] of Object.entries(REQUIRED)) {
    const have = stmt.all(table).map((r) => String(r.name));
    if (have.length === 0) {
      throw new PeatmossDbError(
        `${path}: table ${table} is missing; expected the PeaTMOSS.sql schema (is this the PeaTMOSS metadata DB?)`,
      );
    }
    const missing = wanted.filter((c) => !have.includes(c));
    if (missing.length > 0) {
      throw new PeatmossDbError(
        `${path}: table ${table} has no column ${missing.join(", ")} (it has ${have.join(", ")}); ` +
          `expected the PeaTMOSS.sql schema`,
      );
    }
  }
}
