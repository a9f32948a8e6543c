/**
 * `parseCard`: a model card (README.md text) read into its parts — front matter, model-index results,
 * canonical sections, code blocks, tables, placeholders, length and links.
 *
 * @module
 */
import { type CodeBlock, scanFences } from "./code_blocks.ts";
import { splitFrontMatter } from "./front_matter.ts";
import { type CardLinks, findLinks } from "./links.ts";
import { type ModelIndexResult, readModelIndex } from "./model_index.ts";
import { CANONICAL_SECTIONS, type CanonicalSection, type CardSection, parseSections } from "./sections.ts";
import { findTables, type MarkdownTable } from "./tables.ts";

/** What the card says under one canonical section, all its headings together. */
export interface CanonicalContent {
  /** Headings mapped to this section, in order ([] when the card has none). */
  headings: string[];
  /** Their texts joined, code blocks included. */
  text: string;
  /** A heading is present and at least one of its sections is not empty. */
  documented: boolean;
  placeholders: number;
}

/** A pipe table and the section it sits in. */
export interface CardTable extends MarkdownTable {
  /** Index in {@linkcode ParsedCard.sections}. */
  section: number;
}

/** A code block and the section it sits in. */
export interface CardCodeBlock extends CodeBlock {
  /** Index in {@linkcode ParsedCard.sections}. */
  section: number;
}

/** A parsed model card. Line numbers (`line`, `start`, `end`) are indexes into the body's lines. */
export interface ParsedCard {
  /** The YAML front matter; null when absent or unreadable. */
  frontMatter: Record<string, unknown> | null;
  /** Why the front matter could not be read, else null. The body is parsed anyway. */
  frontMatterError: string | null;
  /** The markdown after the front matter. */
  body: string;
  /** `body` with the lines of code blocks blanked (line numbers kept): where stated facts are looked for. */
  prose: string;
  sections: CardSection[];
  canonical: Record<CanonicalSection, CanonicalContent>;
  modelIndex: ModelIndexResult[];
  tables: CardTable[];
  codeBlocks: CardCodeBlock[];
  /** Template placeholders in the body, code excluded. */
  placeholders: number;
  length: {
    /** Characters of the whole card. */
    chars: number;
    /** Characters of the body. */
    bodyChars: number;
    /** Whitespace-separated words of the body. */
    words: number;
    /** Lines of the body. */
    lines: number;
  };
  /** Links of the body. */
  links: CardLinks;
}

/**
 * Parses a model card. Never throws on content: broken YAML is reported in `frontMatterError`.
 *
 * @example
 * ```ts
 * const card = parseCard("---\nlicense: mit\n---\n# M\n## Limitations\n[More Information Needed]\n");
 * card.frontMatter?.license; // "mit"
 * card.canonical.limitations.documented; // false: only a placeholder
 * card.placeholders; // 1
 * ```
 */
export function parseCard(text: string): ParsedCard {
  const fm = splitFrontMatter(text);
  const lines = fm.body.split(/\r?\n/);
  const { blocks, inCode } = scanFences(lines);
  const sections = parseSections(lines, inCode);
  const sectionAt = sectionLocator(sections);
  const canonical = Object.fromEntries(
    CANONICAL_SECTIONS.map((id): [CanonicalSection, CanonicalContent] => [
      id,
      { headings: [], text: "", documented: false, placeholders: 0 },
    ]),
  ) as Record<CanonicalSection, CanonicalContent>;
  for (const s of sections) {
    if (s.canonical === null) continue;
    const c = canonical[s.canonical];
    c.headings.push(s.heading);
    c.text = c.text === "" ? s.text : `${c.text}\n\n${s.text}`;
    c.documented ||= !s.empty;
    c.placeholders += s.placeholders;
  }
  return {
    frontMatter: fm.data,
    frontMatterError: fm.error,
    body: fm.body,
    prose: lines.map((l, i) => inCode[i] ? "" : l).join("\n"),
    sections,
    canonical,
    modelIndex: readModelIndex(fm.data),
    tables: findTables(lines, inCode).map((t) => ({ ...t, section: sectionAt(t.line) })),
    codeBlocks: blocks.map((b) => ({ ...b, section: sectionAt(b.start) })),
    placeholders: sections.reduce((n, s) => n + s.placeholders, 0),
    length: {
      chars: text.length,
      bodyChars: fm.body.length,
      words: countWords(fm.body),
      lines: lines.length,
    },
    links: findLinks(fm.body),
  };
}

// Sections are sorted by line; a line belongs to the last section starting at or before it.
function sectionLocator(sections: CardSection[]): (line: number) => number {
  return (line) => {
    let k = 0;
    while (k + 1 < sections.length && sections[k + 1].line <= line) k++;
    return k;
  };
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
