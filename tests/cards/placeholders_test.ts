import assert from "node:assert/strict";
import { countPlaceholders, isEmptyText } from "../../lib/cards/placeholders.ts";
import { parseCard } from "../../lib/cards/parse.ts";

Deno.test("placeholders: every template marker counts once", () => {
  const text = [
    "- **Developed by:** [More Information Needed]",
    "- **License:** [More Information Needed]",
    "More information needed",
    "[Needs More Information]",
    "{{ card_data }}",
    "[TODO]",
    "[optional]",
  ].join("\n");
  assert.equal(countPlaceholders(text), 7);
  assert.equal(countPlaceholders("Trained on SQuAD with more information in the paper."), 0);
});

Deno.test("placeholders: a section with only placeholders, labels and comments is empty", () => {
  assert.equal(
    isEmptyText("<!-- Provide a summary -->\n- **Developed by:** [More Information Needed]"),
    true,
  );
  assert.equal(isEmptyText("|  |  |\n|---|---|"), true);
  assert.equal(isEmptyText("- **Developed by:** Deepset"), false);
  assert.equal(isEmptyText("Label: 42"), false);
});

Deno.test("placeholders: code blocks neither count nor make a section empty", () => {
  const card = parseCard(
    "## Training\n```\n[More Information Needed]\n```\n## Citation\n[More Information Needed]\n",
  );
  assert.equal(card.placeholders, 1);
  assert.equal(card.canonical.training.documented, true);
  assert.equal(card.canonical.citation.documented, false);
  assert.equal(card.canonical.citation.placeholders, 1);
});
