/**
 * Local mirrors: directories laid out like shared/data that stand in for the network.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { REPO_ROOT } from "../paths.ts";
import type { CatalogEntry } from "./catalog.ts";
import { FetchError, mismatchError } from "./errors.ts";
import { contentSha256 } from "./verified.ts";

/** A mirror directory and where the choice came from. */
export interface MirrorChoice {
  /** The mirror directory, absolute. */
  dir: string;
  /** `--mirror`, PTMSCOPE_MIRROR, or ../shared/data beside the repository. */
  from: "option" | "env" | "sibling";
}

/** Inputs of {@linkcode resolveMirror}; each defaults to the real environment. */
export interface MirrorInputs {
  /** `--mirror <dir>`: wins over everything. null means "no mirror". */
  option?: string | null;
  /** Value of PTMSCOPE_MIRROR. @default Deno.env.get("PTMSCOPE_MIRROR") */
  env?: string;
  /** Repository root, whose sibling `../shared/data` is the last resort. @default found from this module */
  root?: string;
}

function isDir(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Picks the mirror: the option, else PTMSCOPE_MIRROR, else `../shared/data` next to the repository root when
 * it exists, else none (null). An option or variable naming a missing directory is an error, not a silent fallback.
 *
 * @example
 * ```ts
 * resolveMirror({ option: "/srv/shared/data" }); // { dir: "/srv/shared/data", from: "option" }
 * resolveMirror({ option: null }); // null: network only
 * ```
 */
export function resolveMirror(inputs: MirrorInputs = {}): MirrorChoice | null {
  if (inputs.option === null) return null;
  const explicit: [string | undefined, MirrorChoice["from"], string][] = [
    [inputs.option, "option", "--mirror"],
    ["env" in inputs ? inputs.env : Deno.env.get("PTMSCOPE_MIRROR"), "env", "PTMSCOPE_MIRROR"],
  ];
  for (const [value, from, name] of explicit) {
    if (!value) continue;
    const dir = resolve(value);
    if (!isDir(dir)) {
      throw new FetchError(
        `${name} names ${dir}, which is not a directory; point it at a copy of shared/data`,
      );
    }
    return { dir, from };
  }
  const root = inputs.root ?? REPO_ROOT;
  const sibling = resolve(root, "..", "shared", "data");
  return isDir(sibling) ? { dir: sibling, from: "sibling" } : null;
}

/**
 * The mirror's copy of an entry: `<mirror>/<path>`, else `<mirror>/<path>.gz`, else null.
 *
 * @example
 * ```ts
 * findInMirror(entry, "/srv/shared/data"); // ".../models_page1_07-11-2024.json.gz"
 * ```
 */
export async function findInMirror(entry: CatalogEntry, mirror: string): Promise<string | null> {
  for (const candidate of [join(mirror, entry.path), join(mirror, `${entry.path}.gz`)]) {
    try {
      if ((await Deno.stat(candidate)).isFile) return candidate;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
  return null;
}

/**
 * Copies a mirror file into the cache in the same form (`.gz` stays `.gz`), verifies its (gunzipped) content
 * against the pin, and only then moves it into place. Returns the cache file written.
 *
 * @example
 * ```ts
 * await copyFromMirror(entry, "/srv/shared/data/peatmoss-artifact/.../mapping.csv", "data/cache");
 * ```
 */
export async function copyFromMirror(entry: CatalogEntry, source: string, cacheDir: string): Promise<string> {
  const gzip = source.endsWith(".gz");
  const dest = join(cacheDir, gzip ? `${entry.path}.gz` : entry.path);
  await Deno.mkdir(dirname(dest), { recursive: true });
  const rand = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  const tmp = join(dirname(dest), `.${basename(dest)}.tmp-${Deno.pid}-${rand}`);
  try {
    // hash the copy, not the source: what lands in the cache is what gets verified
    await Deno.copyFile(source, tmp);
    // mirrors are often read-only; the cache must stay writable
    await Deno.chmod(tmp, 0o644);
    let actual: string;
    try {
      actual = (await contentSha256(tmp, gzip)).sha256;
    } catch (err) {
      if (!gzip) throw err;
      actual = `unreadable gzip (${(err as Error).message})`;
    }
    if (actual !== entry.sha256) throw mismatchError(entry, actual, `mirror file ${source}`);
    await Deno.rename(tmp, dest);
    return dest;
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
}
