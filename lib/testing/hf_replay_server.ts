/**
 * A local Hugging Face Hub that replays the real `/api/models` pages of 2024-07-11 over the hub's own HTTP
 * protocol, so `@huggingface/hub` (listModels, modelInfo, listFiles, listCommits, downloadFile) runs against it
 * unchanged, offline. For tests and benchmarks of harvesters; never part of a harvest.
 *
 * Emulated: `/api/models` (limit ≤ 1000, absolute `Link: <...>; rel="next"` with an opaque cursor, `full`,
 * `expand`/`expand[]`, `sort` + `direction` on downloads (the pages' order), createdAt, lastModified, likes, id,
 * `author`, `search`), `/api/models/{id}[/revision/{rev}]`, `/api/models/{id}/tree/{rev}[/{path}]` (`recursive`),
 * `/api/models/{id}/commits/{rev}` (`limit`, `p`, Link), `/{id}/resolve/{rev}/{README.md|config.json}` (GET and
 * HEAD, Range → 206 + Content-Range, ETag = git blob id, If-None-Match → 304, 404 + `X-Error-Code`), Bearer
 * tokens (when the hub is given one), and scripted faults ({@linkcode FaultRule}). `GET /_replay/stats` returns
 * its counters, for a hub run in another process.
 *
 * Synthesised (the pages lack them), deterministically from the model id: lastModified (between createdAt and
 * the end of the replayed day), sha, downloadsAllTime, file lists, config.json, commits (the first one before
 * 2022-03-02 for models whose createdAt is HF's back-filled 2022-03-02) and the cards of models without a real
 * card in the shared data (a minimal card whose front matter restates the tags; 15% of models have none).
 * `cardData` is the card's front matter, reduced to its top-level scalars and lists for real cards.
 *
 * Not emulated: weights and other files (listed in the tree, but only README.md and config.json are served),
 * datasets and spaces, private or gated repos, tree paging, xet, `filter`/`pipeline_tag` search; a
 * `sort=downloads` listing keeps the pages' order even after a mutation changed downloads; sorted listings
 * other than the pages' order hold every record in memory (about 0.5 GB for the 760 pages).
 *
 * @module
 */
import { CursorError, type Mutation, ReplayCatalog, type ReplayModel } from "./_hf_replay_catalog.ts";
import {
  type FaultKind,
  FaultPlan,
  type FaultRule,
  HTML_ERROR_PAGE,
  type Route,
} from "./_hf_replay_faults.ts";
import { EXPANDABLE, type FieldSelection, renderModel } from "./_hf_replay_fields.ts";
import { gitBlobId } from "./_hf_replay_hash.ts";
import { ReplayRepos } from "./_hf_replay_repo.ts";
import { RealCards } from "./_hf_real_cards.ts";

export type { FaultKind, FaultRule, Mutation, Route };

/** Options of {@linkcode startHfReplay}. */
export interface HfReplayOptions {
  /** Directory of the raw page files (`models_page<N>_<MM-DD-YYYY>.json[.gz]`). */
  pagesDir: string;
  /** 1-based page numbers to serve, in this order. @default every page */
  pages?: readonly number[];
  /** Shared-data directory whose real cards are served as READMEs. @default none: generated cards only */
  cardsFrom?: string | null;
  /** Start on "a later day" (see {@linkcode HfReplay.mutate}). @default null */
  mutation?: Mutation | null;
  /** Corrupt one record in `malformed` (no id, wrong type, odd id, no createdAt, unknown field). @default 0 */
  malformed?: number;
  /** Delay of every response, in milliseconds. @default 0 */
  delayMs?: number;
  /** Fault bursts served from the start. */
  faults?: FaultRule[];
  /** When set, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
}

/** Request counters, for tests. */
export interface ReplayStats {
  /** Requests per route. */
  requests: Record<Route, number>;
  /** Responses per status code. */
  statuses: Record<number, number>;
  /** Faulty responses served, per kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Requests that carried a Bearer token. */
  bearer: number;
  /** Milliseconds spent building responses (injected delays excluded). */
  busyMs: number;
}

/** A running replay hub. */
export interface HfReplay {
  /** Base URL, e.g. `http://127.0.0.1:38211`: pass it as `hubUrl`. */
  url: string;
  stats: ReplayStats;
  /** Queues fault bursts after the pending ones. */
  inject(...rules: FaultRule[]): void;
  /** Faulty responses still queued. */
  readonly pendingFaults: number;
  /** Moves the hub to a later day (some models changed, some added), or back to the replayed day with null. */
  mutate(mutation: Mutation | null): void;
  close(): Promise<void>;
}

const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Starts a replay hub on 127.0.0.1 (free port).
 *
 * @example
 * ```ts
 * const hub = await startHfReplay({ pagesDir: HF_PAGES, pages: [1, 2, 3] });
 * for await (const m of listModels({ hubUrl: hub.url, limit: 10 })) console.log(m.name);
 * await hub.close();
 * ```
 */
export function startHfReplay(options: HfReplayOptions): Promise<HfReplay> {
  const catalog = new ReplayCatalog({
    pagesDir: options.pagesDir,
    pages: options.pages,
    mutation: options.mutation,
    malformed: options.malformed,
  });
  const repos = new ReplayRepos(options.cardsFrom ? new RealCards(options.cardsFrom) : null);
  const plan = new FaultPlan();
  plan.add(...options.faults ?? []);
  const stats: ReplayStats = {
    requests: { list: 0, info: 0, tree: 0, commits: 0, resolve: 0, other: 0 },
    statuses: {},
    faults: {},
    bearer: 0,
    busyMs: 0,
  };
  let base = "";

  const handle = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const route = routeOf(url.pathname);
    stats.requests[route]++;
    const auth = req.headers.get("authorization");
    if (auth?.startsWith("Bearer ")) stats.bearer++;
    if (options.delayMs) await sleep(options.delayMs);
    const fault = plan.next(route);
    if (fault) stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
    if (fault?.kind === "slow") await sleep(fault.delayMs ?? 200);
    if (fault && /^\d+$/.test(fault.kind)) {
      const headers = new Headers({ "content-type": "application/json" });
      if (fault.kind === "429") headers.set("retry-after", String(fault.retryAfter ?? 1));
      return new Response(JSON.stringify({ error: `replayed fault ${fault.kind}` }), {
        status: Number(fault.kind),
        headers,
      });
    }
    if (fault?.kind === "html") {
      return new Response(HTML_ERROR_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
    }
    if (options.token !== undefined && auth !== `Bearer ${options.token}`) {
      return json({ error: "Invalid username or password." }, 401);
    }
    const t0 = performance.now();
    const res = answer(req, url, route);
    stats.busyMs += performance.now() - t0;
    return fault?.kind === "truncate" ? await truncated(res) : res;
  };

  const answer = (req: Request, url: URL, route: Route): Response => {
    try {
      const p = url.pathname;
      if (route === "list") return list(url);
      let m = /^\/api\/models\/(.+?)\/tree\/([^/]+)(?:\/(.*))?$/.exec(p);
      if (m) return withModel(m[1], m[2], (model) => tree(model, m![3] ?? "", url));
      m = /^\/api\/models\/(.+?)\/commits\/([^/]+)$/.exec(p);
      if (m) return withModel(m[1], m[2], (model) => commits(model, url));
      m = /^\/api\/models\/(.+?)(?:\/revision\/([^/]+))?$/.exec(p);
      if (m) return withModel(m[1], m[2] ?? "main", (model) => info(model, url));
      m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(p);
      if (m) return withModel(m[1], m[2], (model) => resolve(req, model, decodeURIComponent(m![3])));
      if (p === "/_replay/stats") return json(stats); // for a hub run in another process (benchmarks)
      return json({ error: `no route for ${p}` }, 404);
    } catch (err) {
      if (err instanceof BadRequest || err instanceof CursorError) return json({ error: err.message }, 400);
      throw err;
    }
  };

  const list = (url: URL): Response => {
    const q = url.searchParams;
    const fields = selection(q, "default");
    const limit = q.has("limit") ? Number(q.get("limit")) : 1000;
    if (!Number.isInteger(limit) || limit < 1) throw new BadRequest(`limit must be a positive integer`);
    const { models, next } = catalog.list({
      sort: q.get("sort") ?? "downloads",
      direction: Number(q.get("direction") ?? -1),
      cursor: q.get("cursor"),
      limit: Math.min(limit, 1000),
      author: q.get("author"),
      search: q.get("search"),
    });
    const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
    if (next !== null) {
      const link = new URLSearchParams(q);
      link.set("cursor", next);
      // absolute, as the real hub sends it: @huggingface/hub only follows absolute next links
      headers.set("link", `<${base}/api/models?${link}>; rel="next"`);
    }
    return new Response(JSON.stringify(models.map((m) => renderModel(m, fields, repos))), { headers });
  };

  const withModel = (rawId: string, rev: string, then: (model: ReplayModel) => Response): Response => {
    const model = catalog.find(decodeURIComponent(rawId));
    if (!model) return json({ error: "Repository not found" }, 404, { "x-error-code": "RepoNotFound" });
    const revision = decodeURIComponent(rev);
    if (!["main", "HEAD", model.sha].includes(revision)) {
      return json({ error: `Invalid rev id: ${revision}` }, 404, { "x-error-code": "RevisionNotFound" });
    }
    return then(model);
  };

  const info = (model: ReplayModel, url: URL) =>
    json(renderModel(model, selection(url.searchParams, "info"), repos));

  const tree = (model: ReplayModel, path: string, url: URL): Response => {
    const prefix = path === "" ? "" : `${path.replace(/\/$/, "")}/`;
    const recursive = ["true", "1", "True"].includes(url.searchParams.get("recursive") ?? "");
    const under = repos.files(model).filter((f) => f.path.startsWith(prefix));
    if (recursive) return json(under);
    const dirs = new Set<string>();
    const entries: unknown[] = [];
    for (const f of under) {
      const rest = f.path.slice(prefix.length);
      if (!rest.includes("/")) entries.push(f);
      else dirs.add(prefix + rest.slice(0, rest.indexOf("/")));
    }
    for (const d of dirs) {
      entries.push({ type: "directory", oid: gitBlobId(enc.encode(d)), size: 0, path: d });
    }
    return json(entries);
  };

  const commits = (model: ReplayModel, url: URL): Response => {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 50) || 50, 1000);
    const page = Number(url.searchParams.get("p") ?? 0) || 0;
    const all = repos.commits(model);
    const headers: Record<string, string> = {};
    if ((page + 1) * limit < all.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set("p", String(page + 1));
      headers.link = `<${base}${url.pathname}?${next}>; rel="next"`;
    }
    return json(all.slice(page * limit, (page + 1) * limit), 200, headers);
  };

  const resolve = (req: Request, model: ReplayModel, file: string): Response => {
    const text = file === "README.md"
      ? repos.readme(model)
      : file === "config.json"
      ? repos.config(model)
      : null;
    if (text === null) {
      return new Response("Entry not found", {
        status: 404,
        headers: { "x-error-code": "EntryNotFound", "x-error-message": "Entry not found" },
      });
    }
    const bytes = enc.encode(text);
    const etag = `"${gitBlobId(bytes)}"`;
    const headers = new Headers({
      "content-type": file.endsWith(".json") ? "application/json" : "text/markdown; charset=utf-8",
      "accept-ranges": "bytes",
      etag,
      "x-repo-commit": model.sha,
    });
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    let body = bytes;
    let status = 200;
    const range = req.headers.get("range");
    if (range !== null) {
      const r = parseRange(range, bytes.length);
      if (r === null) {
        headers.set("content-range", `bytes */${bytes.length}`);
        return new Response(null, { status: 416, headers });
      }
      body = bytes.subarray(r.start, r.end + 1);
      status = 206;
      headers.set("content-range", `bytes ${r.start}-${r.end}/${bytes.length}`);
    }
    headers.set("content-length", String(body.length));
    return new Response(req.method === "HEAD" ? null : body, { status, headers });
  };

  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    onError(err) {
      return json({ error: `replay hub failure: ${err instanceof Error ? err.message : String(err)}` }, 500);
    },
  }, async (req) => {
    const res = await handle(req);
    stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
    return res;
  });
  base = `http://127.0.0.1:${server.addr.port}`;
  return Promise.resolve({
    url: base,
    stats,
    inject: (...rules) => plan.add(...rules),
    get pendingFaults() {
      return plan.pending;
    },
    mutate: (mutation) => catalog.setMutation(mutation),
    close: () => server.shutdown(),
  });
}

class BadRequest extends Error {}

function routeOf(path: string): Route {
  if (path === "/api/models" || path === "/api/models/") return "list";
  if (path.startsWith("/api/models/")) {
    return /\/tree\/[^/]+/.test(path) ? "tree" : /\/commits\/[^/]+$/.test(path) ? "commits" : "info";
  }
  return /\/resolve\//.test(path) ? "resolve" : "other";
}

function selection(q: URLSearchParams, fallback: "default" | "info"): FieldSelection {
  const expand = [...q.getAll("expand"), ...q.getAll("expand[]")];
  const full = ["true", "1", "True"].includes(q.get("full") ?? "");
  if (expand.length === 0) return full ? "full" : fallback;
  if (full || q.has("config") || q.has("cardData")) {
    throw new BadRequest(`"expand" cannot be used together with "full", "config" or "cardData"`);
  }
  const unknown = expand.filter((k) => !EXPANDABLE.has(k));
  if (unknown.length > 0) {
    throw new BadRequest(`"expand" must be one of ${[...EXPANDABLE].join(", ")}; got ${unknown.join(", ")}`);
  }
  return new Set(expand);
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const n = Math.min(Number(m[2]), size);
    return n === 0 ? null : { start: size - n, end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start >= size || end < start ? null : { start, end };
}

// Announces the whole body but sends half of it, then ends: the client sees the connection cut mid-body.
async function truncated(res: Response): Promise<Response> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  headers.set("content-length", String(bytes.length));
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  return new Response(
    new ReadableStream({
      start(c) {
        c.enqueue(half);
        c.close();
      },
    }),
    { status: res.status, headers },
  );
}
