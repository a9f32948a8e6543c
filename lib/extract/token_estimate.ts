/**
 * A tokenizer-free estimate of how many tokens a text costs a GPT-style model (cl100k / o200k BPE).
 *
 * No tokenizer ships with the project, and endpoints differ in theirs anyway. The estimate splits text the way
 * those tokenizers pre-split it (words with their leading space, runs of up to three digits, punctuation runs,
 * whitespace) and charges each piece by length and script. On English model cards it lands within about 15% of
 * the real count; what matters more here is that the selective and the whole-card prompts are measured with the
 * same ruler, so their ratio holds even where the absolute count drifts.
 *
 * @module
 */

// The cl100k pre-tokenizer pattern (case-insensitive contractions folded in by hand).
const PIECE =
  /'(?:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;
// Scripts the BPE vocabularies hold few merges for: about one token per character.
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

function pieceCost(piece: string): number {
  if (/^\s+$/.test(piece)) return 1;
  if (/^\p{ASCII}+$/u.test(piece)) {
    // common words (with their space) are one token; long identifiers and URLs split every ~4 characters
    if (/^ ?[a-z]+$/i.test(piece)) return piece.length <= 8 ? 1 : Math.ceil(piece.length / 5);
    return Math.max(1, Math.ceil(piece.length / 3));
  }
  let cost = 0;
  let latin = 0;
  for (const ch of piece) {
    if (DENSE.test(ch)) cost += 1.2;
    else if (ch.codePointAt(0)! > 0x7f) cost += 0.8;
    else latin++;
  }
  return Math.max(1, Math.round(cost + latin / 4));
}

/**
 * Estimated token count of a text.
 *
 * @param text any text
 * @returns a whole number of tokens (0 for the empty string)
 * @example
 * ```ts
 * estimateTokens("The model is licensed under Apache-2.0."); // about 10
 * ```
 */
export function estimateTokens(text: string): number {
  let total = 0;
  for (const m of text.matchAll(PIECE)) total += pieceCost(m[0]);
  return Math.round(total);
}

/**
 * Estimated prompt tokens of a chat request: its messages plus the per-message framing the chat format adds
 * (about 4 tokens a message and 3 for the reply's start) and the response schema, which the endpoint also
 * feeds to the model.
 *
 * @param messages the chat messages
 * @param schema the response JSON schema sent with them, if any
 * @returns estimated prompt tokens
 * @example
 * ```ts
 * estimateChatTokens([{ role: "system", content: "Extract." }, { role: "user", content: card }]);
 * ```
 */
export function estimateChatTokens(
  messages: readonly { role: string; content: string }[],
  schema?: unknown,
): number {
  let total = 3;
  for (const m of messages) total += 4 + estimateTokens(m.content);
  if (schema !== undefined) total += estimateTokens(JSON.stringify(schema));
  return total;
}
