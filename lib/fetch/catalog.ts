/**
 * The catalog of pinned public files (`catalog.json`), expanded into one entry per file.
 *
 * A file's `path` is the same in the cache and in a mirror laid out like shared/data
 * (`<mirror dir>/<path in the upstream repository>`), so one relative path finds it everywhere.
 *
 * @module
 */
import raw from "./catalog.json" with { type: "json" };
import { FetchError } from "./errors.ts";

/** One pinned file. */
export interface CatalogEntry {
  /** Group the file belongs to, e.g. `peatmoss-license-analysis`. */
  group: string;
  /** Relative path in the cache and in a mirror, e.g. `peatmoss-artifact/License-Analysis/.../mapping.csv`. */
  path: string;
  /** Where the upstream bytes are downloaded from. */
  url: string;
  /** Hex sha256 of the uncompressed upstream bytes. */
  sha256: string;
  /** Size of the uncompressed upstream bytes. */
  bytes: number;
  /** Why a pin deserves attention, when it does. */
  note?: string;
}

/** A named set of files fetched together. */
export interface CatalogGroup {
  /** Name used with `--group`, e.g. `hf-models-2024-07-11`. */
  name: string;
  /** One sentence on what the files are. */
  description: string;
  /** Upstream repository as `owner/name`. */
  repo: string;
  /** Upstream commit all files of the group are pinned to. */
  commit: string;
  /** The group's files, in catalog order. */
  entries: CatalogEntry[];
}

interface RawFile {
  path: string;
  sha256: string;
  bytes: number;
  note?: string;
}

interface RawGroup {
  name: string;
  description: string;
  repo: string;
  commit: string;
  /** Folder of the group in a mirror laid out like shared/data. */
  mirror: string;
  files?: RawFile[];
  /** Numbered files sharing one name template; pins[i] is file `first + i`. */
  series?: { path: string; first: number; pins: [string, number][] };
}

/**
 * The raw.githubusercontent.com URL of `path` at `commit`, each path segment URL-encoded.
 *
 * @example
 * ```ts
 * rawGitHubUrl("o/r", "c0ffee", "Data-Collection/List of signatures.xlsx");
 * // "https://raw.githubusercontent.com/o/r/c0ffee/Data-Collection/List%20of%20signatures.xlsx"
 * ```
 */
export function rawGitHubUrl(repo: string, commit: string, path: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `https://raw.githubusercontent.com/${repo}/${commit}/${encoded}`;
}

function expand(group: RawGroup): CatalogGroup {
  const files: RawFile[] = [...(group.files ?? [])];
  if (group.series) {
    const { path, first, pins } = group.series;
    pins.forEach(([sha256, bytes], i) =>
      files.push({ path: path.replace("{n}", String(first + i)), sha256, bytes })
    );
  }
  const entries = files.map((f): CatalogEntry => ({
    group: group.name,
    path: `${group.mirror}/${f.path}`,
    url: rawGitHubUrl(group.repo, group.commit, f.path),
    sha256: f.sha256,
    bytes: f.bytes,
    ...(f.note ? { note: f.note } : {}),
  }));
  return {
    name: group.name,
    description: group.description,
    repo: group.repo,
    commit: group.commit,
    entries,
  };
}

const groups: CatalogGroup[] = (raw.groups as RawGroup[]).map(expand);

/**
 * All groups of the built-in catalog, in catalog order.
 *
 * @example
 * ```ts
 * catalogGroups().map((g) => g.name); // ["hf-models-2024-07-11", "peatmoss-license-analysis", ...]
 * ```
 */
export function catalogGroups(): CatalogGroup[] {
  return groups;
}

/**
 * The entries of the named groups (all groups when `names` is empty), in catalog order.
 * Throws on an unknown group name, listing the known ones.
 *
 * @example
 * ```ts
 * const pages = catalogEntries(["hf-models-2024-07-11"]); // 760 entries
 * ```
 */
export function catalogEntries(names: string[] = [], from: CatalogGroup[] = groups): CatalogEntry[] {
  const known = new Map(from.map((g) => [g.name, g]));
  for (const name of names) {
    if (!known.has(name)) {
      throw new FetchError(`unknown group "${name}"; known groups: ${[...known.keys()].join(", ")}`);
    }
  }
  const wanted = names.length === 0 ? from : from.filter((g) => names.includes(g.name));
  return wanted.flatMap((g) => g.entries);
}
