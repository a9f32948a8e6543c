import assert from "node:assert/strict";
import {
  baseModelScore,
  datasetsScore,
  demoScore,
  evaluationScore,
  githubScore,
  hyperParametersScore,
  keySetScore,
  licenseScore,
  paperScore,
  parameterCountScore,
  setF1,
  textScore,
} from "../../lib/extract/evaluate_rules.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

Deno.test("rules: set F1 rewards overlap and punishes extras and misses", () => {
  close(setF1(["a", "b"], ["a"], (x, y) => x === y), 2 / 3);
  close(setF1(["a"], ["a", "b", "c", "d"], (x, y) => x === y), 0.4);
  assert.equal(setF1([], [], () => true), 1);
  assert.equal(setF1(["a"], [], () => true), 0);
  assert.equal(setF1([], ["a"], () => true), 0);
  // one prediction cannot match two truth items
  close(setF1(["x", "x"], ["x"], (a, b) => a === b), 2 / 3);
});

Deno.test("rules: keys ignore case, spaces, hyphens and underscores, not the words", () => {
  assert.equal(keySetScore(["text generation"], ["text-generation"]), 1);
  assert.equal(keySetScore(["image_classification"], ["image-classification"]), 1);
  assert.equal(keySetScore(["sentence transformers", "pytorch"], ["pytorch", "sentence-transformers"]), 1);
  assert.equal(keySetScore(["text generation"], ["text2text-generation"]), 0);
});

Deno.test("rules: datasets match across URL, id, version spellings and owners", () => {
  assert.equal(
    datasetsScore(["https://huggingface.co/datasets/tiiuae/falcon-refinedweb"], ["tiiuae/falcon-refinedweb"]),
    1,
  );
  assert.equal(datasetsScore(["SQuAD 2.0"], ["squad_v2"]), 1);
  assert.equal(datasetsScore(["tatsu-lab/alpaca"], ["alpaca"]), 1);
  assert.equal(datasetsScore(["squad"], ["squad_v2"]), 0, "SQuAD 1 is not SQuAD 2");
  assert.equal(datasetsScore(["imagenet-1k"], ["imagenet-21k"]), 0);
  assert.equal(datasetsScore(["SROIE dataset"], ["SROIE"]), 1);
  assert.equal(datasetsScore(["CodeSearchNet[https://arxiv.org/abs/1909.09436]"], ["code_search_net"]), 1);
  assert.equal(
    datasetsScore(["https://github.blog/x-codesearchnet-challenge/ (code_search_net)"], ["code_search_net"]),
    1,
  );
  assert.equal(datasetsScore(["CodeSearchNet[https://arxiv.org/abs/1909.09436]"], ["squad"]), 0);
});

Deno.test("rules: licenses, GitHub repositories and papers", () => {
  assert.equal(licenseScore("CC BY 4.0", "cc-by-4.0"), 1);
  assert.equal(licenseScore("apache-2.0", "Apache License 2.0"), 1);
  assert.equal(licenseScore("cc-by-4.0", "cc-by-nc-4.0"), 0);
  assert.equal(licenseScore("", ""), 1);
  assert.equal(licenseScore("mit", ""), 0);
  assert.equal(
    githubScore(
      "https://github.com/facebookresearch/fairseq/tree/main/examples/xlmr",
      "https://github.com/facebookresearch/fairseq",
    ),
    1,
  );
  assert.equal(
    githubScore("https://github.com/mosaicml/llm-foundry/", "https://github.com/mosaicml/composer"),
    0,
  );
  assert.equal(
    paperScore(["https://arxiv.org/pdf/2205.14135.pdf", "https://arxiv.org/abs/2108.12409  "], [
      "https://arxiv.org/abs/2108.12409v2",
      "https://arxiv.org/abs/2205.14135",
    ]),
    1,
  );
  assert.equal(paperScore(["https://www.sciencedirect.com/science/article/pii/S1532046421003129"], []), 0);
});

Deno.test("rules: base models compare as Hugging Face ids, parameter counts numerically", () => {
  assert.equal(baseModelScore("https://huggingface.co/tiiuae/falcon-7b", "tiiuae/falcon-7b"), 1);
  assert.equal(baseModelScore("EleutherAI / pythia-12b-deduped", "EleutherAI/pythia-12b-deduped"), 1);
  assert.equal(baseModelScore("bert-base-cased", "google-bert/bert-base-cased"), 1);
  assert.equal(baseModelScore("tiiuae/falcon-7b", "tiiuae/falcon-40b"), 0);
  assert.equal(parameterCountScore("1.2 B", "1.2B"), 1);
  assert.equal(parameterCountScore("29.95B", "30B"), 1, "within 5%");
  assert.equal(parameterCountScore("7B", "7M"), 0);
  assert.equal(parameterCountScore("84M", "110M"), 0);
  assert.equal(parameterCountScore("", "7B"), 0);
});

Deno.test("rules: hyper-parameters need the same name (through synonyms) and value", () => {
  const truth = [{ name: "epochs", value: "8" }, { name: "learning_rate", value: "6e-6" }];
  assert.equal(
    hyperParametersScore(truth, [{ name: "num_epochs", value: "8" }, {
      name: "learning_rate",
      value: "6e-06",
    }]),
    1,
  );
  close(
    hyperParametersScore(truth, [{ name: "num_epochs", value: "3" }, {
      name: "learning_rate",
      value: "6e-06",
    }]),
    0.5,
  );
  assert.equal(hyperParametersScore(truth, [{ name: "weight_decay", value: "8" }]), 0);
});

Deno.test("rules: evaluation compares reported numbers and links, not metric names", () => {
  const t = (result: string, metric = "") => ({ metric, dataset: "", result });
  assert.equal(evaluationScore([t("42.9486", "ROUGE-1")], [t("42.95", "rouge1")]), 1);
  assert.equal(evaluationScore([t("0.8192")], [t("81.92")]), 1, "a fraction matches its percentage");
  assert.equal(evaluationScore([t("93.1/87.2")], [t("93.1"), t("87.2")]), 1);
  assert.equal(evaluationScore([t("42.9")], [t("44.1")]), 0);
  assert.equal(
    evaluationScore([t("https://object.pouta.csc.fi/x.eval.txt")], [
      t("https://object.pouta.csc.fi/x.eval.txt", "link"),
    ]),
    1,
  );
  assert.equal(evaluationScore([t("complicated")], [t("1.0")]), 1);
  assert.equal(evaluationScore([t("complicated")], []), 0);
  assert.equal(evaluationScore([], []), 1);
});

Deno.test("rules: free text needs half the truth's words; URLs must appear; demos match by kind", () => {
  assert.equal(
    textScore(
      "AWS SageMaker, on 32 A100 40GB GPUs in P4d instances",
      "Falcon was trained on AWS SageMaker, on 32 A100 40GB GPUs in P4d instances.",
    ),
    1,
  );
  assert.equal(textScore("4x Tesla v100", "8x A100"), 0);
  assert.equal(textScore("https://huggingface.co/blog/falcon", "see http://huggingface.co/blog/falcon/"), 1);
  assert.equal(textScore("https://huggingface.co/blog/falcon", "https://huggingface.co/spaces/x"), 0);
  assert.equal(demoScore("Here is how to use this model: ...", "from transformers import pipeline"), 1);
  assert.equal(demoScore("Here is how to use this model: ...", "https://huggingface.co/spaces/o/d"), 0);
  assert.equal(demoScore("https://huggingface.co/spaces/o/d", "https://huggingface.co/spaces/o/d"), 1);
  assert.equal(demoScore("", "import x"), 0);
});
