import assert from "node:assert/strict";
import { splitFrontMatter } from "../../lib/cards/front_matter.ts";
import { parseCard } from "../../lib/cards/parse.ts";
import { noSharedData, yinanCard } from "./_real_cards.ts";

Deno.test("front matter: a mapping is read and the body starts after the closing line", () => {
  const fm = splitFrontMatter("\uFEFF---\nlicense: mit\ntags:\n- a\n---\n# Title\ntext\n");
  assert.deepEqual(fm.data, { license: "mit", tags: ["a"] });
  assert.equal(fm.error, null);
  assert.equal(fm.body, "# Title\ntext\n");
  assert.equal(fm.bodyLine, 5);
});

Deno.test("front matter: broken YAML is reported and the body still parsed", () => {
  const card = parseCard("---\nlicense: [mit\nlanguage: en\n---\n# M\n## Limitations\nOnly English.\n");
  assert.equal(card.frontMatter, null);
  assert.match(card.frontMatterError!, /^YAML: /);
  assert.equal(card.canonical.limitations.text, "Only English.");
  assert.equal(card.canonical.limitations.documented, true);
});

Deno.test("front matter: unclosed block, a list and a card without any", () => {
  const unclosed = splitFrontMatter("---\nlicense: mit\n# no end\n");
  assert.equal(unclosed.error, "front matter has no closing --- line");
  assert.equal(unclosed.body, "---\nlicense: mit\n# no end\n");
  assert.equal(splitFrontMatter("---\n- a\n- b\n---\nx").error, "front matter is a list, not a mapping");
  const none = splitFrontMatter("# Title\n---\nnot front matter\n");
  assert.deepEqual([none.data, none.error, none.bodyLine], [null, null, 0]);
});

Deno.test("front matter: repeated keys keep the last value, as the hub does", () => {
  assert.deepEqual(splitFrontMatter("---\ntags: [a]\ntags: [b]\n---\n").data, { tags: ["b"] });
  assert.deepEqual(splitFrontMatter("---\ntags:\n  - a\ntags: |\n  text\n---\n").data, { tags: "text\n" });
});

Deno.test({
  name: "front matter: real card with broken YAML (bigscience/T0) still yields its text",
  ignore: noSharedData,
  fn() {
    const card = parseCard(yinanCard("bigscience_T0.md"));
    assert.equal(card.frontMatter, null);
    assert.equal(card.frontMatterError, 'YAML: Missing closing "quote');
    assert.deepEqual(card.canonical.limitations.headings, ["Limitations", "Bias and fairness"]);
    assert.ok(card.canonical.get_started.documented);
    assert.deepEqual(card.links.arxiv, ["2110.08207"]);
    assert.ok(card.length.words > 1000);
  },
});
