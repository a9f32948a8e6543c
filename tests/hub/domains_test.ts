import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  HF_DOMAINS_PAPER,
  HF_DOMAINS_RL_SEPARATE,
  HF_TASKS_ADDED_SINCE_PAPER,
  hfDomainsCleanRule,
  hfDomainsPaperRule,
  PAPER_DOMAINS,
  paperRuleArtefacts,
  pytorchDomainsPaperRule,
  RL_SEPARATE_DOMAINS,
} from "../../lib/hub/domains.ts";
import { HF_PIPELINE_TASKS } from "../../lib/sources/hf_tasks.ts";
import { emptyTable } from "../../lib/store/conform.ts";

// Each row exercises one case of the paper's rule; the expected domain was worked out by hand from fig8.ipynb.
const CASES: [string[], string | null, string | null][] = [
  // tags, pipeline_tag, domain by the paper's rule
  [["transformers", "text2text-generation"], "text2text-generation", "NLP"],
  // `text-generation-inference` contains the task `text-generation`: a vision-language model turns NLP
  [["text-generation-inference", "llava", "region:us"], "image-text-to-text", "NLP"],
  // sentence embeddings: feature-extraction (Multimodal) + sentence-similarity (NLP) → two domains → Multimodal
  [
    ["sentence-transformers", "feature-extraction", "sentence-similarity"],
    "sentence-similarity",
    "Multimodal",
  ],
  // `visual-question-answering` contains `question-answering`: Multimodal + NLP → Multimodal
  [["vilt"], "visual-question-answering", "Multimodal"],
  // Other counts as a domain in the HF rule: reinforcement learning + an NLP task → Multimodal
  [["reinforcement-learning", "text-classification"], null, "Multimodal"],
  [
    ["stable-baselines3", "deep-reinforcement-learning", "reinforcement-learning"],
    "reinforcement-learning",
    "Other",
  ],
  // prefixed tags are not tested: a dataset named like a task does not make a model NLP
  [["dataset:imdb-text-classification", "license:mit"], null, null],
  // the pipeline tag alone is enough
  [[], "automatic-speech-recognition", "Audio"],
  // matched within a tag, not across two: "text" and "generation" are not "text-generation"
  [["text", "generation"], null, null],
  [["image-classification", "timm"], null, "Computer Vision"],
];

const cases = () =>
  pl.DataFrame({
    id: CASES.map((_, i) => `m${i}`),
    tags: pl.Series("tags", CASES.map((c) => c[0]), pl.List(pl.String)),
    pipeline_tag: pl.Series("pipeline_tag", CASES.map((c) => c[1]), pl.String),
  });

Deno.test("hfDomainsPaperRule() reproduces fig8.ipynb: substring match, two or more domains → Multimodal", () => {
  const out = hfDomainsPaperRule(cases());
  assert.deepEqual(out.getColumn("domain").toArray(), CASES.map((c) => c[2]));
  assert.deepEqual(out.columns, ["id", "tags", "pipeline_tag", "domain", "tag_string"]);
  assert.equal(out.getColumn("tag_string").get(6), "", "prefixed tags only: not tagged in the paper's sense");
  assert.equal(out.getColumn("tag_string").get(7), "automatic-speech-recognition");
});

Deno.test("hfDomainsPaperRule() with RL separate: reinforcement learning is its own domain", () => {
  const out = hfDomainsPaperRule(cases(), HF_DOMAINS_RL_SEPARATE).getColumn("domain").toArray();
  assert.equal(out[5], "Reinforcement Learning");
  assert.equal(out[4], "Multimodal", "RL + NLP still match two domains");
});

Deno.test("hfDomainsPaperRule() replaces an existing domain column and keeps the row order", () => {
  const again = hfDomainsPaperRule(hfDomainsCleanRule(cases()));
  assert.deepEqual(again.getColumn("domain").toArray(), CASES.map((c) => c[2]));
  assert.deepEqual(again.getColumn("id").toArray(), CASES.map((_, i) => `m${i}`));
});

Deno.test("hfDomainsCleanRule() maps the pipeline tag alone, exactly, with HF's newer tasks", () => {
  assert.deepEqual(hfDomainsCleanRule(cases()).getColumn("domain").toArray(), [
    "NLP",
    "Multimodal", // image-text-to-text, added since the paper
    "NLP", // sentence-similarity: its feature-extraction tag no longer matters
    "Multimodal",
    null, // no pipeline tag
    "Other",
    null,
    "Audio",
    null,
    null, // image-classification only as a tag
  ]);
  assert.equal(
    hfDomainsCleanRule(cases(), HF_DOMAINS_PAPER, { addedTasks: false }).getColumn("domain").get(1),
    null,
  );
  assert.equal(
    hfDomainsCleanRule(cases(), HF_DOMAINS_RL_SEPARATE).getColumn("domain").get(5),
    "Reinforcement Learning",
  );
});

Deno.test("the domain rules work on an empty canonical models table", () => {
  for (const out of [hfDomainsPaperRule(emptyTable("models")), hfDomainsCleanRule(emptyTable("models"))]) {
    assert.equal(out.height, 0);
    assert.equal(out.getColumn("domain").dtype.variant, "String");
  }
});

Deno.test("pytorchDomainsPaperRule() drops Other, then none → Other, two or more → Multimodal", () => {
  const models = pl.DataFrame({
    tags: pl.Series("tags", [
      ["vision", "researchers", "cuda"],
      ["researchers", "cuda-optional", "nlp"],
      ["scriptable", "quantization"],
      ["audio", "vision"],
      ["vision", "video"],
      [],
    ], pl.List(pl.String)),
  });
  assert.deepEqual(pytorchDomainsPaperRule(models).getColumn("domain").toArray(), [
    "Computer Vision",
    "NLP",
    "Other",
    "Multimodal",
    "Computer Vision", // vision and video are both Computer Vision: one domain
    null, // untagged models were not in the paper's query
  ]);
});

Deno.test("the task lists: five paper domains, six with RL, every task a known HF pipeline task", () => {
  assert.deepEqual(Object.keys(HF_DOMAINS_PAPER).sort(), [...PAPER_DOMAINS].sort());
  assert.deepEqual(Object.keys(HF_DOMAINS_RL_SEPARATE).sort(), [...RL_SEPARATE_DOMAINS].sort());
  const all = (g: Record<string, readonly string[]>) => Object.values(g).flat().sort();
  assert.deepEqual(all(HF_DOMAINS_RL_SEPARATE), all(HF_DOMAINS_PAPER), "the same tasks, regrouped");
  assert.equal(all(HF_DOMAINS_PAPER).length, 41);
  for (const task of [...all(HF_DOMAINS_PAPER), ...Object.keys(HF_TASKS_ADDED_SINCE_PAPER)]) {
    assert.ok(HF_PIPELINE_TASKS.has(task), task);
  }
});

Deno.test("paperRuleArtefacts() counts the text-generation-inference and embedding-model artefacts", () => {
  const out = paperRuleArtefacts(hfDomainsPaperRule(cases()), hfDomainsCleanRule(cases()));
  // case 1: NLP by the paper's rule through text-generation-inference, Multimodal by its pipeline tag;
  // case 2: a sentence-similarity model made Multimodal
  assert.deepEqual(out.toRecords().map((r) => r.models), [1, 1]);
});
