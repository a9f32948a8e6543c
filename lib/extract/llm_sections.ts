/**
 * The parts of a card the LLM extractor sends for a set of fields: only the sections that can hold them (the
 * field → sections table `prompts/field_sections.v1.json`), not the whole card.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { CANONICAL_SECTIONS, type CanonicalSection } from "../cards/sections.ts";
import { compactMarkdown } from "./llm_compact.ts";
import { type Field, isField } from "./record.ts";

/** Where one field is looked for. */
export interface FieldSections {
  /** Canonical sections that hold it. */
  canonical: CanonicalSection[];
  /** The text before the first heading and under the card's title. */
  intro: boolean;
  /** Case-insensitive regular expression on the other headings ("" = none). */
  headings: string;
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
      !Array.isArray(e.canonical) || typeof e.intro !== "boolean" || typeof e.headings !== "string" || bad
    ) {
      throw new Error(
        `${file}: fields.${name} must be {canonical: [section...], intro: boolean, headings: regex}` +
          (bad ? ` ("${bad}" is not a canonical section)` : ""),
      );
    }
    table[name] = { canonical: e.canonical, intro: e.intro, headings: e.headings };
  }
  return table as FieldSectionTable;
}

const DEMO_URL = /colab\.research\.google\.com|huggingface\.co\/spaces\/|\bdemo\b|gradio|streamlit/i;

/**
 * The card's links that can answer link fields, one per line, for the fields asked: GitHub repositories
 * (github_repo), arXiv papers (paper), notebooks and demos (demo). A few tokens each, where sending every
 * section that holds a link would cost hundreds.
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
    ["paper", links.arxiv.map((id) => `https://arxiv.org/abs/${id}`)],
    ["demo", links.urls.filter((u) => DEMO_URL.test(u))],
  ];
  const used = byField.filter(([f, urls]) => fields.includes(f) && urls.length > 0);
  const urls = [...new Set(used.flatMap(([, u]) => u))];
  return { text: urls.map((u) => `- ${u}`).join("\n"), answers: used.map(([f]) => f) };
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
 * compacted ({@linkcode compactMarkdown}); empty sections left out; then, when a link field is asked, the
 * card's {@linkcode linkDigest}. A field nothing selected can answer is not answerable: the card does not
 * document it, and asking a model about it would only invite a guess.
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
  const headingRes = new Map(
    fields.map((f) => [f, table[f].headings ? new RegExp(table[f].headings, "i") : null]),
  );
  const parts: string[] = [];
  const answerable = new Set<Field>();
  card.sections.forEach((s, k) => {
    if (s.empty) return;
    const isIntro = s.level === 0 || (k <= 1 && s.level === 1 && s.canonical === null);
    const wanting = fields.filter((f) =>
      isIntro
        ? table[f].intro
        : s.canonical !== null
        ? table[f].canonical.includes(s.canonical)
        : headingRes.get(f)?.test(s.heading) ?? false
    );
    if (wanting.length === 0) return;
    for (const f of wanting) answerable.add(f);
    const text = compactMarkdown(s.text, keep);
    parts.push(s.level === 0 ? text : `${"#".repeat(s.level)} ${s.heading}\n\n${text}`);
  });
  const digest = linkDigest(card, fields);
  if (digest.text !== "") {
    parts.push(`## Links in the card\n\n${digest.text}`);
    for (const f of digest.answers) answerable.add(f);
  }
  return { text: parts.join("\n\n"), answerable: fields.filter((f) => answerable.has(f)) };
}
