import assert from "node:assert/strict";
import { tagFacets } from "../../lib/sources/hf_tags.ts";

Deno.test("tagFacets() splits prefixed tags and ignores the rest", () => {
  assert.deepEqual(
    tagFacets([
      "transformers",
      "license:Apache-2.0",
      "license:mit",
      "dataset:glue",
      "base_model:mistralai/Mistral-7B-v0.1",
      "base_model:quantized:mistralai/Mistral-7B-v0.1",
      "arxiv:2310.06825",
      "region:us",
      "license:",
    ]),
    {
      licenses: ["apache-2.0", "mit"],
      datasets: ["glue"],
      baseModels: ["mistralai/Mistral-7B-v0.1"],
      arxivIds: ["2310.06825"],
    },
  );
});

Deno.test("tagFacets() keeps a base model whose name merely contains a colon", () => {
  assert.deepEqual(tagFacets(["base_model:org/name:v2"]).baseModels, ["org/name:v2"]);
});
