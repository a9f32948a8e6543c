/**
 * Where ptmscope keeps things, resolved from this file's location so that notebooks (whose working directory
 * is notebooks/) and commands run from anywhere agree. Environment overrides are read at each call, so a test
 * or a notebook can redirect them.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO_ROOT: string = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

function fromEnv(name: string): string | undefined {
  const value = Deno.env.get(name);
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Datasets live in `data/<name>/`: `$PTMSCOPE_DATA` when set, otherwise `data/` at the repository root.
 *
 * @example
 * ```ts
 * join(dataDir(), "hf-2024-07-11"); // "/home/me/ptmscope/data/hf-2024-07-11"
 * ```
 */
export function dataDir(): string {
  return fromEnv("PTMSCOPE_DATA") ?? join(REPO_ROOT, "data");
}

/**
 * Downloaded public inputs: `<data>/cache/`.
 *
 * @example
 * ```ts
 * cacheDir(); // "/home/me/ptmscope/data/cache"
 * ```
 */
export function cacheDir(): string {
  return join(dataDir(), "cache");
}

/**
 * Figures, tables and executed notebooks: `$PTMSCOPE_REPORTS` when set, otherwise `reports/` at the repository
 * root, joined with `sub`.
 *
 * @example
 * ```ts
 * reportsDir("figures"); // "/home/me/ptmscope/reports/figures"
 * ```
 */
export function reportsDir(sub = ""): string {
  return join(fromEnv("PTMSCOPE_REPORTS") ?? join(REPO_ROOT, "reports"), sub);
}

/**
 * Whether something exists at `path` (following links). Other errors than "not found", such as a permission
 * error, are thrown: they must not read as "absent".
 *
 * @example
 * ```ts
 * if (!await pathExists("data/hf-2024-07-11/manifest.json")) console.log("import it first");
 * ```
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

/**
 * {@linkcode pathExists}, synchronously.
 *
 * @example
 * ```ts
 * pathExistsSync("data"); // true once something was fetched or imported
 * ```
 */
export function pathExistsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
