/**
 * The GitHub replay server speaks the REST protocol octokit expects: answers shaped like GitHub's, base64
 * contents, `%2F` paths, absolute Link pagination, ETag/304, rate-limit headers and the fault switches.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { loadGitHubFixture } from "../../lib/testing/github_fixture.ts";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";

const FIXTURE = join(import.meta.dirname!, "..", "sources", "testdata", "pytorch_hub");
const fixture = await loadGitHubFixture(FIXTURE);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = (url: string) => new Octokit({ baseUrl: url, log: quiet });

async function withServer(
  options: Parameters<typeof startGitHubReplay>[1],
  fn: (gh: ReturnType<typeof startGitHubReplay>) => Promise<void>,
) {
  const gh = startGitHubReplay(fixture, options);
  try {
    await fn(gh);
  } finally {
    await gh.close();
  }
}

Deno.test("replay server: repos.get, directory listings and base64 files as GitHub serves them", async () => {
  await withServer({}, async (gh) => {
    const octokit = client(gh.url);
    const repo = (await octokit.rest.repos.get({ owner: "pytorch", repo: "vision" })).data;
    assert.equal(repo.full_name, "pytorch/vision");
    assert.equal(repo.stargazers_count, 15500);
    assert.equal(repo.forks_count, 6800);
    assert.equal(repo.license?.spdx_id, "BSD-3-Clause");
    assert.equal(repo.default_branch, "main");
    assert.equal(repo.created_at, "2016-11-09T23:11:43Z");

    const root =
      (await octokit.rest.repos.getContent({ owner: "pytorch", repo: "hub", path: "", ref: "master" }))
        .data;
    assert.ok(Array.isArray(root));
    const kinds = Object.fromEntries(root.map((e) => [e.name, e.type]));
    assert.equal(kinds["docs"], "dir");
    assert.equal(kinds["images"], "dir");
    assert.equal(kinds["pytorch_vision_resnet.md"], "file");
    assert.equal(kinds["template.md"], undefined, "only the directory's own children are listed");

    const path = "docs/template.md";
    const file =
      (await octokit.rest.repos.getContent({ owner: "pytorch", repo: "hub", path, ref: "master" })).data;
    assert.ok(!Array.isArray(file) && file.type === "file" && "content" in file);
    assert.equal(file.encoding, "base64");
    assert.match(file.content, /^[A-Za-z0-9+/=]{60}\n/, "content wrapped at 60 characters");
    const text = await Deno.readTextFile(join(FIXTURE, "files", "pytorch", "hub", "master", path));
    assert.equal(Buffer.from(file.content, "base64").toString("utf8"), text);
    assert.ok(gh.requests.at(-1)!.path.includes("docs%2Ftemplate.md"), "octokit sends / in paths as %2F");

    const yolo =
      (await octokit.rest.repos.getContent({ owner: "pytorch", repo: "hub", path: "ultralytics_yolov5.md" }))
        .data;
    assert.ok(!Array.isArray(yolo) && "content" in yolo);
    assert.match(Buffer.from(yolo.content, "base64").toString("utf8"), /image for inference\. 🚀/);

    await assert.rejects(
      () => octokit.rest.repos.getContent({ owner: "pytorch", repo: "hub", path: "", ref: "nope" }),
      (err: { status: number; message: string }) =>
        err.status === 404 && /No commit found for the ref nope/.test(err.message),
    );
    await assert.rejects(() => octokit.rest.repos.get({ owner: "acme", repo: "gone" }), { status: 404 });
    assert.deepEqual(
      [gh.counts["repos.get"].ok, gh.counts["repos.get"].notFound, gh.counts["repos.getContent"].ok],
      [1, 1, 3],
    );
  });
});

Deno.test("replay server: commit lists paginate with absolute Link URLs that octokit.paginate follows", async () => {
  await withServer({}, async (gh) => {
    const octokit = client(gh.url);
    const params = {
      owner: "pytorch",
      repo: "hub",
      path: "pytorch_vision_resnet.md",
      sha: "master",
      per_page: 100,
    };
    const first = await octokit.rest.repos.listCommits(params);
    assert.equal(first.data.length, 100);
    assert.match(
      first.headers.link ?? "",
      new RegExp(`^<${gh.url}/repos/pytorch/hub/commits\\?[^>]*page=2>; rel="next"`),
    );
    assert.match(first.headers.link ?? "", /page=2>; rel="last"$/);
    const all = await octokit.paginate(octokit.rest.repos.listCommits, params);
    assert.equal(all.length, 130);
    assert.equal(all[0].commit.committer?.date, "2023-12-05T12:00:00Z", "newest first");
    assert.equal(all[129].commit.committer?.date, "2019-06-10T18:00:00Z");
    assert.equal(new Set(all.map((c) => c.sha)).size, 130);
    assert.equal(gh.counts["repos.listCommits"].requests, 3);
  });
});

Deno.test("replay server: If-None-Match gets a 304 that does not count against the rate limit", async () => {
  await withServer({ rateLimit: 10 }, async (gh) => {
    const url = `${gh.url}/repos/pytorch/vision`;
    const first = await fetch(url);
    await first.body?.cancel();
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^W\/"[0-9a-f]+"$/);
    assert.equal(first.headers.get("x-ratelimit-remaining"), "9");
    const second = await fetch(url, { headers: { "if-none-match": etag } });
    assert.equal(second.status, 304);
    assert.equal(await second.text(), "");
    assert.equal(second.headers.get("x-ratelimit-remaining"), "9");
    const other = await fetch(url, { headers: { "if-none-match": 'W/"stale"' } });
    await other.body?.cancel();
    assert.equal(other.status, 200);
    assert.equal(other.headers.get("x-ratelimit-remaining"), "8");
    // octokit turns a 304 into an error with status 304: callers that cache must expect it
    await assert.rejects(
      () =>
        client(gh.url).request("GET /repos/{owner}/{repo}", {
          owner: "pytorch",
          repo: "vision",
          headers: { "if-none-match": etag },
        }),
      { status: 304 },
    );
    assert.equal(gh.counts["repos.get"].notModified, 2);
    assert.equal(gh.total("requests"), 4);
  });
});

Deno.test("replay server: rate-limit headers, and 403/429 once the quota is spent until the reset", async () => {
  await withServer({ rateLimit: 2, windowSeconds: 1 }, async (gh) => {
    const get = () => fetch(`${gh.url}/repos/pytorch/hub`);
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await get();
      answers.push({
        status: res.status,
        remaining: res.headers.get("x-ratelimit-remaining"),
        body: await res.json(),
      });
    }
    assert.deepEqual(answers.map((a) => [a.status, a.remaining]), [[200, "1"], [200, "0"], [403, "0"]]);
    assert.match(answers[2].body.message, /API rate limit exceeded/);
    gh.faults.primaryStatus = 429;
    const refused = await get();
    await refused.body?.cancel();
    assert.equal(refused.status, 429);
    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    assert.ok(
      Number.isInteger(reset) && reset * 1000 > Date.now() - 1000,
      "reset is a time in epoch seconds",
    );
    assert.equal(refused.headers.get("x-ratelimit-limit"), "2");
    await new Promise((r) => setTimeout(r, Math.max(0, reset * 1000 - Date.now()) + 20));
    const after = await get();
    await after.body?.cancel();
    assert.equal(after.status, 200);
    assert.equal(gh.counts["repos.get"].primaryLimited, 2);
  });
});

Deno.test("replay server: secondary limits, bursts of 5xx and slow answers on demand", async () => {
  await withServer({}, async (gh) => {
    const get = async () => {
      const res = await fetch(`${gh.url}/repos/pytorch/hub/contents/README.md`);
      return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
    };
    gh.faults.secondary = 1;
    gh.faults.retryAfterSeconds = 7;
    const secondary = await get();
    assert.equal(secondary.status, 403);
    assert.equal(secondary.retryAfter, "7");
    assert.match(secondary.body.message, /secondary rate limit/);
    gh.faults.serverErrors = 2;
    gh.faults.serverErrorStatus = 503;
    assert.deepEqual([(await get()).status, (await get()).status, (await get()).status], [503, 503, 200]);
    gh.faults.delayMs = 20;
    assert.equal((await get()).status, 200);
    const c = gh.counts["repos.getContent"];
    assert.deepEqual([c.requests, c.secondaryLimited, c.serverErrors, c.ok], [5, 1, 2, 2]);
    gh.resetCounts();
    assert.equal(gh.total("requests"), 0);
    assert.equal(gh.requests.length, 0);
  });
});

Deno.test("replay server: a renamed repository answers 301 to /repositories/{id}, which octokit follows", async () => {
  await withServer({}, async (gh) => {
    const octokit = client(gh.url);
    const repo = (await octokit.rest.repos.get({ owner: "intel-isl", repo: "MiDaS" })).data;
    assert.equal(repo.full_name, "isl-org/MiDaS");
    assert.equal(repo.html_url, "https://github.com/isl-org/MiDaS");
    const file =
      (await octokit.rest.repos.getContent({ owner: "intel-isl", repo: "midas", path: "hubconf.py" })).data;
    assert.ok(!Array.isArray(file) && file.path === "hubconf.py");
    assert.equal(gh.counts["repos.get"].redirected, 1);
    assert.equal(gh.counts["repos.getContent"].redirected, 1);
    assert.deepEqual(gh.requests.map((r) => [r.status, r.path.split("?")[0]]), [
      [301, "/repos/intel-isl/MiDaS"],
      [200, "/repositories/1005"],
      [301, "/repos/intel-isl/midas/contents/hubconf.py"],
      [200, "/repositories/1005/contents/hubconf.py"],
    ]);
  });
});
