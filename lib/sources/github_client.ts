/**
 * An `@octokit/rest` client that spends GitHub's quota with care: it waits for the primary rate limit to reset
 * (bounded), backs off on secondary limits (`Retry-After`), retries server errors with jittered backoff, sends
 * conditional requests from an ETag cache, and keeps a bounded number of requests in flight. All of it sits in
 * the `fetch` octokit calls, so every REST method and `octokit.paginate` get it.
 *
 * @module
 */
import { Octokit } from "@octokit/rest";
import { type CachedAnswer, EtagCache } from "./github_etag_cache.ts";
import { classifyGitHubAnswer, rateLimitQuota } from "./github_rate_limit.ts";
import { publicUrl } from "../net/http.ts";
import { Slots } from "../net/slots.ts";

/** Options of {@linkcode createGitHubClient}. */
export interface GitHubClientOptions {
  /** REST API root. @default "https://api.github.com" */
  baseUrl?: string;
  /** Token sent as `Authorization`; never logged or stored. @default none (60 requests/hour) */
  token?: string;
  /** Directory of the ETag cache. @default none: no conditional requests */
  cacheDir?: string;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** Longest single wait for a rate limit, in seconds; a longer one fails with a hint. @default 3600 */
  maxWaitSeconds?: number;
  /** Further attempts after a server error or a network failure. @default 5 */
  retries?: number;
  /** First backoff delay after a server error, doubled on each retry, with jitter. @default 1000 */
  retryBaseMs?: number;
  /** Told before each rate-limit wait. */
  onWait?: (wait: { kind: "primary" | "secondary"; ms: number; url: string }) => void;
}

/** What a client did, for reports and tests. */
export interface GitHubStats {
  /** Requests sent (each retry counts). */
  requests: number;
  /** Answers served from the ETag cache after a `304 Not Modified`. */
  notModified: number;
  /** Retries after server errors or network failures. */
  retries: number;
  /** Answers refused by the primary rate limit (403/429 with `x-ratelimit-remaining: 0`). */
  primaryLimited: number;
  /** Answers refused by a secondary rate limit. */
  secondaryLimited: number;
  /** Wall-clock milliseconds spent waiting for rate limits. */
  waitedMs: number;
}

/** A rate limit that would need a longer wait than allowed, or retries that ran out. */
export class GitHubError extends Error {
  override name = "GitHubError";
}

// a request that keeps hitting rate limits this often is not going to get through
const MAX_RATE_LIMIT_ROUNDS = 20;
// the reset time has a one-second resolution; waking a little after it avoids one more 403
const RESET_MARGIN_MS = 250;

/**
 * Creates the client. `stats` is updated as requests run.
 *
 * @example
 * ```ts
 * const { octokit, stats } = createGitHubClient({ token: Deno.env.get("GITHUB_TOKEN"), cacheDir: ".cache" });
 * const { data } = await octokit.rest.repos.get({ owner: "pytorch", repo: "hub" });
 * console.log(data.stargazers_count, stats.requests);
 * ```
 */
export function createGitHubClient(
  options: GitHubClientOptions = {},
): { octokit: Octokit; stats: GitHubStats } {
  const stats: GitHubStats = {
    requests: 0,
    notModified: 0,
    retries: 0,
    primaryLimited: 0,
    secondaryLimited: 0,
    waitedMs: 0,
  };
  const octokit = new Octokit({
    baseUrl: (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    auth: options.token || undefined,
    userAgent: "ptmscope",
    // failures are handled and reported by the callers; octokit would print every 404 on its own
    log: { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} },
    request: { fetch: careful(options, stats) },
  });
  return { octokit, stats };
}

function careful(options: GitHubClientOptions, stats: GitHubStats): typeof fetch {
  const cache = options.cacheDir ? new EtagCache(options.cacheDir) : null;
  const slots = new Slots(Math.max(1, options.concurrency ?? 4));
  const maxWaitMs = (options.maxWaitSeconds ?? 3600) * 1000;
  const retries = options.retries ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  // shared by all requests: nobody sends while a limit is known to be in force
  const gate = { pauseUntil: 0, exhaustedUntil: 0, waitedUntil: 0 };

  const waitFor = async (kind: "primary" | "secondary", until: number, url: string) => {
    const ms = Math.max(0, until - Date.now());
    if (ms > maxWaitMs) {
      const at = new Date(until).toISOString().slice(0, 19) + "Z";
      const hint =
        "set GITHUB_TOKEN (5,000 requests/hour instead of 60) or run again later: answers already " +
        "fetched are cached and cost nothing the second time";
      throw new GitHubError(
        `GET ${url}: GitHub's ${kind} rate limit holds until ${at} (${Math.ceil(ms / 1000)}s), longer than ` +
          `the allowed wait of ${maxWaitMs / 1000}s; ${hint}`,
      );
    }
    if (ms > 0) {
      // concurrent requests wait for the same reset: count the wall-clock time once
      if (until > gate.waitedUntil) {
        options.onWait?.({ kind, ms, url });
        stats.waitedMs += until - Math.max(Date.now(), gate.waitedUntil);
        gate.waitedUntil = until;
      }
      await sleep(ms);
    }
  };

  return async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const target = String(input instanceof Request ? input.url : input);
    // what messages and the cache show: a base URL may carry user:password
    const url = publicUrl(target);
    const headers = new Headers(init.headers);
    const method = (init.method ?? "GET").toUpperCase();
    const key = `${method} ${url} ${headers.get("accept") ?? ""}`;
    const cached = cache && method === "GET" ? await cache.get(key) : null;
    if (cached) headers.set("if-none-match", cached.etag);
    let failures = 0;
    for (let round = 0;; round++) {
      if (gate.exhaustedUntil > Date.now()) {
        await waitFor("primary", gate.exhaustedUntil + RESET_MARGIN_MS, url);
      }
      if (gate.pauseUntil > Date.now()) await waitFor("secondary", gate.pauseUntil, url);
      let res: Response;
      try {
        res = await slots.run(() => {
          stats.requests++;
          return fetch(target, { ...init, headers });
        });
      } catch (err) {
        if (++failures > retries) {
          const why = reason(err);
          throw new GitHubError(
            `${method} ${url}: no answer after ${failures} attempts (${why}); check the network`,
          );
        }
        stats.retries++;
        await sleep(backoff(retryBaseMs, failures));
        continue;
      }
      const quota = rateLimitQuota(res.headers);
      if (quota?.remaining === 0) gate.exhaustedUntil = Math.max(gate.exhaustedUntil, quota.resetAt);
      if (res.status === 304 && cached) {
        stats.notModified++;
        return fromCache(cached, res.headers);
      }
      if (res.ok || res.status < 400) return await remember(res, cache, key, url);
      const body = await res.clone().text();
      const retry = classifyGitHubAnswer(res.status, res.headers, body, Date.now());
      if (!retry) return res;
      if (round >= MAX_RATE_LIMIT_ROUNDS) {
        throw new GitHubError(
          `${method} ${url}: still HTTP ${res.status} after ${round + 1} attempts; try later`,
        );
      }
      await res.body?.cancel();
      if (retry.kind === "server-error") {
        if (++failures > retries) {
          throw new GitHubError(
            `${method} ${url}: HTTP ${res.status} ${failures} times in a row; GitHub is failing, try again later`,
          );
        }
        stats.retries++;
        await sleep(backoff(retryBaseMs, failures));
      } else if (retry.kind === "primary") {
        stats.primaryLimited++;
        gate.exhaustedUntil = Math.max(gate.exhaustedUntil, retry.resetAt);
      } else {
        stats.secondaryLimited++;
        gate.pauseUntil = Math.max(gate.pauseUntil, Date.now() + retry.waitMs);
      }
    }
  };
}

/** Stores a fresh answer that has an ETag, and hands it on intact. */
async function remember(res: Response, cache: EtagCache | null, key: string, url: string): Promise<Response> {
  const etag = res.headers.get("etag");
  if (!cache || !etag || res.status !== 200 || !key.startsWith("GET ")) return res;
  const body = await res.text();
  await cache.put(key, url, etag, res.headers, body);
  return new Response(body, { status: 200, headers: res.headers });
}

/** A 200 answer rebuilt from the cache, carrying the 304's current rate-limit headers. */
function fromCache(cached: CachedAnswer, fresh: Headers): Response {
  const headers = new Headers(cached.headers);
  for (const [name, value] of fresh) {
    if (name.startsWith("x-ratelimit-") || name === "etag") headers.set(name, value);
  }
  return new Response(cached.body, { status: 200, headers });
}

function backoff(baseMs: number, failures: number): number {
  return baseMs * 2 ** (failures - 1) * (0.5 + Math.random());
}

function reason(err: unknown): string {
  const e = err as Error & { cause?: Error };
  return e.cause?.message ?? e.message ?? String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
