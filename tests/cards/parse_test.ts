import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { allRealCards, noSharedData } from "./_real_cards.ts";

Deno.test("parse: length, tables and code blocks with their sections", () => {
  const text =
    "---\nlicense: mit\n---\n# M\n\n## Evaluation\n| metric | value |\n|---|---|\n| f1 | 81.9 |\n\n" +
    "## Usage\n```python\nimport torch\n```\n";
  const card = parseCard(text);
  // the body is the text after the 21 characters of front matter; 12 lines (the last one empty), 21 words
  assert.deepEqual(card.length, { chars: text.length, bodyChars: text.length - 21, words: 21, lines: 12 });
  assert.equal(card.tables.length, 1);
  assert.deepEqual(card.tables[0].rows, [["f1", "81.9"]]);
  assert.equal(card.sections[card.tables[0].section].canonical, "evaluation");
  assert.deepEqual(card.codeBlocks.map((b) => [b.lang, b.code, card.sections[b.section].canonical]), [
    ["python", "import torch", "get_started"],
  ]); // prose: the body with code lines blanked, line for line
  assert.equal(card.prose.split("\n").length, card.length.lines);
  assert.deepEqual(card.prose.split("\n").slice(-5), ["## Usage", "", "", "", ""]);
});

Deno.test("parse: an empty card and a card of only front matter", () => {
  const empty = parseCard("");
  assert.deepEqual([empty.sections.length, empty.placeholders, empty.length.words], [0, 0, 0]);
  const onlyFm = parseCard("---\nlicense: mit\n---\n");
  assert.deepEqual(onlyFm.frontMatter, { license: "mit" });
  assert.equal(onlyFm.canonical.description.documented, false);
});

Deno.test({
  name: "parse: every real card parses; broken front matter is rare and keeps the body",
  ignore: noSharedData,
  async fn() {
    const cards = await allRealCards();
    let broken = 0;
    let withSections = 0;
    for (const c of cards) {
      const card = parseCard(c.text);
      if (card.frontMatterError) {
        broken++;
        assert.ok(card.body.length > 0, c.model_id);
      }
      if (card.sections.some((s) => s.canonical !== null)) withSections++;
      assert.equal(card.length.chars, c.text.length);
    }
    assert.ok(cards.length > 3400, `${cards.length} cards`);
    assert.ok(broken > 0 && broken < cards.length * 0.01, `${broken} broken`);
    assert.ok(withSections > cards.length * 0.7, `${withSections} cards with a canonical section`);
  },
});
