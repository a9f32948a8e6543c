/**
 * Importing the official PeaTMOSS metadata database (`PeaTMOSS.db`, SQLite) into the canonical `models`,
 * `repos` and `usages` tables.
 *
 * @module
 */
import { basename } from "node:path";
import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import pl from "nodejs-polars";
import { Progress } from "../cli/progress.ts";
import type { DatasetInfo } from "../store/dataset.ts";
import { sha256File } from "../store/hash.ts";
import type { TableName } from "../store/schema.ts";
import { HF_PIPELINE_TASKS } from "./hf_tasks.ts";
import { checkSchema, openPeatmossDb, PeatmossDbError, rows } from "./_peatmoss_sqlite.ts";

export { PeatmossDbError };

/** Options of {@linkcode readPeatmossDb}. */
export interface PeatmossDbOptions {
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
}

// Lists travel from SQLite to Polars as one joined string per model and are split there.
const SEP = "\u001f";

const HUBS: Record<string, string> = { HuggingFace: "huggingface", PyTorch: "pytorch" };

/** A many-to-many link from `model` to an entity table, read as one list per model. */
interface Link {
  column: "author" | "licenses" | "datasets" | "arxiv_ids" | "library" | "tags";
  entity: string;
  /** SQL giving the canonical value from entity row `e`; NULL drops the link. */
  value: string;
}

const LINKS: Link[] = [
  { column: "author", entity: "author", value: "e.name" },
  { column: "licenses", entity: "license", value: "lower(e.name)" },
  { column: "datasets", entity: "dataset", value: "e.name" },
  // PeaTMOSS stores arXiv papers as https://arxiv.org/abs/<id>; keep the id
  {
    column: "arxiv_ids",
    entity: "paper",
    value:
      "CASE WHEN e.name LIKE 'http%://arxiv.org/abs/_%' THEN substr(e.name, instr(e.name, '/abs/') + 5) END",
  },
  { column: "library", entity: "library", value: "e.name" },
  { column: "tags", entity: "tag", value: "e.name" },
];

const GITHUB_URL = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/;

const text = (v: SQLOutputValue): string | null => (v === null ? null : String(v));

/** The database being read, and the notes gathered while reading it. */
interface Source {
  db: DatabaseSync;
  path: string;
  notes: string[];
}

/** The `model` table as columns, with canonical ids; `index` maps a model row id to its position. */
interface ModelRows {
  index: Map<number, number>;
  id: string[];
  hub: string[];
  sha: (string | null)[];
  downloads: (number | null)[];
  likes: (number | null)[];
  hasSnapshot: (boolean | null)[];
}

function readModels({ db, path, notes }: Source): ModelRows {
  const out: ModelRows = {
    index: new Map(),
    id: [],
    hub: [],
    sha: [],
    downloads: [],
    likes: [],
    hasSnapshot: [],
  };
  let numeric = 0, rewritten = 0, notCounts = 0;
  const all = rows(
    db,
    `SELECT m.id, CAST(m.context_id AS TEXT), typeof(m.context_id), m.model_hub_id, h.name, m.repo_url,
            m.sha, m.downloads, m.likes, m.has_snapshot
       FROM model m LEFT JOIN model_hub h ON h.id = m.model_hub_id ORDER BY m.id`,
    `${path}: table model`,
  );
  for (const [rowId, contextId, storage, hubId, hubName, repoUrl, sha, downloads, likes, snapshot] of all) {
    const where = `${path}: table model, row id=${rowId}`;
    if (contextId === null || contextId === "") {
      throw new PeatmossDbError(`${where}: context_id is empty; every model needs its hub id there`);
    }
    const hub = HUBS[String(hubName)];
    if (hub === undefined) {
      throw new PeatmossDbError(
        `${where} (${contextId}): model_hub_id ${hubId} names ${
          hubName === null ? "no model_hub row" : hubName
        }; ` +
          `expected a model_hub row named HuggingFace or PyTorch`,
      );
    }
    if (storage !== "text") numeric++;
    let id = String(contextId);
    // PyTorch Hub rows hold only the entry name; the canonical id adds the GitHub repo it is loaded from
    const gh = hub === "pytorch" && !id.includes(":") ? GITHUB_URL.exec(String(repoUrl ?? "")) : null;
    if (gh) {
      id = `${gh[1]}/${gh[2]}:${id}`;
      rewritten++;
    }
    out.index.set(Number(rowId), out.id.length);
    out.id.push(id);
    out.hub.push(hub);
    out.sha.push(text(sha));
    for (const v of [downloads, likes]) if (v !== null && typeof v !== "number") notCounts++;
    out.downloads.push(typeof downloads === "number" ? downloads : null);
    out.likes.push(typeof likes === "number" ? likes : null);
    out.hasSnapshot.push(snapshot === null ? null : Boolean(Number(snapshot)));
  }
  if (numeric > 0) {
    notes.push(
      `${numeric} model.context_id values are stored as numbers (INTEGER column affinity); read back as text`,
    );
  }
  if (notCounts > 0) {
    notes.push(`model: ${notCounts} downloads or likes values are not numbers; read as null`);
  }
  if (rewritten > 0) {
    notes.push(`${rewritten} PyTorch Hub ids were qualified as owner/repo:entry from repo_url`);
  }
  return out;
}

/** Fills `values[i]` with the joined list of model i; notes links that were skipped. */
function readLink({ db, path, notes }: Source, link: Link, models: ModelRows): string[] {
  const junction = `model_to_${link.entity}`;
  const values = models.id.map(() => "");
  let orphans = 0, dangling = 0, unusable = 0;
  const all = rows(
    db,
    `SELECT l.model_id, string_agg(${link.value}, char(31) ORDER BY l.rowid), count(*) - count(e.id),
            count(e.id) - count(${link.value})
       FROM ${junction} l LEFT JOIN ${link.entity} e ON e.id = l.${link.entity}_id GROUP BY l.model_id`,
    `${path}: table ${junction}`,
  );
  for (const [modelId, joined, noEntity, noValue] of all) {
    const i = models.index.get(Number(modelId));
    if (i === undefined) {
      orphans++;
      continue;
    }
    values[i] = joined === null ? "" : String(joined);
    dangling += Number(noEntity);
    unusable += Number(noValue);
  }
  if (orphans > 0) {
    notes.push(`${junction}: links of ${orphans} model ids that are not in model were skipped`);
  }
  if (dangling > 0) {
    notes.push(`${junction}: ${dangling} rows point to no ${link.entity} row and were skipped`);
  }
  if (unusable > 0) {
    const what = link.entity === "paper" ? "is not an https://arxiv.org/abs/ URL" : "is null";
    notes.push(`${junction}: ${unusable} rows were skipped because the ${link.entity} name ${what}`);
  }
  return values;
}

function first(joined: string): string | null {
  if (joined === "") return null;
  const cut = joined.indexOf(SEP);
  return cut < 0 ? joined : joined.slice(0, cut);
}

function readFirstCommits({ db, path, notes }: Source, models: ModelRows): (number | null)[] {
  const out: (number | null)[] = models.id.map(() => null);
  let unparsed = 0;
  const all = rows(
    db,
    `SELECT model_id, min(unixepoch(created_at, 'subsec')), count(created_at) - count(unixepoch(created_at))
       FROM hf_commit GROUP BY model_id`,
    `${path}: table hf_commit`,
  );
  for (const [modelId, secs, bad] of all) {
    unparsed += Number(bad);
    const i = models.index.get(Number(modelId));
    if (i !== undefined && typeof secs === "number") out[i] = Math.round(secs * 1000);
  }
  if (unparsed > 0) notes.push(`hf_commit: ${unparsed} created_at values are not dates and were ignored`);
  return out;
}

function modelsFrame(src: Source, models: ModelRows, tick: () => void): pl.DataFrame {
  const lists: Record<string, string[]> = {};
  for (const link of LINKS) {
    lists[link.column] = readLink(src, link, models);
    tick();
  }
  // lower-casing can make two license rows equal
  const licenses = lists.licenses.map((s) => s.includes(SEP) ? [...new Set(s.split(SEP))].join(SEP) : s);
  const pipeline = lists.tags.map((s) =>
    s === "" ? null : s.split(SEP).find((t) => HF_PIPELINE_TASKS.has(t)) ?? null
  );
  const firstCommit = readFirstCommits(src, models);
  tick();
  const split = (name: string) =>
    pl.col(name).str.split(SEP).lst.eval(pl.element().filter(pl.element().neq(pl.lit("")))).alias(name);
  const noTime = pl.Series("created_at", models.id.map(() => null), pl.Float64);
  return pl.DataFrame({
    id: pl.Series("id", models.id, pl.Utf8),
    hub: pl.Series("hub", models.hub, pl.Utf8),
    author: pl.Series("author", lists.author.map(first), pl.Utf8),
    created_at: noTime,
    first_commit_at: pl.Series("first_commit_at", firstCommit, pl.Float64),
    downloads: pl.Series("downloads", models.downloads, pl.Float64),
    likes: pl.Series("likes", models.likes, pl.Float64),
    pipeline_tag: pl.Series("pipeline_tag", pipeline, pl.Utf8),
    library: pl.Series("library", lists.library.map(first), pl.Utf8),
    licenses: pl.Series("licenses", licenses, pl.Utf8),
    datasets: pl.Series("datasets", lists.datasets, pl.Utf8),
    arxiv_ids: pl.Series("arxiv_ids", lists.arxiv_ids, pl.Utf8),
    tags: pl.Series("tags", lists.tags, pl.Utf8),
    sha: pl.Series("sha", models.sha, pl.Utf8),
    has_snapshot: pl.Series("has_snapshot", models.hasSnapshot, pl.Bool),
  }).withColumns(
    pl.col("created_at").cast(pl.Int64).cast(pl.Datetime("ms")),
    pl.col("first_commit_at").cast(pl.Int64).cast(pl.Datetime("ms")),
    pl.col("downloads").cast(pl.Int64),
    pl.col("likes").cast(pl.Int64),
    split("licenses"),
    split("datasets"),
    split("arxiv_ids"),
    split("tags"),
  );
}

function reposAndUsages(
  { db, path, notes }: Source,
  models: ModelRows,
): { repos: pl.DataFrame; usages: pl.DataFrame } {
  const repoName = new Map<number, string>();
  let unnamed = 0;
  for (
    const [id, owner, name] of rows(
      db,
      "SELECT id, owner, name FROM reuse_repository ORDER BY id",
      `${path}: table reuse_repository`,
    )
  ) {
    if (owner === null || name === null || owner === "" || name === "") unnamed++;
    else repoName.set(Number(id), `${owner}/${name}`);
  }
  if (unnamed > 0) notes.push(`reuse_repository: ${unnamed} rows without owner or name were skipped`);
  const names = [...repoName.values()];
  const repos = pl.DataFrame({
    repo: pl.Series("repo", names, pl.Utf8),
    url: pl.Series("url", names.map((r) => `https://github.com/${r}`), pl.Utf8),
  });

  const usage = {
    repo: [] as string[],
    model_id: [] as string[],
    hub: [] as string[],
    file: [] as (string | null)[],
  };
  const skipped: Record<string, number> = {};
  const add = (table: string, modelRow: SQLOutputValue, repoRow: SQLOutputValue, file: SQLOutputValue) => {
    const i = models.index.get(Number(modelRow));
    const repo = repoName.get(Number(repoRow));
    if (i === undefined || repo === undefined) {
      skipped[table] = (skipped[table] ?? 0) + 1;
      return;
    }
    usage.repo.push(repo);
    usage.model_id.push(models.id[i]);
    usage.hub.push(models.hub[i]);
    usage.file.push(text(file));
  };
  for (
    const [m, r, file] of rows(
      db,
      "SELECT model_id, reuse_repository_id, path FROM reuse_file ORDER BY id",
      `${path}: table reuse_file`,
    )
  ) {
    add("reuse_file", m, r, file);
  }
  // links with a file were counted above; the others become usages whose file is unknown
  const linkOnly = rows(
    db,
    `SELECT model_id, reuse_repository_id FROM model_to_reuse_repository
     EXCEPT SELECT model_id, reuse_repository_id FROM reuse_file ORDER BY 1, 2`,
    `${path}: table model_to_reuse_repository`,
  );
  for (const [m, r] of linkOnly) add("model_to_reuse_repository", m, r, null);
  for (const [table, n] of Object.entries(skipped)) {
    notes.push(`${table}: ${n} rows name a model or reuse_repository that is missing and were skipped`);
  }
  const usages = pl.DataFrame({
    repo: pl.Series("repo", usage.repo, pl.Utf8),
    model_id: pl.Series("model_id", usage.model_id, pl.Utf8),
    hub: pl.Series("hub", usage.hub, pl.Utf8),
    file: pl.Series("file", usage.file, pl.Utf8),
    // PeaTMOSS matched only literal string arguments against model ids
    resolution: pl.Series("resolution", usage.repo.map(() => "literal"), pl.Utf8),
  });
  return { repos, usages };
}

/**
 * Reads the PeaTMOSS metadata database (opened read-only) into the canonical `models`, `repos` and `usages`
 * tables. `model.context_id` is read as text whatever its storage class; `pipeline_tag` is the first tag that
 * is an HF pipeline task; `created_at` is null (PeaTMOSS has none) and `first_commit_at` is the earliest
 * `hf_commit`. Each `reuse_file` becomes a usage, and each `model_to_reuse_repository` link without one a usage
 * whose `file` is null. Throws {@linkcode PeatmossDbError} naming the file, table and row on bad input.
 *
 * @example
 * ```ts
 * const { tables, info } = await readPeatmossDb("PeaTMOSS.db", { progress: true });
 * tables.models?.height; // 281638
 * await writeDataset("data/peatmoss", tables, info);
 * ```
 */
export async function readPeatmossDb(
  path: string,
  opts: PeatmossDbOptions = {},
): Promise<{ tables: Partial<Record<TableName, pl.DataFrame>>; info: DatasetInfo }> {
  const src: Source = { db: openPeatmossDb(path), path, notes: [] };
  let tables: { models: pl.DataFrame; repos: pl.DataFrame; usages: pl.DataFrame };
  const bar = opts.progress
    ? new Progress("import peatmoss-db", { total: LINKS.length + 4, unit: "steps" })
    : null;
  try {
    checkSchema(src.db, path);
    const models = readModels(src);
    bar?.tick();
    const frame = modelsFrame(src, models, () => bar?.tick());
    tables = { models: frame, ...reposAndUsages(src, models) };
    bar?.tick();
  } finally {
    src.db.close();
  }
  const { size } = await Deno.stat(path);
  const sha256 = await sha256File(path);
  bar?.tick();
  bar?.done(`${tables.models.height.toLocaleString("en-US")} models`);
  return {
    tables,
    info: {
      source: {
        kind: "peatmoss-db",
        description: "PeaTMOSS metadata database (PeaTMOSS.db)",
        location: path,
      },
      retrieved_at: null,
      inputs: [{ path: basename(path), bytes: size, sha256 }],
      notes: src.notes,
    },
  };
}
