/**
 * Template placeholders: the text a card generator leaves where the author wrote nothing, such as the Hugging
 * Face template's `[More Information Needed]` or the Trainer's "More information needed". A section holding
 * only placeholders documents nothing, so it counts as empty.
 *
 * @module
 */

/**
 * The placeholder patterns, as data. Each is searched outside code blocks, case-insensitively.
 * - the HF model-card template (2022-): `[More Information Needed]`; older templates: `[Needs More Information]`;
 * - the `transformers` Trainer card: `More information needed`;
 * - unrendered template variables: `{{ model_id }}`, `{{ card_data }}`;
 * - generic fill-me markers: `[TODO]`, `[TBD]`, `[optional]` on a line of its own.
 */
export const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /\[?\s*more information needed\s*\]?/gi,
  /\[\s*needs? more information\s*\]/gi,
  /\{\{\s*[\w.|" -]+\s*\}\}/g,
  /\[\s*(?:todo|tbd|tba)\s*\]/gi,
  /^\s*\[\s*optional\s*\]\s*$/gim,
];

// One pass over the text instead of one per pattern: cards are long and parsed by the thousand.
const ANY_PLACEHOLDER = new RegExp(PLACEHOLDER_PATTERNS.map((re) => re.source).join("|"), "gim");
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * Counts the placeholders in a markdown text (code blocks should be removed first).
 *
 * @example
 * ```ts
 * countPlaceholders("- **Developed by:** [More Information Needed]\n- **License:** [More Information Needed]"); // 2
 * countPlaceholders("Trained on SQuAD."); // 0
 * ```
 */
export function countPlaceholders(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(ANY_PLACEHOLDER)) n++;
  return n;
}

/**
 * Whether a text documents nothing: after removing HTML comments (the template's instructions to the author),
 * placeholders, markdown decoration and `Label:` prefixes, no word is left.
 *
 * @example
 * ```ts
 * isEmptyText("<!-- Provide a summary -->\n- **Developed by:** [More Information Needed]"); // true
 * isEmptyText("- **Developed by:** Deepset"); // false
 * ```
 */
export function isEmptyText(text: string): boolean {
  if (text.length > 4000) return false; // long texts always say something; skip the work
  const s = text.replace(COMMENT, " ").replace(ANY_PLACEHOLDER, " ");
  for (const raw of s.split("\n")) {
    const line = raw
      .replace(/^\s*(?:[-*+>|]|\d+[.)])\s*/, "") // list, quote and table markers
      .replace(/[*_`|]+/g, " ")
      .replace(/^\s*[^:]{1,60}:\s*/, "") // a "Label:" with nothing after it
      .trim();
    if (/[\p{L}\p{N}]/u.test(line)) return false;
  }
  return true;
}
