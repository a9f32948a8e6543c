import assert from "node:assert/strict";
import { evaluate, type Label, readLabels } from "../../lib/usage/evaluate.ts";

const label = (line: number, model_id: string | null, resolution: Label["resolution"]): Label => ({
  repo: "r",
  file: "a.py",
  line,
  library: "transformers",
  model_id,
  resolution,
});

Deno.test("evaluate() scores per resolution kind and overall", () => {
  const labels = [label(1, "gpt2", "literal"), label(2, "gpt2", "constant"), label(3, null, "path")];
  const detected = [
    label(1, "gpt2", "literal"), // correct
    label(2, "gpt2", "literal"), // right model, wrong kind: a false positive for literal, a miss for constant
    label(9, "bert", "literal"), // not labelled
  ];
  const { scores, falsePositives, falseNegatives } = evaluate(labels, detected);
  const by = Object.fromEntries(scores.map((s) => [s.resolution, s]));
  assert.deepEqual(by.literal, {
    resolution: "literal",
    expected: 1,
    detected: 3,
    correct: 1,
    precision: 1 / 3,
    recall: 1,
  });
  assert.deepEqual(by.constant, {
    resolution: "constant",
    expected: 1,
    detected: 0,
    correct: 0,
    precision: null,
    recall: 0,
  });
  assert.equal(by.path.recall, 0);
  assert.equal(by.environ.recall, null);
  assert.deepEqual(by.all, {
    resolution: "all",
    expected: 3,
    detected: 3,
    correct: 1,
    precision: 1 / 3,
    recall: 1 / 3,
  });
  assert.deepEqual(falsePositives.map((d) => d.line), [2, 9]);
  assert.deepEqual(falseNegatives.map((d) => d.line), [2, 3]);
});

Deno.test("evaluate() matches each label once and tells notebook cells apart", () => {
  const l = { ...label(1, "gpt2", "literal"), cell: 0 };
  const { scores } = evaluate([l], [l, l, { ...l, cell: 1 }]);
  assert.deepEqual(scores.at(-1), {
    resolution: "all",
    expected: 1,
    detected: 3,
    correct: 1,
    precision: 1 / 3,
    recall: 1,
  });
});

Deno.test("readLabels() names the file and line of a bad label", async () => {
  const path = await Deno.makeTempFile({ suffix: ".jsonl" });
  try {
    await Deno.writeTextFile(path, JSON.stringify(label(1, "gpt2", "literal")) + '\n\n{"repo": "r"}\n');
    await assert.rejects(() => readLabels(path), new RegExp(`${path}:3: a label needs`));
    await Deno.writeTextFile(path, "{oops\n");
    await assert.rejects(() => readLabels(path), new RegExp(`${path}:1: not JSON`));
  } finally {
    await Deno.remove(path);
  }
});
