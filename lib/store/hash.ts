/**
 * Content hashes for inputs and outputs recorded in manifests.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * Hex sha256 of a byte array.
 *
 * @example
 * ```ts
 * sha256Hex(new TextEncoder().encode("abc")); // "ba7816bf..."
 * ```
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Hex sha256 of a file, read in chunks so large files do not sit in memory.
 *
 * @example
 * ```ts
 * const digest = await sha256File("data/cache/mapping.csv");
 * ```
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await Deno.open(path);
  // the readable stream closes the file when it ends or fails
  for await (const chunk of file.readable) hash.update(chunk);
  return hash.digest("hex");
}
