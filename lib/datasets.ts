/**
 * Datasets ptmscope builds by itself from pinned public inputs, under `data/<name>/`. Opening one fetches its
 * inputs and imports them when needed, so a notebook works on a fresh clone as well as after `reproduce`.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { cachedGroupPaths } from "./fetch/cache.ts";
import { catalogEntries } from "./fetch/catalog.ts";
import { fetchGroups } from "./fetch/fetch.ts";
import { readHfDump } from "./sources/hf_dump.ts";
import { type Dataset, loadDataset, readManifest, writeDataset } from "./store/dataset.ts";
import type { TableName } from "./store/schema.ts";
import { cacheDir as defaultCacheDir, dataDir as defaultDataDir } from "./paths.ts";

/** A dataset built from one group of the fetch catalog. */
interface Recipe {
  /** Catalog group holding its inputs. */
  group: string;
  /** Source kind written in its manifest. */
  kind: string;
  build(cacheDir: string): ReturnType<typeof readHfDump>;
}

const RECIPES: Record<string, Recipe> = {
  "hf-2024-07-11": {
    group: "hf-models-2024-07-11",
    kind: "hf-dump",
    build: async (cacheDir) => readHfDump(await hfPagesDir(cacheDir), { progress: true }),
  },
};

/** Names of the datasets {@linkcode openDataset} can build. */
export const DATASET_NAMES: string[] = Object.keys(RECIPES);

function recipe(name: string): Recipe {
  const r = RECIPES[name];
  if (!r) throw new Error(`unknown dataset ${name}; known: ${DATASET_NAMES.join(", ")}`);
  return r;
}

/**
 * The cache directory holding the 760 Hugging Face /api/models pages of 2024-07-11, fetched first when missing.
 *
 * @example
 * ```ts
 * await hfPagesDir(); // ".../data/cache/stalnaker-hf-supply-chain/data/raw_data/model_lists"
 * ```
 */
export async function hfPagesDir(cacheDir: string = defaultCacheDir()): Promise<string> {
  const group = RECIPES["hf-2024-07-11"].group;
  await fetchGroups([group], { cacheDir, progress: true, log: (line) => console.error(line) });
  return dirname((await cachedGroupPaths(group, cacheDir))[0]);
}

async function isCurrent(dir: string, r: Recipe): Promise<boolean> {
  try {
    const m = await readManifest(dir);
    return m.source.kind === r.kind && m.inputs.length === catalogEntries([r.group]).length;
  } catch {
    return false;
  }
}

/**
 * Makes dataset `name` present in `data/<name>/`: fetches its inputs and imports them unless a dataset built
 * from the same number of inputs by the same source, with this schema version, is already there.
 * Returns the dataset directory.
 *
 * @example
 * ```ts
 * await ensureDataset("hf-2024-07-11"); // ".../data/hf-2024-07-11"
 * ```
 */
export async function ensureDataset(
  name: string,
  { dataDir = defaultDataDir(), cacheDir = defaultCacheDir() }: { dataDir?: string; cacheDir?: string } = {},
): Promise<string> {
  const r = recipe(name);
  const dir = join(dataDir, name);
  if (await isCurrent(dir, r)) return dir;
  const { tables, info } = await r.build(cacheDir);
  await writeDataset(dir, tables, info);
  return dir;
}

/**
 * Opens dataset `name` (building it first when needed) as Polars DataFrames.
 *
 * @example
 * ```ts
 * const { models, manifest } = await openDataset("hf-2024-07-11", { tables: ["models"] });
 * ```
 */
export async function openDataset(
  name: string,
  options: { tables?: readonly TableName[]; dataDir?: string; cacheDir?: string } = {},
): Promise<Dataset> {
  return loadDataset(await ensureDataset(name, options), { tables: options.tables });
}
