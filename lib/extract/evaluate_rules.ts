/**
 * The matching rule of each labelled field: how a predicted value is scored against the ground truth, from 0
 * to 1. Every rule scores 1 when both sides are empty (the card documents nothing and the extractor found
 * nothing) and 0 when exactly one is.
 *
 * | field | rule |
 * |---|---|
 * | domain, model_task, frameworks | set F1 on keys (lower case, letters and digits only); frameworks are compared with the prediction's frameworks + libraries |
 * | datasets | set F1; a name with a bracketed part (`X [url]`, `url (X)`) matches by either part; two names match when their keys (Hugging Face URL prefix dropped, `v2`/`2.0` → `2`) are equal, their last path segments are, or one key contains the other (≥ 5 characters) but for no digit (`squad` ≠ `squad_v2`) |
 * | license | keys equal, the word "license" dropped |
 * | github_repo | same `owner/name` (case-insensitive), whatever the URL's deeper path |
 * | paper | set F1 on arXiv ids (abs, pdf and versions alike), else on URLs without scheme |
 * | base_model | Hugging Face prefix dropped; equal keys or equal last path segments |
 * | parameter_count | numbers with their K/M/B/T unit within 5% |
 * | hyper_parameters | set F1 on name=value pairs: names through a synonym table (`num_epochs` = `epochs`), values equal as numbers or as keys |
 * | evaluation | set F1 on reported numbers (0.5% tolerance; a fraction matches its percentage) and links; a truth that is only prose matches any non-empty prediction |
 * | hardware, limitation_and_bias, input_format, output_format | text rule: a truth URL must appear in the prediction; else at least half the truth's words must |
 * | demo | a truth URL must appear in the prediction; a truth snippet or description of one ("Here is how to use this model: ...") matches any prediction that is not a bare URL |
 *
 * @module
 */
import { arxivId, githubRepo } from "../cards/links.ts";
import type { EvaluationResult, HyperParameter } from "./record.ts";

/**
 * Letters and digits only, lower case: the form most rules compare.
 *
 * @example
 * ```ts
 * key("Text_Generation 2.0"); // "textgeneration20"
 * ```
 */
export function key(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * F1 of two lists under a matching predicate; each predicted item matches at most one truth item. 1 when both
 * are empty.
 *
 * @example
 * ```ts
 * setF1(["a", "b"], ["a"], (x, y) => x === y); // 0.667 (precision 1, recall 0.5)
 * ```
 */
export function setF1<T>(truth: readonly T[], pred: readonly T[], same: (t: T, p: T) => boolean): number {
  if (truth.length === 0 && pred.length === 0) return 1;
  if (truth.length === 0 || pred.length === 0) return 0;
  const used = new Set<number>();
  let hits = 0;
  for (const t of truth) {
    const j = pred.findIndex((p, k) => !used.has(k) && same(t, p));
    if (j >= 0) {
      used.add(j);
      hits++;
    }
  }
  if (hits === 0) return 0;
  const precision = hits / pred.length;
  const recall = hits / truth.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Set F1 on {@linkcode key}s, duplicates dropped.
 *
 * @example
 * ```ts
 * keySetScore(["text generation"], ["text-generation"]); // 1
 * ```
 */
export function keySetScore(truth: readonly string[], pred: readonly string[]): number {
  const t = [...new Set(truth.map(key).filter((x) => x))];
  const p = [...new Set(pred.map(key).filter((x) => x))];
  return setF1(t, p, (a, b) => a === b);
}

function datasetKey(s: string): string {
  const path = s.trim().replace(/^https?:\/\/(?:www\.)?huggingface\.co\/datasets\//i, "").replace(/\/+$/, "");
  return key(path.replace(/\.0\b/g, "").replace(/\bv(?=\d)|_v(?=\d)/gi, ""));
}

function lastSegmentKey(s: string): string {
  const parts = s.trim().replace(/\/+$/, "").split("/");
  return datasetKey(parts[parts.length - 1]);
}

/**
 * Dataset lists: see the module table.
 *
 * @example
 * ```ts
 * datasetsScore(["https://huggingface.co/datasets/tiiuae/falcon-refinedweb"], ["tiiuae/falcon-refinedweb"]); // 1
 * datasetsScore(["SQuAD 2.0"], ["squad_v2"]); // 1
 * ```
 */
export function datasetsScore(truth: readonly string[], pred: readonly string[]): number {
  return setF1(
    truth,
    pred,
    (t, p) => alternatives(t).some((a) => alternatives(p).some((b) => sameDataset(a, b))),
  );
}

// "CodeSearchNet[https://arxiv.org/abs/1909.09436]", "https://github.blog/... (code_search_net)": either part
function alternatives(s: string): string[] {
  const m = /^(.+?)\s*[\[(]([^\])]+)[\])]\s*$/.exec(s.trim());
  return m ? [s, m[1], m[2]] : [s];
}

function sameDataset(t: string, p: string): boolean {
  const a = datasetKey(t);
  const b = datasetKey(p);
  if (a === b || (lastSegmentKey(t) !== "" && lastSegmentKey(t) === lastSegmentKey(p))) return true;
  // "SROIE dataset" is SROIE, but "squad_v2" is not "squad" nor "imagenet-1k" "imagenet"
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.includes(short) && !/\d/.test(long.replace(short, ""));
}

/**
 * Licenses: equal keys once "license" is dropped.
 *
 * @example
 * ```ts
 * licenseScore("CC BY 4.0", "cc-by-4.0"); // 1
 * ```
 */
export function licenseScore(truth: string, pred: string): number {
  const k = (s: string) => key(s.replace(/licen[cs]e/gi, ""));
  return bothEmpty(truth, pred) ?? (k(truth) === k(pred) ? 1 : 0);
}

/**
 * GitHub repositories: same owner/name.
 *
 * @example
 * ```ts
 * githubScore("https://github.com/facebookresearch/fairseq/tree/main/examples/bart", "https://github.com/facebookresearch/fairseq"); // 1
 * ```
 */
export function githubScore(truth: string, pred: string): number {
  const repo = (s: string) => (githubRepo(s.trim()) ?? s.trim()).toLowerCase().replace(/\/+$/, "");
  return bothEmpty(truth, pred) ?? (repo(truth) === repo(pred) ? 1 : 0);
}

function paperKey(s: string): string {
  return arxivId(s) ??
    s.trim().toLowerCase().replace(/^https?:\/\/(?:www\.)?/, "").replace(/(?:\.pdf)?\/*$/, "");
}

/**
 * Papers: set F1 on arXiv ids, else on URLs.
 *
 * @example
 * ```ts
 * paperScore(["https://arxiv.org/pdf/2205.14135.pdf"], ["https://arxiv.org/abs/2205.14135"]); // 1
 * ```
 */
export function paperScore(truth: readonly string[], pred: readonly string[]): number {
  return setF1(truth.map(paperKey), pred.map(paperKey), (a, b) => a === b);
}

/**
 * Base models: see the module table.
 *
 * @example
 * ```ts
 * baseModelScore("https://huggingface.co/tiiuae/falcon-7b", "tiiuae/falcon-7b"); // 1
 * baseModelScore("EleutherAI / pythia-12b-deduped", "EleutherAI/pythia-12b-deduped"); // 1
 * ```
 */
export function baseModelScore(truth: string, pred: string): number {
  const path = (s: string) =>
    s.trim().replace(/^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\//i, "").replace(/\s*\/\s*/g, "/")
      .replace(/\/+$/, "");
  const last = (s: string) => key(path(s).split("/").pop() ?? "");
  return bothEmpty(truth, pred) ??
    (key(path(truth)) === key(path(pred)) || last(truth) === last(pred) ? 1 : 0);
}

const SCALE: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * A parameter count as a number ("1.2 B" → 1.2e9), or NaN.
 *
 * @example
 * ```ts
 * parseCount("29.95B"); // 29950000000
 * ```
 */
export function parseCount(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmbt])?\b/i.exec(s.replace(/,/g, ""));
  if (!m) return NaN;
  return Number(m[1]) * (m[2] ? SCALE[m[2].toLowerCase()] : 1);
}

/**
 * Parameter counts: within 5%.
 *
 * @example
 * ```ts
 * parameterCountScore("1.2 B", "1.2B"); // 1
 * parameterCountScore("7B", "7M"); // 0
 * ```
 */
export function parameterCountScore(truth: string, pred: string): number {
  const empty = bothEmpty(truth, pred);
  if (empty !== undefined) return empty;
  const a = parseCount(truth);
  const b = parseCount(pred);
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 0.05 * Math.max(a, b) ? 1 : 0;
}

const HP_SYNONYMS: Readonly<Record<string, string>> = {
  numepochs: "epochs",
  numtrainepochs: "epochs",
  nepochs: "epochs",
  epoch: "epochs",
  trainbatchsize: "batchsize",
  perdevicetrainbatchsize: "batchsize",
  lr: "learningrate",
  optim: "optimizer",
  warmup: "warmupsteps",
  numwarmupsteps: "warmupsteps",
  lrschedulertype: "scheduler",
  lrscheduler: "scheduler",
};

function hpName(s: string): string {
  const k = key(s);
  return HP_SYNONYMS[k] ?? k;
}

function sameValue(a: string, b: string): boolean {
  const x = Number(a.trim());
  const y = Number(b.trim());
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y)) {
    return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1);
  }
  const ka = key(a);
  const kb = key(b);
  return ka === kb || (Math.min(ka.length, kb.length) >= 4 && (ka.startsWith(kb) || kb.startsWith(ka)));
}

/**
 * Hyper-parameters: set F1 on name=value pairs.
 *
 * @example
 * ```ts
 * hyperParametersScore([{ name: "learning_rate", value: "6e-6" }], [{ name: "learning_rate", value: "6e-06" }]); // 1
 * hyperParametersScore([{ name: "epochs", value: "8" }], [{ name: "num_epochs", value: "3" }]); // 0
 * ```
 */
export function hyperParametersScore(
  truth: readonly HyperParameter[],
  pred: readonly HyperParameter[],
): number {
  return setF1(truth, pred, (t, p) => hpName(t.name) === hpName(p.name) && sameValue(t.value, p.value));
}

type Atom = { n: number } | { url: string };

function atoms(results: readonly EvaluationResult[]): { atoms: Atom[]; prose: boolean } {
  const out: Atom[] = [];
  let prose = false;
  for (const r of results) {
    const v = r.result.trim();
    if (/^https?:\/\//i.test(v)) {
      out.push({ url: v.toLowerCase().replace(/^https?:\/\/(?:www\.)?/, "").replace(/\/+$/, "") });
      continue;
    }
    const nums = v.match(/[-+]?\d+(?:\.\d+)?/g);
    if (nums) out.push(...nums.map((n) => ({ n: Number(n) })));
    else if (v) prose = true;
  }
  return { atoms: out, prose };
}

function sameAtom(a: Atom, b: Atom): boolean {
  if ("url" in a || "url" in b) return "url" in a && "url" in b && a.url === b.url;
  const close = (x: number, y: number) => Math.abs(x - y) <= 0.005 * Math.max(Math.abs(x), Math.abs(y), 1e-9);
  return close(a.n, b.n) || close(a.n, b.n * 100) || close(a.n * 100, b.n);
}

/**
 * Evaluation results: set F1 on the numbers and links they report.
 *
 * @example
 * ```ts
 * const truth = [{ metric: "ROUGE-1", dataset: "", result: "42.9486" }];
 * evaluationScore(truth, [{ metric: "rouge1", dataset: "cnn", result: "42.95" }]); // 1
 * evaluationScore([{ metric: "", dataset: "", result: "complicated" }], truth); // 1: prose only
 * ```
 */
export function evaluationScore(
  truth: readonly EvaluationResult[],
  pred: readonly EvaluationResult[],
): number {
  if (truth.length === 0 || pred.length === 0) return truth.length === pred.length ? 1 : 0;
  const t = atoms(truth);
  const p = atoms(pred);
  if (t.atoms.length === 0) return t.prose ? 1 : 0;
  return setF1(t.atoms, p.atoms, sameAtom);
}

/**
 * Demos: the same URL, or both a usage snippet (the labels abbreviate snippets to a description).
 *
 * @example
 * ```ts
 * demoScore("Here is how to use this model: ...", "from transformers import pipeline"); // 1
 * demoScore("Here is how to use this model: ...", "https://huggingface.co/spaces/o/d"); // 0
 * ```
 */
export function demoScore(truth: string, pred: string): number {
  const empty = bothEmpty(truth, pred);
  if (empty !== undefined) return empty;
  if (isUrl(truth)) return textScore(truth, pred);
  return isUrl(pred) ? 0 : 1;
}

function isUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s.trim());
}

function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Free text: a truth URL must appear in the prediction (scheme ignored); otherwise at least half the truth's
 * distinct words must.
 *
 * @example
 * ```ts
 * textScore("4x Tesla v100", "trained on 4x Tesla V100 GPUs"); // 1
 * textScore("https://huggingface.co/blog/falcon", "see the blog"); // 0
 * ```
 */
export function textScore(truth: string, pred: string): number {
  const empty = bothEmpty(truth, pred);
  if (empty !== undefined) return empty;
  const t = truth.trim();
  if (isUrl(t)) {
    const bare = (s: string) =>
      s.toLowerCase().replace(/https?:\/\/(?:www\.)?/g, "").replace(/\/+(?=\s|$)/g, "");
    return bare(pred).includes(bare(t)) ? 1 : 0;
  }
  const tw = new Set(words(t));
  const pw = new Set(words(pred));
  let hit = 0;
  for (const w of tw) if (pw.has(w)) hit++;
  return tw.size > 0 && hit / tw.size >= 0.5 ? 1 : 0;
}

function bothEmpty(truth: string, pred: string): number | undefined {
  const a = truth.trim() === "";
  const b = pred.trim() === "";
  if (a && b) return 1;
  if (a || b) return 0;
  return undefined;
}
