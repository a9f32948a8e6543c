/**
 * Content hashes of cached files, and the record of which cached files were already verified
 * (`<cacheDir>/.verified.json`), so that a re-run does not re-hash hundreds of megabytes.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";

/**
 * Hex sha256 and size of a file's content, gunzipped first when `gzip` is true.
 * Throws when the gzip stream is corrupt or truncated.
 *
 * @example
 * ```ts
 * const { sha256, bytes } = await contentSha256("cache/models_page1_07-11-2024.json.gz", true);
 * ```
 */
export async function contentSha256(path: string, gzip: boolean): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const file = await Deno.open(path);
  // the readable closes the file when it ends or fails
  const stream = gzip ? file.readable.pipeThrough(new DecompressionStream("gzip")) : file.readable;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

interface Mark {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Which cached files were verified, keyed by their path in the cache and valid while size and mtime are unchanged.
 *
 * @example
 * ```ts
 * const log = await VerifiedLog.load("data/cache");
 * if (!log.has("a/b.csv", await Deno.stat("data/cache/a/b.csv"), pin)) { ... }
 * await log.save();
 * ```
 */
export class VerifiedLog {
  #file: string;
  #marks: Record<string, Mark>;
  #dirty = false;

  private constructor(file: string, marks: Record<string, Mark>) {
    this.#file = file;
    this.#marks = marks;
  }

  /** Reads `<cacheDir>/.verified.json`; a missing or unreadable record starts empty (files are re-hashed). */
  static async load(cacheDir: string): Promise<VerifiedLog> {
    const file = join(cacheDir, ".verified.json");
    let marks: Record<string, Mark> = {};
    try {
      const parsed = JSON.parse(await Deno.readTextFile(file));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) marks = parsed;
    } catch {
      // absent or damaged: the only cost is hashing again
    }
    return new VerifiedLog(file, marks);
  }

  /** True when `rel` was verified against `sha256` and has not changed since. */
  has(rel: string, stat: Deno.FileInfo, sha256: string): boolean {
    const m = this.#marks[rel];
    return m !== undefined && m.sha256 === sha256 && m.size === stat.size &&
      m.mtimeMs === stat.mtime?.getTime();
  }

  /** Remembers that `rel`, as it is now, holds content with this sha256. */
  add(rel: string, stat: Deno.FileInfo, sha256: string): void {
    this.#marks[rel] = { size: stat.size, mtimeMs: stat.mtime?.getTime() ?? 0, sha256 };
    this.#dirty = true;
  }

  /** Forgets `rel` (its file was removed or replaced). */
  delete(rel: string): void {
    if (rel in this.#marks) {
      delete this.#marks[rel];
      this.#dirty = true;
    }
  }

  /** Writes the record atomically, when it changed. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    const sorted = Object.fromEntries(
      Object.entries(this.#marks).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    await atomicWriteFile(this.#file, JSON.stringify(sorted, null, 1) + "\n");
    this.#dirty = false;
  }
}
