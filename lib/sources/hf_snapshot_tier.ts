/**
 * The snapshot tier of a harvest: for each chosen model, its file list, README.md, config.json and the date of
 * its first commit, fetched with `@huggingface/hub` at bounded concurrency and stored in the checkpoint in
 * batches, so a killed harvest resumes without fetching a model twice. No weights are downloaded.
 *
 * @module
 */
import { downloadFile, HubApiError, listCommits, listFiles } from "@huggingface/hub";
import { Progress } from "../cli/progress.ts";
import type { HarvestCheckpoint } from "./hf_harvest_checkpoint.ts";

/** What the tier learnt about one model. */
export interface TierResult {
  id: string;
  /** README.md text; null when the repo has none. */
  readme: string | null;
  /** `architectures` of config.json; null without a config.json or when it does not parse. */
  architectures: string[] | null;
  /** `model_type` of config.json. */
  modelType: string | null;
  /** Every file of the repo, recursively. */
  files: string[];
  /** ISO time of the repo's first commit. */
  firstCommitAt: string | null;
  /** Why the hub refused this model (deleted, gated, ...); the model then counts as not snapshotted. */
  error?: string;
}

/** Options of {@linkcode runSnapshotTier}. */
export interface SnapshotTierOptions {
  /** Models to snapshot. */
  ids: readonly string[];
  hubUrl: string;
  fetch: typeof fetch;
  accessToken?: string;
  checkpoint: HarvestCheckpoint;
  /** Models fetched at the same time. @default 8 */
  concurrency?: number;
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
}

const BATCH = 25;

/**
 * Snapshots `ids` (those stored by an interrupted run are read back, not fetched again).
 * A model the hub refuses (4xx) is recorded with its error; a hub that stays unreachable aborts the tier with
 * the error of the request that failed, after flushing what was done.
 *
 * @example
 * ```ts
 * const results = await runSnapshotTier({ ids: ["gpt2"], hubUrl, fetch: politeFetch(), checkpoint });
 * results.get("gpt2")?.firstCommitAt; // "2019-02-18T..."
 * ```
 */
export async function runSnapshotTier(options: SnapshotTierOptions): Promise<Map<string, TierResult>> {
  const results = new Map<string, TierResult>();
  for (const r of await options.checkpoint.readTierResults<TierResult>()) results.set(r.id, r);
  const queue = options.ids.filter((id) => !results.has(id));
  const bar = options.progress
    ? new Progress("harvest hf: snapshot tier", { total: options.ids.length, unit: "models" })
    : null;
  bar?.tick(options.ids.length - queue.length);

  let buffer: TierResult[] = [];
  let writing = Promise.resolve();
  const flush = () => {
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) writing = writing.then(() => options.checkpoint.saveTierBatch(batch));
    return writing;
  };
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < queue.length) {
      const id = queue[next++];
      try {
        const result = await snapshotModel(id, options);
        results.set(id, result);
        buffer.push(result);
        bar?.tick();
        if (buffer.length >= BATCH) await flush();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker),
  );
  await flush();
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  bar?.done();
  return results;
}

async function snapshotModel(id: string, options: SnapshotTierOptions): Promise<TierResult> {
  const params = {
    repo: id,
    hubUrl: options.hubUrl,
    fetch: options.fetch,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
  };
  try {
    const sizes = new Map<string, number>();
    for await (const entry of listFiles({ ...params, recursive: true })) {
      if (entry.type === "file") sizes.set(entry.path, entry.size);
    }
    const files = [...sizes.keys()];
    // an empty file cannot be fetched by range (416), which downloadFile always starts with
    const text = async (path: string) =>
      !sizes.has(path)
        ? null
        : sizes.get(path) === 0
        ? ""
        : (await (await downloadFile({ ...params, path }))?.text()) ?? null;
    const readme = await text("README.md");
    const config = parseConfig(await text("config.json"));
    let firstCommitAt: string | null = null;
    // commits come newest first: the last one is the first commit
    for await (const commit of listCommits(params)) {
      firstCommitAt = Number.isNaN(commit.date.getTime()) ? firstCommitAt : commit.date.toISOString();
    }
    return { id, readme, ...config, files, firstCommitAt };
  } catch (err) {
    if (err instanceof HubApiError && err.statusCode >= 400 && err.statusCode < 500) {
      return {
        id,
        readme: null,
        architectures: null,
        modelType: null,
        files: [],
        firstCommitAt: null,
        error: `HTTP ${err.statusCode} from ${err.url || options.hubUrl}`,
      };
    }
    throw err;
  }
}

function parseConfig(text: string | null): { architectures: string[] | null; modelType: string | null } {
  if (text === null) return { architectures: null, modelType: null };
  try {
    const config = JSON.parse(text);
    const arch = config?.architectures;
    return {
      architectures: Array.isArray(arch) && arch.every((a) => typeof a === "string") ? arch : null,
      modelType: typeof config?.model_type === "string" ? config.model_type : null,
    };
  } catch {
    return { architectures: null, modelType: null };
  }
}
