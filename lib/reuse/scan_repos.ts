/**
 * Running the usage detector over a folder of checked-out repositories (one sub-directory or tarball each) and
 * collecting its detections as one `usages` table.
 *
 * @module
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import type { Detector } from "../usage/detector.ts";
import { scanPath } from "../usage/scan_tree.ts";
import type { ScanReport } from "../usage/types.ts";
import { detectionsUsages } from "./detections_usages.ts";

const ARCHIVE = /\.(tar\.gz|tgz|tar)$/;

/** What {@linkcode scanRepos} found. */
export interface ScannedRepos {
  /** Every detection, as a `usages` table (`detectionsUsages`). */
  usages: pl.DataFrame;
  /** One row per repository: `repo`, `files` (Python and notebooks), `parsed`, `skipped`, `detections`. */
  repos: pl.DataFrame;
}

/**
 * Scans every sub-directory and `.tar.gz` / `.tgz` / `.tar` archive directly inside `root` as one repository,
 * in name order, named by the directory (or the archive without extension). Hidden entries are skipped.
 *
 * @example
 * ```ts
 * const { usages, repos } = await scanRepos("tests/usage/corpus", { detector: await createDetector() });
 * resolutionCounts(usages);
 * ```
 */
export async function scanRepos(root: string, { detector }: { detector: Detector }): Promise<ScannedRepos> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(root)];
  } catch (err) {
    throw new Error(`${root}: cannot list the repositories to scan (${(err as Error).message})`);
  }
  const targets = entries
    .filter((e) => !e.name.startsWith(".") && (e.isDirectory || (e.isFile && ARCHIVE.test(e.name))))
    .map((e) => e.name)
    .sort();
  const reports: ScanReport[] = [];
  for (const name of targets) reports.push(await scanPath(join(root, name), { detector }));
  return {
    usages: detectionsUsages(reports.flatMap((r) => r.detections)),
    repos: pl.DataFrame({
      repo: pl.Series("repo", reports.map((r) => r.repo), pl.String),
      files: pl.Series("files", reports.map((r) => r.files), pl.Int64),
      parsed: pl.Series("parsed", reports.map((r) => r.parsed), pl.Int64),
      skipped: pl.Series(
        "skipped",
        reports.map((r) => Object.values(r.skipped).reduce((s, n) => s + (n ?? 0), 0)),
        pl.Int64,
      ),
      detections: pl.Series("detections", reports.map((r) => r.detections.length), pl.Int64),
    }),
  };
}
