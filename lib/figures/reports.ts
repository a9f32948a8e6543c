/**
 * Where figures and tables go: `<repo>/reports/`, found from this module's location so notebooks (cwd =
 * notebooks/) and CLIs (cwd = repo root) write to the same place.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * The reports directory: `$PTMSCOPE_REPORTS` when set, otherwise `reports/` at the repo root (two levels above
 * lib/figures/).
 *
 * @param sub Optional subfolder, e.g. `"figures"` or `"tables"`.
 * @returns An absolute path (or `$PTMSCOPE_REPORTS` as given, joined with `sub`).
 * @example
 * ```ts
 * const dir = reportsDir("figures"); // e.g. /work/main/reports/figures
 * ```
 */
export function reportsDir(sub = ""): string {
  const fromEnv = Deno.env.get("PTMSCOPE_REPORTS");
  const root = fromEnv !== undefined && fromEnv !== ""
    ? fromEnv
    : fileURLToPath(new URL("../../reports", import.meta.url));
  return join(root, sub);
}
