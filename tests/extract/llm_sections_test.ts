/** Section selection: only the parts of a card that can answer the asked fields. */
import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { loadPrompt } from "../../lib/extract/llm_prompt.ts";
import { linkDigest, readFieldSections, selectSections } from "../../lib/extract/llm_sections.ts";
import { groundTruthCard, noSharedData } from "./_groundtruth_cards.ts";

const CARD = [
  "# My model",
  "A 7B model for chat.",
  "## Training",
  "Trained 3 epochs on 8x A100.",
  "## Limitations",
  "It hallucinates.",
  "## Hardware",
  "TPU v4.",
  "## Citation",
  "[More Information Needed]",
].join("\n");

Deno.test("each field gets its sections, in card order; empty sections and unasked ones are left out", () => {
  const table = loadPrompt().sections;
  const card = parseCard(CARD);
  const lim = selectSections(card, ["limitation_and_bias"], table);
  assert.equal(lim.text, "## Limitations\n\nIt hallucinates.");
  assert.deepEqual(lim.answerable, ["limitation_and_bias"]);
  const hw = selectSections(card, ["hardware", "paper"], table);
  assert.equal(
    hw.text,
    "# My model\n\nA 7B model for chat.\n\n## Training\n\nTrained 3 epochs on 8x A100.\n\n## Hardware\n\nTPU v4.",
  );
  assert.deepEqual(
    hw.answerable,
    ["hardware", "paper"],
    "paper from the intro: the citation is a placeholder",
  );
  assert.deepEqual(selectSections(card, ["grant", "demo"], table), { text: "", answerable: [] });
});

Deno.test("link fields get the card's links, wherever they are, instead of their sections", () => {
  const card = parseCard(
    "# M\n\nA model.\n## Results\n\nSee https://github.com/o/r and arXiv:2106.09685, " +
      "[Colab](https://colab.research.google.com/drive/x).\n",
  );
  assert.deepEqual(linkDigest(card, ["paper", "github_repo"]), {
    text: "- https://github.com/o/r\n- https://arxiv.org/abs/2106.09685",
    answers: ["github_repo", "paper"],
  });
  const sel = selectSections(card, ["demo", "grant"], loadPrompt().sections);
  assert.equal(sel.text, "## Links in the card\n\n- https://colab.research.google.com/drive/x");
  assert.deepEqual(sel.answerable, ["demo"]);
});

Deno.test("a broken field-sections table is refused with the file and the entry", () => {
  assert.throws(
    () => readFieldSections({ fields: { github: {} } }, "f.json"),
    /f\.json: "github" is not a field/,
  );
  assert.throws(
    () =>
      readFieldSections({ fields: { demo: { canonical: ["usage"], intro: false, headings: "" } } }, "f.json"),
    /f\.json: fields\.demo .*\("usage" is not a canonical section\)/,
  );
});

Deno.test({
  name: "on a real card, asking only for limitations sends its limitation sections only",
  ignore: noSharedData,
  fn: async () => {
    const { text } = await groundTruthCard("tiiuae/falcon-7b-instruct");
    const card = parseCard(text);
    const sel = selectSections(card, ["limitation_and_bias"], loadPrompt().sections);
    const headings = [...sel.text.matchAll(/^#+ (.*)$/gm)].map((m) => m[1]);
    assert.ok(headings.length > 0);
    for (const h of headings) {
      assert.equal(card.sections.find((s) => s.heading === h)?.canonical, "limitations", h);
    }
  },
});
