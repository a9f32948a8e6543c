/**
 * Reading GitHub's answers for what a client must do next: wait for the primary rate limit to reset, back off
 * for a secondary rate limit, retry a server error, or accept the answer.
 *
 * @module
 */

/** A failed GitHub answer worth trying again, and how long to wait first (ms; null = client's backoff). */
export type GitHubRetry =
  | { kind: "primary"; waitMs: number; resetAt: number }
  | { kind: "secondary"; waitMs: number }
  | { kind: "server-error"; waitMs: null };

// GitHub's advice when a secondary limit comes without Retry-After: "wait at least one minute"
const SECONDARY_DEFAULT_MS = 60_000;

/**
 * What to do about an answer: null when it is final (success, 404, a plain 403), else the kind of retry.
 * A primary limit is a 403/429 with `x-ratelimit-remaining: 0` (wait until `x-ratelimit-reset`); a secondary
 * limit is a 403/429 with `retry-after`, or whose message says so.
 *
 * @param body the answer's text, read only to recognise a secondary limit without `retry-after`
 * @example
 * ```ts
 * const h = new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000060" });
 * classifyGitHubAnswer(403, h, "", 1700000000000); // { kind: "primary", waitMs: 60000, resetAt: 1700000060000 }
 * ```
 */
export function classifyGitHubAnswer(
  status: number,
  headers: Headers,
  body: string,
  now: number,
): GitHubRetry | null {
  if (status >= 500 && status <= 599) return { kind: "server-error", waitMs: null };
  if (status !== 403 && status !== 429) return null;
  const retryAfter = Number(headers.get("retry-after") ?? NaN);
  if (Number.isFinite(retryAfter) && headers.get("retry-after")?.trim()) {
    return { kind: "secondary", waitMs: Math.max(0, retryAfter * 1000) };
  }
  const quota = rateLimitQuota(headers);
  if (quota?.remaining === 0) {
    return { kind: "primary", waitMs: Math.max(0, quota.resetAt - now), resetAt: quota.resetAt };
  }
  if (status === 429 || /secondary rate limit|abuse/i.test(body)) {
    return { kind: "secondary", waitMs: SECONDARY_DEFAULT_MS };
  }
  return null;
}

/**
 * The primary rate-limit state an answer reports, or null when it carries no rate-limit headers.
 *
 * @example
 * ```ts
 * rateLimitQuota(new Headers({ "x-ratelimit-remaining": "12", "x-ratelimit-reset": "1700000060" }));
 * // { remaining: 12, resetAt: 1700000060000, resource: "core" }
 * ```
 */
export function rateLimitQuota(
  headers: Headers,
): { remaining: number; resetAt: number; resource: string } | null {
  const remaining = Number(headers.get("x-ratelimit-remaining") ?? NaN);
  const reset = Number(headers.get("x-ratelimit-reset") ?? NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return null;
  return { remaining, resetAt: reset * 1000, resource: headers.get("x-ratelimit-resource") ?? "core" };
}
