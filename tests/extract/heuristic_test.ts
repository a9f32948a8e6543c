import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { extractHeuristic } from "../../lib/extract/heuristic.ts";
import { join } from "node:path";
import { openCards } from "../../lib/cards/sources.ts";
import { SHARED_DATA } from "../_shared_data.ts";
import { groundTruthCard, groundTruthCards, noSharedData } from "./_groundtruth_cards.ts";

const TRAINER_CARD = `---
license: apache-2.0
---
# distilbert-finetuned-squad

This model is a fine-tuned version of [distilbert-base-uncased](https://huggingface.co/distilbert-base-uncased) on the squad dataset.

## Training procedure

### Training hyperparameters

The following hyperparameters were used during training:
- learning_rate: 2e-05
- train_batch_size: 16
- num_epochs: 3

## Evaluation

| Metric | Value |
|---|---|
| Exact Match | 80.1 |
| F1 | 87.6 |

## Environmental impact

- **Hardware Type:** [More Information Needed]

Trained on 8x A100 80GB, emitting 12.5 kg CO2eq.
`;

Deno.test("heuristic: the Trainer card's fields come from text, lists and tables", () => {
  const rec = extractHeuristic("o/distilbert-finetuned-squad", parseCard(TRAINER_CARD));
  assert.equal(rec.extractor, "heuristic");
  assert.equal(rec.fields.license, "apache-2.0");
  assert.equal(rec.sources?.license, "front-matter");
  assert.equal(rec.fields.base_model, "distilbert-base-uncased");
  assert.deepEqual(rec.fields.datasets, ["squad"]);
  assert.deepEqual(rec.fields.hyper_parameters, [
    { name: "learning_rate", value: "2e-05" },
    { name: "train_batch_size", value: "16" },
    { name: "num_epochs", value: "3" },
  ]);
  assert.deepEqual(rec.fields.evaluation, [
    { metric: "Exact Match", dataset: "", result: "80.1" },
    { metric: "F1", dataset: "", result: "87.6" },
  ]);
  assert.equal(rec.fields.hardware, "8x A100 80GB", "a placeholder Hardware Type line is skipped");
  assert.equal(rec.fields.carbon_emitted, "12.5 kg CO2eq");
  assert.equal(rec.sources?.hyper_parameters, "table");
});

Deno.test("heuristic: base model wording; a tokenizer's origin is not the base model", () => {
  const base = (text: string) => extractHeuristic("o/m", parseCard(text)).fields.base_model;
  assert.equal(
    base("It was built by finetuning [MPT-30B](https://huggingface.co/mosaicml/mpt-30b) on chats."),
    "mosaicml/mpt-30b",
  );
  assert.equal(
    base("The tokenizer is based on [NeoX](https://huggingface.co/EleutherAI/gpt-neox-20b)."),
    undefined,
  );
  assert.equal(
    base("A GPTQ model files for [Llama 2 7B](https://huggingface.co/meta-llama/Llama-2-7b-hf)."),
    "meta-llama/Llama-2-7b-hf",
  );
});

Deno.test("heuristic: a comparison table gives only this model's row", () => {
  const text = "## Results\n| model | top1 | top5 |\n|---|---|---|\n| resnet101.a1_in1k | 82.1 | 95.8 |\n" +
    "| resnet50.a1_in1k | 80.38 | 94.6 |\n";
  assert.deepEqual(extractHeuristic("timm/resnet50.a1_in1k", parseCard(text)).fields.evaluation, [
    { metric: "top1", dataset: "resnet50.a1_in1k", result: "80.38" },
    { metric: "top5", dataset: "resnet50.a1_in1k", result: "94.6" },
  ]);
  assert.equal((extractHeuristic("o/other", parseCard(text)).fields.evaluation as unknown[]).length, 4);
});

Deno.test("heuristic: parameter counts in their many spellings", () => {
  const count = (text: string, id = "o/m") => extractHeuristic(id, parseCard(text)).fields.parameter_count;
  assert.equal(count("A 1.3 billion parameter model."), "1.3B");
  assert.equal(count("- Params (M): 25.6"), "25.6M");
  assert.equal(count("| Hyperparameter | Value |\n|---|---|\n| n_parameters | 29.95B |"), "29.95B");
  assert.equal(
    count("| Size | Parameters |\n|---|---|\n| tiny | 39 M |\n| base | 74 M |", "openai/whisper-base"),
    "74M",
  );
  assert.equal(count("Trained for 7 epochs with batch size 32."), undefined);
  // yinan cards: cerebras/Cerebras-GPT-111M, HuggingFaceH4/zephyr-orpo-141b, amd/AMD-Llama-135m,
  // CarperAI/stable-vicuna-13b-delta, ali-vilab/modelscope-damo-text-to-video-synthesis
  assert.equal(count("A version of Cerebras-GPT with **111M** parameters."), "111M");
  assert.equal(count("A MoE model with 141B total parameters and 39B active parameters."), "141B");
  assert.equal(count("| Model | AMD-Llama-135m |\n|---|---|\n| Parameter Size | 135M |"), "135M");
  assert.equal(count("| Hyperparameter | Value |\n|---|---|\n| \\(n_\\text{parameters}\\) | 13B |"), "13B");
  assert.equal(count("The overall model parameters are about 1.7 billion."), "1.7B");
  const family = "Llama 3 comes in 70B parameters and 8B parameters sizes.";
  assert.equal(count(family, "o/Meta-Llama-3-8B-Instruct-GGUF"), "8B", "the size the id names");
  assert.equal(count(family, "o/llama-3"), "70B", "else the first");
});

Deno.test("heuristic: AutoTrain's CO2 line; grant and formats are filled", () => {
  const rec = extractHeuristic(
    "o/m",
    parseCard(
      "- Problem type: Binary Classification\n- CO2 Emissions (in grams): 5.527544460835904\n\n" +
        "**Input** Models input text only.\n\n**Output** Models generate text only.\n\n- **Funded by:** NSF\n",
    ),
  );
  assert.equal(rec.fields.carbon_emitted, "5.527544460835904 g CO2eq");
  assert.equal(rec.fields.input_format, "Models input text only.");
  assert.equal(rec.fields.output_format, "Models generate text only.");
  assert.equal(rec.fields.grant, "NSF");
  assert.equal(rec.sources?.grant, "pattern");
});

Deno.test("heuristic: usage code names libraries, frameworks and the task; nothing found is left out", () => {
  const rec = extractHeuristic(
    "o/m",
    parseCard(
      "## How to use\n```python\nimport torch\nfrom transformers import pipeline\np = pipeline('summarization')\n```\n",
    ),
  );
  assert.deepEqual(rec.fields.libraries, ["transformers"]);
  assert.deepEqual(rec.fields.frameworks, ["pytorch"]);
  assert.deepEqual(rec.fields.model_task, ["summarization"]);
  assert.deepEqual(rec.fields.domain, ["natural-language-processing"]);
  assert.match(String(rec.fields.demo), /^import torch/);
  assert.equal("license" in rec.fields, false);
  assert.deepEqual(extractHeuristic("o/empty", parseCard("")).fields, {});
});

Deno.test({
  name: "heuristic: real card (tiiuae/falcon-7b-instruct)",
  ignore: noSharedData,
  async fn() {
    const rec = extractHeuristic(
      "tiiuae/falcon-7b-instruct",
      parseCard((await groundTruthCard("tiiuae/falcon-7b-instruct")).text),
    );
    assert.equal(rec.fields.parameter_count, "7B");
    assert.equal(rec.fields.base_model, "tiiuae/falcon-7b");
    assert.match(String(rec.fields.hardware), /32 A100 40GB GPUs/);
    assert.deepEqual(rec.fields.datasets, ["tiiuae/falcon-refinedweb"]);
    assert.match(
      String(rec.fields.limitation_and_bias),
      /^Falcon-7B-Instruct is mostly trained on English data/,
    );
    assert.ok((rec.fields.paper as string[]).includes("https://arxiv.org/abs/2205.14135"));
  },
});

Deno.test({
  name: "heuristic: deterministic on every ground-truth card",
  ignore: noSharedData,
  async fn() {
    for (const c of await groundTruthCards()) {
      const a = extractHeuristic(c.model_id, parseCard(c.text));
      const b = extractHeuristic(c.model_id, parseCard(c.text));
      assert.deepEqual(a, b, c.model_id);
      assert.equal(a.model_id, c.model_id);
    }
  },
});

Deno.test({
  name: "heuristic: grant and formats on mctidy's 48 cards are backed by its manually corrected checklists",
  ignore: noSharedData,
  async fn() {
    // asgaardlab-mctidy: 4_corrected_info_list.md is a human-checked list of the facts each card states
    const root = join(SHARED_DATA!, "asgaardlab-mctidy", "verified_model_cards");
    const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);
    let found = 0;
    for await (const c of (await openCards(root)).cards) {
      const rec = extractHeuristic(c.model_id, parseCard(c.text));
      const facts = words(
        await Deno.readTextFile(join(root, c.model_id.replace("/", "@"), "4_corrected_info_list.md")),
      );
      for (const field of ["grant", "input_format", "output_format"] as const) {
        const value = rec.fields[field];
        if (typeof value !== "string") continue;
        found++;
        const mine = [...words(value)];
        const backed = mine.filter((w) => facts.has(w)).length / mine.length;
        assert.ok(backed >= 0.75, `${c.model_id} ${field}: "${value}" is not in the checklist (${backed})`);
      }
    }
    assert.ok(found >= 18, `${found} values found (20 when written)`);
  },
});
