/**
 * Importing a directory of raw Hugging Face `/api/models` pages (JSON arrays, plain or gzipped) into the
 * canonical `models` table.
 *
 * @module
 */
import { basename, join } from "node:path";
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";
import { Progress } from "../cli/progress.ts";
import type { DatasetInfo } from "../store/dataset.ts";
import type { ManifestInput } from "../store/manifest.ts";
import { HfRecordError } from "./hf_models_table.ts";
import type { PagesJob, PagesReply } from "./_hf_pages_worker.ts";

/** Options of {@linkcode readHfDump}. */
export interface HfDumpOptions {
  /** When the pages were retrieved (YYYY-MM-DD). @default inferred from names like `..._07-11-2024.json` */
  retrievedAt?: string;
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
  /** Worker threads parsing pages. @default the number of cores, at most one per 4 pages */
  workers?: number;
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
  const bar = options.progress
    ? new Progress("import hf-dump", { total: files.length, unit: "pages" })
    : null;
  const workers = Math.max(
    1,
    options.workers ?? Math.min(navigator.hardwareConcurrency, Math.ceil(files.length / 4)),
  );
  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const parts = await Promise.all(
    chunks.filter((c) => c.length > 0).map((c) => readInWorker(c, () => bar?.tick())),
  );
  const all = pl.concat(parts.map((p) => p.models));
  // a model repeated across chunks (downloads changed while the hub was paged): keep its first record
  const models = all.getColumn("id").nUnique() === all.height
    ? all
    : all.unique({ subset: "id", keep: "first", maintainOrder: true });
  const duplicates = parts.reduce((n, p) => n + p.duplicates, 0) + all.height - models.height;
  bar?.done(`${models.height.toLocaleString("en-US")} models`);
  const notes = duplicates > 0
    ? [`${duplicates} records repeat a model id already seen on an earlier page; the first was kept`]
    : [];
  return {
    tables: { models },
    info: {
      source: {
        kind: "hf-dump",
        description: `Hugging Face /api/models pages (${files.length} files)`,
        location: dir,
      },
      retrieved_at: options.retrievedAt ?? retrievalDateFromName(basename(files[0])),
      inputs: parts.flatMap((p) => p.inputs),
      notes,
    },
  };
}

interface Part {
  models: pl.DataFrame;
  inputs: ManifestInput[];
  duplicates: number;
}

// JSON.parse dominates an import and runs on one thread: pages are split among workers.
function readInWorker(files: string[], onPage: () => void): Promise<Part> {
  const worker = new Worker(new URL("./_hf_pages_worker.ts", import.meta.url), { type: "module" });
  return new Promise<Part>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PagesReply>) => {
      const reply = event.data;
      if (reply.kind === "page") return onPage();
      worker.terminate();
      if (reply.kind === "error") return reject(new HfRecordError(reply.message));
      resolve({
        models: pl.readIPC(Buffer.from(reply.ipc)),
        inputs: reply.inputs,
        duplicates: reply.duplicates,
      });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new HfRecordError(`reading ${files[0]} ...: ${event.message}`));
    };
    worker.postMessage({ files } satisfies PagesJob);
  });
}
