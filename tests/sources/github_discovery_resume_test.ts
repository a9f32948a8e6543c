/**
 * `deno task harvest github` killed with SIGKILL at random moments (start-up, searching, in the middle of a
 * split query, reading metadata, downloading archives), then run again, ends with exactly the outputs of an
 * uninterrupted run, and the last run repeats none of the work finished before it.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";
import { loadSignatures } from "../../lib/usage/signatures.ts";
import { REPO_ROOT } from "../_shared_data.ts";
import { discoveryFixture } from "./_github_discovery_fixture.ts";

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const TOKEN = "ghp_resumeTestToken";
const BIG = '"from_pretrained" "transformers" language:python';

interface Seen {
  queries: number;
  bigShards: number;
  described: number;
  downloaded: number;
}

function progress(out: string): Seen {
  try {
    const c = JSON.parse(Deno.readTextFileSync(join(out, "checkpoint.json")));
    const search = Object.values(c.search) as { complete: boolean }[];
    return {
      queries: search.filter((q) => q.complete).length,
      bigShards: c.search[BIG]?.done.length ?? 0,
      described: c.described,
      downloaded: c.downloaded,
    };
  } catch {
    return { queries: 0, bigShards: 0, described: 0, downloaded: 0 }; // not written yet
  }
}

/** The outputs, with each archive replaced by its sha256. */
async function fingerprint(out: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const path = join(dir, e.name);
      if (e.isDirectory) await walk(path);
      else if (e.name !== "checkpoint.json") {
        const bytes = await Deno.readFile(path);
        files[relative(out, path)] = e.name.endsWith(".jsonl")
          ? new TextDecoder().decode(bytes)
          : createHash("sha256").update(bytes).digest("hex");
      }
    }
  };
  await walk(out);
  return files;
}

Deno.test("a discovery killed at random moments and re-run ends with the outputs of an uninterrupted run", async () => {
  const { fixture } = discoveryFixture();
  // the catalogue's queries, fixed for all runs of the test
  const queries = [...new Set(loadSignatures().map((s) => s.search))].flatMap((q) => ["--query", q]);
  const gh = startGitHubReplay(fixture, { searchRateLimit: 10, searchWindowSeconds: 1 });
  gh.faults.delayMs = 2;
  const dirs: string[] = [];
  const tmp = async () => {
    dirs.push(await Deno.makeTempDir({ prefix: "ptmscope-gh-resume-" }));
    return dirs.at(-1)!;
  };
  const command = (out: string) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/harvest.ts", "github", "--out", out, "--github-url", gh.url, ...queries],
      cwd: REPO_ROOT,
      env: { GITHUB_TOKEN: TOKEN, NO_COLOR: "1" },
      stdout: "null",
      stderr: "piped",
    });
  const searches = () => gh.counts["search.code"].requests;
  try {
    const reference = await tmp();
    const clean = await command(reference).output();
    assert.equal(clean.code, 0, new TextDecoder().decode(clean.stderr));
    const expected = await fingerprint(reference);
    const referenceSearches = searches();
    gh.resetCounts();

    const moments: ((p: Seen, ms: number) => boolean)[] = [
      (_, ms) => ms > 300 + Math.random() * 1200,
      (p) => p.bigShards >= 1 + Math.floor(Math.random() * 3),
      (p) => p.queries >= 3 + Math.floor(Math.random() * 10),
      (p) => p.described >= 16 + Math.floor(Math.random() * 200),
      (p) => p.downloaded >= 16 + Math.floor(Math.random() * 200),
    ];
    const out = await tmp();
    const killedAt: string[] = [];
    for (const moment of moments) {
      const child = command(out).spawn();
      const errors = new Response(child.stderr).text();
      const started = performance.now();
      let done = false;
      const status = child.status.then((s) => (done = true, s));
      while (!done) {
        const p = progress(out);
        if (moment(p, performance.now() - started)) {
          await sleep(Math.random() * 30);
          if (!done) {
            child.kill("SIGKILL");
            killedAt.push(JSON.stringify(p));
          }
          break;
        }
        await sleep(5);
      }
      const s = await status;
      assert.ok(s.success || s.signal === "SIGKILL", `exit ${s.code}: ${await errors}`);
    }
    assert.ok(killedAt.length >= 4, `killed ${killedAt.length} times: ${killedAt.join("; ")}`);
    const before = progress(out);
    const searchesBefore = searches();
    gh.resetCounts();
    const last = await command(out).output();
    assert.equal(last.code, 0, new TextDecoder().decode(last.stderr));
    const got = await fingerprint(out);
    assert.deepEqual(
      Object.keys(got).sort(),
      Object.keys(expected).sort(),
      `killed at ${killedAt.join("; ")}`,
    );
    for (const file of Object.keys(expected)) {
      assert.ok(got[file] === expected[file], `${file} differs; killed at ${killedAt.join("; ")}`);
    }

    // the last run did only what was left: searches and metadata were finished before it
    if (before.described === 340) {
      assert.equal(searches(), 0);
      assert.equal(gh.counts["repos.get"].requests, 0);
      assert.ok(gh.counts["repos.downloadTarballArchive"].requests <= 340 - before.downloaded);
    }
    // a kill loses at most the pages of the range being read (ten at most)
    assert.ok(
      searchesBefore + searches() <= referenceSearches + 10 * killedAt.length,
      `${searchesBefore + searches()} searches, ${referenceSearches} without kills`,
    );
  } finally {
    await gh.close();
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
});
