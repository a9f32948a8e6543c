/**
 * Deterministic pseudo-random numbers derived from model ids: the replay server synthesises every value the real
 * pages lack (lastModified, sha, file lists, commits) from them, so two runs see exactly the same hub.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * 32-bit FNV-1a of `text`, mixed with `salt` so one id gives independent draws per purpose.
 *
 * @example
 * ```ts
 * hash32("gpt2", "commits") % 8; // the same number on every run
 * ```
 */
export function hash32(text: string, salt = ""): number {
  let h = 0x811c9dc5;
  const s = salt === "" ? text : `${salt}\u0000${text}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix) so that neighbouring ids spread over the whole range
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A number in [0, 1) drawn from `text` and `salt`.
 *
 * @example
 * ```ts
 * unit("gpt2", "has-card") < 0.85; // whether the replayed gpt2 has a card
 * ```
 */
export function unit(text: string, salt: string): number {
  return hash32(text, salt) / 0x1_0000_0000;
}

/**
 * 40 hex digits drawn from `text`: a plausible git object id.
 *
 * @example
 * ```ts
 * hex40("gpt2@2024-07-01T00:00:00.000Z"); // "5d1f..." (40 digits)
 * ```
 */
export function hex40(text: string): string {
  let out = "";
  for (let k = 0; k < 5; k++) out += hash32(text, `sha${k}`).toString(16).padStart(8, "0");
  return out;
}

/**
 * git's blob id of `bytes`, which the real hub uses as oid and ETag of files stored in git.
 *
 * @example
 * ```ts
 * gitBlobId(new TextEncoder().encode("")); // "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
 * ```
 */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
