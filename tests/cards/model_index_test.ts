import assert from "node:assert/strict";
import { readModelIndex } from "../../lib/cards/model_index.ts";
import { parseCard } from "../../lib/cards/parse.ts";
import { noSharedData, yinanCard } from "./_real_cards.ts";

Deno.test("model-index: one row per metric, dataset with its split, malformed entries skipped", () => {
  const rows = readModelIndex({
    "model-index": [{
      name: "m",
      results: [
        {
          task: { type: "question-answering" },
          dataset: { name: "squad_v2", type: "squad_v2", split: "validation" },
          metrics: [{ type: "exact_match", name: "Exact Match", value: 78.86 }, { type: "f1" }],
        },
        "not a result",
        { task: "summarization", dataset: { type: "cnn" }, metrics: { type: "rouge1", value: "42.9" } },
      ],
    }],
  });
  assert.deepEqual(rows, [
    {
      model: "m",
      task: "question-answering",
      dataset: "squad_v2 (validation)",
      metric: "Exact Match",
      value: "78.86",
    },
    { model: "m", task: "summarization", dataset: "cnn", metric: "rouge1", value: "42.9" },
  ]);
  assert.deepEqual(readModelIndex(null), []);
  assert.deepEqual(readModelIndex({ "model-index": "broken" }), []);
});

Deno.test({
  name: "model-index: real card (deepset/tinyroberta-squad2)",
  ignore: noSharedData,
  fn() {
    const card = parseCard(yinanCard("deepset_tinyroberta-squad2.md"));
    assert.equal(card.modelIndex.length, 16);
    assert.deepEqual(card.modelIndex[0], {
      model: "deepset/tinyroberta-squad2",
      task: "question-answering",
      dataset: "squad_v2 (validation)",
      metric: "Exact Match",
      value: "78.8627",
    });
  },
});
