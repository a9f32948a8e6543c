/**
 * Where ptmscope keeps things, resolved from this file's location so that notebooks (whose working directory
 * is notebooks/) and commands run from anywhere agree.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO_ROOT: string = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** Datasets: `data/<dataset-name>/`. Override with `PTMSCOPE_DATA`. */
export const DATA_DIR: string = Deno.env.get("PTMSCOPE_DATA") ?? join(REPO_ROOT, "data");

/** Downloaded public inputs: `data/cache/`. */
export const CACHE_DIR: string = join(DATA_DIR, "cache");

/** Figures, tables and executed notebooks. Override with `PTMSCOPE_REPORTS`. */
export const REPORTS_DIR: string = Deno.env.get("PTMSCOPE_REPORTS") ?? join(REPO_ROOT, "reports");
