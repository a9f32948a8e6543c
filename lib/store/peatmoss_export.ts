/**
 * Writing a canonical dataset as a PeaTMOSS-compatible SQLite database, so the paper's own queries and
 * notebooks run on any ptmscope dataset.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import pl from "nodejs-polars";
import { HF_PIPELINE_TASKS } from "../sources/hf_tasks.ts";
import { conform } from "./conform.ts";

const SCHEMA = new URL("./peatmoss_schema.sql", import.meta.url);

// Lists travel from Polars to JS as one joined string per row: much faster than reading List columns.
const SEP = "\u001f";

// model_hub rows exactly as PeaTMOSS inserted them (HuggingFace first, so HF is model_hub_id 1).
const HUB_ROWS = [
  { id: 1, hub: "huggingface", name: "HuggingFace", url: "https://huggingface.co/" },
  { id: 2, hub: "pytorch", name: "PyTorch", url: "https://pytorch.org" },
];

const PYTORCH_ID = /^([^/:]+)\/([^/:]+):(.+)$/;

/** A dataset that cannot be written as a PeaTMOSS database. */
export class PeatmossExportError extends Error {
  override name = "PeatmossExportError";
}

/** What {@linkcode writePeatmossDb} wrote. */
export interface PeatmossExport {
  /** Rows per table, for all 56 tables. */
  tables: Record<string, number>;
  /** Rows that were skipped or changed on the way, with counts. */
  notes: string[];
}

/**
 * Inserts rows into one table, many rows per statement: with one row per statement the per-call cost of
 * node:sqlite is four times the cost of the insert itself.
 */
class Batch {
  #db: DatabaseSync;
  #head: string;
  #width: number;
  #rows: number;
  #full: StatementSync;
  #args: SQLInputValue[] = [];

  constructor(db: DatabaseSync, head: string, width: number, rows = 200) {
    this.#db = db;
    this.#head = head;
    this.#width = width;
    this.#rows = rows;
    this.#full = db.prepare(this.#sql(rows));
  }

  #sql(rows: number): string {
    const row = `(${Array(this.#width).fill("?").join(", ")})`;
    return `${this.#head} VALUES ${Array(rows).fill(row).join(", ")}`;
  }

  add(...values: SQLInputValue[]): void {
    this.#args.push(...values);
    if (this.#args.length === this.#width * this.#rows) {
      this.#full.run(...this.#args);
      this.#args.length = 0;
    }
  }

  flush(): void {
    if (this.#args.length === 0) return;
    this.#db.prepare(this.#sql(this.#args.length / this.#width)).run(...this.#args);
    this.#args.length = 0;
  }
}

/** One entity table (`tag`, `license`, ...) and its `model_to_*` links; entities are numbered by first use. */
class Entities {
  #ids = new Map<string, number>();
  #rows: Batch;
  #links: Batch;

  constructor(db: DatabaseSync, table: string) {
    this.#rows = new Batch(db, `INSERT INTO ${table} (id, name)`, 2);
    // a list may name an entity twice; the junction's primary key keeps one link
    this.#links = new Batch(db, `INSERT OR IGNORE INTO model_to_${table} (model_id, ${table}_id)`, 2);
  }

  link(modelRow: number, names: readonly string[]): void {
    for (const name of names) {
      let id = this.#ids.get(name);
      if (id === undefined) {
        id = this.#ids.size + 1;
        this.#ids.set(name, id);
        this.#rows.add(id, name);
      }
      this.#links.add(modelRow, id);
    }
  }

  flush(): void {
    this.#rows.flush();
    this.#links.flush();
  }
}

function split(joined: string | null): string[] {
  return joined === null || joined === "" ? [] : joined.split(SEP).filter((s) => s !== "");
}

// PeaTMOSS tags are the tags without ":" plus pipeline_tag. The pipeline tag takes the place of the first task tag
// so that a reader taking the first task tag (as readPeatmossDb does) gets it back.
function peatmossTags(tags: string[], pipeline: string | null): string[] {
  const out = [...new Set(tags)];
  if (pipeline === null || pipeline === "") return out;
  const firstTask = HF_PIPELINE_TASKS.has(pipeline) ? out.findIndex((t) => HF_PIPELINE_TASKS.has(t)) : -1;
  const at = out.indexOf(pipeline);
  if (firstTask >= 0) {
    if (at >= 0) out.splice(at, 1);
    out.splice(firstTask, 0, pipeline);
  } else if (at < 0) {
    out.push(pipeline);
  }
  return out;
}

function repoUrl(id: string, hub: string): string | null {
  if (hub === "huggingface") return `https://huggingface.co/${id}`;
  const m = PYTORCH_ID.exec(id);
  return m ? `github.com/${m[1]}/${m[2]}` : null;
}

/** The columns of the canonical models table that PeaTMOSS has a place for, as JS arrays. */
function modelColumns(models: pl.DataFrame) {
  const noColon = pl.element().filter(pl.element().str.contains(":", true).not());
  const df = models.select(
    "id",
    "hub",
    "author",
    "sha",
    "downloads",
    "likes",
    "has_snapshot",
    "library",
    "pipeline_tag",
    pl.col("tags").lst.eval(noColon).lst.join(SEP),
    pl.col("licenses").lst.join(SEP),
    pl.col("datasets").lst.join(SEP),
    pl.col("arxiv_ids").lst.join(SEP),
  );
  const col = <T>(name: string) => df.getColumn(name).toArray() as T[];
  return {
    id: col<string>("id"),
    hub: col<string>("hub"),
    author: col<string | null>("author"),
    sha: col<string | null>("sha"),
    downloads: col<number | null>("downloads"),
    likes: col<number | null>("likes"),
    hasSnapshot: col<boolean | null>("has_snapshot"),
    library: col<string | null>("library"),
    pipelineTag: col<string | null>("pipeline_tag"),
    tags: col<string | null>("tags"),
    licenses: col<string | null>("licenses"),
    datasets: col<string | null>("datasets"),
    arxivIds: col<string | null>("arxiv_ids"),
  };
}

type ModelColumns = ReturnType<typeof modelColumns>;

/** Inserts `model_hub` and `model`; returns the model row id of each canonical model id. */
function insertModels(db: DatabaseSync, c: ModelColumns): Map<string, number> {
  const insertHub = db.prepare("INSERT INTO model_hub (id, name, url) VALUES (?, ?, ?)");
  for (const h of HUB_ROWS) insertHub.run(h.id, h.name, h.url);
  const hubIds = new Map(HUB_ROWS.map((h) => [h.hub, h.id]));
  const model = new Batch(
    db,
    "INSERT INTO model (id, context_id, model_hub_id, sha, repo_url, downloads, likes, has_snapshot)",
    8,
  );
  const rowOf = new Map<string, number>();
  for (let i = 0; i < c.id.length; i++) {
    const id = c.id[i], row = i + 1;
    const hubId = hubIds.get(c.hub[i]);
    if (hubId === undefined) {
      throw new PeatmossExportError(
        `models row ${i} (${id}): hub ${JSON.stringify(c.hub[i])} has no PeaTMOSS model_hub; ` +
          `expected huggingface or pytorch`,
      );
    }
    const seen = rowOf.get(id);
    if (seen !== undefined) {
      throw new PeatmossExportError(
        `models row ${i}: id ${id} repeats row ${seen - 1}; PeaTMOSS needs unique ids (UNIQUE context_id)`,
      );
    }
    rowOf.set(id, row);
    const snapshot = c.hasSnapshot[i] === null ? null : c.hasSnapshot[i] ? 1 : 0;
    model.add(row, id, hubId, c.sha[i], repoUrl(id, c.hub[i]), c.downloads[i], c.likes[i], snapshot);
  }
  model.flush();
  return rowOf;
}

/** Inserts model, entity and link rows; returns the model row id of each canonical model id. */
function writeModels(db: DatabaseSync, models: pl.DataFrame, notes: string[]): Map<string, number> {
  const c = modelColumns(models);
  const rowOf = insertModels(db, c);
  const one = (v: string | null) => (v ? [v] : []);
  const names: [string, (i: number) => string[]][] = [
    ["author", (i) => one(c.author[i])],
    ["tag", (i) => peatmossTags(split(c.tags[i]), c.pipelineTag[i])],
    ["license", (i) => split(c.licenses[i])],
    ["library", (i) => one(c.library[i])],
    ["dataset", (i) => split(c.datasets[i])],
    ["paper", (i) => split(c.arxivIds[i]).map((a) => `https://arxiv.org/abs/${a}`)],
  ];
  // one table at a time: interleaving inserts into several indexes makes SQLite about twice as slow
  for (const [table, of] of names) {
    const entities = new Entities(db, table);
    for (let i = 0; i < c.id.length; i++) entities.link(i + 1, of(i));
    entities.flush();
  }

  let changed = 0;
  const numeric = db.prepare(
    "SELECT id, CAST(context_id AS TEXT) FROM model WHERE typeof(context_id) <> 'text'",
  );
  numeric.setReturnArrays(true);
  const stored = numeric.all() as unknown as [number, string][];
  for (const [row, back] of stored) if (back !== c.id[row - 1]) changed++;
  if (stored.length > 0) {
    notes.push(
      `${stored.length} model ids look like numbers and are stored as numbers (context_id is INTEGER)` +
        (changed > 0 ? `; ${changed} of them read back differently (e.g. leading zeros)` : ""),
    );
  }
  return rowOf;
}

function writeReuse(
  db: DatabaseSync,
  repos: pl.DataFrame,
  usages: pl.DataFrame,
  rowOf: Map<string, number>,
  notes: string[],
): void {
  const insertRepo = db.prepare("INSERT INTO reuse_repository (id, owner, name, url) VALUES (?, ?, ?, ?)");
  const insertFile = db.prepare(
    "INSERT INTO reuse_file (path, model_id, reuse_repository_id) VALUES (?, ?, ?)",
  );
  const insertLink = db.prepare(
    "INSERT OR IGNORE INTO model_to_reuse_repository (model_id, reuse_repository_id) VALUES (?, ?)",
  );
  const repoIds = new Map<string, number | null>();
  const fileRepos = new Map<string, number>();
  let repoRows = 0;
  const count: Record<string, number> = {};
  const bump = (what: string) => count[what] = (count[what] ?? 0) + 1;
  const repoId = (repo: string): number | null => {
    let id = repoIds.get(repo);
    if (id !== undefined) return id;
    const parts = repo.split("/");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
      bump("repos that are not owner/name were skipped");
      id = null;
    } else {
      id = ++repoRows;
      insertRepo.run(id, parts[0], parts[1], `github.com/${repo}`);
    }
    repoIds.set(repo, id);
    return id;
  };
  for (const repo of repos.getColumn("repo").toArray() as string[]) repoId(repo);

  const repoCol = usages.getColumn("repo").toArray() as string[];
  const modelCol = usages.getColumn("model_id").toArray() as (string | null)[];
  const fileCol = usages.getColumn("file").toArray() as (string | null)[];
  for (let i = 0; i < repoCol.length; i++) {
    const modelId = modelCol[i];
    const model = modelId === null ? undefined : rowOf.get(modelId);
    if (model === undefined) {
      bump(
        modelId === null
          ? "usages without a model id were skipped"
          : "usages of models not in models were skipped",
      );
      continue;
    }
    const repo = repoId(repoCol[i]);
    if (repo === null) {
      bump("usages in repos that are not owner/name were skipped");
      continue;
    }
    insertLink.run(model, repo);
    const file = fileCol[i];
    if (file === null) continue;
    // several calls in one file are one reuse_file row; the same path in another repo has no row of its own
    const key = `${model}\u0000${file}`;
    const fileRepo = fileRepos.get(key);
    if (fileRepo === undefined) {
      fileRepos.set(key, repo);
      insertFile.run(file, model, repo);
    } else if (fileRepo !== repo) {
      bump(
        "usages share path and model with a usage in another repo; UNIQUE(path, model_id) keeps them only as " +
          "repo links",
      );
    }
  }
  for (const [what, n] of Object.entries(count)) notes.push(`${n} ${what}`);
}

function rowCounts(db: DatabaseSync): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid").all();
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    out[String(name)] = Number(db.prepare(`SELECT count(*) AS n FROM "${name}"`).get()!.n);
  }
  return out;
}

/**
 * Writes a canonical dataset as a PeaTMOSS-compatible SQLite database at `outPath`: all 56 tables of
 * PeaTMOSS.sql, with `model`, `model_hub`, the author/tag/license/library/dataset/paper tables and their
 * `model_to_*` links, and `reuse_repository`, `model_to_reuse_repository` and `reuse_file` filled the way
 * PeaTMOSS filled them. `hf_commit` and the GitHub tables stay empty. Usages whose model is not in `models` are
 * skipped and counted in `notes`. The file appears at `outPath` only once complete.
 *
 * @example
 * ```ts
 * const ds = await loadDataset("data/hf-2024-07-11");
 * const { tables } = await writePeatmossDb(ds, "out/PeaTMOSS.db");
 * tables.model; // 760000
 * ```
 */
export async function writePeatmossDb(
  ds: { models: pl.DataFrame; repos: pl.DataFrame; usages: pl.DataFrame },
  outPath: string,
): Promise<PeatmossExport> {
  const ddl = await Deno.readTextFile(SCHEMA);
  const models = conform("models", ds.models);
  const repos = conform("repos", ds.repos);
  const usages = conform("usages", ds.usages);
  await Deno.mkdir(dirname(outPath) || ".", { recursive: true });
  const rand = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  const tmp = join(dirname(outPath), `.${basename(outPath)}.tmp-${Deno.pid}-${rand}`);
  let result: PeatmossExport;
  try {
    // rows are written in batches, links before the entities they name; tests run PRAGMA foreign_key_check
    const db = new DatabaseSync(tmp, { enableForeignKeyConstraints: false });
    try {
      // the file is private until renamed: a crash leaves only a temp file to delete, so no journal is needed
      db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
      db.exec(ddl);
      db.exec("BEGIN");
      const notes: string[] = [];
      const rowOf = writeModels(db, models, notes);
      writeReuse(db, repos, usages, rowOf, notes);
      db.exec("COMMIT");
      result = { tables: rowCounts(db), notes };
    } finally {
      db.close();
    }
    await Deno.rename(tmp, outPath);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
  return result;
}
