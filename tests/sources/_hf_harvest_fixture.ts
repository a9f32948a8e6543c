/**
 * Shared by the harvest tests: a replay hub over a few real pages, harvests with fast retries, the CLIs as
 * subprocesses, and fingerprints of the tables written.
 */
import { join } from "node:path";
import { harvestHf, type HarvestHfOptions, type HarvestReport } from "../../lib/sources/hf_harvest.ts";
import { readManifest } from "../../lib/store/dataset.ts";
import { type HfReplay, type HfReplayOptions, startHfReplay } from "../../lib/testing/hf_replay_server.ts";
import { HF_PAGES, REPO_ROOT } from "../_shared_data.ts";

export const DAY1 = "2024-07-11";
export const DAY2 = "2024-07-12";

/** Page numbers 1..n. */
export const firstPages = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Runs `body` with a replay hub over `pages` of the real data, closed afterwards. */
export async function withHub<T>(
  options: Partial<HfReplayOptions>,
  body: (hub: HfReplay) => Promise<T>,
): Promise<T> {
  const hub = await startHfReplay({ pagesDir: HF_PAGES!, pages: firstPages(3), ...options });
  try {
    return await body(hub);
  } finally {
    await hub.close();
  }
}

/** harvestHf against `hub` with retries in milliseconds instead of seconds. */
export function harvest(
  hub: HfReplay,
  out: string,
  options: Partial<HarvestHfOptions> = {},
): Promise<HarvestReport> {
  return harvestHf({
    out,
    hubUrl: hub.url,
    date: DAY1,
    retry: { baseDelayMs: 2, maxDelayMs: 10 },
    ...options,
  });
}

/** A fresh directory for snapshots. */
export async function outDir(): Promise<string> {
  return join(await Deno.makeTempDir({ prefix: "ptmscope-harvest-test-" }), "hf");
}

/** Runs `deno run -A <args>` from the repository root. */
export async function cli(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1", ...env },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** The sha256 of every table of the snapshot in `dir` (or its newest): equal fingerprints, equal Parquet. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const m = await readManifest(dir);
  return Object.fromEntries(Object.entries(m.tables).map(([t, e]) => [t, `${e.rows} ${e.sha256}`]));
}

/** A directory of symlinks to the real page files `pages`, as `import hf-dump` reads them. */
export async function pageSlice(pages: number[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const n of pages) {
    const name = `models_page${n}_07-11-2024.json.gz`;
    await Deno.symlink(join(HF_PAGES!, name), join(dir, name));
  }
  return dir;
}

/** Every file under `dir`, recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...await allFiles(path));
    else out.push(path);
  }
  return out;
}
