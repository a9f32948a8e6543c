/**
 * searchCode() splits a query by file size until every range is within GitHub's 1,000-results cap, reads each
 * range once, and counts what no split can reach.
 */
import assert from "node:assert/strict";
import { createGitHubClient } from "../../lib/sources/github_client.ts";
import {
  type CodeHit,
  newSearchState,
  searchCode,
  type SearchState,
} from "../../lib/sources/github_code_search.ts";
import type { CodeFile, FixtureRepo, GitHubFixture } from "../../lib/testing/github_fixture.ts";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";

function fixture(files: { size: number }[]): GitHubFixture {
  const repo: FixtureRepo = {
    full_name: "acme/monorepo",
    id: 1,
    stargazers_count: 0,
    forks_count: 0,
    license: null,
    created_at: "2020-01-01T00:00:00Z",
    pushed_at: "2020-01-01T00:00:00Z",
    default_branch: "main",
    files: { main: {} },
  };
  const code: CodeFile[] = files.map((f, i) => ({
    repo: repo.full_name,
    path: `pkg/m${i}.py`,
    text: "import timm\nmodel = timm.create_model('resnet50')\n",
    size: f.size,
  }));
  return { repos: [repo], code };
}

async function run(files: { size: number }[], state?: SearchState) {
  const gh = startGitHubReplay(fixture(files), { searchRateLimit: 1000 });
  try {
    const { octokit } = createGitHubClient({ baseUrl: gh.url, token: "t0ken" });
    const hits: CodeHit[] = [];
    const keys: string[] = [];
    const summary = await searchCode(octokit, "timm language:python", {
      state,
      onShard: (shard) => {
        hits.push(...shard.hits);
        keys.push(shard.key);
      },
    });
    const searches = gh.requests.map((r) => new URL(r.path, gh.url).searchParams.get("q")!);
    return { summary, hits, keys, searches };
  } finally {
    await gh.close();
  }
}

Deno.test("searchCode() reads a query of at most 1,000 files without splitting it", async () => {
  const { summary, hits, keys, searches } = await run(
    Array.from({ length: 250 }, (_, i) => ({ size: 100 + i })),
  );
  assert.equal(hits.length, 250);
  assert.deepEqual(keys, ["*"]);
  assert.deepEqual(summary, { total: 250, shards: 1, incomplete: [], unreachable: 0 });
  assert.equal(searches.length, 3, "three pages of 100");
});

Deno.test("searchCode() splits by size until each range holds at most 1,000 files, and finds them all", async () => {
  const sizes = Array.from({ length: 2600 }, (_, i) => ({ size: 200 + Math.floor((i * 7919) % 50_000) }));
  const { summary, hits, keys, searches } = await run(sizes);
  assert.equal(summary.total, 2600);
  assert.equal(new Set(hits.map((h) => h.path)).size, 2600, "every file once");
  assert.equal(hits.length, 2600);
  assert.ok(keys.length >= 3 && keys.every((k) => /^\d+\.\.\d+$/.test(k)));
  // the ranges tile 0..384 KB without gaps or overlaps
  const ranges = keys.map((k) => k.split("..").map(Number)).sort((a, b) => a[0] - b[0]);
  assert.equal(ranges[0][0], 0);
  assert.equal(ranges.at(-1)![1], 384 * 1024);
  for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i][0], ranges[i - 1][1] + 1);
  assert.ok(
    searches.every((q) => q === "timm language:python" || /^timm language:python size:\d+\.\.\d+$/.test(q)),
  );
});

Deno.test("searchCode() counts the files past the cap of a single size it cannot split", async () => {
  const { summary, hits } = await run(Array.from({ length: 1050 }, () => ({ size: 4096 })));
  assert.equal(hits.length, 1000);
  assert.equal(summary.unreachable, 50);
});

Deno.test("searchCode() resumes from its state without asking again for finished ranges", async () => {
  const sizes = Array.from({ length: 2600 }, (_, i) => ({ size: 200 + Math.floor((i * 7919) % 50_000) }));
  const first = await run(sizes);
  const state = newSearchState();
  const partial = await run(sizes.slice(0), state);
  assert.deepEqual(state.done, partial.keys);
  // forget the last range: a resumed search reads it alone
  const last = state.done.pop()!;
  const resumed = await run(sizes, state);
  assert.deepEqual(resumed.keys, [last]);
  assert.ok(resumed.searches.length < first.searches.length / 3);
  assert.ok(resumed.searches.every((q) => q.endsWith(`size:${last}`)));
});
