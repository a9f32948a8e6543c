/**
 * `deno task bench usage`: `deno task usage scan` over a synthetic corpus of ML-project Python (25 and 50 MiB,
 * see `_usage_corpus.ts`), as a directory and as a tarball, each run as one fresh process. Targets (issue #5):
 * ≥ 10 MB/s per core, and flat memory (the 50 MiB scan's peak RSS within 25% of the 25 MiB scan's).
 *
 * @module
 */
import { join } from "node:path";
import { cacheDir, REPO_ROOT } from "../lib/paths.ts";
import { type CorpusStats, writeCorpus } from "./_usage_corpus.ts";
import type { Detection } from "../lib/usage/types.ts";
import type { BenchRow } from "./import_bench.ts";
import { measure } from "./measure.ts";
import { pathExists } from "../lib/paths.ts";

const SEED = 5;
// bump when the corpus generator changes, so that a cached corpus of the old shape is not reused
const CORPUS_VERSION = 1;
const TARGET_MB_PER_CORE = 10;
const FLAT_MEMORY_RATIO = 1.25;

/** One timed scan. */
interface ScanRun {
  what: string;
  mb: number;
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
  /** Files with at least one detection. */
  filesFound: number;
  /** Files of the corpus that load a model. */
  filesLoading?: number;
}

/**
 * The corpus of `mib` MiB, generated under `data/cache/bench/` on first use (into a temporary directory renamed
 * when complete), with its `.tar.gz` beside it.
 *
 * @example
 * ```ts
 * const { dir, tarball, stats } = await ensureCorpus(50);
 * ```
 */
export async function ensureCorpus(
  mib: number,
): Promise<{ dir: string; tarball: string; stats: CorpusStats }> {
  const dir = join(cacheDir(), "bench", `usage-${mib}mib-seed${SEED}-v${CORPUS_VERSION}`);
  const tarball = `${dir}.tar.gz`;
  const statsFile = `${dir}.json`;
  if (!await pathExists(dir) || !await pathExists(statsFile)) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    const tmp = `${dir}.tmp-${Deno.pid}`;
    await Deno.mkdir(tmp, { recursive: true });
    const stats: CorpusStats = await writeCorpus(tmp, mib, SEED);
    await Deno.writeTextFile(statsFile, JSON.stringify(stats));
    await Deno.rename(tmp, dir);
    console.error(
      `generated ${dir}: ${stats.files} files (${stats.notebooks} notebooks, ${stats.loading} loading a model)`,
    );
  }
  if (!await pathExists(tarball)) {
    const tmp = `${tarball}.tmp-${Deno.pid}`;
    const out = await new Deno.Command("tar", {
      args: ["-czf", tmp, "-C", join(dir, ".."), dir.split("/").pop()!],
      stderr: "piped",
    }).output();
    if (out.code !== 0) throw new Error(`tar of ${dir} failed: ${new TextDecoder().decode(out.stderr)}`);
    await Deno.rename(tmp, tarball);
  }
  return { dir, tarball, stats: JSON.parse(await Deno.readTextFile(statsFile)) };
}

/**
 * Runs the usage benchmark: each corpus size in `mibs`, as a directory and as a tarball.
 *
 * @example
 * ```ts
 * const rows = await benchUsage([25, 50]);
 * ```
 */
export async function benchUsage(mibs: number[] = [25, 50]): Promise<BenchRow[]> {
  const runs: ScanRun[] = [];
  for (const mib of mibs) {
    const { dir, tarball, stats } = await ensureCorpus(mib);
    const mb = stats.bytes / 1e6;
    for (const [kind, path] of [["directory", dir], [".tar.gz", tarball]]) {
      runs.push({ ...await timeScan(`${mib} MiB ${kind}`, path, mb), filesLoading: stats.loading });
    }
  }
  const rows: BenchRow[] = runs.map((r) => {
    const perCore = r.mb / r.cpuSeconds;
    return {
      stage: `scan ${r.what}: ${(r.mb / r.seconds).toFixed(1)} MB/s, ${perCore.toFixed(1)} MB/CPU-s, ` +
        `${r.filesFound}/${r.filesLoading} loaders found`,
      seconds: r.seconds,
      peakMiB: r.peakMiB,
      target: `≥ ${TARGET_MB_PER_CORE} MB/s per core`,
      ok: perCore >= TARGET_MB_PER_CORE,
    };
  });
  const [small, large] = [Math.min(...mibs), Math.max(...mibs)];
  if (small !== large) {
    for (const kind of ["directory", ".tar.gz"]) {
      const a = runs.find((r) => r.what === `${small} MiB ${kind}`)!;
      const b = runs.find((r) => r.what === `${large} MiB ${kind}`)!;
      const ratio = b.peakMiB / a.peakMiB;
      rows.push({
        stage: `peak RSS ${large} / ${small} MiB ${kind}: ${ratio.toFixed(2)}`,
        seconds: b.seconds,
        peakMiB: b.peakMiB,
        target: `≤ ${FLAT_MEMORY_RATIO}`,
        ok: ratio <= FLAT_MEMORY_RATIO,
      });
    }
  }
  return rows;
}

/**
 * `deno task usage scan <path> --out <tmp>.jsonl` as one process: wall time, CPU time, peak RSS, and the files
 * with detections. (Not `--out /dev/null`: the atomic write renames its temporary file over the target.)
 */
async function timeScan(what: string, path: string, mb: number): Promise<ScanRun> {
  const tmp = await Deno.makeTempDir({ prefix: "ptmscope-bench-usage-" });
  const [times, out] = [join(tmp, "times"), join(tmp, "detections.jsonl")];
  try {
    // GNU time gives the CPU seconds (all threads), measure() the wall time and peak RSS
    const run = await measure(
      [
        "/usr/bin/time",
        "-f",
        "%U %S",
        "-o",
        times,
        Deno.execPath(),
        "run",
        "-A",
        "cli/usage.ts",
        "scan",
        path,
        "--out",
        out,
      ],
      REPO_ROOT,
    );
    if (run.code !== 0) throw new Error(`usage scan of ${path} failed:\n${run.stderr}`);
    const [user, sys] = (await Deno.readTextFile(times)).trim().split("\n").pop()!.split(" ").map(Number);
    const lines = (await Deno.readTextFile(out)).split("\n").filter((l) => l !== "");
    const filesFound = new Set(lines.map((l) => (JSON.parse(l) as Detection).file)).size;
    return { what, mb, seconds: run.seconds, cpuSeconds: user + sys, peakMiB: run.peakMiB, filesFound };
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}
