/**
 * The replay server's `GET /search/code`, as GitHub's REST code search answers it: the query's terms and
 * quoted phrases are matched against each default-branch file with punctuation ignored (GitHub drops
 * `. , : ( ) ...` from queries and code alike), the qualifiers `size:`, `language:`, `extension:`,
 * `filename:`, `path:`, `repo:`, `user:`/`org:` filter, `in:` is accepted; answers hold `total_count`,
 * `incomplete_results` and `items`, pages go to `per_page` ≤ 100 and stop at the 1,000th result (a page
 * beyond it is a 422, as on GitHub), with an absolute `Link` header.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { FixtureRepo, GitHubFixture } from "./github_fixture.ts";
import type { Answer } from "./_github_routes.ts";
import { pageLinks, pageParams } from "./_github_pages.ts";

/** One searchable file. */
interface Indexed {
  repo: FixtureRepo;
  path: string;
  size: number;
  /** Lower-cased text with punctuation turned into single spaces. */
  words: string;
  language: string | null;
}

/** A parsed query: every term must occur, every filter must hold. */
interface Query {
  terms: string[];
  filters: ((file: Indexed) => boolean)[];
}

// GitHub's search ignores these characters in queries and in code
const PUNCTUATION = /[.,:;/\\`'"=*!?#$&+^|~<>(){}[\]@\s-]+/g;
const LANGUAGES: Record<string, string> = {
  py: "python",
  ipynb: "jupyter notebook",
  md: "markdown",
  txt: "text",
  yaml: "yaml",
  yml: "yaml",
  json: "json",
  js: "javascript",
  ts: "typescript",
  sh: "shell",
};
const MAX_RESULTS = 1000;
const DOCS = "https://docs.github.com/rest/search/search#search-code";

/**
 * The searchable files of a fixture: each repository's default-branch files and the fixture's `code`.
 *
 * @example
 * ```ts
 * const index = new CodeIndex(fixture);
 * index.search(new URL("http://127.0.0.1:1/search/code?q=timm+language:python")).status; // 200
 * ```
 */
export class CodeIndex {
  #files: Indexed[] = [];

  constructor(fixture: GitHubFixture) {
    const byName = new Map(fixture.repos.map((r) => [r.full_name.toLowerCase(), r]));
    const add = (repo: FixtureRepo, path: string, text: string, size: number) => {
      const ext = path.includes(".") ? path.split(".").pop()!.toLowerCase() : "";
      this.#files.push({ repo, path, size, words: normalise(text), language: LANGUAGES[ext] ?? null });
    };
    for (const repo of fixture.repos) {
      for (const [path, text] of Object.entries(repo.files[repo.default_branch] ?? {})) {
        add(repo, path, text, new TextEncoder().encode(text).length);
      }
    }
    for (const file of fixture.code ?? []) {
      const repo = byName.get(file.repo.toLowerCase());
      if (!repo) throw new Error(`fixture code file ${file.path}: no repository ${file.repo} in the fixture`);
      add(repo, file.path, file.text, file.size);
    }
    this.#files.sort((a, b) => compare(a.repo.full_name, b.repo.full_name) || compare(a.path, b.path));
  }

  /**
   * Answers `GET /search/code`. `incomplete` makes it behave as a search that timed out: half the matches
   * and `incomplete_results: true`.
   */
  search(url: URL, incomplete = false): Answer {
    const q = url.searchParams.get("q")?.trim() ?? "";
    const { perPage, page } = pageParams(url);
    const query = parseQuery(q);
    if (typeof query === "string") return invalid(query);
    if ((page - 1) * perPage >= MAX_RESULTS) {
      return {
        status: 422,
        body: {
          message: "Cannot access beyond the first 1000 results, or the page does not exist.",
          documentation_url: DOCS,
          status: "422",
        },
      };
    }
    let matches = this.#files.filter((f) =>
      query.filters.every((keep) => keep(f)) && query.terms.every((t) => f.words.includes(` ${t} `))
    );
    if (incomplete) matches = matches.filter((_, i) => i % 2 === 0);
    const items = matches.slice((page - 1) * perPage, Math.min(page * perPage, MAX_RESULTS))
      .map((f) => item(f, url.origin));
    const last = Math.max(1, Math.ceil(Math.min(matches.length, MAX_RESULTS) / perPage));
    return {
      status: 200,
      body: { total_count: matches.length, incomplete_results: incomplete, items },
      headers: pageLinks(url, page, last),
    };
  }
}

/** The query's terms and filters, or what is wrong with it. */
function parseQuery(q: string): Query | string {
  const query: Query = { terms: [], filters: [] };
  for (const m of q.matchAll(/(\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g)) {
    const [, key, rawValue, phrase, word] = m;
    if (key === undefined) {
      const term = normalise(phrase ?? word).trim();
      if (term) query.terms.push(term);
      continue;
    }
    const value = rawValue.replace(/^"|"$/g, "").toLowerCase();
    const filter = qualifier(key.toLowerCase(), value);
    if (typeof filter === "string") return filter;
    if (filter) query.filters.push(filter);
  }
  if (query.terms.length === 0) return "the query needs at least one search term besides qualifiers";
  return query;
}

function qualifier(key: string, value: string): ((f: Indexed) => boolean) | null | string {
  const base = (p: string) => p.split("/").pop()!.toLowerCase();
  switch (key) {
    case "size":
      return sizeFilter(value);
    case "language":
      return (f) => f.language === value;
    case "extension":
      return (f) => base(f.path).endsWith(`.${value}`);
    case "filename":
      return (f) => base(f.path) === value;
    case "path":
      return (f) => `/${f.path.toLowerCase()}`.includes(`/${value.replace(/^\/+/, "")}`);
    case "repo":
      return (f) => f.repo.full_name.toLowerCase() === value;
    case "user":
    case "org":
      return (f) => f.repo.full_name.toLowerCase().startsWith(`${value}/`);
    case "in":
      return null;
    default:
      return `unknown qualifier ${key}:`;
  }
}

/** `size:N`, `size:>N`, `size:>=N`, `size:<N`, `size:<=N`, `size:N..M`, `size:N..*`, `size:*..M`. */
function sizeFilter(value: string): ((f: Indexed) => boolean) | string {
  const n = (s: string) => s === "*" ? null : /^\d+$/.test(s) ? Number(s) : NaN;
  const range = /^(\d+|\*)\.\.(\d+|\*)$/.exec(value);
  let lo: number | null = null, hi: number | null = null;
  if (range) [lo, hi] = [n(range[1]), n(range[2])];
  else {
    const cmp = /^(>=|<=|>|<)?(\d+)$/.exec(value);
    if (!cmp) return `size:${value} is not a size or a range`;
    const v = Number(cmp[2]);
    if (cmp[1] === ">") lo = v + 1;
    else if (cmp[1] === ">=") lo = v;
    else if (cmp[1] === "<") hi = v - 1;
    else if (cmp[1] === "<=") hi = v;
    else lo = hi = v;
  }
  return (f) => (lo === null || f.size >= lo) && (hi === null || f.size <= hi);
}

function item(f: Indexed, origin: string) {
  const [owner, name] = f.repo.full_name.split("/");
  const sha = createHash("sha1").update(`${f.repo.full_name}:${f.path}:${f.size}`).digest("hex");
  const api = `${origin}/repos/${f.repo.full_name}`;
  return {
    name: f.path.split("/").pop(),
    path: f.path,
    sha,
    url: `${api}/contents/${encodeURI(f.path)}?ref=${sha}`,
    git_url: `${api}/git/blobs/${sha}`,
    html_url: `https://github.com/${f.repo.full_name}/blob/${sha}/${encodeURI(f.path)}`,
    repository: {
      id: f.repo.id,
      name,
      full_name: f.repo.full_name,
      private: false,
      owner: { login: owner, type: "User" },
      html_url: `https://github.com/${f.repo.full_name}`,
      description: null,
      fork: false,
      url: api,
    },
    score: 1,
  };
}

function invalid(message: string): Answer {
  return {
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [{ message, resource: "Search", field: "q", code: "invalid" }],
      documentation_url: DOCS,
      status: "422",
    },
  };
}

function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(PUNCTUATION, " ")} `;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
