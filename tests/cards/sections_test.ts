import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { canonicalSection, normalizeHeading } from "../../lib/cards/sections.ts";
import { noSharedData, yinanCard } from "./_real_cards.ts";

Deno.test("sections: headings are normalised and mapped through the synonym table", () => {
  assert.equal(normalizeHeading("## 2. **Training Details** (optional) 🚀"), "training details");
  assert.equal(normalizeHeading("[Usage](#usage)"), "usage");
  assert.equal(canonicalSection("Bias, Risks, and Limitations"), "limitations");
  assert.equal(canonicalSection("How to use"), "get_started");
  assert.equal(canonicalSection("Intended uses & limitations"), "uses");
  assert.equal(canonicalSection("BibTeX entry and citation info"), "citation");
  assert.equal(canonicalSection("Carbon Emissions"), "environmental_impact");
  assert.equal(canonicalSection("Evaluation results"), "evaluation");
  assert.equal(canonicalSection("Training data"), "training");
  assert.equal(canonicalSection("Model description"), "description");
  assert.equal(canonicalSection("Hardware"), null);
});

Deno.test("sections: sub-headings inherit their parent's section; code comments are not headings", () => {
  const card = parseCard([
    "# My model",
    "Intro.",
    "## Environmental Impact",
    "### Hardware",
    "8x A100",
    "## How to use",
    "```python",
    "# Training details",
    "model = load()",
    "```",
    "Setext heading",
    "--------------",
    "text",
  ].join("\n"));
  assert.deepEqual(
    card.sections.map((s) => [s.heading, s.level, s.canonical]),
    [
      ["My model", 1, null],
      ["Environmental Impact", 2, "environmental_impact"],
      ["Hardware", 3, "environmental_impact"],
      ["How to use", 2, "get_started"],
      ["Setext heading", 2, null],
    ],
  );
  assert.equal(card.canonical.training.headings.length, 0, "a Python comment is no Training heading");
  assert.equal(card.codeBlocks[0].section, 3);
  assert.equal(card.canonical.get_started.documented, true, "a code block documents");
  assert.equal(card.canonical.environmental_impact.documented, true);
});

Deno.test({
  name: "sections: the HF template card left unfilled has empty sections and counted placeholders",
  ignore: noSharedData,
  fn() {
    const card = parseCard(yinanCard("1231czx_llama3_it_ultra_list_and_bold500.md"));
    assert.equal(card.placeholders, 40);
    assert.equal(card.canonical.training.documented, false);
    assert.equal(card.canonical.evaluation.documented, false);
    assert.equal(card.canonical.citation.documented, false);
    assert.equal(card.canonical.training.placeholders, 4);
    assert.deepEqual(card.canonical.limitations.headings, [
      "Bias, Risks, and Limitations",
      "Recommendations",
    ]);
  },
});
