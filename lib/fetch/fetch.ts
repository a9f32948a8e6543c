/**
 * `fetchGroups`: makes every file of some catalog groups present and verified in the cache, taking each from
 * the cache itself, a local mirror, or the network, in that order.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import { Progress } from "../cli/progress.ts";
import { cacheDir as defaultCacheDir } from "../paths.ts";
import { catalogEntries, type CatalogEntry, type CatalogGroup, catalogGroups } from "./catalog.ts";
import { downloadFile, type DownloadOptions } from "./download.ts";
import { DownloadError } from "./errors.ts";
import { copyFromMirror, findInMirror, type MirrorChoice, resolveMirror } from "./mirror.ts";
import { contentSha256, VerifiedLog } from "./verified.ts";

/** Options of {@linkcode fetchGroups}. */
export interface FetchOptions {
  /** Where files are kept. @default data/cache under the repository root */
  cacheDir?: string;
  /** A directory laid out like shared/data; null for network only. @default see {@linkcode resolveMirror} */
  mirror?: string | null;
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
  /** Files handled at once. @default 4 */
  concurrency?: number;
  /** Receives one-line notices (mirror in use, cached file replaced). @default ignore them */
  log?: (line: string) => void;
  /** The catalog to fetch from. @default the built-in catalog */
  catalog?: CatalogGroup[];
  /** Passed to each download (retries, backoff, fetchImpl). */
  download?: Omit<DownloadOptions, "onBytes">;
}

/** What {@linkcode fetchGroups} did. */
export interface FetchReport {
  /** The cache directory, absolute. */
  cacheDir: string;
  /** The mirror used, if any. */
  mirror: MirrorChoice | null;
  /** Files of the requested groups. */
  files: number;
  /** Files already in the cache and verified. */
  present: number;
  /** Files copied from the mirror. */
  fromMirror: number;
  /** Files downloaded. */
  downloaded: number;
  /** Cached files that failed verification and were replaced. */
  replaced: number;
  /** Uncompressed bytes copied or downloaded by this run. */
  bytes: number;
}

type Outcome = "present" | "fromMirror" | "downloaded";

/** Ensures one entry is in the cache; `replaced` is set when a cached copy was bad. */
async function ensure(
  entry: CatalogEntry,
  ctx: {
    cacheDir: string;
    mirror: string | null;
    log: VerifiedLog;
    opts: FetchOptions;
    tick: (n: number) => void;
  },
): Promise<{ outcome: Outcome; replaced: boolean }> {
  let replaced = false;
  for (const rel of [entry.path, `${entry.path}.gz`]) {
    const file = join(ctx.cacheDir, rel);
    let stat: Deno.FileInfo;
    try {
      stat = await Deno.stat(file);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) continue;
      throw err;
    }
    if (ctx.log.has(rel, stat, entry.sha256)) return { outcome: "present", replaced };
    const actual = await contentSha256(file, rel.endsWith(".gz")).then((r) => r.sha256, () => "unreadable");
    if (actual === entry.sha256) {
      ctx.log.add(rel, stat, entry.sha256);
      return { outcome: "present", replaced };
    }
    ctx.opts.log?.(`replacing ${file}: its sha256 is ${actual}, the pin is ${entry.sha256}`);
    await Deno.remove(file);
    ctx.log.delete(rel);
    replaced = true;
  }

  const source = ctx.mirror === null ? null : await findInMirror(entry, ctx.mirror);
  if (source !== null) {
    const dest = await copyFromMirror(entry, source, ctx.cacheDir);
    ctx.log.add(relative(ctx.cacheDir, dest), await Deno.stat(dest), entry.sha256);
    // a partial download from an earlier network run is now useless
    await Deno.remove(join(ctx.cacheDir, `${entry.path}.part`)).catch(() => {});
    ctx.tick(entry.bytes);
    return { outcome: "fromMirror", replaced };
  }

  const dest = join(ctx.cacheDir, entry.path);
  try {
    await downloadFile(entry, dest, { ...ctx.opts.download, onBytes: ctx.tick });
  } catch (err) {
    // the user set up a mirror; say that it lacked this file, or the offline hint reads as if there were none
    if (ctx.mirror !== null && err instanceof DownloadError) {
      throw new DownloadError(
        err.url,
        `${err.reason}; the mirror ${ctx.mirror} has neither ${entry.path} nor its .gz`,
      );
    }
    throw err;
  }
  ctx.log.add(entry.path, await Deno.stat(dest), entry.sha256);
  return { outcome: "downloaded", replaced };
}

/**
 * Makes `<cacheDir>/<path>` (or `<path>.gz` from a gzip-only mirror) present and verified for every file of the
 * named groups (all groups when empty). Files already verified are skipped without re-hashing, thanks to
 * `<cacheDir>/.verified.json`. Throws a {@linkcode FetchError} on the first file that cannot be made present;
 * files finished before it stay in the cache.
 *
 * @example
 * ```ts
 * const report = await fetchGroups(["peatmoss-license-analysis"], { progress: true, log: console.error });
 * console.log(`${report.downloaded} downloaded, ${report.present} already present`);
 * ```
 */
export async function fetchGroups(groups: string[], opts: FetchOptions = {}): Promise<FetchReport> {
  const entries = catalogEntries(groups, opts.catalog ?? catalogGroups());
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  const mirror = resolveMirror({ option: opts.mirror });
  if (mirror) opts.log?.(`using local mirror ${mirror.dir}`);

  await Deno.mkdir(cacheDir, { recursive: true });
  const log = await VerifiedLog.load(cacheDir);
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const bar = opts.progress
    ? new Progress(`fetch ${entries.length} file${entries.length === 1 ? "" : "s"}`, {
      total,
      unit: "MB",
      format: (n) => (n / 1e6).toFixed(1),
    })
    : null;
  const report: FetchReport = {
    cacheDir,
    mirror,
    files: entries.length,
    present: 0,
    fromMirror: 0,
    downloaded: 0,
    replaced: 0,
    bytes: 0,
  };
  const ctx = { cacheDir, mirror: mirror?.dir ?? null, log, opts, tick: (n: number) => bar?.tick(n) };

  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    // stop taking new files after a failure; files already under way finish
    while (failure === null && next < entries.length) {
      const entry = entries[next++];
      try {
        const { outcome, replaced } = await ensure(entry, ctx);
        report[outcome]++;
        if (replaced) report.replaced++;
        if (outcome === "present") bar?.tick(entry.bytes);
        else report.bytes += entry.bytes;
      } catch (err) {
        failure ??= err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  } finally {
    await log.save();
  }
  if (failure !== null) {
    bar?.done("failed");
    throw failure;
  }
  bar?.done(`${report.present} present, ${report.fromMirror} from mirror, ${report.downloaded} downloaded`);
  return report;
}
