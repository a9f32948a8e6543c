/**
 * Reading and writing datasets: a directory of Parquet files, one per canonical table, plus `manifest.json`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { basename, join } from "node:path";
import { replaceDirectory } from "./atomic.ts";
import { conform, emptyTable } from "./conform.ts";
import { sha256File } from "./hash.ts";
import {
  type Manifest,
  ManifestError,
  type ManifestInput,
  type ManifestSource,
  parseManifest,
} from "./manifest.ts";
import { SCHEMA_VERSION, TABLE_NAMES, type TableName } from "./schema.ts";
import { pathExistsSync } from "../paths.ts";

/** What a writer says about the dataset besides its tables. */
export interface DatasetInfo {
  source: ManifestSource;
  retrieved_at?: string | null;
  inputs?: ManifestInput[];
  notes?: string[];
}

/** A loaded dataset: its manifest and one DataFrame per canonical table (empty when not stored). */
export interface Dataset {
  /** Directory the dataset was read from (the snapshot directory when given a collection). */
  dir: string;
  manifest: Manifest;
  models: pl.DataFrame;
  repos: pl.DataFrame;
  usages: pl.DataFrame;
  cards: pl.DataFrame;
  metadata: pl.DataFrame;
}

/**
 * Writes `tables` as a dataset in `dir`, atomically: the previous content of `dir` stays intact until the new
 * dataset is complete. Each table is conformed to its canonical schema first. Refuses to replace a directory
 * that is not a ptmscope dataset.
 *
 * @example
 * ```ts
 * await writeDataset("data/demo", { models: pl.DataFrame({ id: ["gpt2"], hub: ["huggingface"] }) }, {
 *   source: { kind: "manual" },
 * });
 * ```
 */
export async function writeDataset(
  dir: string,
  tables: Partial<Record<TableName, pl.DataFrame>>,
  info: DatasetInfo,
): Promise<Manifest> {
  refuseForeignDirectory(dir);
  const manifest: Manifest = {
    format: "ptmscope-dataset",
    schema_version: SCHEMA_VERSION,
    name: basename(dir),
    source: info.source,
    retrieved_at: info.retrieved_at ?? null,
    created_at: new Date().toISOString(),
    inputs: info.inputs ?? [],
    tables: {},
    notes: info.notes ?? [],
  };
  await replaceDirectory(dir, async (tmp) => {
    for (const name of TABLE_NAMES) {
      const df = tables[name];
      if (df === undefined) continue;
      const file = `${name}.parquet`;
      conform(name, df).writeParquet(join(tmp, file), { compression: "zstd" });
      manifest.tables[name] = { file, rows: df.height, sha256: await sha256File(join(tmp, file)) };
    }
    await Deno.writeTextFile(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
  });
  return manifest;
}

function refuseForeignDirectory(dir: string): void {
  let entries: string[];
  try {
    entries = [...Deno.readDirSync(dir)].map((e) => e.name);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  if (entries.length > 0 && !entries.includes("manifest.json")) {
    throw new ManifestError(
      `${dir} exists and is not a ptmscope dataset (no manifest.json); choose another --out or remove it`,
    );
  }
}

/**
 * Finds the dataset to read in `dir`: `dir` itself when it holds a `manifest.json`, otherwise its newest
 * snapshot, i.e. the last sub-directory by name (snapshot directories are named by date) holding one.
 *
 * @example
 * ```ts
 * resolveDatasetDir("data/hf"); // "data/hf/2024-07-11" when data/hf holds dated snapshots
 * ```
 */
export function resolveDatasetDir(dir: string): string {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new ManifestError(`${dir}: no such dataset directory`);
    }
    throw err;
  }
  if (entries.some((e) => e.isFile && e.name === "manifest.json")) return dir;
  const snapshots = entries
    .filter((e) => e.isDirectory && !e.name.startsWith("."))
    .map((e) => e.name)
    .filter((name) => pathExistsSync(join(dir, name, "manifest.json")))
    .sort();
  if (snapshots.length === 0) {
    throw new ManifestError(
      `${dir}: not a ptmscope dataset (no manifest.json, and no snapshot directory with one)`,
    );
  }
  return join(dir, snapshots[snapshots.length - 1]);
}

/**
 * Reads the manifest of the dataset in `dir` (or of its newest snapshot).
 *
 * @example
 * ```ts
 * (await readManifest("data/hf-2024-07-11")).tables.models?.rows; // 760000
 * ```
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(resolveDatasetDir(dir), "manifest.json");
  return parseManifest(await Deno.readTextFile(path), path);
}

/**
 * Loads one canonical table of the dataset in `dir`; an empty table when the dataset does not store it.
 *
 * @example
 * ```ts
 * const models = await loadTable("data/hf-2024-07-11", "models");
 * ```
 */
export async function loadTable(dir: string, table: TableName): Promise<pl.DataFrame> {
  const real = resolveDatasetDir(dir);
  const manifest = await readManifest(real);
  return readTable(real, manifest, table);
}

function readTable(dir: string, manifest: Manifest, table: TableName): pl.DataFrame {
  const entry = manifest.tables[table];
  if (!entry) return emptyTable(table);
  const path = join(dir, entry.file);
  try {
    return pl.readParquet(path);
  } catch (err) {
    throw new ManifestError(`${path}: cannot read table ${table} (${(err as Error).message})`);
  }
}

/**
 * Loads the dataset in `dir` (or its newest snapshot) as Polars DataFrames.
 *
 * @param tables which tables to read; the others are returned empty. Default: all.
 * @example
 * ```ts
 * const { models, manifest } = await loadDataset("data/hf-2024-07-11", { tables: ["models"] });
 * models.height; // 760000
 * ```
 */
export async function loadDataset(
  dir: string,
  { tables = TABLE_NAMES }: { tables?: readonly TableName[] } = {},
): Promise<Dataset> {
  const real = resolveDatasetDir(dir);
  const manifest = await readManifest(real);
  const read = (t: TableName) => tables.includes(t) ? readTable(real, manifest, t) : emptyTable(t);
  return {
    dir: real,
    manifest,
    models: read("models"),
    repos: read("repos"),
    usages: read("usages"),
    cards: read("cards"),
    metadata: read("metadata"),
  };
}
