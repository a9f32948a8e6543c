/**
 * The last, optional step of a GitHub discovery: each downloaded archive goes through the usage detector, its
 * detections to `usages.jsonl` and a summary of the scan (files, parsed, skipped by reason) to `scans.jsonl`.
 * An archive that cannot be read is recorded with the reason, not fatal. Resumable like the other steps.
 *
 * @module
 */
import { join } from "node:path";
import { Progress } from "../cli/progress.ts";
import type { Detector } from "../usage/detector.ts";
import { ScanError, scanPath } from "../usage/scan_tree.ts";
import { TarballError } from "../usage/tarball.ts";
import type { ScanReport } from "../usage/types.ts";
import type { DiscoveryCheckpoint } from "./github_discovery_checkpoint.ts";

/** One line of `scans.jsonl`. */
export type ScanRecord =
  | { repo: string; status: "ok"; detections: number } & Omit<ScanReport, "detections" | "repo">
  | { repo: string; status: "unreadable"; error: string };

/**
 * Scans the archives `tarballs` (paths relative to `ckpt.out`) in order, from where the checkpoint left off;
 * returns the number of detections written by this call.
 *
 * @example
 * ```ts
 * await scanArchives(ckpt, await createDetector(), [{ repo: "acme/app", path: "tarballs/acme/app.tar.gz" }]);
 * ```
 */
export async function scanArchives(
  ckpt: DiscoveryCheckpoint,
  detector: Detector,
  tarballs: { repo: string; path: string }[],
  progress = false,
): Promise<number> {
  const bar = progress ? new Progress("scan", { total: tarballs.length, unit: "archives" }) : null;
  if (ckpt.counters.scanned > 0) bar?.tick(ckpt.counters.scanned);
  let detections = 0;
  for (let i = ckpt.counters.scanned; i < tarballs.length; i++) {
    const { repo, path } = tarballs[i];
    let record: ScanRecord;
    try {
      const report = await scanPath(join(ckpt.out, path), { repo, detector });
      const { detections: found, repo: _, ...counts } = report;
      ckpt.append("usages.jsonl", found);
      detections += found.length;
      record = { repo, status: "ok", detections: found.length, ...counts };
    } catch (err) {
      // a corrupt or hostile archive says nothing about the others
      if (!(err instanceof TarballError || err instanceof ScanError)) throw err;
      record = { repo, status: "unreadable", error: err.message };
    }
    ckpt.append("scans.jsonl", [record]);
    ckpt.counters.scanned = i + 1;
    await ckpt.save();
    bar?.tick();
  }
  bar?.done(`${detections.toLocaleString("en-US")} detections`);
  return detections;
}
