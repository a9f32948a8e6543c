/**
 * GitHub discovery against the replay server: every file each signature's search matches is found (the
 * 1,000-results cap passed by size ranges), repository metadata and archives are GitHub's, rate limits are
 * waited out, incomplete searches asked again, vanished repositories recorded and skipped, and the token
 * never written anywhere.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import {
  discoverGitHubProjects,
  type MatchRecord,
  type RepoRecord,
  type TarballRecord,
} from "../../lib/sources/github_discovery.ts";
import { DiscoveryCheckpointError, readJsonLines } from "../../lib/sources/github_discovery_checkpoint.ts";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";
import type { IssueRecord } from "../../lib/sources/github_discovery_issues.ts";
import type { ScanRecord } from "../../lib/sources/github_discovery_scan.ts";
import { createDetector } from "../../lib/usage/detector.ts";
import { loadSignatures } from "../../lib/usage/signatures.ts";
import type { Detection } from "../../lib/usage/types.ts";
import { REPO_ROOT } from "../_shared_data.ts";
import { discoveryFixture } from "./_github_discovery_fixture.ts";

const { fixture, truth } = discoveryFixture();
const signatures = loadSignatures();
const TOKEN = "ghp_discoveryTestToken0123456789abcdefXYZ";

async function withReplay(
  options: Parameters<typeof startGitHubReplay>[1],
  fn: (gh: ReturnType<typeof startGitHubReplay>, out: string) => Promise<void>,
) {
  const gh = startGitHubReplay(fixture, options);
  const out = await Deno.makeTempDir({ prefix: "ptmscope-gh-discovery-" });
  try {
    await fn(gh, out);
  } finally {
    await gh.close();
    await Deno.remove(out, { recursive: true });
  }
}

/** `owner/name:path`s found per signature. */
async function found(out: string): Promise<Map<string, Set<string>>> {
  const by = new Map<string, Set<string>>();
  for (const m of await readJsonLines<MatchRecord>(join(out, "matches.jsonl"))) {
    if (!by.has(m.signature)) by.set(m.signature, new Set());
    by.get(m.signature)!.add(`${m.repo}:${m.path}`);
  }
  return by;
}

function sorted(map: Map<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries([...map].sort(([a], [b]) => a < b ? -1 : 1).map(([k, v]) => [k, [...v].sort()]));
}

Deno.test("discovery finds every matching file past the 1,000-results cap, with metadata and archives", async () => {
  assert.ok(truth.get("transformers.from_pretrained")!.size > 1000, "the fixture needs a split");
  await withReplay({ searchRateLimit: 30, searchWindowSeconds: 1 }, async (gh, out) => {
    const report = await discoverGitHubProjects({ out, signatures, githubUrl: gh.url, token: TOKEN });
    assert.deepEqual(sorted(await found(out)), sorted(truth));

    // the big query was split by size; no request ever asked past the cap or for more than 100 per page
    const searches = gh.requests.filter((r) => r.route === "search.code");
    assert.ok(searches.every((r) => r.status === 200), "no 422 past the cap");
    assert.ok(searches.every((r) => Number(new URL(r.path, gh.url).searchParams.get("per_page")) <= 100));
    const big = searches.filter((r) =>
      decodeURIComponent(r.path).includes('"from_pretrained" "transformers"')
    );
    assert.ok(big.some((r) => /size:\d+\.\.\d+/.test(decodeURIComponent(r.path.replaceAll("+", " ")))));
    assert.ok(report.shards > report.queries, `${report.shards} ranges for ${report.queries} queries`);
    assert.equal(report.queries, new Set(signatures.map((s) => s.search)).size);
    assert.equal(report.unreachable, 0);
    assert.deepEqual(report.incomplete, []);

    // metadata as GitHub answers it, one record per repository that matched anything
    const repos = await readJsonLines<RepoRecord>(join(out, "repos.jsonl"));
    const matched = new Set([...truth.values()].flatMap((s) => [...s].map((k) => k.split(":")[0])));
    assert.deepEqual(new Set(repos.map((r) => r.repo)), matched);
    assert.equal(repos.length, matched.size);
    for (const r of repos) {
      const f = fixture.repos.find((x) => x.full_name === r.repo)!;
      assert.ok(r.status === "ok");
      assert.deepEqual(
        [r.stars, r.forks, r.license, r.created_at, r.pushed_at, r.default_branch],
        [
          f.stargazers_count,
          f.forks_count,
          f.license?.spdx_id ?? null,
          f.created_at,
          f.pushed_at,
          f.default_branch,
        ],
        r.repo,
      );
    }

    // every archive is byte for byte the one the server serves, and its record says so
    const tarballs = await readJsonLines<TarballRecord>(join(out, "tarballs.jsonl"));
    assert.equal(tarballs.length, repos.length);
    for (const t of tarballs) {
      assert.ok(t.status === "ok");
      const bytes = await Deno.readFile(join(out, t.path));
      assert.deepEqual(bytes, gh.tarball(t.repo), t.repo);
      assert.equal(t.sha256, createHash("sha256").update(bytes).digest("hex"));
      assert.equal(t.path, join("tarballs", `${t.repo}.tar.gz`));
    }
    assert.equal(report.tarballs, repos.length);
    assert.ok(gh.requests.every((r) => r.authorization === `token ${TOKEN}` || r.route === "codeload"));
  });
});

Deno.test("discovery waits out primary, secondary and search rate limits instead of failing", async () => {
  const some = signatures.filter((s) => ["transformers.from_pretrained", "timm.create_model"].includes(s.id));
  const expected = new Map([...truth].filter(([k]) => some.some((s) => s.id === k)));
  const limits = { searchRateLimit: 12, searchWindowSeconds: 3, rateLimit: 40, windowSeconds: 2 };
  await withReplay(limits, async (gh, out) => {
    // the search quota is spent before the run starts; once that wait begins, two secondary limits follow
    gh.searchQuota.exhaust();
    gh.faults.primaryStatus = 429;
    const waits: string[] = [];
    const log = (line: string) => {
      if (waits.length === 0) gh.faults.secondary = 2;
      waits.push(line);
    };
    const report = await discoverGitHubProjects({
      out,
      signatures: some,
      githubUrl: gh.url,
      token: TOKEN,
      limit: 60,
      log,
    });
    assert.deepEqual(sorted(await found(out)), sorted(expected));
    assert.equal(gh.counts["search.code"].primaryLimited, 1, "the spent search quota refused a request");
    assert.equal(gh.total("secondaryLimited"), 2);
    assert.equal(report.search.primaryLimited, 1);
    assert.equal(report.search.secondaryLimited + report.api.secondaryLimited, 2);
    assert.ok(report.search.waitedMs > 0 && report.api.waitedMs > 0, "both quotas were waited for");
    assert.match(waits[0], /^code search: primary rate limit: waiting/);
    assert.ok(waits.some((w) => /secondary rate limit: waiting/.test(w)));
    assert.ok(
      waits.some((w) => /^API: primary rate limit: waiting/.test(w)),
      "120 requests at 40 per window",
    );
    assert.equal(report.tarballs, 60);
  });
});

Deno.test("incomplete searches are asked again, or recorded when they stay incomplete", async (t) => {
  const timm = signatures.filter((s) => s.id === "timm.create_model");
  await t.step("a transient timeout is asked again", () =>
    withReplay({}, async (gh, out) => {
      gh.faults.incompleteSearches = 2;
      const report = await discoverGitHubProjects({
        out,
        signatures: timm,
        githubUrl: gh.url,
        token: TOKEN,
        tarballs: false,
      });
      assert.deepEqual(
        sorted(await found(out)),
        sorted(new Map([["timm.create_model", truth.get("timm.create_model")!]])),
      );
      assert.equal(gh.counts["search.code"].ok, 3);
      assert.deepEqual(report.incomplete, []);
    }));
  await t.step(
    "a search that keeps timing out is kept and reported",
    () =>
      withReplay({}, async (gh, out) => {
        gh.faults.incompleteSearches = 100;
        const report = await discoverGitHubProjects({
          out,
          signatures: timm,
          githubUrl: gh.url,
          token: TOKEN,
          tarballs: false,
        });
        const got = (await found(out)).get("timm.create_model")!;
        assert.ok(got.size > 0 && got.size < truth.get("timm.create_model")!.size);
        assert.deepEqual(report.incomplete, [timm[0].search]);
      }),
  );
});

Deno.test("repositories gone since code search indexed them are recorded and skipped", async () => {
  const some = signatures.filter((s) => s.id === "spacy.load");
  const repos = [...new Set([...truth.get("spacy.load")!].map((k) => k.split(":")[0]))];
  const gone = [repos[0], repos[3], repos[7]];
  await withReplay({}, async (gh, out) => {
    gh.faults.goneRepos = gone;
    const report = await discoverGitHubProjects({ out, signatures: some, githubUrl: gh.url, token: TOKEN });
    const records = await readJsonLines<RepoRecord>(join(out, "repos.jsonl"));
    assert.deepEqual(
      records.filter((r) => r.status === "gone").map((r) => r.repo).sort(),
      [...gone].sort(),
    );
    assert.ok(records.filter((r) => r.status === "gone").every((r) => r.status === "gone" && r.http === 404));
    assert.deepEqual([...report.gone].sort(), [...gone].sort());
    assert.equal(report.tarballs, repos.length - gone.length);
    assert.equal(gh.counts["repos.downloadTarballArchive"].requests, repos.length - gone.length);
    for (const name of gone) {
      await assert.rejects(() => Deno.stat(join(out, "tarballs", `${name}.tar.gz`)), Deno.errors.NotFound);
    }
  });
});

Deno.test("--issues counts each repository's issues and pull requests with two requests", async () => {
  const timm = signatures.filter((s) => s.id === "timm.create_model");
  await withReplay({}, async (gh, out) => {
    await discoverGitHubProjects({
      out,
      signatures: timm,
      githubUrl: gh.url,
      token: TOKEN,
      issues: true,
      tarballs: false,
    });
    const counted = await readJsonLines<IssueRecord>(join(out, "issues.jsonl"));
    const live = (await readJsonLines<RepoRecord>(join(out, "repos.jsonl"))).filter((r) => r.status === "ok");
    assert.deepEqual(counted.map((c) => c.repo), live.map((r) => r.repo));
    for (const c of counted) {
      const f = fixture.repos.find((r) => r.full_name === c.repo)!.issues!;
      assert.deepEqual(c, {
        repo: c.repo,
        status: "ok",
        issues: f.open + f.closed,
        pulls: f.openPulls + f.closedPulls,
      });
    }
    assert.ok(counted.some((c) => c.status === "ok" && c.issues > 1 && c.pulls > 1));
    assert.equal(
      gh.counts["issues.listForRepo"].requests + gh.counts["pulls.list"].requests,
      2 * live.length,
    );
  });
});

Deno.test("--scan runs the usage detector over each archive: every planted call is found", async () => {
  await withReplay({ searchRateLimit: 30, searchWindowSeconds: 1 }, async (gh, out) => {
    const report = await discoverGitHubProjects({
      out,
      signatures,
      githubUrl: gh.url,
      token: TOKEN,
      limit: 6,
      scan: await createDetector(),
    });
    const scans = await readJsonLines<ScanRecord>(join(out, "scans.jsonl"));
    const repos = scans.map((s) => s.repo);
    assert.equal(repos.length, 6);
    assert.ok(scans.every((s) => s.status === "ok" && s.skipped && Object.keys(s.skipped).length === 0));
    const usages = await readJsonLines<Detection>(join(out, "usages.jsonl"));
    assert.equal(report.detections, usages.length);
    const planted = [...truth].flatMap(([id, files]) =>
      [...files].filter((f) => repos.includes(f.split(":")[0])).map((f) => ({ id, file: f }))
    );
    assert.ok(planted.length > 10);
    const byLibrary = new Map(signatures.map((s) => [s.id, s.library]));
    for (const { id, file } of planted) {
      const [repo, path] = file.split(":");
      assert.ok(
        usages.some((u) => u.repo === repo && u.file === path && u.library === byLibrary.get(id)),
        `${id} in ${file}`,
      );
    }
    const detected = new Set(usages.map((u) => `${u.repo}:${u.file}`));
    const plantedFiles = new Set(planted.map((p) => p.file));
    assert.deepEqual(
      [...detected].filter((f) => !plantedFiles.has(f)),
      [],
      "calls found where none was written",
    );
  });
});

Deno.test("an output directory holding another discovery's checkpoint is refused, naming the file", async () => {
  const timm = signatures.filter((s) => s.id === "timm.create_model");
  await withReplay({}, async (gh, out) => {
    await discoverGitHubProjects({ out, signatures: timm, githubUrl: gh.url, token: TOKEN, tarballs: false });
    await assert.rejects(
      () => discoverGitHubProjects({ out, signatures: timm, githubUrl: gh.url, token: TOKEN, limit: 5 }),
      (err: Error) =>
        err instanceof DiscoveryCheckpointError && err.message.includes(join(out, "checkpoint.json")) &&
        /other settings/.test(err.message),
    );
    await Deno.writeTextFile(join(out, "checkpoint.json"), "{ not json");
    await assert.rejects(
      () => discoverGitHubProjects({ out, signatures: timm, githubUrl: gh.url, token: TOKEN }),
      (err: Error) =>
        err instanceof DiscoveryCheckpointError && /checkpoint\.json: unreadable/.test(err.message),
    );
  });
});

Deno.test("the CLI sends GITHUB_TOKEN but never prints or writes it", async () => {
  await withReplay({}, async (gh, out) => {
    const run = (env: Record<string, string>) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "cli/harvest.ts",
          "github",
          ...["--out", out, "--github-url", gh.url, "--signature", "timm.create_model", "--limit", "20"],
        ],
        cwd: REPO_ROOT,
        env: { ...env, NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
    const anonymous = await run({ GITHUB_TOKEN: "" });
    assert.equal(anonymous.code, 2);
    assert.match(new TextDecoder().decode(anonymous.stderr), /GITHUB_TOKEN is not set/);

    const result = await run({ GITHUB_TOKEN: TOKEN, PTMSCOPE_DEBUG: "1" });
    const stdout = new TextDecoder().decode(result.stdout);
    const stderr = new TextDecoder().decode(result.stderr);
    assert.equal(result.code, 0, stderr);
    assert.match(stdout, /20 described, 20 archives/);
    assert.ok(gh.requests.some((r) => r.authorization === `token ${TOKEN}`), "the token was sent");
    assert.ok(!stdout.includes(TOKEN) && !stderr.includes(TOKEN));
    const secret = new TextEncoder().encode(TOKEN);
    for await (const path of walk(out)) {
      const bytes = await Deno.readFile(path);
      assert.ok(!contains(bytes, secret), `${path} holds the token`);
    }
  });
});

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) yield* walk(path);
    else yield path;
  }
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
