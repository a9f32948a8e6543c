/**
 * The REST endpoints the replay server speaks, as pure functions from a request to an answer:
 * `GET /repos/{owner}/{repo}` (repos.get), `GET /repos/{owner}/{repo}/contents/{path}` (repos.getContent, files
 * and directories), `GET /repos/{owner}/{repo}/commits` (repos.listCommits, paginated) and
 * `GET /repos/{owner}/{repo}/tarball/{ref}` (repos.downloadTarballArchive: a 302 to the archive, as GitHub
 * sends to codeload), `GET /repos/{owner}/{repo}/issues` and `/pulls` (paginated), each also under `/repositories/{id}` where renamed repositories redirect.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { type FixtureRepo, type GitHubFixture, historyDates } from "./github_fixture.ts";
import { issues } from "./_github_issues.ts";
import { pageLinks, pageParams } from "./_github_pages.ts";

/** Names of the emulated endpoints, as octokit calls them. */
export type RouteName =
  | "repos.get"
  | "repos.getContent"
  | "repos.listCommits"
  | "repos.downloadTarballArchive"
  | "issues.listForRepo"
  | "pulls.list"
  | "search.code"
  | "codeload"
  | "unknown";

/** A response before headers common to all answers are added. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request's route and the repository it addresses. */
export interface Matched {
  name: RouteName;
  repo: { owner: string; name: string } | { id: number } | null;
  /** Path after `contents/`, decoded (octokit sends `/` as `%2F`); the ref after `tarball/`. */
  path: string;
  /** The part of the URL path after the repository, for redirects. */
  rest: string;
}

const DOCS = "https://docs.github.com/rest";

/**
 * Recognises an endpoint in a URL path.
 *
 * @example
 * ```ts
 * matchRoute("/repos/pytorch/hub/contents/hubconf.py").name; // "repos.getContent"
 * ```
 */
export function matchRoute(pathname: string): Matched {
  const m = /^\/(?:repos\/([^/]+)\/([^/]+)|repositories\/(\d+))(\/.*)?$/.exec(pathname);
  if (!m) return { name: "unknown", repo: null, path: "", rest: "" };
  const repo = m[3]
    ? { id: Number(m[3]) }
    : { owner: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]) };
  const rest = m[4] ?? "";
  if (rest === "" || rest === "/") return { name: "repos.get", repo, path: "", rest };
  if (rest === "/commits" || rest === "/commits/") return { name: "repos.listCommits", repo, path: "", rest };
  if (rest === "/issues") return { name: "issues.listForRepo", repo, path: "", rest };
  if (rest === "/pulls") return { name: "pulls.list", repo, path: "", rest };
  const tarball = /^\/tarball(?:\/(.+))?$/.exec(rest);
  if (tarball) {
    return { name: "repos.downloadTarballArchive", repo, path: decodeURIComponent(tarball[1] ?? ""), rest };
  }
  const contents = /^\/contents(?:\/(.*))?$/.exec(rest);
  if (contents) {
    const path = decodeURIComponent(contents[1] ?? "").replace(/^\/+|\/+$/g, "");
    return { name: "repos.getContent", repo, path, rest };
  }
  return { name: "unknown", repo, path: "", rest };
}

/**
 * Lookup of fixture repositories by name (case-insensitive, former names included) and by id.
 *
 * @example
 * ```ts
 * new RepoIndex(fixture).find({ owner: "intel-isl", name: "MiDaS" }); // { repo: <isl-org/MiDaS>, renamed: true }
 * ```
 */
export class RepoIndex {
  #byName = new Map<string, { repo: FixtureRepo; renamed: boolean }>();
  #byId = new Map<number, FixtureRepo>();

  constructor(fixture: GitHubFixture) {
    for (const repo of fixture.repos) {
      this.#byName.set(repo.full_name.toLowerCase(), { repo, renamed: false });
      for (const old of repo.renamed_from ?? []) this.#byName.set(old.toLowerCase(), { repo, renamed: true });
      this.#byId.set(repo.id, repo);
    }
  }

  /** The repository a route addresses, and whether it was reached through a former name. */
  find(ref: Matched["repo"]): { repo: FixtureRepo; renamed: boolean } | null {
    if (ref === null) return null;
    if ("id" in ref) {
      const repo = this.#byId.get(ref.id);
      return repo ? { repo, renamed: false } : null;
    }
    return this.#byName.get(`${ref.owner}/${ref.name}`.toLowerCase()) ?? null;
  }
}

/**
 * A GitHub-shaped 404.
 *
 * @example
 * ```ts
 * notFound("No commit found for the ref v9").status; // 404
 * ```
 */
export function notFound(message = "Not Found"): Answer {
  return { status: 404, body: { message, documentation_url: DOCS, status: "404" } };
}

/**
 * Answers a request on a repository that exists under its current name.
 *
 * @example
 * ```ts
 * answerRoute(repo, matchRoute("/repos/pytorch/hub"), new URL("http://127.0.0.1:1/repos/pytorch/hub")).status;
 * // 200
 * ```
 */
export function answerRoute(repo: FixtureRepo, matched: Matched, url: URL): Answer {
  const api = `${url.origin}/repos/${repo.full_name}`;
  if (matched.name === "repos.get") return { status: 200, body: repoJson(repo, url.origin) };
  if (matched.name === "repos.downloadTarballArchive") return tarballRedirect(repo, matched.path, url);
  if (matched.name === "issues.listForRepo" || matched.name === "pulls.list") {
    return issues(repo, url, matched.name === "pulls.list");
  }
  const ref = url.searchParams.get(matched.name === "repos.listCommits" ? "sha" : "ref") ??
    repo.default_branch;
  const files = repo.files[ref];
  if (!files && ref !== repo.default_branch) return notFound(`No commit found for the ref ${ref}`);
  if (matched.name === "repos.getContent") return contents(repo, files ?? {}, matched.path, ref, api);
  if (matched.name === "repos.listCommits") return commits(repo, url, api);
  return notFound();
}

/** The codeload-like path, on the replay server itself, of a repository's archive at `ref`. */
export const CODELOAD_PREFIX = "/_codeload/";

function tarballRedirect(repo: FixtureRepo, ref: string, url: URL): Answer {
  const at = ref || repo.default_branch;
  if (!repo.files[at] && at !== repo.default_branch) return notFound();
  const location = `${url.origin}${CODELOAD_PREFIX}${repo.full_name}/legacy.tar.gz/refs/heads/${at}`;
  return { status: 302, body: "", headers: { location } };
}

function repoJson(repo: FixtureRepo, origin: string) {
  const [owner, name] = repo.full_name.split("/");
  return {
    id: repo.id,
    name,
    full_name: repo.full_name,
    private: false,
    owner: { login: owner, type: "Organization" },
    html_url: `https://github.com/${repo.full_name}`,
    description: null,
    fork: false,
    url: `${origin}/repos/${repo.full_name}`,
    created_at: repo.created_at,
    updated_at: repo.pushed_at,
    pushed_at: repo.pushed_at,
    stargazers_count: repo.stargazers_count,
    watchers_count: repo.stargazers_count,
    forks_count: repo.forks_count,
    open_issues_count: 0,
    license: repo.license && { ...repo.license, url: `${origin}/licenses/${repo.license.key}` },
    default_branch: repo.default_branch,
    archived: false,
    disabled: false,
    visibility: "public",
    topics: [],
  };
}

function contents(repo: FixtureRepo, files: Record<string, string>, path: string, ref: string, api: string) {
  const entry = (type: "file" | "dir", p: string, size: number, sha: string) => ({
    type,
    name: p.split("/").pop(),
    path: p,
    sha,
    size,
    url: `${api}/contents/${p}?ref=${ref}`,
    html_url: `https://github.com/${repo.full_name}/${type === "dir" ? "tree" : "blob"}/${ref}/${p}`,
    git_url: `${api}/git/${type === "dir" ? "trees" : "blobs"}/${sha}`,
    download_url: type === "dir" ? null : `https://raw.githubusercontent.com/${repo.full_name}/${ref}/${p}`,
  });
  if (path in files) {
    const bytes = new TextEncoder().encode(files[path]);
    return {
      status: 200,
      body: {
        ...entry("file", path, bytes.length, gitSha("blob", bytes)),
        encoding: "base64",
        // GitHub wraps base64 content at 60 characters
        content: Buffer.from(bytes).toString("base64").replace(/(.{60})/g, "$1\n"),
      },
    };
  }
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, ReturnType<typeof entry>>();
  for (const [p, text] of Object.entries(files).sort(([a], [b]) => a < b ? -1 : 1)) {
    if (!p.startsWith(prefix)) continue;
    const [head, ...deeper] = p.slice(prefix.length).split("/");
    const child = prefix + head;
    const bytes = new TextEncoder().encode(deeper.length > 0 ? child : text);
    children.set(
      child,
      deeper.length > 0
        ? entry("dir", child, 0, gitSha("tree", bytes))
        : entry("file", child, bytes.length, gitSha("blob", bytes)),
    );
  }
  if (children.size === 0 && path !== "") return notFound();
  return { status: 200, body: [...children.values()] };
}

function commits(repo: FixtureRepo, url: URL, api: string): Answer {
  const path = url.searchParams.get("path") ?? "";
  const dates = repo.history?.[path] ? historyDates(repo.history[path]) : [];
  const { perPage, page } = pageParams(url);
  const last = Math.max(1, Math.ceil(dates.length / perPage));
  const body = dates.slice((page - 1) * perPage, page * perPage).map((date, i) => {
    const sha = gitSha(
      "commit",
      new TextEncoder().encode(`${repo.full_name}:${path}:${(page - 1) * perPage + i}`),
    );
    const who = { name: "Fixture Author", email: "author@example.com", date };
    return {
      sha,
      commit: { author: who, committer: who, message: `Update ${path}` },
      url: `${api}/commits/${sha}`,
      html_url: `https://github.com/${repo.full_name}/commit/${sha}`,
      author: null,
      committer: null,
      parents: [],
    };
  });
  return { status: 200, body, headers: pageLinks(url, page, last) };
}

/** Git's object id: sha1 of `<kind> <size>\0<bytes>`. */
function gitSha(kind: string, bytes: Uint8Array): string {
  return createHash("sha1").update(`${kind} ${bytes.length}\0`).update(bytes).digest("hex");
}
