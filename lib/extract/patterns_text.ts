/**
 * Text patterns for the descriptive fields of a card: license sentences, the model's GitHub repository and
 * papers (from its links), the base model ("a fine-tuned version of X"), training datasets ("trained on the X
 * dataset"), a demo, the limitations section, and what the usage snippets import and call.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";

const LICENSES: readonly [RegExp, string][] = [
  [/apache(?:[\s-]*license)?[\s,-]*(?:version\s*)?2(?:\.0)?/i, "apache-2.0"],
  [/\bmit\b(?:\s+license)?/i, "mit"],
  [/cc[\s-]by[\s-]nc[\s-]sa[\s-]4\.0/i, "cc-by-nc-sa-4.0"],
  [/cc[\s-]by[\s-]nc[\s-]4\.0/i, "cc-by-nc-4.0"],
  [/cc[\s-]by[\s-]sa[\s-]4\.0/i, "cc-by-sa-4.0"],
  [/cc[\s-]by[\s-]4\.0/i, "cc-by-4.0"],
  [/creativeml[\s-]openrail[\s-]m/i, "creativeml-openrail-m"],
  [/\bbsd[\s-]3/i, "bsd-3-clause"],
  [/\bgpl[\s-]?v?3|gnu general public license v(?:ersion )?3/i, "gpl-3.0"],
  [/llama\s?2 community license/i, "llama2"],
];
const LICENSE_SENTENCE =
  /(?:licen[cs]e[ds]?\s*(?:\*\*)?\s*:|licen[cs]ed under|released under|available under|under the terms of)\s*(?:\*\*)?\s*(?:the\s+)?([^\n]{2,80})/i;

/**
 * The license a card states in its text ("License: MIT", "released under the Apache 2.0 license"), as a Hugging
 * Face license id when known, else "".
 *
 * @example
 * ```ts
 * licenseFromText("It is made available under the Apache 2.0 license."); // "apache-2.0"
 * ```
 */
export function licenseFromText(body: string): string {
  const m = LICENSE_SENTENCE.exec(body);
  if (!m) return "";
  for (const [re, id] of LICENSES) if (re.test(m[1])) return id;
  return "";
}

// Repositories a card links to as tools, not as the model's own code.
const TOOL_REPOS =
  /^(?:huggingface|pytorch|tensorflow|google\/jax|openai\/triton|microsoft\/deepspeed|nvidia\/apex|ggerganov|mlco2|facebookresearch\/xformers|dao-ailab\/flash-attention|hazyresearch\/flash-attention|timdettmers\/bitsandbytes|oobabooga|lm-sys\/fastchat|eleutherai\/lm-evaluation-harness|tatsu-lab\/stanford_alpaca)/i;

/**
 * The model's own GitHub repository among the card's links: one owned by the model's owner, else the first that
 * is not a well-known tool (transformers, triton, DeepSpeed, ...). "" when none.
 *
 * @example
 * ```ts
 * githubRepoOf("salesforce/codet5-base", ["huggingface/transformers", "salesforce/CodeT5"]);
 * // "https://github.com/salesforce/CodeT5"
 * ```
 */
export function githubRepoOf(modelId: string, repos: readonly string[]): string {
  const owner = modelId.split("/")[0].toLowerCase();
  const own = repos.find((r) => r.split("/")[0].toLowerCase() === owner);
  const pick = own ?? repos.find((r) => !TOOL_REPOS.test(r));
  return pick ? `https://github.com/${pick}` : "";
}

// Papers every generated card cites that do not describe the model: the ML CO2 impact calculator (template).
const TEMPLATE_PAPERS = new Set(["1910.09700"]);

/**
 * The card's papers as arXiv abstract URLs, the template's citations left out.
 *
 * @example
 * ```ts
 * papersOf(["2306.01116", "1910.09700"]); // ["https://arxiv.org/abs/2306.01116"]
 * ```
 */
export function papersOf(arxivIds: readonly string[]): string[] {
  return arxivIds.filter((id) => !TEMPLATE_PAPERS.has(id)).slice(0, 5).map((id) =>
    `https://arxiv.org/abs/${id}`
  );
}

const DERIVED =
  /(?:fine-?tuned|finetuned|trained|quantized|quantised|distilled|adapted|converted|merged|initiali[sz]ed)\s+(?:\w+\s+){0,2}?(?:version\s+of|from|on top of|of)\s+|based\s+on\s+|\b(?:by|via|through)\s+(?:fine-?tuning|finetuning|distilling|quanti[sz]ing)\s+|(?:GGUF|GPTQ|AWQ)\s+(?:format\s+)?(?:model\s+)?files\s+for\s+/gi;
const HF_MODEL_LINK =
  /^\s*(?:the\s+)?\[[^\]]*\]\(https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/([\w.-]+\/[\w.-]+|[\w.-]+)\/?\)/i;
const NAME =
  /^\s*(?:the\s+)?(?:model\s+)?\[?`?((?:[\w.-]+\/)?[\w.-]*\d[\w.-]*|[\w.-]+\/[\w.-]+|[\w]+-[\w.-]+)`?\]?/;

/**
 * The model this one derives from, by the wording of its card ("a fine-tuned version of [X](https://huggingface.co/X)",
 * "based on Falcon-7B", "built by finetuning X"; not "its tokenizer is based on X"): the linked Hugging Face id,
 * else the name written. "" when none.
 *
 * @example
 * ```ts
 * baseModelFromText("This model is a fine-tuned version of [distilbert-base-uncased](https://huggingface.co/distilbert-base-uncased) on squad.");
 * // "distilbert-base-uncased"
 * ```
 */
export function baseModelFromText(body: string): string {
  for (const m of body.matchAll(DERIVED)) {
    // "the tokenizer is based on X" says nothing of the weights
    if (/tokeni[sz]er\W[^.\n]{0,40}$/i.test(body.slice(Math.max(0, m.index! - 50), m.index!))) continue;
    const after = body.slice(m.index! + m[0].length, m.index! + m[0].length + 300);
    const link = HF_MODEL_LINK.exec(after);
    if (link && !/^(?:datasets|spaces|docs|blog)\b/.test(link[1])) return link[1];
    const name = NAME.exec(after);
    if (name && !/^(?:the|a|an|top|our|this|data|\d+)$/i.test(name[1])) return name[1].replace(/[.,]+$/, "");
  }
  return "";
}

const DATASET_PHRASE =
  /(?:fine-?tuned|finetuned|trained|pre-?trained)\b(?:[^.\n]|\.(?!\s)){0,200}?\bon\s+(?:the\s+)?\[?([A-Za-z][\w.\-/ ]{1,40}?)\]?(?:\([^)]*\))?\s+(?:dataset|corpus)\b/gi;

/**
 * Training datasets named in the text: Hugging Face dataset links, then "trained on the X dataset" phrases.
 *
 * @example
 * ```ts
 * datasetsFromText("It was fine-tuned on the squad dataset.", []); // ["squad"]
 * ```
 */
export function datasetsFromText(body: string, hfDatasets: readonly string[]): string[] {
  const out = new Set<string>(hfDatasets.filter((d) => !/^huggingface\/documentation-images$/i.test(d)));
  for (const m of body.matchAll(DATASET_PHRASE)) {
    const name = m[1].trim();
    if (!/^(?:a|an|this|our|same|large|mixture|variety|combination|following)\b/i.test(name)) out.add(name);
  }
  return [...out];
}

/**
 * A way to try the model: the first snippet of a usage section ("How to use", "Get started"), else a Space,
 * Colab or demo link, else the first Python snippet that imports something. "" when none.
 *
 * @example
 * ```ts
 * demoOf(parseCard("Try it in [our Space](https://huggingface.co/spaces/o/demo)."));
 * // "https://huggingface.co/spaces/o/demo"
 * ```
 */
export function demoOf(card: ParsedCard): string {
  const snippet = (b: { code: string }) => b.code.trim().slice(0, 1000);
  const getStarted = card.codeBlocks.find((b) => card.sections[b.section]?.canonical === "get_started");
  if (getStarted) return snippet(getStarted);
  const link = card.links.urls.find((u) =>
    /huggingface\.co\/spaces\/|colab\.research\.google\.com|\bdemo\b/i.test(u) &&
    !/\.(?:svg|png|jpe?g|gif)$/i.test(u)
  );
  if (link) return link;
  const any = card.codeBlocks.find((b) => /^(?:python|py|)$/.test(b.lang) && /\bimport\s/.test(b.code));
  return any ? snippet(any) : "";
}

/**
 * The card's limitations, biases and risks section, markdown reduced to text (at most 1,500 characters). ""
 * when the card has none or only placeholders.
 *
 * @example
 * ```ts
 * limitationsOf(parseCard("## Limitations\nMostly English.")); // "Mostly English."
 * ```
 */
export function limitationsOf(card: ParsedCard): string {
  const c = card.canonical.limitations;
  if (!c.documented) return "";
  return c.text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_#>`]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 1500);
}

/** What a card's code snippets show about the model. */
export interface CodeHints {
  libraries: string[];
  frameworks: string[];
  tasks: string[];
}

const IMPORTS: readonly [RegExp, string][] = [
  [/\b(?:from|import)\s+transformers\b|\bAutoModel|\bAutoTokenizer\b/, "transformers"],
  [/\b(?:from|import)\s+diffusers\b|DiffusionPipeline\b/, "diffusers"],
  [/\b(?:from|import)\s+timm\b/, "timm"],
  [/\b(?:from|import)\s+sentence_transformers\b/, "sentence-transformers"],
  [/\b(?:from|import)\s+peft\b/, "peft"],
  [/\b(?:from|import)\s+(?:flair)\b/, "flair"],
  [/\b(?:from|import)\s+(?:spacy)\b/, "spacy"],
  [/\b(?:from|import)\s+(?:open_clip)\b/, "open_clip"],
  [/\b(?:from|import)\s+(?:speechbrain)\b/, "speechbrain"],
  [/\b(?:from|import)\s+(?:fairseq)\b/, "fairseq"],
  [/\b(?:from|import)\s+(?:setfit)\b/, "setfit"],
];
const FRAMEWORK_IMPORTS: readonly [RegExp, string][] = [
  [/\bimport\s+torch\b|\bfrom\s+torch\b|\btorch\.|return_tensors\s*=\s*["']pt["']/, "pytorch"],
  [/\bimport\s+tensorflow\b|\bTFAuto\w+|\bTF[A-Z]\w+For\w+|return_tensors\s*=\s*["']tf["']/, "tensorflow"],
  [/\bimport\s+jax\b|\bFlax\w+|return_tensors\s*=\s*["']jax["']/, "jax"],
];
const PIPELINE = /\bpipeline\(\s*(?:task\s*=\s*)?["']([a-z0-9-]+)["']/g;
const AUTO_CLASS: Readonly<Record<string, string>> = {
  CausalLM: "text-generation",
  Seq2SeqLM: "text2text-generation",
  SequenceClassification: "text-classification",
  TokenClassification: "token-classification",
  QuestionAnswering: "question-answering",
  MaskedLM: "fill-mask",
  ImageClassification: "image-classification",
  ObjectDetection: "object-detection",
  SpeechSeq2Seq: "automatic-speech-recognition",
  CTC: "automatic-speech-recognition",
  ConditionalGeneration: "",
};
const AUTO =
  /\b(?:TF|Flax)?[A-Z]\w*?(?:Model)?For(CausalLM|Seq2SeqLM|SequenceClassification|TokenClassification|QuestionAnswering|MaskedLM|ImageClassification|ObjectDetection|SpeechSeq2Seq|CTC|ConditionalGeneration)\b/g;
// Pipelines and model classes that name their task themselves.
const CLASS_TASKS: readonly [RegExp, string][] = [
  [/\bWhisperForConditionalGeneration\b/, "automatic-speech-recognition"],
  [/\bVisionEncoderDecoderModel\b|\bBlipForConditionalGeneration\b/, "image-to-text"],
  [/\b(?:StableDiffusion(?:XL)?|Flux|Kandinsky\w*|IF)Pipeline\b/, "text-to-image"],
  [/ForConditionalGeneration\b/, "text2text-generation"],
];

/**
 * Libraries, frameworks and tasks the card's code blocks use (`from transformers import`, `import torch`,
 * `pipeline("text-generation")`, `AutoModelForCausalLM`).
 *
 * @example
 * ```ts
 * codeHints(parseCard("```python\nimport torch\nfrom transformers import pipeline\npipe = pipeline('summarization')\n```"));
 * // { libraries: ["transformers"], frameworks: ["pytorch"], tasks: ["summarization"] }
 * ```
 */
export function codeHints(card: ParsedCard): CodeHints {
  const code = card.codeBlocks.map((b) => b.code).join("\n");
  const libraries = IMPORTS.filter(([re]) => re.test(code)).map(([, name]) => name);
  const frameworks = FRAMEWORK_IMPORTS.filter(([re]) => re.test(code)).map(([, name]) => name);
  const tasks = new Set<string>();
  for (const m of code.matchAll(PIPELINE)) tasks.add(m[1]);
  if (tasks.size === 0) {
    for (const m of code.matchAll(AUTO)) {
      const task = AUTO_CLASS[m[1]];
      if (task) tasks.add(task);
    }
  }
  if (tasks.size === 0) {
    const hit = CLASS_TASKS.find(([re]) => re.test(code));
    if (hit) tasks.add(hit[1]);
  }
  return { libraries, frameworks, tasks: [...tasks] };
}
