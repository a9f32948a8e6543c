/**
 * The GitHub replay server's endpoints for project discovery: code search (terms, qualifiers, the 1,000-results
 * cap, its own quota, authenticated only), repository archives behind a codeload-like redirect, and issue and
 * pull-request listings.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { type GitHubFixture, paddedText } from "../../lib/testing/github_fixture.ts";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";
import { headCommit } from "../../lib/testing/_github_tarball.ts";
import { readTarball } from "../../lib/usage/tarball.ts";
import { discoveryFixture } from "../sources/_github_discovery_fixture.ts";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = (url: string) => new Octokit({ baseUrl: url, log: quiet });

const searchFixture: GitHubFixture = {
  repos: [
    {
      full_name: "acme/app",
      id: 1,
      stargazers_count: 3,
      forks_count: 1,
      license: { key: "mit", name: "MIT License", spdx_id: "MIT" },
      created_at: "2021-01-01T00:00:00Z",
      pushed_at: "2024-01-01T00:00:00Z",
      default_branch: "main",
      files: {
        main: {
          "app.py": 'from transformers import pipeline\n\nnlp = pipeline("ner")\n',
          "README.md": "Runs a transformers pipeline.\n",
        },
        v1: { "app.py": "print('old')\n" },
      },
    },
    {
      full_name: "beta/lib",
      id: 2,
      stargazers_count: 0,
      forks_count: 0,
      license: null,
      created_at: "2022-01-01T00:00:00Z",
      pushed_at: "2023-01-01T00:00:00Z",
      default_branch: "master",
      files: { master: {} },
    },
  ],
  code: [
    {
      repo: "beta/lib",
      path: "src/a.py",
      text: "import timm\nm = timm.create_model('resnet50')\n",
      size: 5000,
    },
    { repo: "beta/lib", path: "src/b.py", text: "import timm\n", size: 100 },
  ],
};

Deno.test("replay server: code search matches terms, phrases and qualifiers, for authenticated clients", async () => {
  const gh = startGitHubReplay(searchFixture);
  try {
    const anonymous = await fetch(`${gh.url}/search/code?q=timm`);
    assert.equal(anonymous.status, 401);
    assert.match((await anonymous.json()).message, /Requires authentication/);

    const octokit = new Octokit({ baseUrl: gh.url, auth: "t0ken", log: quiet });
    const search = async (q: string) => {
      const { data, headers } = await octokit.rest.search.code({ q });
      return { found: data.items.map((i) => `${i.repository.full_name}:${i.path}`), data, headers };
    };
    const pipeline = await search('"pipeline" "transformers" language:python');
    assert.deepEqual(pipeline.found, ["acme/app:app.py"], "README.md is not Python");
    assert.equal(pipeline.data.total_count, 1);
    assert.equal(pipeline.data.incomplete_results, false);
    assert.equal(pipeline.headers["x-ratelimit-resource"], "code_search");
    assert.equal(pipeline.headers["x-ratelimit-limit"], "30");
    assert.equal(pipeline.data.items[0].repository.html_url, "https://github.com/acme/app");
    const cases: [string, string[]][] = [
      ["timm", ["beta/lib:src/a.py", "beta/lib:src/b.py"]],
      ["timm size:<1000", ["beta/lib:src/b.py"]],
      ["timm size:1000..*", ["beta/lib:src/a.py"]],
      ["timm size:5000", ["beta/lib:src/a.py"]],
      ["timm size:100..4999", ["beta/lib:src/b.py"]],
      ["timm.create_model extension:py", ["beta/lib:src/a.py"]],
      ["timm repo:beta/lib", ["beta/lib:src/a.py", "beta/lib:src/b.py"]],
      ["timm user:acme", []],
      ['"create_model" language:markdown', []],
      ["transformer", [] /* whole words only */],
      ["old", [] /* only the default branch is indexed */],
    ];
    for (const [q, expected] of cases) assert.deepEqual((await search(q)).found, expected, q);
    await assert.rejects(() => search("size:10..20"), { status: 422 });
    await assert.rejects(() => search("timm size:big"), { status: 422 });
  } finally {
    await gh.close();
  }
});

Deno.test("replay server: code search pages stop at the 1,000th result and have their own quota", async () => {
  const { fixture, truth } = discoveryFixture();
  const gh = startGitHubReplay(fixture, { searchRateLimit: 5, searchWindowSeconds: 60 });
  try {
    const octokit = new Octokit({ baseUrl: gh.url, auth: "t0ken", log: quiet });
    const q = '"from_pretrained" "transformers" language:python';
    const first = await octokit.rest.search.code({ q, per_page: 500 });
    assert.equal(first.data.total_count, truth.get("transformers.from_pretrained")!.size);
    assert.ok(first.data.total_count > 1000);
    assert.equal(first.data.items.length, 100, "per_page is capped at 100");
    assert.match(first.headers.link ?? "", /[?&]page=10[^>]*>; rel="last"/);
    const tenth = await octokit.rest.search.code({ q, per_page: 100, page: 10 });
    assert.equal(tenth.data.items.length, 100);
    assert.doesNotMatch(tenth.headers.link ?? "", /rel="next"/);
    await assert.rejects(() => octokit.rest.search.code({ q, per_page: 100, page: 11 }), { status: 422 });
    gh.faults.incompleteSearches = 1;
    const partial = await octokit.rest.search.code({ q, per_page: 1 });
    assert.equal(partial.data.incomplete_results, true);
    assert.ok(partial.data.total_count < first.data.total_count);
    assert.equal(partial.headers["x-ratelimit-remaining"], "1");
    await octokit.rest.search.code({ q, per_page: 1 });
    const refused = await fetch(`${gh.url}/search/code?q=timm`, {
      headers: { authorization: "token t0ken" },
    });
    await refused.body?.cancel();
    assert.deepEqual(
      [
        refused.status,
        refused.headers.get("x-ratelimit-remaining"),
        refused.headers.get("x-ratelimit-resource"),
      ],
      [403, "0", "code_search"],
    );
    const core = await octokit.rest.repos.get({
      owner: "alice",
      repo: fixture.repos[3].full_name.split("/")[1],
    });
    assert.equal(core.headers["x-ratelimit-resource"], "core", "other endpoints keep their quota");
    assert.equal(gh.counts["search.code"].primaryLimited, 1);
  } finally {
    await gh.close();
  }
});

Deno.test("replay server: archives redirect to a codeload-like URL serving the repository as git archive does", async () => {
  const gh = startGitHubReplay(searchFixture);
  try {
    const octokit = new Octokit({ baseUrl: gh.url, log: quiet });
    const got = await octokit.rest.repos.downloadTarballArchive({
      owner: "beta",
      repo: "lib",
      ref: "master",
    });
    assert.deepEqual(new Uint8Array(got.data as ArrayBuffer), gh.tarball("beta/lib"));
    assert.deepEqual(gh.requests.map((r) => [r.route, r.status]), [
      ["repos.downloadTarballArchive", 302],
      ["codeload", 200],
    ]);
    assert.equal(gh.requests[1].path, "/_codeload/beta/lib/legacy.tar.gz/refs/heads/master");

    const dir = await Deno.makeTempDir();
    try {
      const file = join(dir, "lib.tar.gz");
      await Deno.writeFile(file, gh.tarball("beta/lib"));
      const entries: Record<string, string> = {};
      for await (const e of readTarball(file, (e) => e.kind === "file")) {
        if (e.data) entries[e.path] = new TextDecoder().decode(e.data);
      }
      const top = `beta-lib-${headCommit("beta/lib", "master").slice(0, 7)}/`;
      assert.deepEqual(Object.keys(entries).sort(), [`${top}src/a.py`, `${top}src/b.py`]);
      assert.equal(entries[`${top}src/a.py`], paddedText(searchFixture.code![0]));
      assert.equal(entries[`${top}src/a.py`].length, 5000);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }

    const old = await fetch(`${gh.url}/repos/acme/app/tarball/v1`, { redirect: "manual" });
    await old.body?.cancel();
    assert.equal(old.status, 302);
    assert.match(old.headers.get("location")!, /\/_codeload\/acme\/app\/legacy\.tar\.gz\/refs\/heads\/v1$/);
    await assert.rejects(
      () => octokit.rest.repos.downloadTarballArchive({ owner: "acme", repo: "app", ref: "nope" }),
      { status: 404 },
    );

    gh.faults.goneRepos = ["beta/lib"];
    await assert.rejects(() => octokit.rest.repos.get({ owner: "beta", repo: "lib" }), { status: 404 });
    await assert.rejects(
      () => octokit.rest.repos.downloadTarballArchive({ owner: "beta", repo: "lib", ref: "master" }),
      { status: 404 },
    );
    const stillIndexed = await new Octokit({ baseUrl: gh.url, auth: "t0ken", log: quiet }).rest.search.code({
      q: "timm",
    });
    assert.equal(stillIndexed.data.total_count, 2, "code search still finds a deleted repository's files");
  } finally {
    await gh.close();
  }
});

Deno.test("replay server: issues (with pull requests among them) and pulls list newest first, by state", async () => {
  const fixture: GitHubFixture = {
    repos: [{ ...searchFixture.repos[0], issues: { open: 3, closed: 5, openPulls: 1, closedPulls: 2 } }],
  };
  const gh = startGitHubReplay(fixture);
  try {
    const octokit = client(gh.url);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: "acme",
      repo: "app",
      state: "all",
      per_page: 4,
    });
    assert.deepEqual(all.map((i) => i.number), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(all.filter((i) => i.pull_request).length, 3);
    assert.equal(gh.counts["issues.listForRepo"].requests, 3);
    const open = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "app" });
    assert.deepEqual(open.data.map((i) => [i.number, i.state, Boolean(i.pull_request)]), [
      [11, "open", true],
      [10, "open", false],
      [9, "open", false],
      [8, "open", false],
    ]);
    const pulls = await octokit.rest.pulls.list({ owner: "acme", repo: "app", state: "closed", per_page: 1 });
    assert.equal(pulls.data[0].number, 7);
    assert.match(pulls.headers.link ?? "", /[?&]page=2>; rel="last"/);
  } finally {
    await gh.close();
  }
});
