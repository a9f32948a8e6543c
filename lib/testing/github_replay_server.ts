/**
 * A local stand-in for GitHub's REST API, for tests of code that uses `@octokit/rest` with `baseUrl`. It serves
 * a {@linkcode GitHubFixture} the way GitHub does: JSON shaped like the real answers, base64 file contents,
 * `%2F`-encoded paths, absolute `Link` pagination, 301 redirects for renamed repositories, rate-limit headers,
 * weak `ETag`s with `304 Not Modified` on `If-None-Match` (not counted against the quota). It also answers
 * code search (`GET /search/code`, authenticated only, with its own per-minute `code_search` quota, see
 * `_github_search.ts`) and repository archives (`GET /repos/{o}/{r}/tarball/{ref}` redirects to a
 * codeload-like URL on the same server that serves the `.tar.gz`), and issue and pull-request listings.
 * Tests switch on faults: an exhausted primary quota, secondary rate limits, bursts of 5xx, slow answers,
 * incomplete searches, repositories gone since they were indexed; and read per-route counters afterwards.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { CodeFile, FixtureRepo, GitHubFixture } from "./github_fixture.ts";
import { type GitHubFaults, noFaults, PrimaryQuota } from "./_github_quota.ts";
import {
  type Answer,
  answerRoute,
  CODELOAD_PREFIX,
  type Matched,
  matchRoute,
  notFound,
  RepoIndex,
  type RouteName,
} from "./_github_routes.ts";
import { CodeIndex } from "./_github_search.ts";
import { fixtureTarball, headCommit } from "./_github_tarball.ts";

export type { GitHubFaults, RouteName };

/** Options of {@linkcode startGitHubReplay}. */
export interface GitHubReplayOptions {
  /** Requests allowed per rate-limit window. @default 5000 */
  rateLimit?: number;
  /** Length of a rate-limit window, in seconds. @default 3600 */
  windowSeconds?: number;
  /** Code searches allowed per search window. @default 30 */
  searchRateLimit?: number;
  /** Length of the code search window, in seconds. @default 60 */
  searchWindowSeconds?: number;
}

/** Counters of one route. */
export interface RouteCount {
  /** Requests received. */
  requests: number;
  /** 200 answers. */
  ok: number;
  /** 304 answers to conditional requests. */
  notModified: number;
  notFound: number;
  /** 301 answers for renamed repositories. */
  redirected: number;
  primaryLimited: number;
  secondaryLimited: number;
  serverErrors: number;
}

/** One request as the server saw it. */
export interface ReplayRequest {
  method: string;
  route: RouteName;
  /** Path and query as received. */
  path: string;
  status: number;
  /** Whether it carried `If-None-Match`. */
  conditional: boolean;
  /** The `Authorization` header, so tests can check a token was sent (and never written anywhere). */
  authorization: string | null;
}

/** A running replay server. */
export interface GitHubReplay {
  /** Base URL to give octokit as `baseUrl`, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Fault switches; change them at any time. */
  faults: GitHubFaults;
  /** The primary quota (its `limit` and `windowSeconds` may be changed; `exhaust()` spends it). */
  quota: PrimaryQuota;
  /** The code search quota (resource `code_search`). */
  searchQuota: PrimaryQuota;
  /** Counters per route. */
  counts: Record<RouteName, RouteCount>;
  /** Every request, in arrival order. */
  requests: ReplayRequest[];
  /** Most requests ever handled at the same time. */
  readonly peakInFlight: number;
  /** The `.tar.gz` the server serves for `fullName` at `ref` (default branch by default). */
  tarball(fullName: string, ref?: string): Uint8Array<ArrayBuffer>;
  /** Sum of one counter over all routes. */
  total(counter: keyof RouteCount): number;
  /** Zeroes the counters, the request log and the peak. */
  resetCounts(): void;
  close(): Promise<void>;
}

const ROUTES: RouteName[] = [
  "repos.get",
  "repos.getContent",
  "repos.listCommits",
  "repos.downloadTarballArchive",
  "issues.listForRepo",
  "pulls.list",
  "search.code",
  "codeload",
  "unknown",
];
const DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";

/**
 * Starts a replay server on 127.0.0.1 (a free port) serving `fixture`.
 *
 * @example
 * ```ts
 * const gh = startGitHubReplay(await loadGitHubFixture("tests/sources/testdata/pytorch_hub"), { rateLimit: 10 });
 * const octokit = new Octokit({ baseUrl: gh.url });
 * await octokit.rest.repos.get({ owner: "pytorch", repo: "hub" });
 * gh.counts["repos.get"].ok; // 1
 * await gh.close();
 * ```
 */
export function startGitHubReplay(fixture: GitHubFixture, options: GitHubReplayOptions = {}): GitHubReplay {
  const index = new RepoIndex(fixture);
  const code = new CodeIndex(fixture);
  const codeByRepo = new Map<string, CodeFile[]>();
  for (const file of fixture.code ?? []) {
    const key = file.repo.toLowerCase();
    codeByRepo.set(key, [...codeByRepo.get(key) ?? [], file]);
  }
  const tarballs = new Map<string, Uint8Array<ArrayBuffer>>();
  const tarball = (fullName: string, ref?: string): Uint8Array<ArrayBuffer> => {
    const found = index.find({ owner: fullName.split("/")[0], name: fullName.split("/")[1] ?? "" });
    if (!found) throw new Error(`no repository ${fullName} in the fixture`);
    const repo = found.repo;
    const at = ref ?? repo.default_branch;
    const key = `${repo.full_name}@${at}`;
    if (!tarballs.has(key)) {
      tarballs.set(key, fixtureTarball(repo, at, codeByRepo.get(repo.full_name.toLowerCase()) ?? []));
    }
    return tarballs.get(key)!;
  };
  const quota = new PrimaryQuota(options.rateLimit ?? 5000, options.windowSeconds ?? 3600);
  const searchQuota = new PrimaryQuota(
    options.searchRateLimit ?? 30,
    options.searchWindowSeconds ?? 60,
    "code_search",
  );
  const faults = noFaults();
  const counts = emptyCounts();
  const requests: ReplayRequest[] = [];

  let inFlight = 0;
  let peakInFlight = 0;
  const handle = async (req: Request): Promise<Response> => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      return await answer(req);
    } finally {
      inFlight--;
    }
  };

  const answer = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const matched: Matched = url.pathname === "/search/code"
      ? { name: "search.code", repo: null, path: "", rest: "" }
      : url.pathname.startsWith(CODELOAD_PREFIX)
      ? { name: "codeload", repo: null, path: url.pathname.slice(CODELOAD_PREFIX.length), rest: "" }
      : matchRoute(url.pathname);
    const count = counts[matched.name];
    count.requests++;
    const ifNoneMatch = req.headers.get("if-none-match");
    const log = (res: Response) => {
      requests.push({
        method: req.method,
        route: matched.name,
        path: url.pathname + url.search,
        status: res.status,
        conditional: ifNoneMatch !== null,
        authorization: req.headers.get("authorization"),
      });
      return res;
    };
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    // codeload is a plain file server: no API quota, no API faults
    if (matched.name === "codeload") {
      const res = codeload(matched.path);
      if (res.status === 200) count.ok++;
      else count.notFound++;
      return log(res);
    }
    const limit = matched.name === "search.code" ? searchQuota : quota;
    if (faults.serverErrors > 0) {
      faults.serverErrors--;
      count.serverErrors++;
      return log(
        reply({ status: faults.serverErrorStatus, body: { message: "Server Error" } }, limit.headers()),
      );
    }
    if (faults.secondary > 0) {
      faults.secondary--;
      count.secondaryLimited++;
      const message =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
      return log(reply({ status: 403, body: { message, documentation_url: DOCS } }, {
        ...limit.headers(),
        "retry-after": String(faults.retryAfterSeconds),
      }));
    }
    if (matched.name === "search.code" && !req.headers.get("authorization")) {
      // GitHub's code search refuses anonymous requests
      const body = { message: "Requires authentication", documentation_url: DOCS, status: "401" };
      return log(reply({ status: 401, body }, {}));
    }
    if (limit.exhausted()) {
      count.primaryLimited++;
      const message = "API rate limit exceeded for 127.0.0.1.";
      return log(
        reply({ status: faults.primaryStatus, body: { message, documentation_url: DOCS } }, limit.headers()),
      );
    }
    const routed = req.method !== "GET"
      ? notFound()
      : matched.name === "search.code"
      ? code.search(url, faults.incompleteSearches > 0 && faults.incompleteSearches-- > 0)
      : route(index, matched, url, faults.goneRepos);
    const body = JSON.stringify(routed.body);
    const etag = `W/"${createHash("sha256").update(body).digest("hex").slice(0, 40)}"`;
    if (routed.status === 200 && ifNoneMatch !== null && sameEtag(ifNoneMatch, etag)) {
      count.notModified++;
      // conditional requests answered 304 do not count against the rate limit
      return log(new Response(null, { status: 304, headers: { ...limit.headers(), etag } }));
    }
    limit.take();
    if (routed.status === 200) count.ok++;
    else if (routed.status === 301 || routed.status === 302) count.redirected++;
    else if (routed.status === 404) count.notFound++;
    const extra: Record<string, string> = routed.status === 200
      ? { etag, "cache-control": "private, max-age=60, s-maxage=60" }
      : {};
    return log(reply(routed, { ...limit.headers(), ...extra }));
  };

  // `<owner>/<repo>/legacy.tar.gz/refs/heads/<ref>`, as codeload.github.com names archives
  const codeload = (path: string): Response => {
    const m = /^([^/]+)\/([^/]+)\/legacy\.tar\.gz\/refs\/heads\/(.+)$/.exec(path);
    const fullName = m ? `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}` : "";
    const found = m && index.find({ owner: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]) });
    const ref = m ? decodeURIComponent(m[3]) : "";
    if (!found || found.renamed || isGone(faults.goneRepos, found.repo)) {
      return new Response("404: Not Found", { status: 404, headers: { "content-type": "text/plain" } });
    }
    if (!found.repo.files[ref] && ref !== found.repo.default_branch) {
      return new Response("404: Not Found", { status: 404, headers: { "content-type": "text/plain" } });
    }
    const bytes = tarball(fullName, ref);
    const name = `${fullName.replace("/", "-")}-${headCommit(found.repo.full_name, ref).slice(0, 7)}.tar.gz`;
    return new Response(bytes, {
      status: 200,
      headers: {
        "content-type": "application/x-gzip",
        "content-disposition": `attachment; filename=${name}`,
        "content-length": String(bytes.length),
      },
    });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    faults,
    quota,
    searchQuota,
    tarball,
    counts,
    requests,
    get peakInFlight() {
      return peakInFlight;
    },
    total: (counter) => ROUTES.reduce((n, r) => n + counts[r][counter], 0),
    resetCounts() {
      Object.assign(counts, emptyCounts());
      requests.length = 0;
      peakInFlight = 0;
    },
    close: () => server.shutdown(),
  };
}

function route(index: RepoIndex, matched: Matched, url: URL, gone: string[]): Answer {
  const found = index.find(matched.repo);
  if (!found || matched.name === "unknown" || isGone(gone, found.repo)) return notFound();
  if (found.renamed) {
    const location = `${url.origin}/repositories/${found.repo.id}${matched.rest}${url.search}`;
    return {
      status: 301,
      body: {
        message: "Moved Permanently",
        url: location,
        documentation_url: "https://docs.github.com/rest",
      },
      headers: { location },
    };
  }
  return answerRoute(found.repo, matched, url);
}

function reply(answer: Answer, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": crypto.randomUUID(),
      ...headers,
      ...answer.headers,
    },
  });
}

function isGone(gone: string[], repo: FixtureRepo): boolean {
  return gone.some((name) => name.toLowerCase() === repo.full_name.toLowerCase());
}

// If-None-Match compares weakly: W/"x" matches "x"; it may list several tags
function sameEtag(header: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}

function emptyCounts(): Record<RouteName, RouteCount> {
  const zero = (): RouteCount => ({
    requests: 0,
    ok: 0,
    notModified: 0,
    notFound: 0,
    redirected: 0,
    primaryLimited: 0,
    secondaryLimited: 0,
    serverErrors: 0,
  });
  return Object.fromEntries(ROUTES.map((r) => [r, zero()])) as Record<RouteName, RouteCount>;
}
