/**
 * A `fetch` for talking to the Hugging Face Hub politely and robustly, handed to `@huggingface/hub` (which
 * retries nothing itself): it waits as long as a 429's `Retry-After` says, backs off with jitter on 5xx,
 * network errors, cut-off bodies and error pages that are not JSON, and gives up after a bounded number of
 * attempts with an error naming the URL.
 *
 * @module
 */
import { networkReason, publicUrl, retryAfterMs } from "../net/http.ts";

/** How hard to retry. */
export interface RetryOptions {
  /** Further attempts after a transient failure. @default 6 */
  retries?: number;
  /** First backoff delay; doubles on each retry, with ±50% jitter. @default 1000 */
  baseDelayMs?: number;
  /** Longest backoff delay. @default 60000 */
  maxDelayMs?: number;
  /** Longest wait honoured from a `Retry-After` header. @default 300000 */
  maxRetryAfterMs?: number;
  /** Give up on an attempt that has not completed (body included) after this long. @default 120000 */
  timeoutMs?: number;
}

/** Options of {@linkcode politeFetch}. */
export interface PoliteFetchOptions extends RetryOptions {
  /** The fetch doing the requests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Called before each wait; it gets the URL and reason only, never request headers (they may hold a token). */
  onRetry?: (retry: { url: string; attempt: number; waitMs: number; reason: string }) => void;
  /** Waits; tests replace it to record the waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

/** Request counters of a {@linkcode politeFetch}. */
export interface FetchStats {
  requests: number;
  retries: number;
}

/** A request that still failed after every retry. */
export class HubRequestError extends Error {
  override name = "HubRequestError";
  constructor(message: string, readonly url: string) {
    super(message);
  }
}

class Transient extends Error {
  constructor(message: string, readonly waitMs?: number) {
    super(message);
  }
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Wraps `fetch` with retries. Successful responses come back fully read (so a cut-off body is retried here);
 * JSON answers of `/api/` routes are parsed once: `res.json()` returns that value and `res.text()` the text.
 *
 * @example
 * ```ts
 * const fetchHub = politeFetch({ retries: 4 });
 * for await (const m of listModels({ fetch: fetchHub })) console.log(m.name);
 * fetchHub.stats; // { requests: 12, retries: 1 }
 * ```
 */
export function politeFetch(options: PoliteFetchOptions = {}): typeof fetch & { stats: FetchStats } {
  const inner = options.fetch ?? globalThis.fetch;
  const retries = options.retries ?? 6;
  const base = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 300_000;
  const timeout = options.timeoutMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  const stats: FetchStats = { requests: 0, retries: 0 };

  const polite = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input)).href;
    for (let attempt = 0;; attempt++) {
      stats.requests++;
      try {
        return await once(inner, url, init, timeout);
      } catch (err) {
        const reason = err instanceof Transient ? err.message : networkReason(err);
        if (!(err instanceof Transient) && !isNetworkError(err)) throw err;
        if (attempt >= retries) {
          throw new HubRequestError(
            `${init?.method ?? "GET"} ${publicUrl(url)} failed ${
              attempt + 1
            } times, last: ${reason}; the hub may be down or ` +
              `rate-limiting this client: re-run later (a harvest resumes where it stopped)`,
            publicUrl(url),
          );
        }
        const backoff = Math.min(maxDelay, base * 2 ** attempt) * (0.5 + Math.random());
        const waitMs = err instanceof Transient && err.waitMs !== undefined
          ? Math.min(err.waitMs, maxRetryAfter)
          : backoff;
        stats.retries++;
        options.onRetry?.({ url: publicUrl(url), attempt: attempt + 1, waitMs, reason });
        await sleep(waitMs);
      }
    }
  };
  return Object.assign(polite, { stats });
}

async function once(inner: typeof fetch, url: string, init: RequestInit | undefined, timeout: number) {
  const signal = init?.signal ?? AbortSignal.timeout(timeout);
  const res = await inner(url, { ...init, signal });
  if (RETRY_STATUS.has(res.status)) {
    await res.body?.cancel();
    throw new Transient(`HTTP ${res.status}`, retryAfterMs(res.headers.get("retry-after")));
  }
  if (!res.ok || init?.method === "HEAD") return res;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("text/html")) {
    await res.body?.cancel();
    throw new Transient(`an HTML page (${res.status}) instead of ${apiRoute(url) ? "JSON" : "the file"}`);
  }
  const read = async <T>(body: () => Promise<T>): Promise<T> => {
    try {
      return await body();
    } catch (err) {
      throw new Transient(`body cut off (${networkReason(err)})`);
    }
  };
  const init2 = { status: res.status, statusText: res.statusText, headers: res.headers };
  let copy: Response;
  if (apiRoute(url)) {
    const text = await read(() => res.text());
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Transient(`malformed JSON (${(err as Error).message})`);
    }
    // the client calls res.json(): hand it the value parsed here instead of parsing the page a second time
    copy = new Response(null, init2);
    copy.json = () => Promise.resolve(value);
    copy.text = () => Promise.resolve(text);
  } else copy = new Response(await read(() => res.arrayBuffer()), init2);
  Object.defineProperty(copy, "url", { value: url });
  return copy;
}

function apiRoute(url: string): boolean {
  return new URL(url).pathname.startsWith("/api/");
}

function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError || (err instanceof DOMException && err.name === "TimeoutError");
}
