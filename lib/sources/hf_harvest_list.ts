/**
 * Listing every Hugging Face model with `@huggingface/hub` `listModels`, page by page into a checkpoint.
 *
 * The client builds the requests and follows the hub's cursor links; its entries rename and convert fields
 * (`id` → `name`, `lastModified` → Date `updatedAt`, unknown fields dropped), so the records taken are the raw
 * `/api/models` records of the same pages, exactly as a dump holds them: a harvest and an import of the same
 * pages give the same rows, and the stored pages are the hub's bytes.
 *
 * @module
 */
import { listModels } from "@huggingface/hub";
import type { Progress } from "../cli/progress.ts";
import type { HarvestCheckpoint } from "./hf_harvest_checkpoint.ts";
import type { ListedModels } from "./hf_listed_models.ts";
import { HubRequestError } from "./hf_polite_fetch.ts";
import { publicUrl } from "../net/http.ts";

type Raw = Record<string, unknown>;

/** What the listing asks the hub for besides the client's defaults (pipeline_tag, downloads, likes, ...). */
const FIELDS = [
  "createdAt",
  "library_name",
  "tags",
  "sha",
  "downloadsAllTime",
  "author",
  "cardData",
] as const;

/** Options of {@linkcode listHf}. */
export interface ListHfOptions {
  hubUrl: string;
  checkpoint: HarvestCheckpoint;
  /** Where the records go; for an incremental listing, it ends the listing (see its `since`). */
  listed: ListedModels;
  /** List by lastModified (newest first) instead of createdAt (newest first). */
  incremental: boolean;
  /** A fetch that returns fully read responses (see `politeFetch`). */
  fetch: typeof fetch;
  accessToken?: string;
  progress?: Progress | null;
}

/**
 * Lists the hub into `listed`: first the pages a previous run stored, then the rest from the hub. Each page is
 * stored in the checkpoint before the next one is asked for.
 *
 * @example
 * ```ts
 * const listed = new ListedModels(null);
 * await listHf({ hubUrl, checkpoint, listed, incremental: false, fetch: politeFetch() });
 * listed.toDataFrame();
 * ```
 */
export async function listHf(options: ListHfOptions): Promise<void> {
  const { checkpoint, listed } = options;
  const take = (records: Raw[], n: number) => {
    records.every((r, i) => listed.add(r, () => `page ${n} record #${i}`));
    options.progress?.tick(records.length);
  };
  for (let n = 1; n <= checkpoint.list.pages; n++) {
    take(JSON.parse(await Deno.readTextFile(checkpoint.pageFile(n))), n);
  }
  if (checkpoint.list.done) return;

  let page = { n: checkpoint.list.pages + 1, text: "", records: [] as Raw[] };
  let first = true;
  // Pages are written while the next one is taken, one write at a time, so they land in order; the state that
  // counts a page is written after the page.
  let writing = Promise.resolve();
  const store = async (next: string | null) => {
    await writing;
    const { n, text, records } = page;
    writing = checkpoint.savePage(text, { pages: n, next, done: next === null })
      .then(() => options.progress?.tick(records.length));
  };
  // listModels only asks for page k+1 once it has yielded every entry of page k, so its request marks the end of
  // page k: store it then. Its first request is redirected to the stored cursor to resume. The next page is
  // fetched while the entries of the current one are taken (hub latency dominates a real harvest).
  const prefetch: { ahead: { url: string; response: Promise<Response> } | null } = { ahead: null };
  const paging: typeof fetch = async (input, init) => {
    let url = input instanceof Request ? input.url : String(input);
    const isFirst = first;
    first = false;
    if (isFirst) url = checkpoint.list.next ?? url;
    else await store(url);
    const { ahead } = prefetch;
    const res = await (ahead?.url === url ? ahead.response : options.fetch(url, init));
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    prefetch.ahead = next ? { url: next, response: options.fetch(next, init) } : null;
    prefetch.ahead?.response.catch(() => {}); // awaited when asked for; a failure surfaces then
    if (res.ok) {
      const records = await res.json();
      if (!Array.isArray(records)) {
        throw new HubRequestError(
          `${publicUrl(url)}: expected a JSON array of models, got ${typeof records}`,
          url,
        );
      }
      page = { n: isFirst ? page.n : page.n + 1, text: await res.text(), records };
    }
    return res;
  };
  const entries = listModels({
    hubUrl: options.hubUrl,
    sort: options.incremental ? "lastModified" : "createdAt",
    additionalFields: [...FIELDS],
    fetch: paging,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
  });
  let i = 0;
  let taken: Raw[] = [];
  try {
    for await (const entry of entries) {
      if (taken !== page.records) [taken, i] = [page.records, 0];
      const raw = taken[i++];
      if (typeof raw?.id === "string" && raw.id !== entry.name) {
        throw new Error(`listModels yielded ${entry.name} where page ${page.n} has ${raw.id}`);
      }
      const n = page.n;
      // a page is stored whole: replaying it ends an incremental listing at the same record
      if (!listed.add(raw, () => `page ${n} record #${i - 1}`)) break;
    }
    await store(null);
  } finally {
    await prefetch.ahead?.response.catch(() => {});
    await writing;
  }
}
