/**
 * Finding fetched files in the cache. A file is kept as `<cacheDir>/<path>`, or as `<path>.gz` when it came
 * from a mirror that holds only the gzipped form; consumers should not care which.
 *
 * @module
 */
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { catalogEntries, type CatalogGroup, catalogGroups } from "./catalog.ts";
import { FetchError } from "./errors.ts";
import { cacheDir as defaultCacheDir } from "../paths.ts";

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

/**
 * Where a catalog file sits in the cache: `<cacheDir>/<path>`, else `<cacheDir>/<path>.gz`, else null.
 *
 * @example
 * ```ts
 * const file = await cachedPath("peatmoss-artifact/License-Analysis/analyzeIncompatibilities/mapping.csv");
 * ```
 */
export async function cachedPath(path: string, cacheDir: string = defaultCacheDir()): Promise<string | null> {
  const plain = join(cacheDir, path);
  if (await isFile(plain)) return plain;
  const gz = `${plain}.gz`;
  return (await isFile(gz)) ? gz : null;
}

function notFetched(what: string, group: string): FetchError {
  return new FetchError(`${what} is not in the cache; run \`deno task fetch --group ${group}\` first`);
}

/**
 * The content of a cached catalog file, gunzipped when it is stored as `.gz`.
 *
 * @example
 * ```ts
 * const csv = new TextDecoder().decode(await readCached(entry.path));
 * ```
 */
export async function readCached(path: string, cacheDir: string = defaultCacheDir()): Promise<Uint8Array> {
  const file = await cachedPath(path, cacheDir);
  if (file === null) {
    const group = catalogEntries().find((e) => e.path === path)?.group ?? "<group>";
    throw notFetched(`${path} (looked in ${cacheDir})`, group);
  }
  const bytes = await Deno.readFile(file);
  if (!file.endsWith(".gz")) return bytes;
  const plain = gunzipSync(bytes);
  // a plain Uint8Array, not a node Buffer, so callers get one type either way
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
}

/**
 * The cached files of a group in catalog order (each `<path>` or `<path>.gz`); throws when one is missing.
 *
 * @example
 * ```ts
 * const pages = await cachedGroupPaths("hf-models-2024-07-11"); // 760 paths, page 1 first
 * ```
 */
export async function cachedGroupPaths(
  group: string,
  cacheDir: string = defaultCacheDir(),
  groups: CatalogGroup[] = catalogGroups(),
): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of catalogEntries([group], groups)) {
    const file = await cachedPath(entry.path, cacheDir);
    if (file === null) throw notFetched(`${entry.path} (looked in ${cacheDir})`, group);
    paths.push(file);
  }
  return paths;
}
