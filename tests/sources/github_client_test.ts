/**
 * The quota-careful GitHub client against the replay server: ETag cache, primary and secondary rate limits,
 * server errors, bounded waits and bounded concurrency.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createGitHubClient } from "../../lib/sources/github_client.ts";
import { classifyGitHubAnswer, rateLimitQuota } from "../../lib/sources/github_rate_limit.ts";
import { loadGitHubFixture } from "../../lib/testing/github_fixture.ts";
import { type GitHubReplay, startGitHubReplay } from "../../lib/testing/github_replay_server.ts";

const fixture = await loadGitHubFixture(join(import.meta.dirname!, "testdata", "pytorch_hub"));

async function withServer(
  options: Parameters<typeof startGitHubReplay>[1],
  fn: (gh: GitHubReplay) => Promise<void>,
) {
  const gh = startGitHubReplay(fixture, options);
  try {
    await fn(gh);
  } finally {
    await gh.close();
  }
}

Deno.test("classifyGitHubAnswer() tells primary and secondary limits and server errors apart", () => {
  const now = 1_700_000_000_000;
  const h = (o: Record<string, string>) => new Headers(o);
  const primary = h({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000060" });
  assert.deepEqual(classifyGitHubAnswer(403, primary, "", now), {
    kind: "primary",
    waitMs: 60_000,
    resetAt: 1_700_000_060_000,
  });
  assert.equal(classifyGitHubAnswer(429, primary, "", now)?.kind, "primary");
  assert.deepEqual(
    classifyGitHubAnswer(403, h({ "retry-after": "3", "x-ratelimit-remaining": "40" }), "", now),
    {
      kind: "secondary",
      waitMs: 3000,
    },
  );
  assert.deepEqual(
    classifyGitHubAnswer(403, h({}), '{"message":"You have exceeded a secondary rate limit"}', now),
    { kind: "secondary", waitMs: 60_000 },
  );
  assert.deepEqual(classifyGitHubAnswer(502, h({}), "", now), { kind: "server-error", waitMs: null });
  assert.equal(
    classifyGitHubAnswer(403, h({ "x-ratelimit-remaining": "12" }), '{"message":"Forbidden"}', now),
    null,
  );
  assert.equal(classifyGitHubAnswer(404, primary, "", now), null);
  assert.deepEqual(rateLimitQuota(h({ "x-ratelimit-remaining": "5", "x-ratelimit-reset": "10" })), {
    remaining: 5,
    resetAt: 10_000,
    resource: "core",
  });
  assert.equal(rateLimitQuota(h({})), null);
});

Deno.test("createGitHubClient() answers a 304 from its ETag cache, with the first answer's body", async () => {
  await withServer({ rateLimit: 100 }, async (gh) => {
    const cacheDir = await Deno.makeTempDir();
    const first = createGitHubClient({ baseUrl: gh.url, cacheDir, token: "tok_cache_test" });
    const a = await first.octokit.rest.repos.listCommits({
      owner: "pytorch",
      repo: "hub",
      path: "pytorch_vision_resnet.md",
    });
    const second = createGitHubClient({ baseUrl: gh.url, cacheDir });
    const b = await second.octokit.rest.repos.listCommits({
      owner: "pytorch",
      repo: "hub",
      path: "pytorch_vision_resnet.md",
    });
    assert.deepEqual(b.data, a.data);
    assert.equal(b.headers.link, a.headers.link, "pagination survives the cache");
    assert.equal(b.headers["x-ratelimit-remaining"], "99", "the 304 did not spend quota");
    assert.deepEqual([first.stats.notModified, second.stats.notModified], [0, 1]);
    assert.equal(gh.counts["repos.listCommits"].notModified, 1);
    assert.deepEqual(gh.requests.map((r) => r.conditional), [false, true]);
    const files = [...Deno.readDirSync(cacheDir)].flatMap((
      d,
    ) => [...Deno.readDirSync(join(cacheDir, d.name))]);
    assert.equal(files.length, 1);
    for (const d of Deno.readDirSync(cacheDir)) {
      for (const f of Deno.readDirSync(join(cacheDir, d.name))) {
        assert.ok(!Deno.readTextFileSync(join(cacheDir, d.name, f.name)).includes("tok_cache_test"));
      }
    }
    await Deno.remove(cacheDir, { recursive: true });
  });
});

Deno.test("createGitHubClient() waits for the primary reset, then goes on", async () => {
  await withServer({ rateLimit: 2, windowSeconds: 1 }, async (gh) => {
    const waits: string[] = [];
    const { octokit, stats } = createGitHubClient({ baseUrl: gh.url, onWait: (w) => waits.push(w.kind) });
    gh.quota.exhaust();
    for (const repo of ["vision", "hub", "vision"]) {
      assert.equal((await octokit.rest.repos.get({ owner: "pytorch", repo })).status, 200);
    }
    assert.equal(stats.primaryLimited, 1, "one 403, then it waited for resets before sending");
    assert.equal(gh.counts["repos.get"].ok, 3);
    assert.ok(waits.length >= 2 && waits.every((w) => w === "primary"));
    assert.ok(stats.waitedMs > 0);
  });
});

Deno.test("createGitHubClient() backs off on secondary limits and retries server errors", async () => {
  await withServer({}, async (gh) => {
    const waits: number[] = [];
    const { octokit, stats } = createGitHubClient({
      baseUrl: gh.url,
      retryBaseMs: 5,
      onWait: (w) => waits.push(w.ms),
    });
    gh.faults.serverErrors = 3;
    gh.faults.retryAfterSeconds = 1;
    gh.faults.secondary = 1;
    const { data } = await octokit.rest.repos.get({ owner: "ultralytics", repo: "yolov5" });
    assert.equal(data.stargazers_count, 48000);
    assert.deepEqual([stats.retries, stats.secondaryLimited, stats.requests], [3, 1, 5]);
    assert.equal(waits.length, 1, "it paused for the Retry-After before trying again");
    // the 5xx burst comes first: 3 server errors exceed retries: 2
    gh.faults.serverErrors = 3;
    const strict = createGitHubClient({ baseUrl: gh.url, retryBaseMs: 5, retries: 2 });
    await assert.rejects(
      () => strict.octokit.rest.repos.get({ owner: "ultralytics", repo: "yolov5" }),
      /GET http:\/\/127\.0\.0\.1:\d+\/repos\/ultralytics\/yolov5: HTTP 502 3 times in a row; GitHub is failing/,
    );
  });
});

Deno.test("createGitHubClient() refuses a rate-limit wait longer than allowed, with a hint", async () => {
  await withServer({ windowSeconds: 3600 }, async (gh) => {
    gh.quota.exhaust();
    const { octokit } = createGitHubClient({ baseUrl: gh.url, maxWaitSeconds: 5, token: "tok_wait_test" });
    await assert.rejects(
      () => octokit.rest.repos.get({ owner: "pytorch", repo: "hub" }),
      (err: Error) => {
        assert.match(
          err.message,
          /primary rate limit holds until .*longer than the allowed wait of 5s; set GITHUB_TOKEN/,
        );
        assert.ok(!err.message.includes("tok_wait_test"));
        return true;
      },
    );
    assert.equal(gh.requests[0].authorization, "token tok_wait_test");
  });
});

Deno.test("createGitHubClient() keeps at most `concurrency` requests in flight", async () => {
  await withServer({}, async (gh) => {
    gh.faults.delayMs = 15;
    const { octokit } = createGitHubClient({ baseUrl: gh.url, concurrency: 2 });
    const repos = ["vision", "hub", "vision", "hub", "vision", "hub", "vision", "hub"];
    await Promise.all(repos.map((repo) => octokit.rest.repos.get({ owner: "pytorch", repo })));
    assert.equal(gh.counts["repos.get"].ok, 8);
    assert.equal(gh.peakInFlight, 2);
  });
});
