/**
 * A local stand-in for GitHub's REST API, for tests of code that uses `@octokit/rest` with `baseUrl`. It serves
 * a {@linkcode GitHubFixture} the way GitHub does: JSON shaped like the real answers, base64 file contents,
 * `%2F`-encoded paths, absolute `Link` pagination, 301 redirects for renamed repositories, rate-limit headers,
 * weak `ETag`s with `304 Not Modified` on `If-None-Match` (not counted against the quota). Tests switch on
 * faults: an exhausted primary quota, secondary rate limits, bursts of 5xx, slow answers; and read per-route
 * counters afterwards.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { GitHubFixture } from "./github_fixture.ts";
import { type GitHubFaults, noFaults, PrimaryQuota } from "./_github_quota.ts";
import {
  type Answer,
  answerRoute,
  matchRoute,
  notFound,
  RepoIndex,
  type RouteName,
} from "./_github_routes.ts";

export type { GitHubFaults, RouteName };

/** Options of {@linkcode startGitHubReplay}. */
export interface GitHubReplayOptions {
  /** Requests allowed per rate-limit window. @default 5000 */
  rateLimit?: number;
  /** Length of a rate-limit window, in seconds. @default 3600 */
  windowSeconds?: number;
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
  /** Counters per route. */
  counts: Record<RouteName, RouteCount>;
  /** Every request, in arrival order. */
  requests: ReplayRequest[];
  /** Most requests ever handled at the same time. */
  readonly peakInFlight: number;
  /** Sum of one counter over all routes. */
  total(counter: keyof RouteCount): number;
  /** Zeroes the counters, the request log and the peak. */
  resetCounts(): void;
  close(): Promise<void>;
}

const ROUTES: RouteName[] = ["repos.get", "repos.getContent", "repos.listCommits", "unknown"];
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
  const quota = new PrimaryQuota(options.rateLimit ?? 5000, options.windowSeconds ?? 3600);
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
    const matched = matchRoute(url.pathname);
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
    if (faults.serverErrors > 0) {
      faults.serverErrors--;
      count.serverErrors++;
      return log(
        reply({ status: faults.serverErrorStatus, body: { message: "Server Error" } }, quota.headers()),
      );
    }
    if (faults.secondary > 0) {
      faults.secondary--;
      count.secondaryLimited++;
      const message =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
      return log(reply({ status: 403, body: { message, documentation_url: DOCS } }, {
        ...quota.headers(),
        "retry-after": String(faults.retryAfterSeconds),
      }));
    }
    if (quota.exhausted()) {
      count.primaryLimited++;
      const message = "API rate limit exceeded for 127.0.0.1.";
      return log(
        reply({ status: faults.primaryStatus, body: { message, documentation_url: DOCS } }, quota.headers()),
      );
    }
    const routed = req.method === "GET" ? route(index, matched, url) : notFound();
    const body = JSON.stringify(routed.body);
    const etag = `W/"${createHash("sha256").update(body).digest("hex").slice(0, 40)}"`;
    if (routed.status === 200 && ifNoneMatch !== null && sameEtag(ifNoneMatch, etag)) {
      count.notModified++;
      // conditional requests answered 304 do not count against the rate limit
      return log(new Response(null, { status: 304, headers: { ...quota.headers(), etag } }));
    }
    quota.take();
    if (routed.status === 200) count.ok++;
    else if (routed.status === 301) count.redirected++;
    else if (routed.status === 404) count.notFound++;
    const extra: Record<string, string> = routed.status === 200
      ? { etag, "cache-control": "private, max-age=60, s-maxage=60" }
      : {};
    return log(reply(routed, { ...quota.headers(), ...extra }));
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    faults,
    quota,
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

function route(index: RepoIndex, matched: ReturnType<typeof matchRoute>, url: URL): Answer {
  const found = index.find(matched.repo);
  if (!found || matched.name === "unknown") return notFound();
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
