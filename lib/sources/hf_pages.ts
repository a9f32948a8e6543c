/**
 * Decoding raw Hugging Face `/api/models` page files (JSON arrays, plain or gzipped) into model records.
 *
 * @module
 */
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import { sha256Hex } from "../store/hash.ts";
import type { ManifestInput } from "../store/manifest.ts";
import { type HfModelsTable, HfRecordError } from "./hf_models_table.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

/**
 * Decodes and parses one page, with errors that name the file and, where possible, the record.
 * Gzip is recognised by its magic bytes, whatever the file name.
 *
 * @example
 * ```ts
 * const records = parsePage("page1.json", await Deno.readFile("page1.json"));
 * ```
 */
export function parsePage(path: string, raw: Uint8Array): unknown[] {
  let bytes = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw);
    } catch (err) {
      throw new HfRecordError(`${path}: corrupt or truncated gzip data (${(err as Error).message})`);
    }
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HfRecordError(`${path}: ${describeBadUtf8(bytes)}`);
  }
  let page: unknown;
  try {
    page = JSON.parse(text);
  } catch (err) {
    const hint = text.trimEnd().endsWith("]") ? "" : " (the file looks truncated)";
    throw new HfRecordError(`${path}: malformed JSON${hint}: ${(err as Error).message}`);
  }
  if (!Array.isArray(page)) {
    throw new HfRecordError(`${path}: expected a JSON array of models, got ${typeof page}`);
  }
  return page;
}

// Only runs on failure: find the first record that carries the invalid bytes so the error can name it.
function describeBadUtf8(bytes: Uint8Array): string {
  const text = lossy.decode(bytes);
  try {
    const page = JSON.parse(text);
    if (Array.isArray(page)) {
      const i = page.findIndex((r) => JSON.stringify(r).includes("\uFFFD"));
      if (i >= 0) {
        const id = (page[i] as { id?: unknown })?.id;
        return `record #${i}${typeof id === "string" ? ` (${id})` : ""} holds bytes that are not valid UTF-8`;
      }
    }
  } catch {
    // not even lossy JSON: fall back to the position
  }
  return `bytes that are not valid UTF-8 near character ${text.indexOf("\uFFFD")}`;
}

/**
 * Reads page files into `table`, in order, and describes each file for the manifest.
 *
 * @param onPage called after each page, e.g. to advance a progress bar.
 * @example
 * ```ts
 * const table = new HfModelsTable();
 * const inputs = await readPages(["p1.json", "p2.json.gz"], table);
 * ```
 */
export async function readPages(
  files: readonly string[],
  table: HfModelsTable,
  onPage: () => void = () => {},
): Promise<ManifestInput[]> {
  const inputs: ManifestInput[] = [];
  for (const path of files) {
    const raw = await Deno.readFile(path);
    inputs.push({ path: basename(path), bytes: raw.byteLength, sha256: sha256Hex(raw) });
    const page = parsePage(path, raw);
    for (let i = 0; i < page.length; i++) table.add(page[i], () => `${path} record #${i}`);
    onPage();
  }
  return inputs;
}
