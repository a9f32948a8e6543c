/**
 * The parts of a card the LLM extractor sends for a set of fields: only the sections that can hold them (the
 * field → sections table `prompts/field_sections.v2.json`), not the whole card.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { CANONICAL_SECTIONS, type CanonicalSection } from "../cards/sections.ts";
import { compactMarkdown } from "./llm_compact.ts";
import { estimateTokens } from "./token_estimate.ts";
import { type Field, isField } from "./record.ts";

/** Where one field is looked for. */
export interface FieldSections {
  /** Canonical sections that hold it. */
  canonical: CanonicalSection[];
  /** The text before the first heading and under the card's title. */
  intro: boolean;
  /** Case-insensitive regular expression on the other headings ("" = none). */
  headings: string;
  /**
   * Estimated tokens of card text sent for it, shared by its sections in card order (a section several fields
   * want gets the largest budget left).
   */
  tokens: number;
}

/** The field → sections table. */
export type FieldSectionTable = Record<Field, FieldSections>;

/**
 * Checks a parsed `field_sections` file and returns its table.
 *
 * @param data the parsed JSON
 * @param file its path, for errors
 * @throws Error naming the file and the entry when a field is missing or unknown, or an entry is malformed
 * @example
 * ```ts
 * const table = readFieldSections(JSON.parse(Deno.readTextFileSync(path)), path);
 * table.limitation_and_bias.canonical; // ["limitations"]
 * ```
 */
export function readFieldSections(data: unknown, file: string): FieldSectionTable {
  const fields = (data as { fields?: unknown })?.fields;
  if (typeof fields !== "object" || fields === null) throw new Error(`${file}: no "fields" object`);
  const table: Partial<FieldSectionTable> = {};
  for (const [name, entry] of Object.entries(fields)) {
    if (!isField(name)) throw new Error(`${file}: "${name}" is not a field of the schema`);
    const e = entry as Partial<FieldSections>;
    const bad = (e.canonical ?? []).find((c) => !(CANONICAL_SECTIONS as readonly string[]).includes(c));
    if (
      !Array.isArray(e.canonical) || typeof e.intro !== "boolean" || typeof e.headings !== "string" ||
      !Number.isInteger(e.tokens) || e.tokens! <= 0 || bad
    ) {
      throw new Error(
        `${file}: fields.${name} must be {canonical: [section...], intro: boolean, headings: regex, ` +
          `tokens: positive integer}` +
          (bad ? ` ("${bad}" is not a canonical section)` : ""),
      );
    }
    table[name] = { canonical: e.canonical, intro: e.intro, headings: e.headings, tokens: e.tokens! };
  }
  return table as FieldSectionTable;
}

const DEMO_URL = /colab\.research\.google\.com|huggingface\.co\/spaces\/|\bdemo\b|gradio|streamlit/i;
const DIGEST_LINKS = 5;
const PAPER_URL =
  /aclanthology\.org|openreview\.net|doi\.org\/|papers\.nips\.cc|proceedings\.|ieeexplore|dl\.acm\.org|\.pdf$/i;

/**
 * The card's links that can answer link fields, one per line, for the fields asked: GitHub repositories
 * (github_repo), arXiv and other papers (paper), notebooks and demos (demo), the first five of each. A few
 * tokens each, where sending every section that holds a link would cost hundreds.
 *
 * @returns the links and the fields they can answer
 * @example
 * ```ts
 * linkDigest(parseCard("See https://github.com/o/r."), ["github_repo"]).text; // "- https://github.com/o/r"
 * ```
 */
export function linkDigest(card: ParsedCard, fields: readonly Field[]): { text: string; answers: Field[] } {
  const { links } = card;
  const byField: [Field, string[]][] = [
    ["github_repo", links.github.map((r) => `https://github.com/${r}`)],
    ["paper", [
      ...links.arxiv.map((id) => `https://arxiv.org/abs/${id}`),
      ...links.urls.filter((u) => PAPER_URL.test(u) && !/arxiv\.org/i.test(u)),
    ]],
    ["demo", links.urls.filter((u) => DEMO_URL.test(u))],
  ];
  const used = byField.filter(([f, urls]) => fields.includes(f) && urls.length > 0);
  // the first few: a card names its own repository and paper early; later links cite related work
  const urls = [...new Set(used.flatMap(([, u]) => [...new Set(u)].slice(0, DIGEST_LINKS)))];
  return { text: urls.map((u) => `- ${u}`).join("\n"), answers: used.map(([f]) => f) };
}

const IMPORT = /^\s*(?:>>>\s*)?((?:from\s+[\w.]+\s+)?import\s+[\w.]+)/;

/**
 * The import lines of the card's code blocks, once each, when `frameworks` or `libraries` is asked: they name
 * what the model is used with, wherever the section budgets cut the code that holds them.
 *
 * @example
 * ```ts
 * importDigest(parseCard("```python\nimport torch\nx = 1\n```"), ["frameworks"]); // "import torch"
 * ```
 */
export function importDigest(card: ParsedCard, fields: readonly Field[]): string {
  if (!fields.includes("frameworks") && !fields.includes("libraries")) return "";
  const lines = card.codeBlocks.flatMap((b) => b.code.split("\n")).map((l) => IMPORT.exec(l)?.[1]);
  return [...new Set(lines.filter((l) => l !== undefined))].join("\n");
}

/** What {@linkcode selectSections} found. */
export interface SelectedSections {
  /** The selected markdown ("" when the card has none of the sections). */
  text: string;
  /** The fields at least one selected section can answer, in the order asked. */
  answerable: Field[];
}

/**
 * The card text to send for `fields`: every section one of them needs, in card order, each under its heading,
 * compacted ({@linkcode compactMarkdown}) to the token budget its fields have left; empty sections left out;
 * then the card's {@linkcode linkDigest} and {@linkcode importDigest}. A link field the digest answers needs no
 * section of its own (a citation's BibTeX repeats its arXiv link). A field nothing selected can answer is not
 * answerable: the card does not document it, and asking a model about it would only invite a guess.
 *
 * @param card the parsed card
 * @param fields the fields still to extract
 * @param table the field → sections table
 * @param keep table rows mentioning one of these (the model's name) survive compaction
 * @example
 * ```ts
 * selectSections(parseCard(text), ["limitation_and_bias"], table).text; // "## Limitations\n..."
 * ```
 */
export function selectSections(
  card: ParsedCard,
  fields: readonly Field[],
  table: FieldSectionTable,
  keep: readonly string[] = [],
): SelectedSections {
  const digest = linkDigest(card, fields);
  const needing = fields.filter((f) => !digest.answers.includes(f));
  const headingRes = new Map(
    needing.map((f) => [f, table[f].headings ? new RegExp(table[f].headings, "i") : null]),
  );
  const budget = new Map(needing.map((f) => [f, table[f].tokens]));
  const parts: string[] = [];
  const answerable = new Set<Field>();
  card.sections.forEach((s, k) => {
    if (s.empty) return;
    const isIntro = s.level === 0 || (k <= 1 && s.level === 1 && s.canonical === null);
    // a heading named for a field is sent even when the field's budget is spent: it is short and to the point
    const wanting = needing.filter((f) =>
      isIntro
        ? table[f].intro && budget.get(f)! > 0
        : s.canonical !== null
        ? table[f].canonical.includes(s.canonical) && budget.get(f)! > 0
        : headingRes.get(f)?.test(s.heading) ?? false
    );
    if (wanting.length === 0) return;
    for (const f of wanting) answerable.add(f);
    // a section worth sending gets at least half a budget: its first lines alone would say little
    const tokens = Math.max(...wanting.map((f) => Math.max(budget.get(f)!, table[f].tokens / 2)));
    const text = compactMarkdown(s.text, keep, { tokens });
    const used = estimateTokens(text);
    for (const f of wanting) budget.set(f, budget.get(f)! - used);
    parts.push(s.level === 0 ? text : `${"#".repeat(s.level)} ${s.heading}\n\n${text}`);
  });
  if (digest.text !== "") {
    parts.push(`## Links in the card\n\n${digest.text}`);
    for (const f of digest.answers) answerable.add(f);
  }
  const imports = importDigest(card, fields);
  if (imports !== "") {
    parts.push(`## Imports in the card's code\n\n\`\`\`python\n${imports}\n\`\`\``);
    for (const f of ["frameworks", "libraries"] as const) if (fields.includes(f)) answerable.add(f);
  }
  return { text: parts.join("\n\n"), answerable: fields.filter((f) => answerable.has(f)) };
}
