import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { cleanInline, labelledValues, sentenceAround, statedValue } from "../../lib/extract/stated.ts";

const ANY = /./;

Deno.test("stated: the many ways a card writes `Label: value`", () => {
  const card = parseCard([
    "- **Funded by:** Stability AI",
    "**Input** Models input text only.",
    "**Output**: Text",
    "* Inputs: Text. It is best suited for prompts using chat format.",
    "1. Sponsored by: RunPod",
    "> License: mit",
    "**Bold heading without a value**",
  ].join("\n"));
  assert.deepEqual(labelledValues(card, ANY), [
    { label: "funded by", value: "Stability AI" },
    { label: "input", value: "Models input text only." },
    { label: "output", value: "Text" },
    { label: "inputs", value: "Text. It is best suited for prompts using chat format." },
    { label: "sponsored by", value: "RunPod" },
    { label: "license", value: "mit" },
  ]);
});

Deno.test("stated: placeholders and code are no statements; key/value tables are", () => {
  const card = parseCard([
    "- **Funded by [optional]:** [More Information Needed]",
    "```",
    "### Input:",
    "Input: {input}",
    "```",
    "| Inputs  | Text |",
    "|---|---|",
    "| Outputs | Generated text in response to the input |",
  ].join("\n"));
  assert.deepEqual(labelledValues(card, /^(?:funded by|inputs?|outputs)$/), [
    { label: "inputs", value: "Text" },
    { label: "outputs", value: "Generated text in response to the input" },
  ]);
});

Deno.test("stated: a value goes on over wrapped lines; a lone label takes the list under it", () => {
  // google/gemma-7b wraps its list items; bigscience/bloom lists its funders under "**Funded by:**"
  const gemma = parseCard(
    "* **Input:** Text string, such as a question, a prompt, or a document to be\n  summarized.\n* **Output:** Text",
  );
  assert.equal(
    statedValue(gemma, /^input$/),
    "Text string, such as a question, a prompt, or a document to be summarized.",
  );
  const bloom = parseCard(
    "**Funded by:** \n    \n* The French government.\n\n* Hugging Face ([website](https://huggingface.co)).\n\n## Next",
  );
  assert.equal(statedValue(bloom, /^funded by$/), "The French government.; Hugging Face (website).");
  assert.equal(statedValue(bloom, /^funded by$/, (v) => v.startsWith("NSF")), "", "accept() filters values");
});

Deno.test("stated: sentences end at a full stop, a blank line, a heading or an HTML paragraph", () => {
  const t = "Intro. This work was funded by the\nNSF. Thanks!";
  assert.equal(sentenceAround(t, t.indexOf("funded")), "This work was funded by the NSF.");
  const h = "## Acknowledgements\nThis research was supported with Cloud TPUs.\n";
  assert.equal(sentenceAround(h, h.indexOf("supported")), "This research was supported with Cloud TPUs.");
  const html = '<p style="x">Patreon</p><p>The work is supported by a grant from a16z</p>';
  assert.equal(sentenceAround(html, html.indexOf("supported")), "The work is supported by a grant from a16z");
});

Deno.test("stated: cleanInline drops HTML tags by name and keeps prompt tokens", () => {
  assert.equal(cleanInline("**Funded by** [NSF](https://nsf.gov)<br>"), "Funded by NSF");
  assert.equal(cleanInline("<s>[INST] {prompt} [/INST]"), "<s>[INST] {prompt} [/INST]");
  assert.equal(cleanInline("`<|im_start|>user`"), "<|im_start|>user");
});
