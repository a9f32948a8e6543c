import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { classifyArgument, ModelIdNormalizer } from "../../lib/usage/model_id.ts";

Deno.test("classifyArgument() tells hub ids from paths, URLs and non-ids", () => {
  const cases: [string, ReturnType<typeof classifyArgument>][] = [
    ["gpt2", { id: "gpt2" }],
    ["google-bert/bert-base-uncased", { id: "google-bert/bert-base-uncased" }],
    ["timm/resnet50.a1_in1k", { id: "timm/resnet50.a1_in1k" }],
    ["https://huggingface.co/openai/whisper-tiny/", { id: "openai/whisper-tiny" }],
    ["./checkpoints/x", { path: true }],
    ["../x", { path: true }],
    ["/abs/path", { path: true }],
    ["~/models/x", { path: true }],
    ["C:\\models\\x", { path: true }],
    ["runs/exp/best", { path: true }],
    ["model.pt", { path: true }],
    ["org/weights.safetensors", { path: true }],
    ["s3://bucket/model", { path: true }],
    ["https://example.com/m.tar.gz", { path: true }],
    ["", { invalid: true }],
    ["two words", { invalid: true }],
    ["-flag", { invalid: true }],
  ];
  for (const [value, expected] of cases) assert.deepEqual(classifyArgument(value), expected, value);
});

Deno.test("ModelIdNormalizer maps ids by exact match, case, then legacy alias", () => {
  const n = new ModelIdNormalizer(pl.DataFrame({
    id: ["google-bert/bert-base-uncased", "someone/bert-base-uncased", "Org/Model", "org/model", "gpt2"],
    downloads: [100, 5, 1, 1, 3],
  }));
  assert.equal(n.normalize("gpt2"), "gpt2");
  assert.equal(n.normalize("GPT2"), "gpt2");
  assert.equal(n.normalize("BERT-base-uncased"), "google-bert/bert-base-uncased");
  assert.equal(n.normalize("bert-base-uncased", { legacy: false }), "bert-base-uncased");
  assert.equal(
    n.normalize("org/model"),
    "org/model",
    "a listed id is kept even when another differs by case",
  );
  assert.equal(n.normalize("ORG/MODEL"), "Org/Model", "the first in sort order");
  assert.equal(n.normalize("gone/model"), "gone/model");
  assert.equal(n.normalize("never-listed"), "never-listed");
});
