/**
 * Importing a directory of raw Hugging Face `/api/models` pages (JSON arrays, plain or gzipped) into the
 * canonical `models` table.
 *
 * @module
 */
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import type pl from "nodejs-polars";
import { Progress } from "../cli/progress.ts";
import { sha256Hex } from "../store/hash.ts";
import type { DatasetInfo } from "../store/dataset.ts";
import type { ManifestInput } from "../store/manifest.ts";
import { HfModelsTable, HfRecordError } from "./hf_models_table.ts";

/** Options of {@linkcode readHfDump}. */
export interface HfDumpOptions {
  /** When the pages were retrieved (YYYY-MM-DD). @default inferred from names like `..._07-11-2024.json` */
  retrievedAt?: string;
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
}

const PAGE_FILE = /\.json(\.gz)?$/;

/**
 * Lists the page files of a dump directory in page order (`models_page2_...` before `models_page10_...`).
 *
 * @example
 * ```ts
 * listPageFiles("pages/"); // ["pages/models_page1_07-11-2024.json.gz", ...]
 * ```
 */
export function listPageFiles(dir: string): string[] {
  let names: string[];
  try {
    names = [...Deno.readDirSync(dir)]
      .filter((e) =>
        PAGE_FILE.test(e.name) && (e.isFile || (e.isSymlink && Deno.statSync(join(dir, e.name)).isFile))
      )
      .map((e) => e.name);
  } catch (err) {
    throw new HfRecordError(`${dir}: cannot read the pages directory (${(err as Error).message})`);
  }
  if (names.length === 0) {
    throw new HfRecordError(`${dir}: no page files (*.json or *.json.gz) found`);
  }
  const pageNumber = (name: string) => Number(/page(\d+)/i.exec(name)?.[1] ?? NaN);
  return names
    .sort((a, b) => (pageNumber(a) - pageNumber(b)) || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name));
}

/**
 * Infers the retrieval date from page names such as `models_page1_07-11-2024.json.gz` (MM-DD-YYYY).
 *
 * @example
 * ```ts
 * retrievalDateFromName("models_page1_07-11-2024.json.gz"); // "2024-07-11"
 * ```
 */
export function retrievalDateFromName(name: string): string | null {
  const m = /(\d{2})-(\d{2})-(\d{4})\.json/.exec(name);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

/** Decodes and parses one page, with errors that name the file and, where possible, the record. */
function parsePage(path: string, raw: Uint8Array): unknown[] {
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
    // fall through to the byte offset
  }
  const at = text.indexOf("\uFFFD");
  return `bytes that are not valid UTF-8 near character ${at}`;
}

/**
 * Reads every page of a dump directory into the canonical `models` table.
 * Any malformed page or record stops the import with an error naming the file and record; nothing is written.
 *
 * @example
 * ```ts
 * const { tables, info } = await readHfDump("../shared/data/stalnaker-hf-supply-chain/data/raw_data/model_lists");
 * tables.models.height; // 760000
 * await writeDataset("data/hf-2024-07-11", tables, info);
 * ```
 */
export async function readHfDump(
  dir: string,
  options: HfDumpOptions = {},
): Promise<{ tables: { models: pl.DataFrame }; info: DatasetInfo }> {
  const files = listPageFiles(dir);
  const table = new HfModelsTable();
  const inputs: ManifestInput[] = [];
  const bar = options.progress
    ? new Progress("import hf-dump", { total: files.length, unit: "pages" })
    : null;
  for (const path of files) {
    const raw = await Deno.readFile(path);
    inputs.push({ path: basename(path), bytes: raw.byteLength, sha256: sha256Hex(raw) });
    const page = parsePage(path, raw);
    for (let i = 0; i < page.length; i++) table.add(page[i], () => `${path} record #${i}`);
    bar?.tick();
  }
  bar?.done(`${table.size.toLocaleString("en-US")} models`);
  const notes = table.duplicates > 0
    ? [`${table.duplicates} records repeat a model id already seen on an earlier page; the first was kept`]
    : [];
  return {
    tables: { models: table.toDataFrame() },
    info: {
      source: {
        kind: "hf-dump",
        description: `Hugging Face /api/models pages (${files.length} files)`,
        location: dir,
      },
      retrieved_at: options.retrievedAt ?? retrievalDateFromName(basename(files[0])),
      inputs,
      notes,
    },
  };
}
