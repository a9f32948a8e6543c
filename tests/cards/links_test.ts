import assert from "node:assert/strict";
import { arxivId, cleanUrl, findLinks, githubRepo } from "../../lib/cards/links.ts";
import { parseCard } from "../../lib/cards/parse.ts";
import { noSharedData, yinanCard } from "./_real_cards.ts";

Deno.test("links: arXiv ids from URLs and mentions, without versions, once each", () => {
  const l = findLinks(
    "See [paper](https://arxiv.org/abs/2306.01116v2), https://arxiv.org/pdf/2306.01116.pdf and arXiv:1910.13461. " +
      "Old: https://arxiv.org/abs/hep-th/9901001",
  );
  assert.deepEqual(l.arxiv, ["2306.01116", "hep-th/9901001", "1910.13461"]);
  assert.equal(arxivId("https://arxiv.org/pdf/2205.14135v2.pdf"), "2205.14135");
});

Deno.test("links: GitHub repositories, HF models and datasets; site pages are not repositories", () => {
  const l = findLinks(
    "Code: https://github.com/mosaicml/llm-foundry/tree/main/scripts (mirror https://github.com/mosaicml/llm-foundry.git). " +
      "Sponsor https://github.com/sponsors/x. Base [m](https://huggingface.co/tiiuae/falcon-7b), data " +
      "https://huggingface.co/datasets/squad and https://huggingface.co/datasets/tiiuae/falcon-refinedweb, " +
      "docs https://huggingface.co/docs/transformers.",
  );
  assert.deepEqual(l.github, ["mosaicml/llm-foundry"]);
  assert.deepEqual(l.hfModels, ["tiiuae/falcon-7b"]);
  assert.deepEqual(l.hfDatasets, ["squad", "tiiuae/falcon-refinedweb"]);
  assert.equal(githubRepo("https://github.com/orgs/x"), null);
  assert.equal(
    cleanUrl("https://en.wikipedia.org/wiki/BERT_(language_model))."),
    "https://en.wikipedia.org/wiki/BERT_(language_model)",
  );
});

Deno.test({
  name: "links: real card (mosaicml/mpt-30b-chat)",
  ignore: noSharedData,
  fn() {
    const card = parseCard(yinanCard("mosaicml_mpt-30b-chat.md"));
    assert.deepEqual(card.links.arxiv, ["2205.14135", "2108.12409", "2010.04245"]);
    assert.ok(card.links.github.includes("mosaicml/llm-foundry"));
    assert.ok(card.links.hfModels.includes("mosaicml/mpt-30b"));
  },
});
