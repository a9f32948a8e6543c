/**
 * A synthetic but realistic GitHub for discovery tests: a few hundred repositories (names, stars, licenses,
 * dates, default branches spread as on GitHub) whose Python files load models the way real projects do
 * (transformers, timm, spaCy, sentence-transformers, torch.hub, diffusers, PEFT), plus decoys that code search
 * must not return. Every file records the signatures it was written to match, which is the truth the tests
 * compare a harvest with. `transformers.from_pretrained` matches more than 1,000 files, so its search must be
 * split by size. Generated from a seed: the same fixture every time.
 *
 * @module
 */
import type { CodeFile, FixtureRepo, GitHubFixture } from "../../lib/testing/github_fixture.ts";
import { seededRandom } from "../../lib/testing/seeded_random.ts";

/** A fixture and, per signature id, the `owner/name:path`s that its search must find. */
export interface DiscoveryFixture {
  fixture: GitHubFixture;
  truth: Map<string, Set<string>>;
}

interface Template {
  signatures: string[];
  weight: number;
  dir: string;
  text: (model: string, rnd: () => number) => string;
}

const HF_MODELS = [
  "bert-base-uncased",
  "gpt2",
  "roberta-base",
  "distilbert-base-uncased-finetuned-sst-2-english",
  "facebook/bart-large-cnn",
  "google/flan-t5-base",
  "microsoft/resnet-50",
  "openai/clip-vit-base-patch32",
  "meta-llama/Llama-2-7b-hf",
  "xlm-roberta-large",
];

const TEMPLATES: Template[] = [
  {
    signatures: ["transformers.from_pretrained"],
    weight: 56,
    dir: "src",
    text: (m) =>
      `import torch\nfrom transformers import AutoModel, AutoTokenizer\n\nMODEL = "${m}"\n\n\n` +
      `def load():\n    tokenizer = AutoTokenizer.from_pretrained(MODEL)\n` +
      `    model = AutoModel.from_pretrained(MODEL)\n    return tokenizer, model.eval()\n`,
  },
  {
    signatures: ["transformers.from_pretrained", "peft.from_pretrained"],
    weight: 8,
    dir: "finetune",
    text: (m) =>
      `from transformers import AutoModelForCausalLM\nfrom peft import PeftModel\n\n` +
      `base = AutoModelForCausalLM.from_pretrained("${m}")\n` +
      `model = PeftModel.from_pretrained(base, "tloen/alpaca-lora-7b")\n`,
  },
  {
    signatures: ["transformers.pipeline"],
    weight: 10,
    dir: "app",
    text: (m) =>
      `from transformers import pipeline\n\nclassifier = pipeline("text-classification", model="${m}")\n` +
      `print(classifier("ptmscope is a toolkit"))\n`,
  },
  {
    signatures: ["timm.create_model"],
    weight: 6,
    dir: "vision",
    text: (_, r) =>
      `import timm\n\nmodel = timm.create_model("${
        pick(["resnet50", "vit_base_patch16_224", "efficientnet_b0"], r)
      }", ` +
      `pretrained=True)\nmodel.eval()\n`,
  },
  {
    signatures: ["spacy.load"],
    weight: 5,
    dir: "nlp",
    text: (_, r) =>
      `import spacy\n\nnlp = spacy.load("${pick(["en_core_web_trf", "de_core_news_sm"], r)}")\n` +
      `doc = nlp("Apple is looking at buying a U.K. startup")\n`,
  },
  {
    signatures: ["spacy.package.load"],
    weight: 2,
    dir: "nlp",
    text: () => `import en_core_web_sm\n\nnlp = en_core_web_sm.load()\n`,
  },
  {
    signatures: ["sentence_transformers.SentenceTransformer"],
    weight: 5,
    dir: "search",
    text: () =>
      `from sentence_transformers import SentenceTransformer\n\n` +
      `encoder = SentenceTransformer("all-MiniLM-L6-v2")\nvectors = encoder.encode(["a", "b"])\n`,
  },
  {
    signatures: ["torch.hub.load"],
    weight: 4,
    dir: "models",
    text: (_, r) =>
      `import torch\n\nmodel = torch.hub.load("pytorch/vision:v0.10.0", "${
        pick(["resnet18", "alexnet"], r)
      }", ` +
      `pretrained=True)\n`,
  },
  {
    signatures: ["diffusers.from_pretrained"],
    weight: 3,
    dir: "gen",
    text: () =>
      `from diffusers import DiffusionPipeline\n\n` +
      `pipe = DiffusionPipeline.from_pretrained("runwayml/stable-diffusion-v1-5")\n`,
  },
  {
    // mentions a library without loading anything: no signature's query matches it
    signatures: [],
    weight: 3,
    dir: "utils",
    text: () =>
      `# TODO: compare with transformers and timm baselines\n\n\ndef add(a, b):\n    return a + b\n`,
  },
];

const OWNERS = ["ml-lab", "nlp-group", "vision-team", "alice", "bob-dev", "deep-org", "kaist-ai", "tum-nlp"];
const NOUNS = ["classifier", "summarizer", "chatbot", "detector", "search", "tagger", "captioner", "qa"];
const LICENSES: (FixtureRepo["license"])[] = [
  { key: "mit", name: "MIT License", spdx_id: "MIT" },
  { key: "apache-2.0", name: "Apache License 2.0", spdx_id: "Apache-2.0" },
  { key: "bsd-3-clause", name: 'BSD 3-Clause "New" or "Revised" License', spdx_id: "BSD-3-Clause" },
  { key: "gpl-3.0", name: "GNU General Public License v3.0", spdx_id: "GPL-3.0" },
  { key: "other", name: "Other", spdx_id: "NOASSERTION" },
  null,
  null,
];

/**
 * Builds the fixture: `repos` repositories with 2 to 9 Python files each.
 *
 * @example
 * ```ts
 * const { fixture, truth } = discoveryFixture(340);
 * truth.get("transformers.from_pretrained")!.size; // > 1000
 * ```
 */
export function discoveryFixture(repos = 340, seed = 7): DiscoveryFixture {
  const rnd = seededRandom(seed);
  const truth = new Map<string, Set<string>>();
  const out: FixtureRepo[] = [];
  const code: CodeFile[] = [];
  const total = TEMPLATES.reduce((n, t) => n + t.weight, 0);
  for (let i = 0; i < repos; i++) {
    const full = `${OWNERS[i % OWNERS.length]}/${NOUNS[Math.floor(i / OWNERS.length) % NOUNS.length]}-${i}`;
    const created = Date.UTC(2016, 0, 1) + Math.floor(rnd() * 7 * 365) * 86_400_000;
    const pushed = created + Math.floor(rnd() * 700) * 86_400_000;
    const branch = rnd() < 0.8 ? "main" : "master";
    out.push({
      full_name: full,
      id: 100_000 + i,
      // stars and forks follow a heavy tail, as on GitHub
      stargazers_count: Math.floor(1 / (rnd() ** 1.5 + 0.0005)) - 1,
      forks_count: Math.floor(1 / (rnd() ** 1.2 + 0.002)) - 1,
      license: pick(LICENSES, rnd),
      created_at: iso(created),
      pushed_at: iso(pushed),
      default_branch: branch,
      issues: {
        open: Math.floor(rnd() ** 2 * 60),
        closed: Math.floor(rnd() ** 2 * 400),
        openPulls: Math.floor(rnd() ** 3 * 20),
        closedPulls: Math.floor(rnd() ** 2 * 300),
      },
      files: {
        [branch]: {
          "README.md": `# ${
            full.split("/")[1]
          }\n\nUses transformers: \`AutoModel.from_pretrained("gpt2")\`.\n`,
          "requirements.txt": "torch\ntransformers\n",
        },
      },
    });
    const files = 2 + Math.floor(rnd() * 8);
    for (let f = 0; f < files; f++) {
      let w = rnd() * total;
      const t = TEMPLATES.find((t) => (w -= t.weight) < 0) ?? TEMPLATES[0];
      const text = t.text(pick(HF_MODELS, rnd), rnd);
      const path = `${t.dir}/${f === 0 ? "main" : `part_${f}`}.py`;
      // sizes spread log-uniformly from the head's length to 60 KB, so that size ranges split them
      const size = Math.max(text.length + 1, Math.floor(200 * 300 ** rnd()));
      code.push({ repo: full, path, text, size });
      for (const s of t.signatures) {
        if (!truth.has(s)) truth.set(s, new Set());
        truth.get(s)!.add(`${full}:${path}`);
      }
    }
  }
  return { fixture: { repos: out, code }, truth };
}

function pick<T>(items: T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
