/**
 * The replay server's `GET /repos/{owner}/{repo}/issues` (issues and pull requests together, the latter
 * marked with `pull_request`, as GitHub lists them) and `GET /repos/{owner}/{repo}/pulls`, newest first,
 * filtered by `state` (`open` by default, `closed`, `all`) and paginated; items are made up from the
 * fixture's counts.
 *
 * @module
 */
import type { FixtureRepo } from "./github_fixture.ts";
import { pageLinks, pageParams } from "./_github_pages.ts";
import type { Answer } from "./_github_routes.ts";

type Kind = { pull: boolean; state: "open" | "closed" };

/**
 * Answers an issue or pull-request listing of `repo`.
 *
 * @example
 * ```ts
 * issues(repo, new URL("http://127.0.0.1:1/repos/acme/app/issues?state=all"), false).status; // 200
 * ```
 */
export function issues(repo: FixtureRepo, url: URL, pullsOnly: boolean): Answer {
  const counts = repo.issues ?? { open: 0, closed: 0, openPulls: 0, closedPulls: 0 };
  // numbered oldest first: the closed ones, then the open ones
  const kinds: Kind[] = [
    ...Array.from({ length: counts.closed }, (): Kind => ({ pull: false, state: "closed" })),
    ...Array.from({ length: counts.closedPulls }, (): Kind => ({ pull: true, state: "closed" })),
    ...Array.from({ length: counts.open }, (): Kind => ({ pull: false, state: "open" })),
    ...Array.from({ length: counts.openPulls }, (): Kind => ({ pull: true, state: "open" })),
  ];
  const state = url.searchParams.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) {
    return {
      status: 422,
      body: { message: "Validation Failed", errors: [{ field: "state", code: "invalid" }] },
    };
  }
  const listed = kinds.map((kind, i) => ({ ...kind, number: i + 1 }))
    .filter((k) => (!pullsOnly || k.pull) && (state === "all" || k.state === state))
    .reverse();
  const { perPage, page } = pageParams(url);
  const last = Math.max(1, Math.ceil(listed.length / perPage));
  const html = `https://github.com/${repo.full_name}`;
  const api = `${url.origin}/repos/${repo.full_name}`;
  const body = listed.slice((page - 1) * perPage, page * perPage).map((k) => ({
    id: repo.id * 100_000 + k.number,
    number: k.number,
    title: `${k.pull ? "Pull request" : "Issue"} ${k.number}`,
    state: k.state,
    url: `${api}/${k.pull && pullsOnly ? "pulls" : "issues"}/${k.number}`,
    html_url: `${html}/${k.pull ? "pull" : "issues"}/${k.number}`,
    user: { login: "fixture-user", type: "User" },
    created_at: repo.created_at,
    updated_at: repo.pushed_at,
    closed_at: k.state === "closed" ? repo.pushed_at : null,
    ...(k.pull && !pullsOnly
      ? { pull_request: { url: `${api}/pulls/${k.number}`, html_url: `${html}/pull/${k.number}` } }
      : {}),
  }));
  return { status: 200, body, headers: pageLinks(url, page, last) };
}
