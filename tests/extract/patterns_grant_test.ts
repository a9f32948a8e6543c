import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { grantOf } from "../../lib/extract/patterns_grant.ts";

// Short excerpts of real cards (yinan-hf-readme), each checked by hand.
const grant = (text: string) => grantOf(parseCard(text));

Deno.test("grant: the template's Funded-by line, a Funding section, a funding sentence", () => {
  assert.equal(grant("- **Developed by:** Stability AI\n- **Funded by:** Stability AI\n"), "Stability AI");
  assert.equal(grant("- sponsored by: [Redmond.ai](https://redmond.ai/)"), "Redmond.ai");
  assert.equal(
    grant("## Funding\n\nThis project was funded by the EU.\nMore.\n"),
    "This project was funded by the EU.",
  );
  assert.equal(
    grant(
      "## Acknowledgements\n\nThe work is supported by the [European Language Grid](https://www.european-language-grid.eu/) as pilot project 2866. Thanks.",
    ),
    "The work is supported by the European Language Grid as pilot project 2866.",
  );
  assert.equal(
    grant("Some text.\n\nDolphin-Llama2-7b's training was sponsored by [preemo](https://www.preemo.io/).\n"),
    "Dolphin-Llama2-7b's training was sponsored by preemo.",
  );
  assert.equal(
    grant(
      "We thank the [Google TPU Research Cloud](https://sites.research.google/trc/about/) program for providing part of the computation resources.",
    ),
    "We thank the Google TPU Research Cloud program for providing part of the computation resources.",
  );
  assert.equal(
    grant("And thank you again to a16z for their generous grant."),
    "And thank you again to a16z for their generous grant.",
  );
  assert.equal(
    grant('Sponsored by RunPod <img src="https://example.com/runpod.png" width="80">'),
    "Sponsored by RunPod",
  );
});

Deno.test("grant: placeholders, license grants, support of software and grant programmes are not grants", () => {
  assert.equal(
    grant(
      "- **Funded by [optional]:** [More Information Needed]\n- **Shared by [optional]:** [More Information Needed]",
    ),
    "",
  );
  assert.equal(
    grant(
      "a. Grant of Rights. You are granted a non-exclusive, worldwide license. Meta may grant to you rights.",
    ),
    "",
  );
  assert.equal(grant("**SeamlessM4T v2 is also supported by 🤗 Transformers.**"), "");
  assert.equal(grant("If the language is already supported by Whisper, fine-tune it."), "");
  // myshell-ai/MeloTTS: an advertisement of the owner's grant programme, not the model's funding
  assert.equal(
    grant(
      "## Join the Community\n\n**Open Source AI Grant**\n\nWe are actively sponsoring open-source AI projects.\n",
    ),
    "",
  );
});
