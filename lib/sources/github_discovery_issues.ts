/**
 * An optional step of a GitHub discovery: how many issues and pull requests each repository has had, from two
 * one-item listings per repository (`/issues` and `/pulls`, `state=all`, `per_page=1`), whose `Link` header
 * names the last page, hence the count; GitHub's `/issues` lists pull requests too. Resumable like the others.
 *
 * @module
 */
import type { Octokit } from "@octokit/rest";
import { Progress } from "../cli/progress.ts";
import type { DiscoveryCheckpoint } from "./github_discovery_checkpoint.ts";

/** One line of `issues.jsonl`. */
export type IssueRecord =
  | { repo: string; status: "ok"; issues: number; pulls: number }
  | { repo: string; status: "gone"; http: number };

const BATCH = 16;

/**
 * Counts the issues and pull requests of `repos` from where the checkpoint left off.
 *
 * @example
 * ```ts
 * await countIssues(octokit, ckpt, ["acme/app"]); // issues.jsonl: {"repo":"acme/app","status":"ok","issues":12,"pulls":3}
 * ```
 */
export async function countIssues(
  octokit: Octokit,
  ckpt: DiscoveryCheckpoint,
  repos: string[],
  progress = false,
): Promise<void> {
  const bar = progress ? new Progress("issues", { total: repos.length, unit: "repos" }) : null;
  if (ckpt.counters.counted > 0) bar?.tick(ckpt.counters.counted);
  for (let i = ckpt.counters.counted; i < repos.length; i += BATCH) {
    const batch = await Promise.all(repos.slice(i, i + BATCH).map((repo) => count(octokit, repo)));
    ckpt.append("issues.jsonl", batch);
    ckpt.counters.counted = i + batch.length;
    await ckpt.save();
    bar?.tick(batch.length);
  }
  bar?.done();
}

async function count(octokit: Octokit, fullName: string): Promise<IssueRecord> {
  const [owner, repo] = fullName.split("/");
  const total = async (list: "issues" | "pulls") => {
    const res = await octokit.request(`GET /repos/{owner}/{repo}/${list}`, {
      owner,
      repo,
      state: "all",
      per_page: 1,
    });
    const last = (res.headers.link ?? "").split(",").find((l) => /rel="last"/.test(l));
    const url = last && /<([^>]+)>/.exec(last)?.[1];
    return url ? Number(new URL(url).searchParams.get("page")) : (res.data as unknown[]).length;
  };
  try {
    const all = await total("issues");
    const pulls = await total("pulls");
    return { repo: fullName, status: "ok", issues: all - pulls, pulls };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 404 || status === 451) return { repo: fullName, status: "gone", http: status };
    throw new Error(`${fullName}: counting its issues failed (${(err as Error).message})`);
  }
}
