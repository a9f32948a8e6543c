/**
 * The cheap text test run before parsing: a file that mentions none of the signatures' modules cannot load a
 * model through them, and is not parsed.
 *
 * @module
 */
import type { Signature } from "./signatures.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A test for "may hold a signature": the text holds, as whole words, every dot segment of some signature's
 * module (`torchvision` and `models`; `torch` and `hub`), the signature's `needle` if it has one, and one of
 * its called names (`from_pretrained`, `pipeline`, ...). Every import spells each segment out (`import
 * torchvision.models`, `from torch import hub`) and every call or alias import spells the name, so this loses
 * no call, while it keeps the many ML files that merely use `torch`, `torchvision.transforms` or a tokenizer
 * constant out of the parser.
 *
 * @example
 * ```ts
 * const mayHold = prefilter(loadSignatures());
 * mayHold("import timm\nm = timm.create_model('resnet50')"); // true
 * mayHold("import torch\nfrom torchvision import transforms"); // false
 * mayHold("from transformers import logging"); // false: no loading call named
 * ```
 */
export function prefilter(signatures: readonly Signature[]): (text: string) => boolean {
  // root segment -> alternatives: words that must all appear, and names of which one must
  const byRoot = new Map<string, { all: string[]; any: string[] }[]>();
  for (const s of signatures) {
    for (const m of s.modules) {
      const [root, ...rest] = m.split(".");
      const all = [...new Set([...rest, ...(s.needle && s.needle !== root ? [s.needle] : [])])];
      const alternatives = byRoot.get(root) ?? [];
      alternatives.push({ all, any: s.names });
      byRoot.set(root, alternatives);
    }
  }
  const wordRe = new Map<string, RegExp>();
  const wordTest = (word: string, text: string) => {
    let re = wordRe.get(word);
    if (!re) wordRe.set(word, re = new RegExp(`\\b${escape(word)}\\b`));
    return re.test(text);
  };
  const roots = [...byRoot.keys()].sort().map(escape);
  const rootRe = new RegExp(`\\b(?:${roots.join("|")})\\b`, "g");
  return (text) => {
    const seen = new Set<string>();
    for (const match of text.matchAll(rootRe)) {
      const root = match[0];
      if (seen.has(root)) continue;
      seen.add(root);
      for (const { all, any } of byRoot.get(root)!) {
        if (all.every((w) => wordTest(w, text)) && any.some((w) => wordTest(w, text))) return true;
      }
    }
    return false;
  };
}
