/**
 * What a GitHub replay server serves: repositories with their metadata, their files per ref and the commit
 * history of some paths; loaded from a fixture directory. Code search indexes the files of each repository's
 * default branch, plus {@linkcode CodeFile}s: large synthetic files kept as a short head and a size.
 *
 * Layout of a fixture directory:
 * - `repos.json`: an array of {@linkcode FixtureRepo} without `files`;
 * - `files/<owner>/<name>/<ref>/<path>`: the files of each repository at each ref.
 *
 * @module
 */
import { join, relative, sep } from "node:path";

/** Commit dates of one path: listed (newest first), or `count` commits spread evenly from `first` to `last`. */
export type FixtureHistory = string[] | { first: string; last: string; count: number };

/** One repository as the replay server knows it. */
export interface FixtureRepo {
  /** `owner/name` as GitHub spells it today. */
  full_name: string;
  /** Numeric id, used by `/repositories/{id}` redirects of renamed repositories. */
  id: number;
  stargazers_count: number;
  forks_count: number;
  /** As in `GET /repos/{owner}/{repo}`; null when GitHub detected no license. */
  license: { key: string; name: string; spdx_id: string } | null;
  created_at: string;
  pushed_at: string;
  default_branch: string;
  /** Former `owner/name`s: requests for them are redirected (301) as GitHub does after a rename. */
  renamed_from?: string[];
  /** Files by ref, then by path (`/`-separated, no leading slash). */
  files: Record<string, Record<string, string>>;
  /** Commit history of some paths, for `GET /repos/{owner}/{repo}/commits?path=`. */
  history?: Record<string, FixtureHistory>;
  /** How many issues and pull requests it has, by state, for `/issues` and `/pulls`. @default none */
  issues?: FixtureIssues;
}

/** Counts of a repository's issues and pull requests; the server makes up the items. */
export interface FixtureIssues {
  open: number;
  closed: number;
  openPulls: number;
  closedPulls: number;
}

/**
 * A default-branch file known by its head only, so that tens of thousands of them cost little memory: code
 * search matches `text` and filters on `size`; tarballs serve `text` padded with a comment to `size` bytes.
 */
export interface CodeFile {
  /** `full_name` of a fixture repository. */
  repo: string;
  /** `/`-separated, no leading slash. */
  path: string;
  /** ASCII head of the file; search terms are matched against it. */
  text: string;
  /** Size in bytes of the served file; at least the length of `text`. */
  size: number;
}

/** Everything a replay server serves. */
export interface GitHubFixture {
  repos: FixtureRepo[];
  /** Extra default-branch files, served padded. @default [] */
  code?: CodeFile[];
}

/**
 * Loads a fixture directory (see the module doc for its layout).
 *
 * @example
 * ```ts
 * const fixture = await loadGitHubFixture("tests/sources/testdata/pytorch_hub");
 * fixture.repos.map((r) => r.full_name); // ["pytorch/hub", "pytorch/vision", ...]
 * ```
 */
export async function loadGitHubFixture(dir: string): Promise<GitHubFixture> {
  const path = join(dir, "repos.json");
  let repos: FixtureRepo[];
  try {
    repos = JSON.parse(await Deno.readTextFile(path));
  } catch (err) {
    throw new Error(`${path}: cannot read the fixture's repository list (${(err as Error).message})`);
  }
  for (const repo of repos) {
    repo.files = {};
    const root = join(dir, "files", ...repo.full_name.split("/"));
    for (const file of await walk(root)) {
      const [ref, ...rest] = relative(root, file).split(sep);
      (repo.files[ref] ??= {})[rest.join("/")] = await Deno.readTextFile(file);
    }
  }
  return { repos };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      const path = join(dir, e.name);
      if (e.isDirectory) out.push(...await walk(path));
      else if (e.isFile) out.push(path);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort();
}

/**
 * The commit dates of a history, newest first.
 *
 * @example
 * ```ts
 * historyDates({ first: "2020-01-01T00:00:00Z", last: "2020-01-03T00:00:00Z", count: 3 });
 * // ["2020-01-03T00:00:00Z", "2020-01-02T00:00:00Z", "2020-01-01T00:00:00Z"]
 * ```
 */
export function historyDates(history: FixtureHistory): string[] {
  if (Array.isArray(history)) return history;
  const first = Date.parse(history.first);
  const last = Date.parse(history.last);
  const step = history.count > 1 ? (last - first) / (history.count - 1) : 0;
  return Array.from(
    { length: history.count },
    (_, i) => new Date(Math.round(last - i * step)).toISOString().replace(".000Z", "Z"),
  );
}

/**
 * The content a {@linkcode CodeFile} is served with: its head, then a string literal of dashed lines up to
 * `size` bytes. (Not comment lines: tree-sitter's Python scanner takes quadratic time over a long run of
 * comments after a statement, which would make scans of the fixture crawl.)
 *
 * @example
 * ```ts
 * paddedText({ repo: "a/b", path: "x.py", text: "import timm\n", size: 40 }).length; // 40
 * ```
 */
export function paddedText(file: CodeFile): string {
  const head = file.text.endsWith("\n") ? file.text : `${file.text}\n`;
  const missing = file.size - head.length;
  if (missing <= 0) return head;
  if (missing < 8) return `${head}${"#".repeat(missing - 1)}\n`;
  const body = missing - 8;
  const line = `${"-".repeat(78)}\n`;
  const filler = body === 0 ? "" : line.repeat(Math.ceil(body / line.length)).slice(0, body - 1) + "\n";
  return `${head}"""\n${filler}"""\n`;
}
