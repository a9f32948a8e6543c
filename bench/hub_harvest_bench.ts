/**
 * `deno task bench harvest`: `deno task harvest hf --list-only` of the 760 real pages of 2024-07-11 (760,000
 * models) from a replay hub running in another process, without injected delays. Target (issue #4): ≥ 20,000
 * models/s listed and stored, with flat memory (pages are streamed, never all held).
 *
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT } from "../lib/paths.ts";
import type { BenchRow } from "./import_bench.ts";
import { measure } from "./measure.ts";

/**
 * Runs the harvest benchmark on the pages in `pagesDir`.
 *
 * @example
 * ```ts
 * const rows = await benchHarvest("../shared/data/stalnaker-hf-supply-chain/data/raw_data/model_lists");
 * ```
 */
export async function benchHarvest(pagesDir: string): Promise<BenchRow[]> {
  const deno = Deno.execPath();
  const hub = new Deno.Command(deno, {
    args: ["run", "-A", "bench/_hf_replay_serve.ts", pagesDir],
    cwd: REPO_ROOT,
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-bench-" });
  try {
    const url = await firstLine(hub.stdout);
    // A full harvest lists by createdAt: let the hub build that order (a replay artefact, not hub time) first.
    await (await fetch(`${url}/api/models?sort=createdAt&limit=1`)).body?.cancel();
    const busyBefore = (await (await fetch(`${url}/_replay/stats`)).json()).busyMs;
    const run = await measure(
      [
        deno,
        "run",
        "-A",
        "cli/harvest.ts",
        "hf",
        "--hub-url",
        url,
        "--list-only",
        "--out",
        join(dir, "hf"),
        "--json",
      ],
      REPO_ROOT,
    );
    if (run.code !== 0) throw new Error(`harvest failed:\n${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const stats = await (await fetch(`${url}/_replay/stats`)).json();
    const rate = report.models / run.seconds;
    const p = report.phases;
    const row = (stage: string, seconds: number, target = "", ok = true): BenchRow => ({
      stage,
      seconds,
      peakMiB: run.peakMiB,
      target,
      ok,
    });
    return [
      row(
        `harvest hf --list-only: ${report.models} models, ${Math.round(rate)} models/s`,
        run.seconds,
        "≥ 20,000 models/s",
        rate >= 20_000,
      ),
      row(`  list (${report.requests} requests, pages fetched one ahead)`, p.list),
      row(`    of which the replay hub building responses`, (stats.busyMs - busyBefore) / 1000),
      row("  models table (HfModelsTable → Polars)", p.table),
      row("  write the snapshot (Parquet + manifest)", p.write),
      row("  start-up and the rest", run.seconds - report.seconds),
    ];
  } finally {
    await hub.stdin.close();
    await hub.status;
    await Deno.remove(dir, { recursive: true });
  }
}

async function firstLine(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the replay hub exited before printing its URL");
    text += dec.decode(value, { stream: true });
  }
  await reader.cancel();
  return text.slice(0, text.indexOf("\n")).trim();
}
