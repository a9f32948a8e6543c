/**
 * `deno task bench licenses`: paper mode of `deno task licenses` on the full artifact inputs (22,861 relations),
 * end to end in a fresh process, then the same work stage by stage inside one process to show where the time
 * goes. Target (issue #3): the whole command ≤ 1 s.
 *
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT } from "../lib/paths.ts";
import type { BenchRow } from "./import_bench.ts";
import { measure } from "./measure.ts";

/** The three input files of the license analysis. */
export interface LicenseInputs {
  mapping: string;
  ghLicenses: string;
  matrix: string;
}

/**
 * Runs the licenses benchmark on `inputs`; with `pinned`, also times the command as run with no file flags
 * (the fetched copies of the catalog, whose presence it checks first).
 *
 * @example
 * ```ts
 * const rows = await benchLicenses({ mapping: "mapping.csv", ghLicenses: "gh.json", matrix: "lf.xlsx" });
 * ```
 */
export async function benchLicenses(inputs: LicenseInputs, pinned = false): Promise<BenchRow[]> {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-bench-" });
  const out = join(dir, "paper.json");
  const deno = Deno.execPath();
  const files = ["--mapping", inputs.mapping, "--gh-licenses", inputs.ghLicenses, "--matrix", inputs.matrix];
  try {
    const rows: BenchRow[] = [];
    const run = async (stage: string, args: string[]) => {
      const m = await measure([deno, "run", "-A", "cli/licenses.ts", "--mode", "paper", ...args], REPO_ROOT);
      if (m.code !== 0) throw new Error(`deno task licenses failed:\n${m.stderr}`);
      rows.push({ stage, seconds: m.seconds, peakMiB: m.peakMiB, target: "≤ 1 s", ok: m.seconds <= 1 });
    };
    await run("licenses --mode paper --out, whole process", [...files, "--out", out]);
    if (pinned) await run("same, inputs found in the fetch cache", ["--out", out]);

    const child = await measure(
      [deno, "run", "-A", "bench/_licenses_stages.ts", inputs.mapping, inputs.ghLicenses, inputs.matrix, out],
      REPO_ROOT,
    );
    if (child.code !== 0) throw new Error(`stage timing failed:\n${child.stderr}`);
    const { seconds } = JSON.parse(child.stdout) as { seconds: Record<string, number> };
    for (const [stage, secs] of Object.entries(seconds)) {
      rows.push({ stage: `  ${stage}`, seconds: secs, peakMiB: child.peakMiB, target: "", ok: true });
    }
    return rows;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
