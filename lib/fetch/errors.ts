/**
 * Errors of `deno task fetch`, each naming the file, where it came from and what to do.
 *
 * @module
 */
import type { CatalogEntry } from "./catalog.ts";

/** A pinned file could not be made present and verified. */
export class FetchError extends Error {
  /** Shown before the message. */
  override name = "FetchError";
}

/** What to run or set when nothing can be downloaded. */
const OFFLINE_HINT =
  "Connect to the network and run the command again, or set PTMSCOPE_MIRROR to a directory " +
  "laid out like shared/data, e.g. `PTMSCOPE_MIRROR=/path/to/shared/data npm run reproduce` " +
  "(or `... deno task fetch`).";

/**
 * A download that failed for a reason other than its content (network, HTTP status, cut-off transfer).
 *
 * @example
 * ```ts
 * throw new DownloadError("https://raw.githubusercontent.com/o/r/c/a.csv", "dns error");
 * ```
 */
export class DownloadError extends FetchError {
  /** Shown before the message. */
  override name = "DownloadError";
  /**
   * Builds the message with the offline hint.
   *
   * @param url what could not be downloaded
   * @param reason why, e.g. `HTTP 404 Not Found` or `dns error: ...; 4 attempts`
   */
  constructor(readonly url: string, readonly reason: string) {
    super(`cannot download ${url} (${reason}). ${OFFLINE_HINT}`);
  }
}

/**
 * The error for content whose sha256 differs from its pin; `from` says where the bytes came from.
 *
 * @example
 * ```ts
 * throw mismatchError(entry, "ab12...", "mirror /srv/shared/data");
 * ```
 */
export function mismatchError(entry: CatalogEntry, actual: string, from: string): FetchError {
  const hint = from.startsWith("http")
    ? "The upstream file changed or the transfer was corrupted: re-run `deno task fetch`; if it persists, the " +
      "pin in lib/fetch/catalog.json needs review."
    : "That copy is not the pinned upstream file: replace it, or download the upstream file with " +
      "`deno task fetch --no-mirror`.";
  return new FetchError(
    `sha256 mismatch for ${entry.path} from ${from}: expected ${entry.sha256}, got ${actual}; the file was not ` +
      `kept. ${hint}`,
  );
}
