import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cardFeatures, isDocumented } from "../../lib/docgaps/card_features.ts";
import { cardsFrame } from "../../lib/docgaps/corpora.ts";
import { structuredFields } from "../../lib/extract/structured.ts";
import { FIELDS } from "../../lib/extract/record.ts";
import { CANONICAL_SECTIONS } from "../../lib/cards/sections.ts";

const extract = (_: string, card: Parameters<typeof structuredFields>[0]) => structuredFields(card);

const TEMPLATE_CARD = `---
license: mit
datasets: [squad]
pipeline_tag: question-answering
---
# My model

A BERT model fine-tuned for extractive question answering on SQuAD.

## Uses

[More Information Needed]

## Limitations

Answers only English questions; long contexts are truncated.

## Training

- **Hardware:** [More Information Needed]

\`\`\`python
x = "[More Information Needed]"  # in code: not a placeholder
\`\`\`
`;

const cards = () =>
  cardsFrame("t", [
    { model_id: "o/full", text: TEMPLATE_CARD, tags: null, downloads: 10, likes: 1 },
    {
      model_id: "o/tags",
      text: "# Model\n\nA model.",
      tags: ["license:apache-2.0", "pytorch"],
      downloads: null,
      likes: null,
    },
    { model_id: "o/none", text: "  \n", tags: ["license:mit"], downloads: 0, likes: 0 },
  ]);

Deno.test("cardFeatures() reads sections, fields (extractHeuristic), placeholders and length of each card", () => {
  const f = cardFeatures(cards());
  assert.equal(f.height, 3);
  const [full, tags, none] = f.toRecords();
  assert.equal(full.has_card, true);
  assert.equal(full.front_matter, "card");
  assert.equal(full.chars, TEMPLATE_CARD.length);
  assert.equal(full.placeholders, 2, "two in the text, the one in code does not count");
  assert.equal(full.empty_sections, 1, "Uses holds only a placeholder");
  assert.equal(full.section_uses, false);
  assert.equal(full.section_limitations, true);
  assert.equal(full.field_license, true);
  assert.equal(full.field_datasets, true);
  assert.equal(full.field_model_task, true);
  assert.equal(full.field_github_repo, false);
  assert.equal(full.field_hardware, false, "a placeholder is no hardware");
  assert.equal(full.downloads, 10);

  assert.equal(tags.front_matter, "hub tags", "no YAML, but the corpus kept the hub's tags");
  assert.equal(tags.field_license, true);
  assert.equal(tags.field_frameworks, true);
  assert.equal(tags.words, 4);

  assert.equal(none.has_card, false);
  assert.equal(none.front_matter, "none");
  assert.equal(none.field_license, false, "a model without a card documents nothing, whatever its tags");
  assert.equal(none.words, 0);
});

Deno.test("cardFeatures() takes another extractor: front matter only", () => {
  const [full] = cardFeatures(cards(), { extract }).toRecords();
  assert.equal(full.field_license, true);
  assert.equal(full.field_limitation_and_bias, false, "the text is not read");
  const [heuristic] = cardFeatures(cards()).toRecords();
  assert.equal(heuristic.field_limitation_and_bias, true);
});

Deno.test("cardFeatures() has one column per canonical section and per schema field", () => {
  const f = cardFeatures(cards(), { extract });
  assert.deepEqual(
    f.columns.filter((c) => c.startsWith("section_")),
    CANONICAL_SECTIONS.map((s) => `section_${s}`),
  );
  assert.deepEqual(f.columns.filter((c) => c.startsWith("field_")), FIELDS.map((s) => `field_${s}`));
  assert.equal(f.getColumn("field_license").dtype.equals(pl.Bool), true);
  assert.equal(cardFeatures(cards().head(0), { extract }).height, 0);
});

Deno.test("cardFeatures() names the model whose extraction failed, and a missing column", () => {
  const failing = (id: string) => {
    if (id === "o/tags") throw new Error("boom");
    return { fields: {} };
  };
  assert.throws(() => cardFeatures(cards(), { extract: failing }), /fields of o\/tags failed: boom/);
  assert.throws(() => cardFeatures(cards().drop("tags"), { extract }), /no column "tags"/);
});

Deno.test("isDocumented() needs a non-blank value somewhere in the structure", () => {
  assert.equal(isDocumented(""), false);
  assert.equal(isDocumented("  "), false);
  assert.equal(isDocumented([]), false);
  assert.equal(isDocumented([{ dataset_name: "", url: "" }]), false);
  assert.equal(isDocumented(null), false);
  assert.equal(isDocumented(undefined), false);
  assert.equal(isDocumented("mit"), true);
  assert.equal(isDocumented([{ metric: "", dataset: "squad", result: "" }]), true);
  assert.equal(isDocumented(0), true);
  assert.equal(isDocumented(false), false);
});
