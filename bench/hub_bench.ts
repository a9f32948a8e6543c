/**
 * `deno task bench hub`: the hub analyses of notebooks 02 and 03 (lib/hub) over the 760,000 models of 2024-07-11,
 * loaded from Parquet, in one fresh process that times each analysis. Target (issue #4): each analysis ≤ 3 s.
 * Memory is the peak RSS of that whole process.
 *
 * @module
 */
import { REPO_ROOT } from "../lib/paths.ts";
import type { BenchRow } from "./import_bench.ts";
import { measure } from "./measure.ts";

const TARGET_SECONDS = 3;

/**
 * Runs the hub benchmark on the dataset in `datasetDir` (e.g. `data/hf-2024-07-11`).
 *
 * @example
 * ```ts
 * const rows = await benchHub(await ensureDataset("hf-2024-07-11"));
 * ```
 */
export async function benchHub(datasetDir: string): Promise<BenchRow[]> {
  const run = await measure([Deno.execPath(), "run", "-A", "bench/_hub_analyses.ts", datasetDir], REPO_ROOT);
  if (run.code !== 0) throw new Error(`hub analyses failed:\n${run.stderr}`);
  const { rows, seconds } = JSON.parse(run.stdout) as { rows: number; seconds: Record<string, number> };
  const target = `≤ ${TARGET_SECONDS} s`;
  return [
    {
      stage: `whole process (${rows.toLocaleString("en-US")} models)`,
      seconds: run.seconds,
      peakMiB: run.peakMiB,
      target: "",
      ok: true,
    },
    ...Object.entries(seconds).map(([stage, secs]) => ({
      stage: `  ${stage}`,
      seconds: secs,
      peakMiB: run.peakMiB,
      target,
      ok: secs <= TARGET_SECONDS,
    })),
  ];
}
