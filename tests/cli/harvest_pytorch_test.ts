/**
 * `deno task harvest pytorch` as a user runs it, against the GitHub replay server.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadGitHubFixture } from "../../lib/testing/github_fixture.ts";
import { startGitHubReplay } from "../../lib/testing/github_replay_server.ts";
import { REPO_ROOT } from "../_shared_data.ts";

async function harvest(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/harvest.ts", "pytorch", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1", ...env },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("harvest pytorch --help documents the options and GITHUB_TOKEN", async () => {
  const { code, stdout } = await harvest(["--help"]);
  assert.equal(code, 0);
  for (
    const flag of ["--out", "--github-url", "--repo", "--ref", "--concurrency", "--max-wait", "GITHUB_TOKEN"]
  ) {
    assert.ok(stdout.includes(flag), `--help mentions ${flag}`);
  }
});

Deno.test("harvest pytorch without --out is a usage error", async () => {
  const { code, stderr } = await harvest(["--github-url", "http://127.0.0.1:9"]);
  assert.equal(code, 2);
  assert.match(stderr, /error: --out <dir> is required/);
});

Deno.test("harvest pytorch writes the dataset, lists what it skipped, and never prints the token", async () => {
  const gh = startGitHubReplay(
    await loadGitHubFixture(join(REPO_ROOT, "tests", "sources", "testdata", "pytorch_hub")),
  );
  const token = "ghp_CLITOKEN9876543210";
  const out = await Deno.makeTempDir();
  try {
    const { code, stdout, stderr } = await harvest(["--github-url", gh.url, "--out", out], {
      GITHUB_TOKEN: token,
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^wrote .*: models 23, repos 7, metadata 113 in /m);
    assert.match(stdout, /^skipped 5:$/m);
    assert.match(stdout, /^ {2}repo acme\/vanished-models: repository unavailable \(HTTP 404\)/m);
    assert.match(
      stdout,
      /^note: repository huggingface\/pytorch-transformers is now huggingface\/transformers$/m,
    );
    assert.ok(!stdout.includes(token) && !stderr.includes(token));
    assert.ok(gh.requests.every((r) => r.authorization === `token ${token}`));
  } finally {
    await gh.close();
    await Deno.remove(out, { recursive: true });
  }
});
