/**
 * Small HTTP facts every client of ours needs: how long `Retry-After` asks to wait, what a network failure was
 * really about, and a URL fit to print.
 *
 * @module
 */

/**
 * Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date); undefined when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs("3"); // 3000
 * ```
 */
export function retryAfterMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const secs = Number(value);
  if (value.trim() !== "" && Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The useful part of a fetch failure: Deno wraps the cause ("dns error: ...") in "error sending request for url".
 *
 * @example
 * ```ts
 * networkReason(err); // "client error (Connect): dns error: failed to lookup address information"
 * ```
 */
export function networkReason(err: unknown): string {
  const e = err as Error & { cause?: Error };
  const text = e.cause?.message ?? e.message ?? String(err);
  return text.replace(/^error sending request for url \([^)]*\): /, "");
}

/**
 * `url` without user info (a token someone put in it), for messages, manifests and caches; no trailing slash.
 *
 * @example
 * ```ts
 * publicUrl("https://user:secret@huggingface.co/"); // "https://huggingface.co"
 * ```
 */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return "(unparseable URL)";
  }
}
