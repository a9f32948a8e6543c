import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import { splitFrontMatter } from "../../lib/cards/front_matter.ts";
import { readBlockYaml } from "../../lib/cards/yaml_block.ts";
import { allRealCards, noSharedData } from "./_real_cards.ts";

Deno.test("block yaml: mappings, sequences at the key's level and deeper, typed scalars", () => {
  const text = [
    "license: apache-2.0",
    "tags:",
    "- a",
    "- 'it''s'",
    "model-index:",
    "  - name: m # comment",
    "    results:",
    "    - metrics:",
    "        - type: f1",
    "          value: 82.03",
    "        - {}", // a flow mapping: not in the subset
  ].join("\n");
  assert.equal(readBlockYaml(text), undefined);
  const ok = readBlockYaml(text.split("\n").slice(0, -1).join("\n") + '\nn: [1, .5, -.inf, "x"]');
  assert.equal(ok, undefined, "a quoted flow item is left to the yaml library");
  const value = readBlockYaml(
    text.split("\n").slice(0, -1).join("\n") + '\nn: [1, .5, 0x1F, true, ~]\ne:\nd: "a\\tb"',
  );
  assert.deepEqual(value, {
    license: "apache-2.0",
    tags: ["a", "it's"],
    "model-index": [{ name: "m", results: [{ metrics: [{ type: "f1", value: 82.03 }] }] }],
    n: [1, 0.5, 31, true, null],
    e: null,
    d: "a\tb",
  });
});

Deno.test("block yaml: what it leaves to the yaml library", () => {
  for (
    const text of [
      "a: |\n  block\n",
      "a: >\n  folded\n",
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: plain\n  continued\n",
      'a: "multi\n  line"\n',
      "? complex\n: key\n",
      "1.0: numeric key\n",
      "a: {b: 1}\n",
      "a:\n\t- tab\n",
    ]
  ) assert.equal(readBlockYaml(text), undefined, text);
});

Deno.test({
  name: "block yaml: front matter of every real card reads as the yaml library reads it, mostly fast",
  ignore: noSharedData,
  async fn() {
    let total = 0;
    let fast = 0;
    for (const card of await allRealCards()) {
      const m = /^\uFEFF?(?:[ \t]*\r?\n)*---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*\r?$/m.exec(card.text);
      if (!m || m.index !== 0) continue; // front matter opens the card
      total++;
      if (readBlockYaml(m[1]) !== undefined) fast++;
      const doc = parseDocument(m[1], { uniqueKeys: false });
      const ours = splitFrontMatter(card.text);
      if (doc.errors.length > 0) {
        assert.match(ours.error ?? "", /^YAML: /, `${card.model_id}: broken YAML not reported`);
        continue;
      }
      const theirs = doc.toJS();
      if (theirs === null || typeof theirs !== "object" || Array.isArray(theirs)) continue;
      assert.ok(
        isDeepStrictEqual(ours.data, theirs),
        `${card.model_id}: values differ from the yaml library`,
      );
    }
    assert.ok(total > 3000, `only ${total} cards with front matter`);
    assert.ok(fast / total > 0.85, `the fast reader read only ${fast} of ${total}`);
  },
});
