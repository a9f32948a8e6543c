import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { inputFormat, outputFormat } from "../../lib/extract/patterns_io.ts";

// Short excerpts of real cards (yinan-hf-readme, asgaardlab-mctidy), each checked by hand.
const input = (text: string) => inputFormat(parseCard(text));
const output = (text: string) => outputFormat(parseCard(text));

Deno.test("io: Input/Output statements of the Llama, Gemma and Phi-3 cards", () => {
  const llama = "**Input** Models input text only.\n\n**Output** Models generate text only.\n";
  assert.equal(input(llama), "Models input text only.");
  assert.equal(output(llama), "Models generate text only.");
  const phi = "| | |\n|---|---|\n| Inputs | Text. It is best suited for prompts using chat format. |\n" +
    "| Outputs | Generated text in response to the input |\n";
  assert.equal(input(phi), "Text. It is best suited for prompts using chat format.");
  assert.equal(output(phi), "Generated text in response to the input");
  assert.equal(output("**Output Format:** String"), "String");
  assert.equal(
    output("- Output: 3 classes (Safe, Questionable, Unsafe)"),
    "3 classes (Safe, Questionable, Unsafe)",
  );
});

Deno.test("io: a prompt-format section, a speech sampling rate, a preprocessing image size", () => {
  assert.equal(
    input("## Prompt template: ChatML\n\n```\n<|im_start|>system\n{system_message}<|im_end|>\n```\n"),
    "ChatML: <|im_start|>system {system_message}<|im_end|>",
  );
  assert.equal(
    input(
      "## Prompting\n\nTwo special tokens are used to mark the beginning of user and assistant turns:\n`<|prompter|>` and `<|assistant|>`.",
    ),
    "Two special tokens are used to mark the beginning of user and assistant turns: <|prompter|> and <|assistant|>.",
  );
  assert.equal(
    input(
      "### Prompt Format\n\nNote: keep the system prompt empty.\n\n#### Single Turn\n\n```text\n<extra_id_0>System\n```\n",
    ),
    "Note: keep the system prompt empty. Single Turn: <extra_id_0>System",
  );
  assert.equal(
    input("# Wav2Vec2\n\nWhen using this model, make sure that your speech input is sampled at 16kHz.\n"),
    "When using this model, make sure that your speech input is sampled at 16kHz.",
  );
  assert.equal(
    input(
      "### Preprocessing\n\nImages are resized/rescaled to the same resolution (224x224) and normalized across the RGB channels.\n",
    ),
    "Images are resized/rescaled to the same resolution (224x224) and normalized across the RGB channels.",
  );
});

Deno.test("io: examples, templates in code, empty formats and other resolutions are no format", () => {
  assert.equal(input("- Input: `Is the earth flat?` - Prediction: `yes`"), "");
  assert.equal(input("Input: the us is a nato member as a nato member the country enjoys security"), "");
  assert.equal(input("```\n### Instruction:\n{instruction}\n### Input:\ntext here\n```\n"), "");
  assert.equal(input("## Prompt template: None\n\n```\n{prompt}\n```\n"), "");
  assert.equal(input("## Prompt format\n\nNo prompt format found, check original model page\n"), "");
  assert.equal(
    input("- **Model Stats:**\n  - Image size: train = 224 x 224, test = 288 x 288\n"),
    "",
    "timm's stat line",
  );
  assert.equal(input("It is trained over a 32kHz EnCodec tokenizer with 4 codebooks sampled at 50 Hz."), "");
  assert.equal(
    input("The generated images are of a fixed resolution (512x512 pix)."),
    "",
    "not a preprocessing section",
  );
  assert.equal(output("Output: Mathematics is like a lighthouse."), "");
});
