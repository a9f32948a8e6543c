/**
 * End to end on the real ground-truth cards: `deno task extract` (heuristic, and llm against the OpenAI replay
 * server) then `deno task extract-eval --json` against the artifact's ground truth.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { startOpenAiReplay } from "../../lib/testing/openai_replay_server.ts";
import { REPO_ROOT, SHARED_DATA } from "../_shared_data.ts";

async function cli(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1", ...env },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const INDEX = SHARED_DATA && join(SHARED_DATA, "_derived", "groundtruth_card_index.json");
const TRUTH = (pipeline: string) =>
  join(SHARED_DATA!, "peatmoss-artifact", "LLM-Pipeline", `${pipeline}_Pipeline`, "groundTruth.json");

Deno.test({
  name: "cli extract + extract-eval: the heuristic extractor on the 21 ground-truth cards scores above 0.7",
  ignore: SHARED_DATA === null,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const out = join(dir, "x.jsonl");
      const run = await cli([
        "cli/extract.ts",
        ...["--cards", INDEX!, "--cards-root", SHARED_DATA!, "--extractor", "heuristic", "--out", out],
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^21 cards \(index\) → /);
      const lines = (await Deno.readTextFile(out)).trim().split("\n").map((l) => JSON.parse(l));
      assert.equal(lines.length, 21);
      assert.equal(lines[0].model_id, "OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5");
      assert.ok(lines.every((r) => r.extractor === "heuristic" && !r.error));

      for (const pipeline of ["Accurate", "Cheap"]) {
        const ev = await cli(["cli/extract_eval.ts", "--truth", TRUTH(pipeline), "--pred", out, "--json"]);
        assert.equal(ev.code, 0, ev.stderr);
        const report = JSON.parse(ev.stdout);
        assert.deepEqual(Object.keys(report), ["overall", "fields", "models"]);
        assert.equal(report.models, 21);
        assert.ok(report.overall > 0.7, `overall ${report.overall}`);
        assert.equal(report.fields.parameter_count > 0.9, true);
        assert.ok(Object.values(report.fields).every((v) => typeof v === "number" && v >= 0 && v <= 1));
      }
      const table = await cli(["cli/extract_eval.ts", "--truth", TRUTH("Cheap"), "--pred", out]);
      assert.match(table.stdout, /^21 models in both files \(30 labelled, 21 predicted\)/);
      assert.match(table.stdout, /overall +0\.\d{3}/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "cli extract --extractor llm: replay endpoint, stats printed, key kept out of output and cache",
  ignore: SHARED_DATA === null,
  async fn() {
    const key = "sk-test-h5-secret";
    const server = await startOpenAiReplay({ apiKey: key });
    const dir = await Deno.makeTempDir();
    try {
      const out = join(dir, "llm.jsonl");
      const args = [
        "cli/extract.ts",
        ...["--cards", INDEX!, "--cards-root", SHARED_DATA!, "--extractor", "llm", "--out", out],
        ...[
          "--model",
          "gpt-4o-mini",
          "--base-url",
          server.url,
          "--cache-dir",
          join(dir, "cache"),
          "--concurrency",
          "3",
        ],
      ];
      const run = await cli(args, { OPENAI_API_KEY: key });
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        /llm: \d+ requests, 0 cached, 0 failed; \d+ prompt \+ \d+ completion tokens; \$\d/,
      );
      const records = (await Deno.readTextFile(out)).trim().split("\n").map((l) => JSON.parse(l));
      assert.equal(records.length, 21);
      assert.ok(server.stats.maxInFlight <= 3);
      const again = await cli(args, { OPENAI_API_KEY: key });
      assert.match(again.stdout, /llm: 0 requests, \d+ cached/, "a rerun resumes from the cache");
      for await (const e of Deno.readDir(join(dir, "cache"))) {
        if (e.isFile) assert.ok(!(await Deno.readTextFile(join(dir, "cache", e.name))).includes(key));
      }
      assert.ok(![run.stdout, run.stderr, await Deno.readTextFile(out)].some((s) => s.includes(key)));
    } finally {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("cli extract / extract-eval: usage errors and bad inputs name what is wrong", async () => {
  const noCards = await cli(["cli/extract.ts", "--extractor", "heuristic", "--out", "x.jsonl"]);
  assert.equal(noCards.code, 2);
  assert.match(noCards.stderr, /error: --cards is required/);
  const badExtractor = await cli([
    "cli/extract.ts",
    "--cards",
    ".",
    "--extractor",
    "magic",
    "--out",
    "x.jsonl",
  ]);
  assert.match(badExtractor.stderr, /--extractor must be heuristic or llm, got "magic"/);
  const noModel = await cli(["cli/extract.ts", "--cards", ".", "--extractor", "llm", "--out", "x.jsonl"]);
  assert.match(noModel.stderr, /--extractor llm needs --model/);
  const dir = await Deno.makeTempDir();
  try {
    const pred = join(dir, "p.jsonl");
    await Deno.writeTextFile(pred, '{"model_id": "o/m", "fields": {}}\n{not json\n');
    const truth = join(dir, "t.json");
    await Deno.writeTextFile(truth, JSON.stringify({ "o/m": { license: "mit" } }));
    const broken = await cli(["cli/extract_eval.ts", "--truth", truth, "--pred", pred, "--json"]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /p\.jsonl:2: not JSON/);
    const missing = await cli([
      "cli/extract.ts",
      "--cards",
      join(dir, "nope"),
      "--extractor",
      "heuristic",
      "--out",
      pred,
    ]);
    assert.match(missing.stderr, /nope: no such file or directory/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
