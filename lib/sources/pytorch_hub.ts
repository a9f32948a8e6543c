/**
 * Harvesting PyTorch Hub from GitHub, as PeaTMOSS listed it: the markdown pages at the root of `pytorch/hub`,
 * the `torch.hub.load` calls of their Python snippets (one model per distinct repository and entrypoint), the
 * `hubconf.py` of each model repository, and each repository's metadata (stars, license, dates). Writes a
 * canonical dataset `<out>/<YYYY-MM-DD>/`.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { Progress } from "../cli/progress.ts";
import { writeDataset } from "../store/dataset.ts";
import { sha256Hex } from "../store/hash.ts";
import type { Manifest, ManifestInput } from "../store/manifest.ts";
import { createGitHubClient, type GitHubStats } from "./github_client.ts";
import { publicUrl } from "../net/http.ts";
import { parseHubconf } from "./hubconf.ts";
import { HubPageError, parseHubPage } from "./pytorch_hub_markdown.ts";
import { buildPytorchHubTables, type HarvestedPage, type HarvestedRepo } from "./pytorch_hub_tables.ts";

/** Options of {@linkcode harvestPytorchHub}. */
export interface PytorchHubOptions {
  /** Collection directory: the dataset goes to `<out>/<YYYY-MM-DD>/`, the ETag cache to `<out>/.harvest-cache/`. */
  out: string;
  /** GitHub REST API root. @default "https://api.github.com" */
  githubUrl?: string;
  /** Repository holding the hub pages. @default "pytorch/hub" */
  repo?: string;
  /** Branch, tag or commit of that repository. @default "master" */
  ref?: string;
  /** GitHub token (5,000 requests/hour instead of 60); never logged or written. */
  token?: string;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** Longest single wait for a rate limit, in seconds. @default 3600 */
  maxWaitSeconds?: number;
  /** First backoff delay after a server error, in ms. @default 1000 */
  retryBaseMs?: number;
  /** Show a progress bar on stderr. @default false */
  progress?: boolean;
  /** Receives one line per notable event (rate-limit waits). */
  log?: (line: string) => void;
  /** Retrieval time; names the snapshot directory. @default now */
  now?: Date;
}

/** Something left out of the dataset, and why. */
export interface Skipped {
  kind: "page" | "call" | "repo";
  /** Page file name, `page:line` of a call, or `owner/name`. */
  name: string;
  /** Short reason, shared by similar cases so they can be grouped. */
  reason: string;
  /** What else is worth knowing about this case. */
  detail?: string;
}

/** What a harvest wrote and met. */
export interface PytorchHubReport {
  /** The dataset directory written. */
  dir: string;
  manifest: Manifest;
  skipped: Skipped[];
  stats: GitHubStats;
}

const NOT_HUB_PAGES = new Set(["readme", "contributing", "code_of_conduct"]);

/**
 * Harvests PyTorch Hub and writes the dataset. Bad input is skipped and reported (`skipped`, manifest notes):
 * a page without front matter or without any `torch.hub.load` call, a call whose arguments do not resolve to
 * strings, a model repository that no longer exists. Any other failure (GitHub down, a rate limit longer than
 * `maxWaitSeconds`) throws and writes nothing.
 *
 * @example
 * ```ts
 * const report = await harvestPytorchHub({ out: "data/pytorch-hub", token: Deno.env.get("GITHUB_TOKEN") });
 * report.manifest.tables.models?.rows; // e.g. 362
 * ```
 */
export async function harvestPytorchHub(options: PytorchHubOptions): Promise<PytorchHubReport> {
  const hubRepo = options.repo ?? "pytorch/hub";
  const ref = options.ref ?? "master";
  const apiUrl = publicUrl(options.githubUrl ?? "https://api.github.com");
  const [owner, name] = splitRepo(hubRepo);
  const log = options.log ?? (() => {});
  const { octokit, stats } = createGitHubClient({
    baseUrl: options.githubUrl,
    token: options.token,
    cacheDir: join(options.out, ".harvest-cache"),
    concurrency: options.concurrency,
    maxWaitSeconds: options.maxWaitSeconds,
    retryBaseMs: options.retryBaseMs,
    onWait: (w) => log(`GitHub ${w.kind} rate limit: waiting ${(w.ms / 1000).toFixed(1)}s`),
  });
  const bar = options.progress ? new Progress("harvest pytorch", { unit: "files" }) : null;
  const skipped: Skipped[] = [];
  const inputs: ManifestInput[] = [];

  const readFile = async (o: string, r: string, path: string, at: string): Promise<string | null> => {
    const where = `${o}/${r}@${at}/${path}`;
    let data;
    try {
      data = (await octokit.rest.repos.getContent({ owner: o, repo: r, path, ref: at })).data;
    } catch (err) {
      if (status(err) === 404) return null;
      throw context(err, where);
    }
    if (Array.isArray(data) || data.type !== "file" || !("content" in data) || data.encoding !== "base64") {
      throw new Error(`${where}: not a file with inline content (the contents API inlines files up to 1 MB)`);
    }
    const bytes = Buffer.from(data.content, "base64");
    inputs.push({ path: where, bytes: bytes.length, sha256: sha256Hex(bytes) });
    return new TextDecoder().decode(bytes);
  };

  // 1. the page list: markdown files at the root, minus the repository's own docs
  let listing;
  try {
    listing = (await octokit.rest.repos.getContent({ owner, repo: name, path: "", ref })).data;
  } catch (err) {
    if (status(err) === 404) {
      throw new Error(`${hubRepo}@${ref} not found at ${apiUrl}; check --repo and --ref`);
    }
    throw context(err, `${hubRepo}@${ref}`);
  }
  const names = (Array.isArray(listing) ? listing : [])
    .filter((e) => e.type === "file" && /\.md$/i.test(e.name))
    .map((e) => e.name)
    .filter((n) => !NOT_HUB_PAGES.has(n.replace(/\.md$/i, "").toLowerCase()))
    .sort();
  bar?.setTotal(names.length);

  // 2. each page, and the dates of its first and last commit
  const read = await Promise.all(names.map(async (page): Promise<HarvestedPage | null> => {
    const text = await readFile(owner, name, page, ref);
    bar?.tick();
    if (text === null) {
      skipped.push({ kind: "page", name: page, reason: "gone since the listing (HTTP 404)" });
      return null;
    }
    let parsed;
    try {
      parsed = parseHubPage(page, text);
    } catch (err) {
      if (!(err instanceof HubPageError)) throw err;
      skipped.push({ kind: "page", name: page, reason: err.reason });
      return null;
    }
    if (parsed.calls.length === 0) {
      skipped.push({ kind: "page", name: page, reason: "no torch.hub.load call" });
      return null;
    }
    for (const c of parsed.calls) {
      if (c.problem !== null) skipped.push({ kind: "call", name: `${page}:${c.line}`, reason: c.problem });
    }
    if (parsed.calls.every((c) => c.problem !== null)) {
      return { page: parsed, createdAt: null, lastModified: null };
    }
    const commits = await octokit.paginate(octokit.rest.repos.listCommits, {
      owner,
      repo: name,
      path: page,
      sha: ref,
      per_page: 100,
    }).catch((err) => {
      throw context(err, `commits of ${hubRepo}@${ref}/${page}`);
    });
    const dates = commits.map((c) => c.commit.committer?.date ?? c.commit.author?.date).filter(
      (d): d is string => typeof d === "string",
    ).sort();
    return { page: parsed, createdAt: dates[0] ?? null, lastModified: dates.at(-1) ?? null };
  }));
  const pages = read.filter((p): p is HarvestedPage => p !== null);

  // 3. the model repositories, spelled as first met in page order (GitHub ignores case)
  const spelled = new Map<string, string>();
  for (const { page } of pages) {
    for (const c of page.calls) {
      if (c.repo && !spelled.has(c.repo.toLowerCase())) spelled.set(c.repo.toLowerCase(), c.repo);
    }
  }
  bar?.setTotal(names.length + spelled.size);
  const repos = new Map<string, HarvestedRepo>();
  await Promise.all([...spelled].map(async ([key, repo]) => {
    const [o, r] = splitRepo(repo);
    try {
      const { data } = await octokit.rest.repos.get({ owner: o, repo: r });
      const license = data.license;
      repos.set(key, {
        repo,
        fullName: data.full_name,
        url: data.html_url,
        stars: data.stargazers_count,
        forks: data.forks_count,
        licenses: !license
          ? []
          : license.spdx_id && license.spdx_id !== "NOASSERTION"
          ? [license.spdx_id]
          : [license.key],
        createdAt: data.created_at ?? null,
        pushedAt: data.pushed_at ?? null,
        defaultBranch: data.default_branch,
      });
    } catch (err) {
      const code = status(err);
      if (code !== 404 && code !== 451) throw context(err, repo);
      const from = pages.filter(({ page }) => page.calls.some((c) => c.repo?.toLowerCase() === key));
      skipped.push({
        kind: "repo",
        name: repo,
        reason: `repository unavailable (HTTP ${code})`,
        detail: `models of ${from.map((p) => p.page.name).join(", ")} dropped`,
      });
    } finally {
      bar?.tick();
    }
  }));

  // 4. hubconf.py at every ref the calls use (the default branch when they name none)
  const wanted = new Map<string, { repo: HarvestedRepo; ref: string }>();
  for (const { page } of pages) {
    for (const c of page.calls) {
      const repo = c.repo && repos.get(c.repo.toLowerCase());
      if (!repo || c.problem !== null) continue;
      const at = c.ref ?? repo.defaultBranch;
      wanted.set(`${c.repo!.toLowerCase()}@${at}`, { repo, ref: at });
    }
  }
  bar?.setTotal(names.length + spelled.size + wanted.size);
  const hubconfs = new Map<string, string[] | null>();
  await Promise.all([...wanted].map(async ([key, { repo, ref: at }]) => {
    const [o, r] = splitRepo(repo.fullName);
    const text = await readFile(o, r, "hubconf.py", at);
    hubconfs.set(key, text === null ? null : parseHubconf(text).entrypoints);
    bar?.tick();
  }));

  // 5. the tables, in a stable order whatever the order answers came in
  skipped.sort((a, b) =>
    a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, "en", { numeric: true })
  );
  const sortedRepos = new Map([...repos].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
  const tables = buildPytorchHubTables({ pages, repos: sortedRepos, hubconfs });
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const dir = join(options.out, date);
  const manifest = await writeDataset(dir, tables, {
    source: {
      kind: "pytorch-hub",
      description:
        `PyTorch Hub pages of ${hubRepo}@${ref}, their torch.hub.load calls, hubconf.py files and ` +
        `repository metadata, read through the GitHub REST API`,
      location: `${apiUrl}/repos/${hubRepo}`,
    },
    retrieved_at: date,
    inputs: inputs.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    notes: notes(skipped, repos, hubconfs),
  });
  bar?.done(`${manifest.tables.models?.rows ?? 0} models`);
  return { dir, manifest, skipped, stats };
}

function notes(
  skipped: Skipped[],
  repos: Map<string, HarvestedRepo>,
  hubconfs: Map<string, string[] | null>,
): string[] {
  const out: string[] = [];
  const groups = new Map<string, string[]>();
  for (const s of skipped) {
    const key = `${s.kind}: ${s.reason}`;
    groups.set(key, [...groups.get(key) ?? [], s.name]);
  }
  for (const [key, names] of [...groups].sort()) {
    out.push(
      `skipped ${names.length} ${key} (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""})`,
    );
  }
  for (const r of repos.values()) {
    if (r.fullName.toLowerCase() !== r.repo.toLowerCase()) {
      out.push(`repository ${r.repo} is now ${r.fullName}`);
    }
  }
  const missing = [...hubconfs].filter(([, v]) => v === null).map(([k]) => k).sort();
  if (missing.length > 0) out.push(`no hubconf.py in ${missing.join(", ")}`);
  return out;
}

function splitRepo(repo: string): [string, string] {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repo);
  if (!m) throw new Error(`${repo}: expected a GitHub repository as owner/name`);
  return [m[1], m[2]];
}

function status(err: unknown): number | undefined {
  return (err as { status?: number }).status;
}

// octokit's messages ("Not Found - https://docs.github.com/...") do not say which request failed
function context(err: unknown, what: string): Error {
  const e = err as Error & { status?: number };
  const code = e.status !== undefined && e.status !== 500 ? ` (HTTP ${e.status})` : "";
  return new Error(`${what}: ${e.message}${code}`, { cause: err });
}
