/**
 * Scoring the detector on a labelled corpus: a directory holding one sub-directory per repository and a
 * `labels.jsonl` of the detections expected in them.
 *
 * @module
 */
import { join } from "node:path";
import type { Detector } from "./detector.ts";
import { evaluate, type Evaluation, readLabels } from "./evaluate.ts";
import { scanPath } from "./scan_tree.ts";
import type { ScanReport } from "./types.ts";

/** An {@linkcode Evaluation} with the scans it was made from. */
export interface CorpusEvaluation extends Evaluation {
  reports: ScanReport[];
}

/**
 * Scans every repository of corpus `dir` (repo name = sub-directory name) and scores the detections
 * against `dir/labels.jsonl`.
 *
 * @example
 * ```ts
 * const result = await evaluateCorpus("tests/usage/corpus", await createDetector());
 * result.scores.at(-1); // { resolution: "all", expected: 101, correct: 101, precision: 1, recall: 1, ... }
 * ```
 */
export async function evaluateCorpus(dir: string, detector: Detector): Promise<CorpusEvaluation> {
  const labels = await readLabels(join(dir, "labels.jsonl"));
  const repos: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isDirectory) repos.push(e.name);
  const reports: ScanReport[] = [];
  for (const repo of repos.sort()) reports.push(await scanPath(join(dir, repo), { detector, repo }));
  const unknownRepo = labels.find((l) => !repos.includes(l.repo));
  if (unknownRepo) {
    throw new Error(
      `${join(dir, "labels.jsonl")}: label for repo "${unknownRepo.repo}", which is not in ${dir}`,
    );
  }
  return { ...evaluate(labels, reports.flatMap((r) => r.detections)), reports };
}
