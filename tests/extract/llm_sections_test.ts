/** Section selection: only the parts of a card that can answer the asked fields. */
import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { loadPrompt } from "../../lib/extract/llm_prompt.ts";
import {
  type FieldSectionTable,
  importDigest,
  linkDigest,
  readFieldSections,
  selectSections,
} from "../../lib/extract/llm_sections.ts";
import { estimateTokens } from "../../lib/extract/token_estimate.ts";
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
  assert.equal(hw.text, "## Training\n\nTrained 3 epochs on 8x A100.\n\n## Hardware\n\nTPU v4.");
  assert.deepEqual(
    hw.answerable,
    ["hardware"],
    "no paper: the citation is a placeholder, the card links none",
  );
  const intro = selectSections(card, ["parameter_count"], table);
  assert.equal(intro.text, "# My model\n\nA 7B model for chat.");
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
  const many = parseCard(
    "# M\n\nOur paper: https://aclanthology.org/2020.acl-main.1. Related: " +
      Array.from({ length: 8 }, (_, k) => `https://github.com/o/r${k}`).join(", ") + ".\n",
  );
  assert.deepEqual(linkDigest(many, ["paper"]).text, "- https://aclanthology.org/2020.acl-main.1");
  assert.equal(linkDigest(many, ["github_repo"]).text.split("\n").length, 5, "the first five repositories");
  const sel = selectSections(card, ["demo", "grant"], loadPrompt().sections);
  assert.equal(sel.text, "## Links in the card\n\n- https://colab.research.google.com/drive/x");
  assert.deepEqual(sel.answerable, ["demo"]);
});

Deno.test("a link field the digest answers sends no section of its own: the citation's BibTeX stays home", () => {
  const card = parseCard(
    "# M\n\nA model.\n## Citation\n\n```bibtex\n@article{x, title={X}, eprint={2106.09685}, " +
      "archivePrefix={arXiv}}\n```\nSee arXiv:2106.09685.\n",
  );
  const sel = selectSections(card, ["paper"], loadPrompt().sections);
  assert.equal(sel.text, "## Links in the card\n\n- https://arxiv.org/abs/2106.09685");
  assert.deepEqual(sel.answerable, ["paper"]);
  const noLink = selectSections(parseCard("# M\n\n## Citation\n\nX: a model. ACL 2020.\n"), ["paper"], {
    ...loadPrompt().sections,
  });
  assert.equal(
    noLink.text,
    "## Citation\n\nX: a model. ACL 2020.",
    "a title without a link needs its section",
  );
});

Deno.test("a field's token budget spans its sections; a heading named for it is sent anyway", () => {
  const table: FieldSectionTable = {
    ...loadPrompt().sections,
    datasets: { canonical: ["training"], intro: false, headings: "", tokens: 40 },
    hardware: { canonical: ["training"], intro: false, headings: "hardware", tokens: 40 },
  };
  const prose = Array.from({ length: 30 }, (_, k) => `Sentence ${k} about the training run.`).join("\n");
  const card = parseCard(
    `# M\n\n## Training\n\n${prose}\n\n## Training Data\n\nMore text.\n\n## Hardware\n\n8x A100.\n`,
  );
  const data = selectSections(card, ["datasets"], table);
  assert.match(data.text, /^## Training\n\nSentence 0 [\s\S]*\(… \d+ more lines\)$/);
  assert.ok(estimateTokens(data.text) < 60, data.text);
  assert.ok(!data.text.includes("Training Data"), "the budget is spent");
  const hw = selectSections(card, ["hardware"], table);
  assert.match(hw.text, /## Hardware\n\n8x A100\.$/);
});

Deno.test("frameworks and libraries get the import lines of every code block, once each", () => {
  const card = parseCard(
    "# M\n\n```python\nimport torch\nx = 1\n```\n## Usage\n\n```py\n>>> from transformers import pipeline\n" +
      "import torch\n```\n",
  );
  assert.equal(importDigest(card, ["frameworks"]), "import torch\nfrom transformers import pipeline");
  assert.equal(importDigest(card, ["demo"]), "");
  const sel = selectSections(card, ["libraries"], loadPrompt().sections);
  assert.match(
    sel.text,
    /## Imports in the card's code\n\n```python\nimport torch\nfrom transformers import pipeline\n```$/,
  );
  assert.deepEqual(sel.answerable, ["libraries"]);
});

Deno.test("a broken field-sections table is refused with the file and the entry", () => {
  assert.throws(
    () => readFieldSections({ fields: { github: {} } }, "f.json"),
    /f\.json: "github" is not a field/,
  );
  assert.throws(
    () =>
      readFieldSections(
        { fields: { demo: { canonical: ["usage"], intro: false, headings: "", tokens: 100 } } },
        "f.json",
      ),
    /f\.json: fields\.demo .*\("usage" is not a canonical section\)/,
  );
  assert.throws(
    () => readFieldSections({ fields: { demo: { canonical: [], intro: false, headings: "" } } }, "f.json"),
    /f\.json: fields\.demo must be .*tokens: positive integer/,
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
