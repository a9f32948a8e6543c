import assert from "node:assert/strict";
import { join } from "node:path";
import { detectionsUsages, parseDetection, readDetections } from "../../lib/reuse/detections_usages.ts";
import { TABLES } from "../../lib/store/schema.ts";
import type { Detection } from "../../lib/usage/types.ts";

const SCAN = join(import.meta.dirname!, "testdata", "scan.jsonl");

Deno.test("readDetections() turns detector JSON Lines into usages, keeping every piece of evidence", async () => {
  const usages = await readDetections(SCAN);
  assert.deepEqual(usages.columns, TABLES.usages.map((c) => c.name));
  assert.equal(usages.height, 5);
  assert.deepEqual(usages.row(0), [
    "alice/app",
    "bert-base-uncased",
    "huggingface",
    "train.py",
    12,
    null,
    "transformers",
    "from_pretrained",
    '"bert-base-uncased"',
    "literal",
    null,
  ]);
  // an id resolved through another module of the repository keeps where it was bound
  assert.equal(usages.getColumn("via").get(1), "config.py:3");
  assert.deepEqual(usages.select("file", "line", "cell", "resolution").row(2), [
    "demo.ipynb",
    2,
    4,
    "argparse",
  ]);
  // torch.hub ids are PyTorch Hub ids; an unresolved id has no hub
  assert.deepEqual(usages.getColumn("hub").toArray(), [
    "huggingface",
    "huggingface",
    "huggingface",
    "pytorch",
    null,
  ]);
});

Deno.test("readDetections() reads every .jsonl of a directory, in name order", async () => {
  const dir = await Deno.makeTempDir();
  const lines = (await Deno.readTextFile(SCAN)).split("\n").filter((l) => l.trim() !== "");
  await Deno.writeTextFile(join(dir, "b.jsonl"), lines[0] + "\n");
  await Deno.writeTextFile(join(dir, "a.jsonl"), lines.slice(3).join("\n") + "\n");
  await Deno.writeTextFile(join(dir, "notes.txt"), "not read\n");
  const usages = await readDetections(dir);
  assert.deepEqual(usages.getColumn("repo").toArray(), ["bob/vision", "bob/vision", "alice/app"]);
});

Deno.test("detectionsUsages() and readDetections() agree; no detections is an empty usages table", async () => {
  const records = (await Deno.readTextFile(SCAN)).split("\n").filter((l) => l.trim() !== "")
    .map((l, i) => parseDetection(l, `line ${i + 1}`));
  assert.deepEqual(detectionsUsages(records).toRecords(), (await readDetections(SCAN)).toRecords());
  const none = detectionsUsages([] as Detection[]);
  assert.deepEqual([none.height, none.columns], [0, TABLES.usages.map((c) => c.name)]);
});

Deno.test("readDetections() rejects a bad record with its file, line and field", async (t) => {
  const dir = await Deno.makeTempDir();
  const good =
    '{"repo":"a/b","file":"x.py","line":1,"library":"timm","call":"create_model","argument":"n","model_id":null,"resolution":"unknown"}';
  const cases: [string, string, string][] = [
    ["not JSON", "{oops", "line 2: not valid JSON"],
    ["an array", "[1]", "line 2: expected a JSON object"],
    ["a missing file", good.replace('"file":"x.py",', ""), 'line 2: "file" must be a string'],
    ["line 0", good.replace('"line":1', '"line":0'), 'line 2: "line" must be a positive integer'],
    [
      "a negative cell",
      good.replace('"line":1', '"line":1,"cell":-1'),
      'line 2: "cell" must be a non-negative',
    ],
    ["a numeric model id", good.replace('"model_id":null', '"model_id":3'), 'line 2: "model_id" must be'],
    [
      "an unknown resolution",
      good.replace('"unknown"', '"guess"'),
      'line 2: "resolution" "guess" is not one of',
    ],
  ];
  for (const [what, line, message] of cases) {
    await t.step(what, async () => {
      const file = join(dir, "scan.jsonl");
      await Deno.writeTextFile(file, `${good}\n${line}\n`);
      await assert.rejects(
        () => readDetections(file),
        (e: Error) => e.message.startsWith(`${file} ${message}`),
      );
    });
  }
  await t.step("a missing path", async () => {
    await assert.rejects(() => readDetections(join(dir, "none")), /no such file or directory/);
  });
});
