/**
 * Discovery of the GitHub projects that load pre-trained models, as PeaTMOSS did it: one code search per
 * model-loading signature (split by file size past the 1,000-results cap), then each repository's metadata
 * (stars, forks, license, dates, default branch), optionally its count of issues and pull requests
 * (`issues.jsonl`), then the archive of its default branch. Everything lands in
 * `out/` as JSON Lines (`matches.jsonl`, `repos.jsonl`, `tarballs.jsonl`) and `tarballs/<owner>/<repo>.tar.gz`;
 * optionally the archives are scanned for model-loading calls (`usages.jsonl`, `scans.jsonl`).
 * `checkpoint.json` lets a run killed at any moment resume without repeating finished work.
 *
 * Code search has its own quota (30 requests a minute) and goes through a client of its own: a client holds
 * back all its requests while a quota it saw is spent, and a spent search quota must not stall the others.
 *
 * @module
 */
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import { Progress } from "../cli/progress.ts";
import { publicUrl } from "../net/http.ts";
import { createGitHubClient, GitHubError, type GitHubStats } from "./github_client.ts";
import { searchCode, type Shard } from "./github_code_search.ts";
import { DiscoveryCheckpoint, readJsonLines } from "./github_discovery_checkpoint.ts";
import { countIssues } from "./github_discovery_issues.ts";
import { scanArchives } from "./github_discovery_scan.ts";
import { describeTarball, downloadTarball, removeStaleDownloads } from "./github_discovery_tarball.ts";
import type { Detector } from "../usage/detector.ts";
import { pathExists } from "../paths.ts";

/** A search to run: the signature's id, its library and its GitHub code-search query. */
export interface SearchSignature {
  id: string;
  library: string;
  search: string;
}

/** Options of {@linkcode discoverGitHubProjects}. */
export interface DiscoveryOptions {
  /** Output directory. */
  out: string;
  signatures: SearchSignature[];
  /** REST API root. @default "https://api.github.com" */
  githubUrl?: string;
  /** Required by code search; never logged or written. */
  token?: string;
  /** Most repositories to describe and download, in order of discovery. @default all */
  limit?: number | null;
  /** Count each repository's issues and pull requests into `issues.jsonl`. @default false */
  issues?: boolean;
  /** Download default-branch archives. @default true */
  tarballs?: boolean;
  /** Scan each archive with this detector into `usages.jsonl`; needs `tarballs`. @default no scan */
  scan?: Detector;
  /** Requests in flight at once outside search. @default 4 */
  concurrency?: number;
  /** Longest single wait for a rate limit, in seconds. @default 3600 */
  maxWaitSeconds?: number;
  /** First backoff after a server error, in ms. @default 1000 */
  retryBaseMs?: number;
  /** Show progress bars on standard error. @default false */
  progress?: boolean;
  /** Where notes go (rate-limit waits, resumption). @default none */
  log?: (line: string) => void;
}

/** One line of `matches.jsonl`: a file a signature's search found. */
export interface MatchRecord {
  signature: string;
  library: string;
  repo: string;
  path: string;
  sha: string;
}

/** One line of `repos.jsonl`. */
export type RepoRecord =
  | {
    repo: string;
    status: "ok";
    /** The name GitHub answers with today (differs after a rename). */
    full_name: string;
    id: number;
    stars: number;
    forks: number;
    /** SPDX id of the detected license (`NOASSERTION` for an unrecognised one); null when none. */
    license: string | null;
    created_at: string | null;
    pushed_at: string | null;
    default_branch: string;
    fork: boolean;
    archived: boolean;
  }
  | { repo: string; status: "gone"; http: number };

/** One line of `tarballs.jsonl`. */
export type TarballRecord =
  | { repo: string; status: "ok"; ref: string; path: string; bytes: number; sha256: string }
  | { repo: string; status: "gone"; ref: string };

/** What a discovery did. */
export interface DiscoveryReport {
  /** Whether it continued an interrupted run. */
  resumed: boolean;
  queries: number;
  /** Size ranges read over all queries. */
  shards: number;
  /** Distinct files matched, over all signatures. */
  files: number;
  repos: number;
  described: number;
  gone: string[];
  tarballs: number;
  tarballBytes: number;
  /** Model-loading calls found in the archives (0 without a scan). */
  detections: number;
  /** Query and size range of searches still incomplete after retries. */
  incomplete: string[];
  /** Files no size split could reach (more than 1,000 files of one size). */
  unreachable: number;
  search: GitHubStats;
  api: GitHubStats;
}

const BATCH = 16;

/**
 * Runs (or resumes) a discovery.
 *
 * @example
 * ```ts
 * const report = await discoverGitHubProjects({
 *   out: "data/github",
 *   signatures: loadSignatures(),
 *   token: Deno.env.get("GITHUB_TOKEN"),
 * });
 * console.log(report.repos, report.tarballs);
 * ```
 */
export async function discoverGitHubProjects(options: DiscoveryOptions): Promise<DiscoveryReport> {
  const log = options.log ?? (() => {});
  const queries = [...new Set(options.signatures.map((s) => s.search))];
  const ckpt = await DiscoveryCheckpoint.open(options.out, {
    github: publicUrl(options.githubUrl ?? "https://api.github.com"),
    limit: options.limit ?? null,
  });
  if (ckpt.resumed) log(`resuming the discovery recorded in ${join(options.out, "checkpoint.json")}`);
  const client = (concurrency: number, label: string) =>
    createGitHubClient({
      baseUrl: options.githubUrl,
      token: options.token,
      concurrency,
      maxWaitSeconds: options.maxWaitSeconds,
      retryBaseMs: options.retryBaseMs,
      onWait: ({ kind, ms }) => log(`${label}: ${kind} rate limit: waiting ${(ms / 1000).toFixed(1)}s`),
    });
  const search = client(1, "code search");
  const api = client(options.concurrency ?? 4, "API");

  const matches = await readJsonLines<MatchRecord>(join(options.out, "matches.jsonl"));
  const report: DiscoveryReport = {
    resumed: ckpt.resumed,
    queries: queries.length,
    ...await searchAll(search.octokit, options, queries, ckpt, matches),
    files: 0,
    repos: 0,
    described: 0,
    gone: [],
    tarballs: 0,
    tarballBytes: 0,
    detections: 0,
    search: search.stats,
    api: api.stats,
  };
  const found = [...new Set(matches.map((m) => m.repo))];
  const repos = options.limit ? found.slice(0, options.limit) : found;
  report.files = new Set(matches.map((m) => `${m.repo}/${m.path}`)).size;
  report.repos = found.length;

  const described = await describeRepos(api.octokit, options, ckpt, repos);
  report.described = described.length;
  report.gone = described.filter((r) => r.status === "gone").map((r) => r.repo);
  if (options.issues) {
    const live = described.filter((r) => r.status === "ok").map((r) => r.repo);
    await countIssues(api.octokit, ckpt, live, options.progress);
  }
  if (options.scan && options.tarballs === false) throw new Error("scanning needs the archives");
  if (options.tarballs ?? true) {
    const got = await downloadAll(api.octokit, options, ckpt, described);
    report.gone.push(...got.filter((t) => t.status === "gone").map((t) => t.repo));
    const archives: { repo: string; path: string }[] = [];
    for (const t of got) {
      if (t.status !== "ok") continue;
      report.tarballs++;
      report.tarballBytes += t.bytes;
      archives.push(t);
    }
    if (options.scan) {
      await scanArchives(ckpt, options.scan, archives, options.progress);
      report.detections = await countLines(join(options.out, "usages.jsonl"));
    }
  }
  return report;
}

async function searchAll(
  octokit: Octokit,
  options: DiscoveryOptions,
  queries: string[],
  ckpt: DiscoveryCheckpoint,
  matches: MatchRecord[],
): Promise<Pick<DiscoveryReport, "shards" | "incomplete" | "unreachable">> {
  const report = { shards: 0, incomplete: [] as string[], unreachable: 0 };
  const seen = new Set(matches.map((m) => `${m.signature}\0${m.repo}\0${m.path}`));
  const bar = options.progress ? new Progress("search", { total: queries.length, unit: "queries" }) : null;
  for (const query of queries) {
    const progress = ckpt.query(query);
    const signatures = options.signatures.filter((s) => s.search === query);
    if (!progress.complete) {
      const onShard = async (shard: Shard) => {
        const fresh: MatchRecord[] = [];
        for (const hit of shard.hits) {
          for (const s of signatures) {
            const key = `${s.id}\0${hit.repo}\0${hit.path}`;
            if (seen.has(key)) continue;
            seen.add(key);
            fresh.push({ signature: s.id, library: s.library, repo: hit.repo, path: hit.path, sha: hit.sha });
          }
        }
        matches.push(...fresh);
        ckpt.append("matches.jsonl", fresh);
        await ckpt.save();
      };
      try {
        await searchCode(octokit, query, { state: progress, onShard });
      } catch (err) {
        throw searchFailure(query, err);
      }
      progress.complete = true;
      await ckpt.save();
    }
    report.shards += progress.done.length;
    report.incomplete.push(...progress.incomplete.map((r) => r === "*" ? query : `${query} size:${r}`));
    report.unreachable += progress.unreachable;
    bar?.tick();
  }
  bar?.done(`${matches.length.toLocaleString("en-US")} matches`);
  return report;
}

async function describeRepos(
  octokit: Octokit,
  options: DiscoveryOptions,
  ckpt: DiscoveryCheckpoint,
  repos: string[],
): Promise<RepoRecord[]> {
  const path = join(options.out, "repos.jsonl");
  const done = await readJsonLines<RepoRecord>(path);
  const bar = options.progress ? new Progress("repos", { total: repos.length, unit: "repos" }) : null;
  if (done.length > 0) bar?.tick(done.length);
  for (let i = ckpt.counters.described; i < repos.length; i += BATCH) {
    const batch = await Promise.all(repos.slice(i, i + BATCH).map((name) => describeRepo(octokit, name)));
    done.push(...batch);
    ckpt.append("repos.jsonl", batch);
    ckpt.counters.described = i + batch.length;
    await ckpt.save();
    bar?.tick(batch.length);
  }
  bar?.done();
  return done;
}

async function describeRepo(octokit: Octokit, repo: string): Promise<RepoRecord> {
  const [owner, name] = repo.split("/");
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo: name });
    return {
      repo,
      status: "ok",
      full_name: data.full_name,
      id: data.id,
      stars: data.stargazers_count,
      forks: data.forks_count,
      license: data.license?.spdx_id ?? null,
      created_at: data.created_at ?? null,
      pushed_at: data.pushed_at ?? null,
      default_branch: data.default_branch,
      fork: data.fork,
      archived: data.archived ?? false,
    };
  } catch (err) {
    const status = (err as { status?: number }).status;
    // deleted, made private (404) or blocked for legal reasons (451) since code search indexed it
    if (status === 404 || status === 451) return { repo, status: "gone", http: status };
    throw new Error(`${repo}: reading its metadata failed (${(err as Error).message})`);
  }
}

async function downloadAll(
  octokit: Octokit,
  options: DiscoveryOptions,
  ckpt: DiscoveryCheckpoint,
  repos: RepoRecord[],
): Promise<TarballRecord[]> {
  const dir = join(options.out, "tarballs");
  await removeStaleDownloads(dir);
  const done = await readJsonLines<TarballRecord>(join(options.out, "tarballs.jsonl"));
  const live = repos.filter((r) => r.status === "ok");
  const bar = options.progress ? new Progress("tarballs", { total: live.length, unit: "repos" }) : null;
  if (done.length > 0) bar?.tick(done.length);
  for (let i = ckpt.counters.downloaded; i < live.length; i += BATCH) {
    const batch = await Promise.all(
      live.slice(i, i + BATCH).map(async (r): Promise<TarballRecord> => {
        const ref = r.status === "ok" ? r.default_branch : "";
        // names come from GitHub's answers: never let one reach outside tarballs/
        if (!/^[\w.-]+\/[\w.-]+$/.test(r.repo) || r.repo.split("/").some((p) => /^\.+$/.test(p))) {
          throw new Error(`code search named the repository ${JSON.stringify(r.repo)}: not an owner/name`);
        }
        const rel = join("tarballs", `${r.repo}.tar.gz`);
        const dest = join(options.out, rel);
        // a run killed after the rename but before its checkpoint left a complete archive
        const got = await pathExists(dest)
          ? await describeTarball(dest)
          : await downloadTarball(octokit, r.repo, ref, dest);
        return got
          ? { repo: r.repo, status: "ok", ref, path: rel, ...got }
          : { repo: r.repo, status: "gone", ref };
      }),
    );
    done.push(...batch);
    ckpt.append("tarballs.jsonl", batch);
    ckpt.counters.downloaded = i + batch.length;
    await ckpt.save();
    bar?.tick(batch.length);
  }
  bar?.done(`${done.filter((t) => t.status === "ok").length} archives`);
  return done;
}

function searchFailure(query: string, err: unknown): Error {
  if (err instanceof GitHubError) return err;
  const e = err as { status?: number; message?: string };
  if (e.status === 401) {
    return new Error(`code search needs authentication: set GITHUB_TOKEN (query ${query})`);
  }
  if (e.status === 422) return new Error(`GitHub refused the search query ${query}: ${e.message}`);
  return new Error(`searching ${query} failed: ${e.message ?? String(err)}`);
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of (await Deno.open(path)).readable) {
    for (const byte of chunk) if (byte === 10) n++;
  }
  return n;
}
