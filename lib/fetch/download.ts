/**
 * Resumable, verified download of one pinned file: bytes go to `<dest>.part`, a re-run continues with a
 * `Range` request, and the file is renamed into place only once its sha256 matches the pin.
 *
 * @module
 */
import { dirname } from "node:path";
import type { CatalogEntry } from "./catalog.ts";
import { DownloadError, mismatchError } from "./errors.ts";
import { contentSha256 } from "./verified.ts";
import { networkReason, retryAfterMs } from "../net/http.ts";

/** Options of {@linkcode downloadFile}. */
export interface DownloadOptions {
  /** Further attempts after a network error, a 5xx, a 408/429 or a cut-off transfer. @default 3 */
  retries?: number;
  /** First backoff delay; doubles on each retry. @default 500 */
  retryDelayMs?: number;
  /** Longest wait honoured from a `Retry-After` header. @default 300000 */
  maxRetryAfterMs?: number;
  /** Give up on an attempt when no byte arrived for this long. @default 60000 */
  stallTimeoutMs?: number;
  /** The fetch to use. @default globalThis.fetch */
  fetchImpl?: typeof fetch;
  /** Called with byte counts as they arrive (negative when a partial file is discarded). */
  onBytes?: (delta: number) => void;
}

/** Counts bytes of the partial file towards progress, and takes them back when it is discarded. */
class Tally {
  #n = 0;
  constructor(readonly report: (delta: number) => void) {}
  add(delta: number): void {
    this.#n += delta;
    this.report(delta);
  }
  reset(): void {
    this.report(-this.#n);
    this.#n = 0;
  }
}

/** A failure worth another attempt, after `waitMs` when the server said how long. */
class Retryable extends Error {
  constructor(message: string, readonly waitMs?: number) {
    super(message);
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).size;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return 0;
    throw err;
  }
}

type Options = Required<Omit<DownloadOptions, "onBytes">>;

/**
 * One request: appends to or restarts `part`. Resolves when `part` holds `entry.bytes` bytes; throws
 * {@linkcode Retryable} for transient failures and a {@linkcode DownloadError} for the rest.
 */
async function attempt(entry: CatalogEntry, part: string, opts: Options, tally: Tally): Promise<void> {
  let have = await sizeOf(part);
  if (have > entry.bytes) {
    await Deno.remove(part);
    tally.reset();
    have = 0;
  }
  if (have === entry.bytes) return;

  const ac = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => ac.abort(new Retryable(`no data for ${opts.stallTimeoutMs / 1000} s`)),
      opts.stallTimeoutMs,
    );
  };
  arm();
  try {
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    if (have > 0) headers.range = `bytes=${have}-`;
    let res: Response;
    try {
      res = await opts.fetchImpl(entry.url, { headers, signal: ac.signal });
    } catch (err) {
      throw err instanceof Retryable ? err : new Retryable(networkReason(err));
    }
    const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
    let append = false;
    if (res.status === 206) {
      const start = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "")?.[1];
      if (Number(start) !== have) {
        await res.body?.cancel();
        throw new Retryable(`${status} answered a different range (${res.headers.get("content-range")})`);
      }
      append = true;
    } else if (res.status === 200) {
      // the server ignored Range: start over
      tally.reset();
      have = 0;
    } else if (res.status === 416) {
      // our partial file is not a prefix the server recognises
      await res.body?.cancel();
      await Deno.remove(part).catch(() => {});
      tally.reset();
      throw new Retryable(`${status} for a resumed download`, 0);
    } else {
      await res.body?.cancel();
      if (res.status === 408 || res.status === 429 || res.status >= 500) {
        throw new Retryable(status, retryAfterMs(res.headers.get("retry-after")));
      }
      throw new DownloadError(entry.url, status);
    }

    const file = await Deno.open(part, { write: true, create: true, append, truncate: !append });
    let received = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        arm();
        received += chunk.length;
        tally.add(chunk.length);
        ctl.enqueue(chunk);
      },
    });
    try {
      // pipeTo closes the file however the body ends; bytes written so far stay for the next Range request
      await res.body!.pipeThrough(counter).pipeTo(file.writable);
    } catch (err) {
      const why = err instanceof Retryable ? err.message : networkReason(err);
      throw new Retryable(`transfer cut off after ${have + received} of ${entry.bytes} bytes: ${why}`);
    }
    if (have + received < entry.bytes) {
      throw new Retryable(`transfer ended after ${have + received} of ${entry.bytes} bytes`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads `entry.url` to `dest`, resuming `<dest>.part` left by an earlier run, retrying transient failures
 * with exponential backoff (honouring `Retry-After`), and verifying the sha256 before the final rename.
 * A mismatch removes the partial file and throws an error naming both digests.
 *
 * @example
 * ```ts
 * await downloadFile(entry, "data/cache/peatmoss-artifact/License-Analysis/analyzeIncompatibilities/mapping.csv");
 * ```
 */
export async function downloadFile(
  entry: CatalogEntry,
  dest: string,
  options: DownloadOptions = {},
): Promise<void> {
  const opts: Options = {
    retries: options.retries ?? 3,
    retryDelayMs: options.retryDelayMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 300_000,
    stallTimeoutMs: options.stallTimeoutMs ?? 60_000,
    fetchImpl: options.fetchImpl ?? fetch,
  };
  const tally = new Tally(options.onBytes ?? (() => {}));
  const part = `${dest}.part`;
  await Deno.mkdir(dirname(dest), { recursive: true });
  // bytes left by an earlier run count as done
  tally.add(await sizeOf(part));

  for (let i = 0;; i++) {
    try {
      await attempt(entry, part, opts, tally);
      break;
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      if (i >= opts.retries) {
        throw new DownloadError(entry.url, `${err.message}; ${i + 1} attempt${i === 0 ? "" : "s"}`);
      }
      const wait = err.waitMs ?? opts.retryDelayMs * 2 ** i;
      await new Promise((ok) => setTimeout(ok, Math.min(wait, opts.maxRetryAfterMs)));
    }
  }

  const { sha256 } = await contentSha256(part, false);
  if (sha256 !== entry.sha256) {
    await Deno.remove(part);
    tally.reset();
    throw mismatchError(entry, sha256, entry.url);
  }
  await Deno.rename(part, dest);
}
