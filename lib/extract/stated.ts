/**
 * Where a card states a fact in so many words: `Label: value` lines ("- **Funded by:** NSF", "**Input** Models
 * input text only.", "| Inputs | Text |"), and the sentence around a phrase. Code blocks are never read
 * ({@linkcode ParsedCard.prose}): `Input:` in a prompt template is an example, not a statement.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { isEmptyText } from "../cards/placeholders.ts";

/** One `Label: value` statement of a card. */
export interface LabelledValue {
  /** Lower case, "[optional]" and emphasis removed: "funded by", "input", "model inputs". */
  label: string;
  /** Markdown reduced to text; never a placeholder. */
  value: string;
}

// "- **Label:** value", "**Label**: value", "Label: value", "**Label** value" (the Llama cards); a label is at
// most 48 characters of words. Read by hand rather than by one regex: a regex with an optional prefix, a lazy
// label and three endings backtracks on every line with a colon.
const LINE_PREFIX = /^[ \t>]{0,8}(?:[-*+][ \t]{1,3})?(?:\d{1,2}[.)][ \t]{0,3})?/;
const LABEL = /^[A-Za-z][\w ()[\]/&'-]{0,48}$/;

function statementOf(line: string): [label: string, value: string] | null {
  const rest = line.slice(LINE_PREFIX.exec(line)![0].length);
  const bold = rest.startsWith("**") || rest.startsWith("__");
  let label: string;
  let value: string;
  if (bold) {
    const close = rest.indexOf(rest.slice(0, 2), 2);
    if (close === -1) return null;
    label = rest.slice(2, close).trim();
    value = rest.slice(close + 2);
    if (label.endsWith(":") || label.endsWith("：")) label = label.slice(0, -1).trimEnd();
    else if (/^[ \t]*[:：]/.test(value)) value = value.replace(/^[ \t]*[:：]/, "");
    else if (!/^[ \t]+\S/.test(value)) return null; // "**Input** text": the label's emphasis is its colon
  } else {
    const colon = rest.search(/[:：]/);
    if (colon === -1 || colon > 60) return null;
    label = rest.slice(0, colon).trim();
    value = rest.slice(colon + 1);
  }
  return LABEL.test(label) ? [label, value] : null;
}

// A card's statements, found once: label normalised, value still raw (cleaned only when a label is asked for).
interface RawStatement {
  label: string;
  raw: string;
  /** Where the statement's line ends in `prose`, or -1 for a table row. */
  end: number;
}
const CACHE = new WeakMap<ParsedCard, RawStatement[]>();

// Only a line with a colon or emphasis near its start can be a statement: the others are skipped unread.
function mayStateSomething(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 58 /* : */ || c === 0xff1a /* ： */) return true;
    if ((c === 42 /* * */ || c === 95 /* _ */) && s.charCodeAt(i + 1) === c) return true;
  }
  return false;
}

function statements(card: ParsedCard): RawStatement[] {
  const cached = CACHE.get(card);
  if (cached) return cached;
  const out: RawStatement[] = [];
  const prose = card.prose;
  for (let at = 0; at < prose.length;) {
    let end = prose.indexOf("\n", at);
    if (end === -1) end = prose.length;
    if (mayStateSomething(prose, at, Math.min(end, at + 70))) {
      const st = statementOf(prose.slice(at, end));
      if (st) out.push({ label: normalizeLabel(st[0]), raw: st[1], end });
    }
    at = end + 1;
  }
  for (const t of card.tables) {
    for (const row of [t.header, ...t.rows]) {
      if (row.length === 2) out.push({ label: normalizeLabel(row[0]), raw: row[1], end: -1 });
    }
  }
  CACHE.set(card, out);
  return out;
}

/**
 * The card's `Label: value` statements outside code whose label matches `label` (the whole label, lower case,
 * "[optional]" removed), key/value table rows included, in order. A value goes on over the wrapped lines after
 * it; a label alone on its line takes the list items under it. Statements whose value is empty or a placeholder
 * ("[More Information Needed]") are left out.
 *
 * @example
 * ```ts
 * const card = parseCard("- **Funded by [optional]:** [More Information Needed]\n**Input** Models input text only.");
 * labelledValues(card, /^(?:funded by|input)$/); // [{ label: "input", value: "Models input text only." }]
 * ```
 */
export function labelledValues(card: ParsedCard, label: RegExp): LabelledValue[] {
  const out: LabelledValue[] = [];
  for (const st of statements(card)) {
    if (!label.test(st.label)) continue;
    const more = st.end < 0 ? "" : continuation(card.prose, st.end, st.raw.trim() === "");
    const value = cleanInline(st.raw + more);
    if (value !== "" && !isEmptyText(value)) out.push({ label: st.label, value });
  }
  return out;
}

const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+(\S.*)$/;
const NEW_BLOCK = /^[ \t]*(?:[-*+][ \t]|\d{1,2}[.)][ \t]|#|\||<|>|```|~~~|\*\*|__)|^[^:]{1,50}:/;

// What a statement's value goes on with after its line: the wrapped rest of a sentence ("Text string, such as a
// question, ...\n  a document to be summarized."), or, when the label line has no value, the list under it
// ("**Funded by:**\n* The French government.\n* Hugging Face").
function continuation(prose: string, from: number, empty: boolean): string {
  const lines = prose.slice(from + 1, from + 1500).split("\n");
  const out: string[] = [];
  if (empty) {
    let i = 0;
    while (i < 2 && i < lines.length && lines[i].trim() === "") i++;
    for (; i < lines.length && out.length < 6; i++) {
      if (lines[i].trim() === "" && LIST_ITEM.test(lines[i + 1] ?? "")) continue; // a loose list
      const item = LIST_ITEM.exec(lines[i]);
      if (!item) break;
      out.push(item[1]);
    }
    return out.join("; ");
  }
  for (const line of lines) {
    if (line.trim() === "" || NEW_BLOCK.test(line) || out.length >= 4) break;
    out.push(line.trim());
  }
  return out.length > 0 ? ` ${out.join(" ")}` : "";
}

/** The first statement whose label matches `label` (whole label) and whose value passes `accept`; "" when none. */
export function statedValue(
  card: ParsedCard,
  label: RegExp,
  accept: (v: string) => boolean = () => true,
): string {
  return labelledValues(card, label).find((s) => accept(s.value))?.value ?? "";
}

function normalizeLabel(label: string): string {
  const l = label.toLowerCase();
  // most labels are plain words: skip the clean-up
  if (!/[\[(*_`]|\s\s/.test(l)) return l;
  return l.replace(/[\[(]\s*optional\s*[\])]/g, " ").replace(/[*_`]+/g, "").replace(/\s+/g, " ").trim();
}

// HTML tags by name: `<|im_start|>` and `<s>` in a prompt template are text.
const HTML_TAG =
  /<\/?(?:a|b|i|u|p|br|hr|em|img|div|span|strong|center|font|details|summary|sup|sub|small|big|table|tr|td|th|ul|ol|li|code|pre|h\d|video|source|picture|iframe|style|script)\b[^>]{0,1000}>/gi;

/**
 * Inline markdown and HTML reduced to text: emphasis, code marks and tags dropped, links to their text,
 * whitespace collapsed.
 *
 * @example
 * ```ts
 * cleanInline("**Funded by** [NSF](https://nsf.gov)<br>"); // "Funded by NSF"
 * ```
 */
export function cleanInline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(HTML_TAG, " ")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\|\s*|\s*\|$/g, "");
}

/**
 * The first sentence of a markdown text's first paragraph, reduced to text.
 *
 * @example
 * ```ts
 * firstSentence("Trained on **8 A100s**. Then tuned.\n\nMore."); // "Trained on 8 A100s."
 * ```
 */
export function firstSentence(text: string): string {
  const prose = cleanInline(text.split(/\n\s*\n/)[0] ?? "");
  const m = /^(.+?[.!?])(?:\s|$)/.exec(prose);
  return (m ? m[1] : prose).trim();
}

// Sentences end at ". ", a blank line, a heading, list item or table row, or an HTML paragraph or line break.
const BOUNDARY =
  /[.!?]\s|(?<=^|\n)[ \t]*#{1,6}[ \t][^\n]*\n|\n[ \t]*\n|\n(?=[ \t]*(?:#|[-*+][ \t]|\d{1,2}[.)][ \t]|\|))|<\/?(?:p|div|br|h\d)\b[^>]{0,300}>/gi;
const SENTENCE_END =
  /[.!?](?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:#|[-*+][ \t]|\d{1,2}[.)][ \t]|\|))|<\/?(?:p|div|br|h\d)\b[^>]{0,300}>/i;

/**
 * The sentence of `text` around position `at`, reduced to text and cut at 300 characters. A sentence ends at
 * ". ", "! ", "? " or a blank line; a line break alone does not end it.
 *
 * @example
 * ```ts
 * const t = "Intro. This work was funded by the\nNSF. Thanks!";
 * sentenceAround(t, t.indexOf("funded")); // "This work was funded by the NSF."
 * ```
 */
export function sentenceAround(text: string, at: number): string {
  // a sentence is looked for within 400 characters either way
  const head = text.slice(Math.max(0, at - 400), at);
  let start = at - head.length;
  for (const m of head.matchAll(BOUNDARY)) start = at - head.length + m.index + m[0].length;
  const tail = text.slice(at, at + 400);
  const end = SENTENCE_END.exec(tail);
  const stop = end
    ? at + end.index + (end[0] === "." || end[0] === "!" || end[0] === "?" ? 1 : 0)
    : at + tail.length;
  return cleanInline(text.slice(start, stop).replace(/^[\s>*+|#-]+/, "")).slice(0, 300);
}
