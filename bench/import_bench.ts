/**
 * `deno task bench import`: imports all 760 pages of 2024-07-11 (288 MB of JSON) into Parquet, then loads the
 * models table, each in a fresh process. Targets (issue #2): import ≤ 15 s and ≤ 2.5 GB peak RSS; load ≤ 1 s.
 *
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT } from "../lib/paths.ts";
import { measure } from "./measure.ts";

/** One benchmark row. */
export interface BenchRow {
  stage: string;
  seconds: number;
  peakMiB: number;
  target: string;
  ok: boolean;
}

/** Runs the import benchmark on the pages in `pagesDir`. */
export async function benchImport(pagesDir: string): Promise<BenchRow[]> {
  const out = join(await Deno.makeTempDir({ prefix: "ptmscope-bench-" }), "hf");
  try {
    const deno = Deno.execPath();
    const imp = await measure(
      [deno, "run", "-A", "cli/import.ts", "hf-dump", pagesDir, "--out", out],
      REPO_ROOT,
    );
    if (imp.code !== 0) throw new Error(`import failed:\n${imp.stderr}`);
    const load = await measure([deno, "run", "-A", "bench/_load_models.ts", out], REPO_ROOT);
    if (load.code !== 0) throw new Error(`load failed:\n${load.stderr}`);
    const inProcess = JSON.parse(load.stdout);
    return [
      row("import 760 pages → Parquet", imp.seconds, imp.peakMiB, 15, 2560),
      row(
        `load models table (${inProcess.rows} rows), whole process`,
        load.seconds,
        load.peakMiB,
        1,
        Infinity,
      ),
      row("load models table, inside the process", inProcess.seconds, load.peakMiB, 1, Infinity),
    ];
  } finally {
    await Deno.remove(join(out, ".."), { recursive: true });
  }
}

function row(stage: string, seconds: number, peakMiB: number, maxSecs: number, maxMiB: number): BenchRow {
  const target = `≤ ${maxSecs} s` + (Number.isFinite(maxMiB) ? `, ≤ ${(maxMiB / 1024).toFixed(1)} GiB` : "");
  return { stage, seconds, peakMiB, target, ok: seconds <= maxSecs && peakMiB <= maxMiB };
}
