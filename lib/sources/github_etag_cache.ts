/**
 * An on-disk cache of GitHub answers keyed by request, kept for their `ETag`: a re-run sends `If-None-Match`,
 * and a `304 Not Modified` (which does not count against the rate limit) is answered from here.
 *
 * Only the URL, the ETag, a few response headers and the body are stored, never request headers, so no
 * credential reaches the disk.
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";
import { sha256Hex } from "../store/hash.ts";

/** One cached answer. */
export interface CachedAnswer {
  /** The request URL (it never holds credentials: the token travels in a header). */
  url: string;
  etag: string;
  /** Response headers a client needs again: `content-type`, and `link` for pagination. */
  headers: Record<string, string>;
  body: string;
}

const KEPT_HEADERS = ["content-type", "link"];

/**
 * ETag cache in a directory, one JSON file per request. Writes are atomic, so an interrupted run leaves
 * either the old entry or the new one.
 *
 * @example
 * ```ts
 * const cache = new EtagCache("data/pytorch-hub/.harvest-cache");
 * const hit = await cache.get("GET https://api.github.com/repos/pytorch/hub");
 * ```
 */
export class EtagCache {
  constructor(readonly dir: string) {}

  /** The cached answer for `key`, or null (absent or unreadable: a corrupt entry is just a miss). */
  async get(key: string): Promise<CachedAnswer | null> {
    try {
      const entry = JSON.parse(await Deno.readTextFile(this.#path(key))) as CachedAnswer;
      return typeof entry.etag === "string" && typeof entry.body === "string" ? entry : null;
    } catch {
      return null;
    }
  }

  /** Stores an answer's ETag, kept headers and body under `key`. */
  async put(key: string, url: string, etag: string, headers: Headers, body: string): Promise<void> {
    const kept: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = headers.get(name);
      if (value !== null) kept[name] = value;
    }
    const entry: CachedAnswer = { url, etag, headers: kept, body };
    await atomicWriteFile(this.#path(key), JSON.stringify(entry));
  }

  #path(key: string): string {
    const hash = sha256Hex(new TextEncoder().encode(key));
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }
}
