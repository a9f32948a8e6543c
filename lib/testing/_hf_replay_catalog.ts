/**
 * The models a replay hub serves: the real `/api/models` pages read lazily from disk, completed with the fields
 * the pages lack (deterministic lastModified, sha, downloadsAllTime), optionally moved to "a later day"
 * (mutation) or salted with malformed records, and listed in the orders the real API offers.
 *
 * @module
 */
import { basename } from "node:path";
import { parsePage } from "../sources/hf_pages.ts";
import { listPageFiles, retrievalDateFromName } from "../sources/hf_dump.ts";
import { hash32, hex40, unit } from "./_hf_replay_hash.ts";

type Raw = Record<string, unknown>;

/** A model as the replay hub knows it: its page record (as served by default) plus synthesised fields. */
export interface ReplayModel {
  /** The page record, with mutations and corruptions applied. */
  record: Raw;
  id: string;
  lastModified: string;
  sha: string;
  downloadsAllTime: number;
}

/** "A later day" on the hub, for incremental harvests. */
export interface Mutation {
  /** Varies which models change. @default "day2" */
  seed?: string;
  /** Share of models modified on the later day (new lastModified, sha, downloads, likes). @default 0.01 */
  changed?: number;
  /** Models created on the later day. @default 50 */
  added?: number;
}

/** Kinds of malformed records the catalog can inject. */
export const MALFORMED_KINDS = ["no-id", "wrong-type", "odd-id", "no-createdAt", "unknown-field"] as const;

/** Options of {@linkcode ReplayCatalog}. */
export interface CatalogOptions {
  pagesDir: string;
  /** 1-based page numbers to serve (in this order). @default every page */
  pages?: readonly number[];
  /** End of the replayed day, ISO time. @default 23:59:59Z of the date in the page file names */
  now?: string;
  mutation?: Mutation | null;
  /** One record in `malformed` (by id hash) is corrupted, cycling through {@linkcode MALFORMED_KINDS}. */
  malformed?: number;
}

/** Position in the native (downloads) order: page index and record index; `p === pages` is the added models. */
interface Pos {
  p: number;
  i: number;
}

/** A cursor the catalog did not issue. */
export class CursorError extends Error {
  override name = "CursorError";
}

/** What a listing asks for. */
export interface ListQuery {
  /** `downloads` (default, the pages' order), `createdAt`, `lastModified`, `likes` or `id`. */
  sort: string;
  /** -1 descending (default) or 1 ascending. */
  direction: number;
  cursor: string | null;
  limit: number;
  author: string | null;
  search: string | null;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const SORT_KEYS = new Set(["downloads", "createdAt", "lastModified", "likes", "id"]);

/**
 * The models of a replay hub.
 *
 * @example
 * ```ts
 * const catalog = new ReplayCatalog({ pagesDir: HF_PAGES, pages: [1] });
 * const { models, next } = catalog.list({ sort: "downloads", direction: -1, cursor: null, limit: 500,
 *   author: null, search: null });
 * ```
 */
export class ReplayCatalog {
  readonly files: string[];
  readonly now: number;
  #mutation: Required<Mutation> | null = null;
  #malformed: number;
  #pages = new Map<number, ReplayModel[]>();
  #added: ReplayModel[] = [];
  #byId: Map<string, Pos> | null = null;
  #sorted = new Map<string, string[]>();

  constructor(options: CatalogOptions) {
    const all = listPageFiles(options.pagesDir);
    const byNumber = new Map(all.map((f) => [Number(/page(\d+)/i.exec(basename(f))?.[1]), f]));
    this.files = options.pages === undefined ? all : options.pages.map((n) => {
      const f = byNumber.get(n);
      if (!f) throw new Error(`${options.pagesDir}: no page ${n} (pages 1..${all.length} exist)`);
      return f;
    });
    const date = retrievalDateFromName(basename(this.files[0] ?? "")) ?? "2024-07-11";
    this.now = Date.parse(options.now ?? `${date}T23:59:59.000Z`);
    this.#malformed = options.malformed ?? 0;
    this.setMutation(options.mutation ?? null);
  }

  /** Moves the hub to a later day (or back to the replayed day with null). Cursors issued before are void. */
  setMutation(mutation: Mutation | null): void {
    this.#mutation = mutation && { seed: "day2", changed: 0.01, added: 50, ...mutation };
    this.#pages.clear();
    this.#sorted.clear();
    this.#byId = null;
    const m = this.#mutation;
    this.#added = m ? Array.from({ length: m.added }, (_, k) => this.#newModel(m.seed, k)) : [];
  }

  /** One page of a listing and the cursor of the next one (null at the end). */
  list(q: ListQuery): { models: ReplayModel[]; next: string | null } {
    if (!SORT_KEYS.has(q.sort)) throw new CursorError(`sort must be one of ${[...SORT_KEYS].join(", ")}`);
    const match = (m: ReplayModel) =>
      (q.author === null || m.id.startsWith(`${q.author}/`)) &&
      (q.search === null || m.id.toLowerCase().includes(q.search.toLowerCase()));
    const models: ReplayModel[] = [];
    if (q.sort === "downloads" && q.direction < 0) {
      let pos = q.cursor === null ? { p: 0, i: 0 } : this.#decode(q.cursor, "native") as Pos;
      while (models.length < q.limit && pos.p <= this.files.length) {
        const page = this.#page(pos.p);
        if (pos.i >= page.length) pos = { p: pos.p + 1, i: 0 };
        else {
          if (match(page[pos.i])) models.push(page[pos.i]);
          pos = { p: pos.p, i: pos.i + 1 };
        }
      }
      // step over exhausted pages so that the last page carries no next link
      while (pos.p <= this.files.length && pos.i >= this.#page(pos.p).length) pos = { p: pos.p + 1, i: 0 };
      return { models, next: pos.p > this.files.length ? null : this.#encode("native", pos) };
    }
    const order = `${q.sort}:${q.direction < 0 ? "desc" : "asc"}`;
    const sorted = this.#sortedBy(q.sort, q.direction);
    let k = q.cursor === null ? 0 : this.#decode(q.cursor, order) as number;
    for (; models.length < q.limit && k < sorted.length; k++) {
      const m = JSON.parse(sorted[k]) as ReplayModel;
      if (match(m)) models.push(m);
    }
    return { models, next: k < sorted.length ? this.#encode(order, k) : null };
  }

  /** The model with this id, or null. */
  find(id: string): ReplayModel | null {
    if (this.#byId === null) {
      this.#byId = new Map();
      for (let p = 0; p <= this.files.length; p++) {
        this.#page(p).forEach((m, i) => this.#byId!.set(m.id, { p, i }));
      }
    }
    const pos = this.#byId.get(id);
    return pos ? this.#page(pos.p)[pos.i] : null;
  }

  // Opaque to clients, like the real hub's cursors; the order is part of it so a cursor cannot be replayed
  // against another sort.
  #encode(order: string, at: Pos | number): string {
    return btoa(JSON.stringify({ o: order, at })).replaceAll("+", "-").replaceAll("/", "_").replace(
      /=+$/,
      "",
    );
  }

  #decode(cursor: string, order: string): Pos | number {
    try {
      const v = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
      if (v.o === order) return v.at;
    } catch {
      // reported below
    }
    throw new CursorError(`invalid cursor for this listing (${order})`);
  }

  #sortedBy(sort: string, direction: number): string[] {
    const order = `${sort}:${direction < 0 ? "desc" : "asc"}`;
    let sorted = this.#sorted.get(order);
    if (sorted) return sorted;
    const keyed: { key: number | string; tie: string; json: string }[] = [];
    for (let p = 0; p <= this.files.length; p++) {
      for (const m of this.#page(p)) {
        const r = m.record;
        const key = sort === "id"
          ? m.id
          : sort === "lastModified"
          ? Date.parse(m.lastModified)
          : sort === "createdAt"
          ? Date.parse(String(r.createdAt ?? "")) || 0
          : Number(r[sort]) || 0;
        keyed.push({ key, tie: String(r._id ?? m.id), json: JSON.stringify(m) });
      }
    }
    const dir = direction < 0 ? -1 : 1;
    // ties broken by _id, as the real hub's cursors do, so paging never repeats nor skips a model
    keyed.sort((a, b) =>
      dir * (a.key < b.key ? -1 : a.key > b.key ? 1 : a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0)
    );
    sorted = keyed.map((e) => e.json);
    this.#sorted.set(order, sorted);
    return sorted;
  }

  #page(p: number): ReplayModel[] {
    if (p >= this.files.length) return p === this.files.length ? this.#added : [];
    let page = this.#pages.get(p);
    if (page) {
      this.#pages.delete(p); // keep the most recently used last
    } else {
      const file = this.files[p];
      page = (parsePage(file, Deno.readFileSync(file)) as Raw[]).map((r) => this.#model(r));
      if (this.#pages.size >= 8) this.#pages.delete(this.#pages.keys().next().value!);
    }
    this.#pages.set(p, page);
    return page;
  }

  #model(original: Raw): ReplayModel {
    const record = { ...original };
    const id = String(record.id);
    const created = Date.parse(String(record.createdAt));
    const start = Number.isNaN(created) ? this.now - 365 * DAY : created;
    let lastModified = iso(start + unit(id, "lastModified") * (this.now - start));
    const m = this.#mutation;
    if (m && unit(id, `mutation:${m.seed}`) < m.changed) {
      lastModified = iso(this.now + 1000 + unit(id, `when:${m.seed}`) * (DAY - 2000));
      record.downloads = Number(record.downloads) + 1 + hash32(id, `downloads:${m.seed}`) % 1000;
      record.likes = Number(record.likes) + hash32(id, `likes:${m.seed}`) % 5;
    }
    const downloads = Number(record.downloads) || 0;
    const model: ReplayModel = {
      record,
      id,
      lastModified,
      sha: hex40(`${id}@${lastModified}`),
      downloadsAllTime: downloads + Math.floor(downloads * 30 * unit(id, "allTime")),
    };
    if (this.#malformed > 0 && hash32(id, "malformed") % this.#malformed === 0) corrupt(model);
    return model;
  }

  #newModel(seed: string, k: number): ReplayModel {
    const id = `replay-${seed}/new-model-${String(k).padStart(4, "0")}`;
    const at = iso(this.now + 1000 + unit(id, "created") * (DAY - 2000));
    const downloads = k % 3 === 0 ? 60 + hash32(id, "downloads") % 5000 : hash32(id, "downloads") % 40;
    return {
      record: {
        _id: hex40(id).slice(0, 24),
        id,
        likes: k % 7,
        private: false,
        downloads,
        tags: ["transformers", "safetensors", "llama", "text-generation", "license:apache-2.0", "region:us"],
        pipeline_tag: "text-generation",
        library_name: "transformers",
        createdAt: at,
        modelId: id,
      },
      id,
      lastModified: at,
      sha: hex40(`${id}@${at}`),
      downloadsAllTime: downloads,
    };
  }
}

// The corruption is chosen by id hash too, so every request sees the same bad records.
function corrupt(model: ReplayModel): void {
  const r = model.record;
  const kind = MALFORMED_KINDS[hash32(model.id, "malformed-kind") % MALFORMED_KINDS.length];
  if (kind === "no-id") {
    delete r.id;
    delete r.modelId;
  } else if (kind === "wrong-type") r.downloads = "many";
  else if (kind === "odd-id") {
    r.id = r.modelId = `${model.id} (copy) ✓`;
    model.id = r.id as string;
  } else if (kind === "no-createdAt") delete r.createdAt;
  else r.surpriseField = { note: "a field this client does not know", at: model.lastModified };
}
