/**
 * Harvesting the Hugging Face Hub into dated snapshots of the canonical store: `<out>/<YYYY-MM-DD>/`.
 *
 * A full harvest lists every model (newest created first: cursor paging over an immutable key neither repeats
 * nor skips models while the hub changes, unlike a listing by downloads). When `<out>` already holds an earlier
 * snapshot, the harvest is incremental: it lists models by lastModified, newest first, stops at the first one
 * not modified since that snapshot's newest lastModified, and merges the listed rows into a copy of it. Limits
 * of incremental harvests: deleted models are not seen (they stay), and downloads and likes of models not
 * modified since are those of the earlier snapshot; `full: true` re-lists everything.
 *
 * Everything is checkpointed under `<out>/.harvest-<date>/`, so a harvest killed at any moment and run again
 * ends with the same snapshot as an uninterrupted one.
 *
 * @module
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import { Progress } from "../cli/progress.ts";
import { type Dataset, loadDataset, writeDataset } from "../store/dataset.ts";
import { HarvestCheckpoint, type HarvestSettings } from "./hf_harvest_checkpoint.ts";
import { listHf } from "./hf_harvest_list.ts";
import { ListedModels } from "./hf_listed_models.ts";
import { assembleSnapshot } from "./hf_harvest_snapshot.ts";
import { politeFetch, type RetryOptions } from "./hf_polite_fetch.ts";
import { publicUrl } from "../net/http.ts";
import { runSnapshotTier, type TierResult } from "./hf_snapshot_tier.ts";
import { pathExistsSync } from "../paths.ts";

/** Options of {@linkcode harvestHf}. */
export interface HarvestHfOptions {
  /** Directory of dated snapshots. */
  out: string;
  /** @default "https://huggingface.co" */
  hubUrl?: string;
  /** Skip the snapshot tier (READMEs, configs, file lists, first commits). @default false */
  listOnly?: boolean;
  /** The snapshot tier takes models with more downloads than this. @default 50 */
  minDownloads?: number;
  /** Re-list every model even when an earlier snapshot exists. @default false */
  full?: boolean;
  /** Hugging Face access token (`hf_...`), sent as a Bearer token and written nowhere. */
  token?: string;
  /** Models snapshotted at the same time. @default 8 */
  concurrency?: number;
  /** Snapshot date, YYYY-MM-DD. @default today (UTC) */
  date?: string;
  /** Progress bars and retry notices on stderr. @default false */
  progress?: boolean;
  /** The fetch doing the requests (wrapped with retries). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Retry tuning. */
  retry?: RetryOptions;
}

/** What a harvest did. */
export interface HarvestReport {
  /** Directory of the snapshot written. */
  snapshot: string;
  mode: "full" | "incremental";
  /** Name of the earlier snapshot the harvest built on, if any. */
  base: string | null;
  /** Whether it continued an interrupted run. */
  resumed: boolean;
  /** Models in the snapshot. */
  models: number;
  /** Records the listing received (skipped ones included). */
  listed: number;
  added: number;
  changed: number;
  /** Rows carried over unchanged from the earlier snapshot (incremental). */
  carried: number;
  /** Records left out, by reason (`no-id`, `wrong-type`, `odd-id`). */
  skipped: Record<string, number>;
  /** Records repeating an id already listed (the first was kept). */
  duplicates: number;
  /** Models kept without createdAt. */
  missingCreatedAt: number;
  /** Snapshot tier counts; null when listing only. */
  tier: { eligible: number; fetched: number; reused: number; failed: number } | null;
  requests: number;
  retries: number;
  seconds: number;
  /** Seconds spent listing, building the models table, in the snapshot tier, and writing the snapshot. */
  phases: { list: number; table: number; tier: number; write: number };
  /** The notes written to the manifest. */
  notes: string[];
}

/** Options that cannot work. */
export class HarvestError extends Error {
  override name = "HarvestError";
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Harvests the hub into `<out>/<date>/` (see the module documentation for full and incremental harvests).
 *
 * @example
 * ```ts
 * const report = await harvestHf({ out: "data/hf", listOnly: true, token: Deno.env.get("HF_TOKEN") });
 * console.log(`${report.models} models in ${report.snapshot}`);
 * ```
 */
export async function harvestHf(options: HarvestHfOptions): Promise<HarvestReport> {
  const started = performance.now();
  const { date, hubUrl, baseName, base, since, settings, notes } = await prepare(options);
  const checkpoint = await HarvestCheckpoint.open(options.out, date, settings);
  const resumed = checkpoint.resumed;
  const fetchHub = politeFetch({
    ...options.retry,
    fetch: options.fetch,
    onRetry: options.progress
      ? (r) => console.error(`retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)}s: ${r.reason} (${r.url})`)
      : undefined,
  });
  const accessToken = options.token;

  const clock = stopwatch();
  const bar = options.progress
    ? new Progress(`harvest hf: list${since ? ` since ${since}` : ""}`, { unit: "models" })
    : null;
  if (bar && base && !since) bar.setTotal(base.models.height); // an estimate: the hub has no count
  const listed = new ListedModels(since);
  const incremental = since !== null;
  await listHf({ hubUrl, checkpoint, listed, incremental, fetch: fetchHub, accessToken, progress: bar });
  bar?.done();
  const listSecs = clock.lap();
  const listedModels = listed.toDataFrame();
  const tableSecs = clock.lap();

  let tier: Map<string, TierResult> | null = null;
  const reused = new Set<string>();
  let eligible = 0;
  if (!settings.listOnly) {
    const todo = tierCandidates(listedModels, settings.minDownloads, base, reused);
    eligible = todo.length + reused.size;
    tier = await runSnapshotTier({
      ids: todo,
      hubUrl,
      fetch: fetchHub,
      accessToken,
      checkpoint,
      concurrency: options.concurrency,
      progress: options.progress,
    });
  }

  const tierSecs = clock.lap();
  const snap = assembleSnapshot({
    listed: listedModels,
    listedMetadata: listed.metadata,
    base,
    incremental: settings.mode === "incremental",
    tier,
    reused,
  });
  const failed = [...tier?.values() ?? []].filter((r) => r.error !== undefined);
  notes.push(...describe(listed, listedModels, settings, failed));
  if (settings.mode === "incremental") {
    notes.push(
      `incremental: ${listed.received} records listed since ${since}: ${snap.added} new models, ` +
        `${snap.changed} replacing their row of ${baseName}, ${snap.carried} rows carried over`,
    );
  }
  const dir = join(options.out, date);
  await writeDataset(dir, { models: snap.models, cards: snap.cards, metadata: snap.metadata }, {
    source: {
      kind: "hf-harvest",
      description: `Hugging Face Hub, ${
        settings.mode === "full" ? "every model" : `models modified since ${since} merged into ${baseName}`
      }${
        settings.listOnly
          ? " (list only)"
          : `; snapshot tier for models with more than ${settings.minDownloads} downloads`
      }`,
      location: settings.hub,
    },
    retrieved_at: date,
    inputs: base && settings.mode === "incremental" ? [await baseInput(base, baseName!)] : [],
    notes,
  });
  await checkpoint.remove();
  const writeSecs = clock.lap();
  return {
    snapshot: dir,
    mode: settings.mode,
    base: baseName,
    resumed,
    models: snap.models.height,
    listed: listed.received,
    added: snap.added,
    changed: snap.changed,
    carried: snap.carried,
    skipped: listed.skips.counts,
    duplicates: listed.duplicates,
    missingCreatedAt: listedModels.getColumn("created_at").nullCount(),
    tier: tier && { eligible, fetched: tier.size, reused: reused.size, failed: failed.length },
    requests: fetchHub.stats.requests,
    retries: fetchHub.stats.retries,
    seconds: (performance.now() - started) / 1000,
    phases: { list: listSecs, table: tableSecs, tier: tierSecs, write: writeSecs },
    notes,
  };
}

/** Checks the options and finds the snapshot to build on. */
async function prepare(options: HarvestHfOptions) {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(date)) throw new HarvestError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (options.token !== undefined && !options.token.startsWith("hf_")) {
    throw new HarvestError(
      "the token is not a Hugging Face access token (those start with hf_); check HF_TOKEN",
    );
  }
  await Deno.mkdir(options.out, { recursive: true });
  if (pathExistsSync(join(options.out, "manifest.json"))) {
    throw new HarvestError(
      `${options.out} is a single dataset, not a directory of dated snapshots; choose another --out`,
    );
  }
  await removeStaleSnapshotTemporaries(options.out, date);
  const hubUrl = (options.hubUrl ?? "https://huggingface.co").replace(/\/+$/, "");
  const baseName = previousSnapshot(options.out, date);
  const base = baseName
    ? await loadDataset(join(options.out, baseName), { tables: ["models", "cards", "metadata"] })
    : null;
  const since = base && !options.full ? newestModification(base) : null;
  const notes: string[] = [];
  if (base && !options.full && since === null) {
    notes.push(`${baseName} records no lastModified: listed every model instead of the changes since then`);
  }
  const settings: HarvestSettings = {
    hub: publicUrl(hubUrl),
    mode: since === null ? "full" : "incremental",
    base: baseName,
    since,
    listOnly: options.listOnly ?? false,
    minDownloads: options.minDownloads ?? 50,
  };
  return { date, hubUrl, baseName, base, since, settings, notes };
}

/** Seconds since the previous lap. */
function stopwatch() {
  let at = performance.now();
  return {
    lap(): number {
      const now = performance.now();
      const secs = (now - at) / 1000;
      at = now;
      return secs;
    },
  };
}

/** Listed models above the download threshold; those the base already snapshotted at the same sha go to `reused`. */
function tierCandidates(
  listed: pl.DataFrame,
  min: number,
  base: Dataset | null,
  reused: Set<string>,
): string[] {
  const wanted = listed.filter(pl.col("downloads").gt(min)).select("id", "sha");
  const done = new Map<string, string>();
  if (base) {
    const b = base.models.filter(pl.col("has_snapshot").eq(true)).select("id", "sha");
    const shas = b.getColumn("sha").toArray() as (string | null)[];
    (b.getColumn("id").toArray() as string[]).forEach((id, i) => shas[i] && done.set(id, shas[i]!));
  }
  const shas = wanted.getColumn("sha").toArray() as (string | null)[];
  return (wanted.getColumn("id").toArray() as string[]).filter((id, i) => {
    if (shas[i] === null || done.get(id) !== shas[i]) return true;
    reused.add(id);
    return false;
  });
}

function describe(
  listed: ListedModels,
  models: pl.DataFrame,
  settings: HarvestSettings,
  failed: TierResult[],
): string[] {
  const notes: string[] = [];
  const skipped = Object.entries(listed.skips.counts);
  if (skipped.length > 0) {
    const total = skipped.reduce((n, [, k]) => n + k, 0);
    notes.push(
      `${total} malformed records skipped (${skipped.map(([why, n]) => `${why} ${n}`).join(", ")}); e.g. ` +
        skipped.map(([why]) => listed.skips.examples[why]).join(" | "),
    );
  }
  if (listed.duplicates > 0) {
    notes.push(`${listed.duplicates} records repeat a model id already listed; the first was kept`);
  }
  const missingCreatedAt = models.getColumn("created_at").nullCount();
  if (missingCreatedAt > 0) {
    notes.push(`${missingCreatedAt} models have no createdAt (kept, created_at is null)`);
  }
  if (failed.length > 0) {
    notes.push(
      `${failed.length} models could not be snapshotted (has_snapshot false), e.g. ${failed[0].id}: ${
        failed[0].error
      }`,
    );
  }
  if (settings.mode === "incremental") {
    notes.push(
      `incremental: models deleted since ${settings.base} are still listed, and downloads/likes of models ` +
        `not modified since ${settings.since} are those of ${settings.base}; harvest with --full for a complete re-list`,
    );
  }
  return notes;
}

/** The newest dated snapshot in `out` before `date`. */
function previousSnapshot(out: string, date: string): string | null {
  const names = [...Deno.readDirSync(out)]
    .filter((e) => e.isDirectory && DATE.test(e.name) && e.name < date)
    .map((e) => e.name)
    .filter((name) => pathExistsSync(join(out, name, "manifest.json")))
    .sort();
  return names.at(-1) ?? null;
}

function newestModification(base: Dataset): string | null {
  const newest = base.models.getColumn("last_modified").max() as unknown;
  if (newest === null || newest === undefined) return null;
  const ms = newest instanceof Date ? newest.getTime() : Number(newest);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

async function baseInput(base: Dataset, name: string) {
  const entry = base.manifest.tables.models!;
  const bytes = (await Deno.stat(join(base.dir, entry.file))).size;
  return { path: `../${name}/${entry.file}`, bytes, sha256: entry.sha256 };
}

// replaceDirectory leaves `.<date>.tmp-*` / `.<date>.old-*` behind when killed mid-write
async function removeStaleSnapshotTemporaries(out: string, date: string): Promise<void> {
  for (const e of Deno.readDirSync(out)) {
    if (e.name.startsWith(`.${date}.tmp-`) || e.name.startsWith(`.${date}.old-`)) {
      await Deno.remove(join(out, e.name), { recursive: true });
    }
  }
}
