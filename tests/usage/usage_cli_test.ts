import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";
import type { Detection } from "../../lib/usage/types.ts";

const CLI = join(REPO_ROOT, "cli", "usage.ts");
const CORPUS = join(REPO_ROOT, "tests", "usage", "corpus");

async function run(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], cwd: REPO_ROOT })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("usage scan writes JSON lines and a summary with skip counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const repo = join(dir, "broken-repo");
    await Deno.mkdir(join(repo, "legacy"), { recursive: true });
    for (const f of ["legacy/old_train.py", "utils.py", "no_signatures.py"]) {
      await Deno.copyFile(join(CORPUS, "broken-repo", f), join(repo, f));
    }
    await Deno.writeTextFile(
      join(repo, "truncated.ipynb"),
      '{"cells": [{"cell_type": "code", "source": ["import timm; timm.create_model',
    );
    const out = join(dir, "d.jsonl");
    const r = await run("scan", repo, "--repo", "acme/broken", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const lines = (await Deno.readTextFile(out)).trim().split("\n").map((l) => JSON.parse(l) as Detection);
    assert.deepEqual(lines.map((d) => [d.repo, d.file, d.line, d.model_id]), [
      ["acme/broken", "legacy/old_train.py", 4, "bert-base-cased"],
    ]);
    assert.match(
      r.stderr,
      /acme\/broken: 4 files .* 2 parsed; skipped: (bad-notebook 1, syntax-error 1|syntax-error 1, bad-notebook 1)/,
    );
    assert.match(r.stderr, /1 detections \(literal 1; 0 through the repository's modules\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("usage scan writes `via` for a model argument imported from the repository", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "d.jsonl");
    const r = await run("scan", join(CORPUS, "hub-utils"), "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const lines = (await Deno.readTextFile(out)).trim().split("\n").map((l) => JSON.parse(l) as Detection);
    assert.deepEqual(lines.filter((d) => d.via), [{
      repo: "hub-utils",
      file: "generate.py",
      line: 16,
      library: "diffusers",
      call: "from_pretrained",
      argument: "DIFFUSION",
      model_id: "stabilityai/stable-diffusion-2-1",
      resolution: "environ",
      via: "fetch.py:9",
    }]);
    assert.match(r.stderr, /; 1 through the repository's modules\) → /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("usage scan and eval report bad calls clearly", async () => {
  const missing = await run("scan", "/no/such/dir", "--out", "/tmp/x.jsonl");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /error: \/no\/such\/dir: cannot scan/);
  const noOut = await run("scan", CORPUS);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out <file.jsonl> is required/);
  const badCorpus = await run("eval", "--corpus", join(CORPUS, "broken-repo"));
  assert.equal(badCorpus.code, 1);
  assert.match(badCorpus.stderr, /labels.jsonl/);
});

Deno.test("usage eval --json gives precision and recall per resolution kind", async () => {
  const r = await run("eval", "--json");
  assert.equal(r.code, 0, r.stderr);
  const { scores } = JSON.parse(r.stdout);
  assert.deepEqual(scores.map((s: { resolution: string }) => s.resolution), [
    "literal",
    "constant",
    "default",
    "fstring",
    "environ",
    "argparse",
    "path",
    "unknown",
    "all",
  ]);
  assert.ok(scores.at(-1).recall >= 0.95);
});
