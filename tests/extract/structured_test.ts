import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { structuredFields, taskDomain } from "../../lib/extract/structured.ts";
import { groundTruthCard, noSharedData } from "./_groundtruth_cards.ts";

Deno.test("structured: front matter fields with their sources", () => {
  const card = parseCard([
    "---",
    "license: other",
    "license_name: deepseek",
    "datasets: squad",
    "base_model: [a/b, c/d]",
    "language: [EN, fr]",
    "pipeline_tag: image-classification",
    "library_name: timm",
    "tags: [pytorch, safetensors, arxiv:2110.00476, jax]",
    "co2_eq_emissions:",
    "  emissions: 149.2",
    "  hardware_used: 8 A100",
    "---",
    "text",
  ].join("\n"));
  const { fields, sources } = structuredFields(card);
  assert.deepEqual(fields, {
    license: "deepseek",
    datasets: ["squad"],
    base_model: "a/b",
    language: ["en", "fr"],
    model_task: ["image-classification"],
    domain: ["computer-vision"],
    libraries: ["timm", "safetensors"],
    frameworks: ["pytorch", "jax"],
    paper: ["https://arxiv.org/abs/2110.00476"],
    carbon_emitted: "149.2 g CO2eq",
    hardware: "8 A100",
  });
  assert.equal(sources.license, "front-matter");
  assert.equal(sources.evaluation, undefined);
});

Deno.test("structured: tags name the task when pipeline_tag is missing; model-index gives evaluation", () => {
  const card = parseCard(
    "---\ntags: [timm, text-classification]\nmodel-index:\n- name: m\n  results:\n  - dataset: {name: sst2}\n" +
      "    metrics:\n    - {type: accuracy, value: 0.91}\n---\n",
  );
  const { fields, sources } = structuredFields(card);
  assert.deepEqual(fields.model_task, ["text-classification"]);
  assert.deepEqual(fields.domain, ["natural-language-processing"]);
  assert.deepEqual(fields.evaluation, [{ metric: "accuracy", dataset: "sst2", result: "0.91" }]);
  assert.equal(sources.evaluation, "model-index");
  assert.equal(taskDomain("automatic-speech-recognition"), "audio");
  assert.equal(taskDomain("tabular-regression"), "tabular");
  assert.equal(taskDomain("other"), undefined);
});

Deno.test("structured: the hub's tags fill what the card text lacks (hn5318 cards have no YAML)", () => {
  const hub = [
    "pytorch",
    "transformers",
    "license:mit",
    "dataset:squad",
    "base_model:finetune:o/base",
    "fill-mask",
  ];
  const { fields, sources } = structuredFields(parseCard("# M\ntext"), hub);
  assert.deepEqual(fields, {
    license: "mit",
    datasets: ["squad"],
    base_model: "o/base",
    model_task: ["fill-mask"],
    domain: ["natural-language-processing"],
    libraries: ["transformers"],
    frameworks: ["pytorch"],
  });
  assert.deepEqual(
    new Set(Object.values(sources)),
    new Set(["hub-tags"]),
    "every value came from the hub's tags",
  );
  const own = structuredFields(
    parseCard("---\nlicense: apache-2.0\ntags: [pytorch]\n---\n"),
    ["license:mit", "pytorch", "jax"],
  );
  assert.equal(own.fields.license, "apache-2.0", "the card's own front matter wins");
  assert.equal(own.sources.license, "front-matter");
  assert.deepEqual(own.fields.frameworks, ["pytorch", "jax"]);
  assert.equal(own.sources.frameworks, "hub-tags", "the hub's tags added jax");
  const same = structuredFields(parseCard("---\ntags: [pytorch]\n---\n"), ["pytorch"]);
  assert.equal(same.sources.frameworks, "front-matter", "tags the card states itself are the card's");
});

Deno.test("structured: broken or absent front matter gives nothing, without throwing", () => {
  assert.deepEqual(structuredFields(parseCard("---\nlicense: [mit\n---\nbody")).fields, {});
  assert.deepEqual(structuredFields(parseCard("no front matter")).fields, {});
});

Deno.test({
  name: "structured: real card (openai/whisper-base)",
  ignore: noSharedData,
  async fn() {
    const { fields } = structuredFields(parseCard((await groundTruthCard("openai/whisper-base")).text));
    assert.equal(fields.license, "apache-2.0");
    assert.deepEqual(fields.model_task, ["automatic-speech-recognition"]);
    assert.deepEqual(fields.domain, ["audio"]);
    assert.ok(fields.language!.length > 90);
    assert.ok(
      fields.evaluation!.some((e) =>
        e.dataset.startsWith("LibriSpeech (clean)") && e.result.startsWith("5.0")
      ),
    );
  },
});
