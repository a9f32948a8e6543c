import assert from "node:assert/strict";
import { parseCard } from "../../lib/cards/parse.ts";
import { extractHeuristic } from "../../lib/extract/heuristic.ts";
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
  const family = "Llama 3 comes in 70B parameters and 8B parameters sizes.";
  assert.equal(count(family, "o/Meta-Llama-3-8B-Instruct-GGUF"), "8B", "the size the id names");
  assert.equal(count(family, "o/llama-3"), "70B", "else the first");
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
