/**
 * The markdown sections of a card body, each mapped to one of the canonical sections of a model card
 * (description, uses, limitations, training, evaluation, environmental impact, how to get started, citation)
 * through the heading synonym table `section_synonyms.json`.
 *
 * @module
 */
import synonyms from "./section_synonyms.json" with { type: "json" };
import { countPlaceholders, isEmptyText } from "./placeholders.ts";

/** The canonical sections, in the order of the Hugging Face card template. */
export const CANONICAL_SECTIONS = [
  "description",
  "uses",
  "limitations",
  "training",
  "evaluation",
  "environmental_impact",
  "get_started",
  "citation",
] as const;

/** One canonical section. */
export type CanonicalSection = typeof CANONICAL_SECTIONS[number];

/** One heading of the body and the text under it, up to the next heading of any level. */
export interface CardSection {
  /** The heading as written, trimmed of `#` marks; "" for the text before the first heading. */
  heading: string;
  /** 1-6; 0 for the text before the first heading. */
  level: number;
  /** The canonical section of this heading, or of its nearest mapped parent; null when none. */
  canonical: CanonicalSection | null;
  /** Index of the heading line in the body. */
  line: number;
  /** The text under the heading, sub-sections excluded, code blocks included. */
  text: string;
  /** Placeholders in `text`, code excluded. */
  placeholders: number;
  /** `text` documents nothing (blank, comments or placeholders only). */
  empty: boolean;
}

interface SynonymTable {
  sections: { id: CanonicalSection; headings: string[]; keywords: string[] }[];
}

const TABLE = synonyms as SynonymTable;
const EXACT = new Map<string, CanonicalSection>(
  TABLE.sections.flatMap((s) => s.headings.map((h) => [h, s.id] as const)),
);
const KEYWORDS: { id: CanonicalSection; re: RegExp }[] = TABLE.sections
  .filter((s) => s.keywords.length > 0)
  .map((s) => ({
    id: s.id,
    re: new RegExp(`(?:^|[^a-z0-9-])(?:${s.keywords.map(escape).join("|")})(?:$|[^a-z0-9-])`),
  }));

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Normalises a heading for the synonym table: lower case, links reduced to their text, HTML, emphasis, emoji,
 * leading numbering and "(optional)" removed.
 *
 * @example
 * ```ts
 * normalizeHeading("## 2. **Training Details** (optional) 🚀"); // "training details"
 * ```
 */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/^#+|#+$/g, "")
    .replace(/[\[(]\s*optional\s*[\])]/g, " ")
    .replace(/[^\p{L}\p{N}\s&,/'+-]/gu, " ")
    .replace(/^\s*(?:step\s+)?[0-9]+(?:[.)][0-9]*)*\s*/, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s,:-]+|[\s,:-]+$/g, "");
}

/**
 * The canonical section a heading names by itself, or null.
 *
 * @example
 * ```ts
 * canonicalSection("Bias, Risks, and Limitations"); // "limitations"
 * canonicalSection("How to use"); // "get_started"
 * canonicalSection("Hardware"); // null
 * ```
 */
export function canonicalSection(heading: string): CanonicalSection | null {
  // cards share their template's headings: most lookups are repeats
  const hit = SEEN.get(heading);
  if (hit !== undefined) return hit;
  const id = lookup(heading);
  if (SEEN.size < 20000) SEEN.set(heading, id);
  return id;
}

const SEEN = new Map<string, CanonicalSection | null>();

function lookup(heading: string): CanonicalSection | null {
  const h = normalizeHeading(heading);
  if (h === "") return null;
  const exact = EXACT.get(h);
  if (exact) return exact;
  for (const { id, re } of KEYWORDS) if (re.test(h)) return id;
  return null;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/**
 * Splits body lines into sections. Headings inside code blocks (`inCode`) are not headings. Both ATX (`## x`)
 * and setext (`x` over `===` or `---`) headings count. A heading that names no canonical section inherits
 * that of its nearest parent (a `### Hardware` under `## Environmental Impact` is environmental impact), except
 * from the card's title.
 *
 * @example
 * ```ts
 * const lines = ["intro", "## Limitations", "[More Information Needed]"];
 * const s = parseSections(lines, new Uint8Array(lines.length));
 * s.map((x) => [x.canonical, x.empty]); // [[null, false], ["limitations", true]]
 * ```
 */
export function parseSections(lines: readonly string[], inCode: Uint8Array): CardSection[] {
  const heads: { heading: string; level: number; line: number; textStart: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (inCode[i]) continue;
    const line = lines[i];
    if (line.indexOf("#") !== -1) {
      const m = ATX.exec(line);
      if (m) {
        heads.push({
          heading: (m[2] ?? "").replace(/[ \t]+#+$/, "").trim(),
          level: m[1].length,
          line: i,
          textStart: i + 1,
        });
        continue;
      }
    }
    const next = lines[i + 1];
    if (next !== undefined && !inCode[i + 1] && SETEXT.test(next) && isSetextCandidate(line)) {
      heads.push({ heading: line.trim(), level: next.trim()[0] === "=" ? 1 : 2, line: i, textStart: i + 2 });
      i++;
    }
  }
  const sections: CardSection[] = [];
  const parents: { level: number; canonical: CanonicalSection | null }[] = [];
  const firstLine = heads.length > 0 ? heads[0].line : lines.length;
  // text before the first heading is a section of its own, unless it is blank
  if (lines.slice(0, firstLine).some((l) => l.trim() !== "")) {
    sections.push(section("", 0, null, 0, lines, inCode, 0, firstLine));
  }
  heads.forEach((h, k) => {
    while (parents.length > 0 && parents[parents.length - 1].level >= h.level) parents.pop();
    const own = canonicalSection(h.heading);
    const canonical = own ?? (parents.length > 0 ? parents[parents.length - 1].canonical : null);
    // The card's title (a first `#` heading) names the model, not a section: nothing inherits from it.
    parents.push({ level: h.level, canonical: k === 0 && h.level === 1 ? null : canonical });
    const end = k + 1 < heads.length ? heads[k + 1].line : lines.length;
    sections.push(section(h.heading, h.level, canonical, h.line, lines, inCode, h.textStart, end));
  });
  return sections;
}

// A setext heading's text is a plain paragraph line: not blank, not a list item, table row, quote or HTML.
function isSetextCandidate(line: string): boolean {
  const t = line.trim();
  return t !== "" && !/^(?:[-*+>|<]|\d+[.)]\s|#)/.test(t) && !t.includes("|");
}

function section(
  heading: string,
  level: number,
  canonical: CanonicalSection | null,
  line: number,
  lines: readonly string[],
  inCode: Uint8Array,
  start: number,
  end: number,
): CardSection {
  const own = lines.slice(start, end);
  const prose = own.filter((_, k) => !inCode[start + k]).join("\n");
  const hasCode = own.some((_, k) => inCode[start + k]);
  return {
    heading,
    level,
    canonical,
    line,
    text: own.join("\n").trim(),
    placeholders: countPlaceholders(prose),
    empty: !hasCode && isEmptyText(prose),
  };
}
