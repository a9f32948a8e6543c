/**
 * The replay server's rate limits and scripted faults: a quota per fixed window and resource (`core`, and
 * `code_search` for code search; reset at a whole second, as GitHub's `x-ratelimit-reset` is in seconds), plus
 * switches tests flip to provoke secondary rate limits, server errors, slow answers, incomplete search results
 * and repositories deleted after they were indexed.
 *
 * @module
 */

/** Faults a test can switch on at any time; counts decrease as faults are served. */
export interface GitHubFaults {
  /** Status of primary rate-limit refusals. @default 403 */
  primaryStatus: 403 | 429;
  /** The next n requests are refused by a secondary rate limit (403 with `retry-after`). @default 0 */
  secondary: number;
  /** `retry-after` of secondary refusals, in seconds. @default 1 */
  retryAfterSeconds: number;
  /** The next n requests fail with `serverErrorStatus`. @default 0 */
  serverErrors: number;
  /** @default 502 */
  serverErrorStatus: number;
  /** Delay before every answer, in milliseconds. @default 0 */
  delayMs: number;
  /** The next n code searches time out: `incomplete_results: true`, half the matches. @default 0 */
  incompleteSearches: number;
  /** `owner/name`s that code search still finds but that answer 404 everywhere else. @default [] */
  goneRepos: string[];
}

/**
 * Default faults: none.
 *
 * @example
 * ```ts
 * const faults = noFaults();
 * faults.secondary = 2; // the next two requests meet a secondary rate limit
 * ```
 */
export function noFaults(): GitHubFaults {
  return {
    primaryStatus: 403,
    secondary: 0,
    retryAfterSeconds: 1,
    serverErrors: 0,
    serverErrorStatus: 502,
    delayMs: 0,
    incompleteSearches: 0,
    goneRepos: [],
  };
}

/**
 * A primary rate limit: `limit` requests per window of `windowSeconds`, reported as `resource`.
 *
 * @example
 * ```ts
 * const quota = new PrimaryQuota(60, 3600);
 * if (!quota.exhausted()) quota.take();
 * quota.headers()["x-ratelimit-remaining"]; // "59"
 * ```
 */
export class PrimaryQuota {
  #used = 0;
  #windowEnd = 0;

  constructor(public limit: number, public windowSeconds: number, readonly resource = "core") {}

  /** The headers GitHub sends with every answer. */
  headers(now = Date.now()): Record<string, string> {
    this.#roll(now);
    return {
      "x-ratelimit-limit": String(this.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.limit - this.#used)),
      "x-ratelimit-reset": String(this.#windowEnd / 1000),
      "x-ratelimit-used": String(this.#used),
      "x-ratelimit-resource": this.resource,
    };
  }

  /** Whether the window's quota is spent. */
  exhausted(now = Date.now()): boolean {
    this.#roll(now);
    return this.#used >= this.limit;
  }

  /** Counts one request against the quota. */
  take(now = Date.now()): void {
    this.#roll(now);
    this.#used++;
  }

  /** Spends the rest of the current window's quota. */
  exhaust(now = Date.now()): void {
    this.#roll(now);
    this.#used = this.limit;
  }

  #roll(now: number): void {
    if (now < this.#windowEnd) return;
    this.#used = 0;
    this.#windowEnd = Math.ceil((now + this.windowSeconds * 1000) / 1000) * 1000;
  }
}
