/**
 * The on-disk cache of LLM extraction replies, keyed by (card sha256, prompt version, model), so a re-run
 * sends no request for a card it already extracted and an interrupted run resumes where it stopped.
 *
 * Layout: `<dir>/<model>/<prompt version>/<sha256[0:2]>/<sha256>.json`, one file per card, written atomically.
 * Only replies that passed validation are stored: a failure is asked again on the next run. An entry also
 * holds the sha256 of the exact request; a request that differs (prompt code changed without a version bump)
 * is a miss, so a stale reply is never served. Entries hold the reply and its usage, never request headers,
 * so no API key can end up here.
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";

/** What the cache key is made of. */
export interface LlmCacheKey {
  /** sha256 of the card text. */
  cardSha256: string;
  /** Version of the prompt (its front matter `version`). */
  promptVersion: string;
  /** Model name as sent to the endpoint. */
  model: string;
}

/** One cached reply. */
export interface LlmCacheEntry {
  key: LlmCacheKey;
  /** sha256 of the request body (messages + response format + model). */
  requestSha256: string;
  /** The validated fields the reply carried. */
  fields: Record<string, unknown>;
  /** Tokens the endpoint reported (or estimated) when the reply was fetched. */
  usage: { prompt: number; completion: number };
  /** ISO time the reply was received. */
  received: string;
}

function segment(s: string): string {
  // keeps names like "gpt-4o-mini" or "llama3.1:8b" readable while making "/" and ".." harmless
  return encodeURIComponent(s).replace(/^\.+/, (dots) => "%2E".repeat(dots.length));
}

/**
 * A reply cache in a directory.
 *
 * @example
 * ```ts
 * const cache = new LlmCache("data/llm-cache");
 * const key = { cardSha256, promptVersion: "extract_metadata.v2", model: "gpt-4o-mini" };
 * const hit = await cache.get(key, requestSha256);
 * if (!hit) await cache.put({ key, requestSha256, fields, usage, received: new Date().toISOString() });
 * ```
 */
export class LlmCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file of a key. */
  pathOf(key: LlmCacheKey): string {
    const sha = key.cardSha256;
    return join(this.dir, segment(key.model), segment(key.promptVersion), sha.slice(0, 2), `${sha}.json`);
  }

  /** The entry for `key` made by the same request, or null (absent, unreadable, or another request). */
  async get(key: LlmCacheKey, requestSha256: string): Promise<LlmCacheEntry | null> {
    let text: string;
    try {
      text = await Deno.readTextFile(this.pathOf(key));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw new Error(`LLM cache: cannot read ${this.pathOf(key)}: ${(err as Error).message}`);
    }
    try {
      const entry = JSON.parse(text) as LlmCacheEntry;
      return entry.requestSha256 === requestSha256 ? entry : null;
    } catch {
      return null; // a torn or hand-edited file is just a miss: the reply is fetched and rewritten
    }
  }

  /** Stores an entry, atomically. */
  async put(entry: LlmCacheEntry): Promise<void> {
    await atomicWriteFile(this.pathOf(entry.key), JSON.stringify(entry, null, 1) + "\n");
  }
}
