/**
 * `cardFeatures`: one row per card with everything the documentation-gap analyses count — which canonical
 * sections it documents, which metadata fields an extractor finds in it, its placeholders and its length.
 * Every other module of lib/docgaps/ works on this frame.
 *
 * @module
 */
import pl from "nodejs-polars";
import { parseCard, type ParsedCard } from "../cards/parse.ts";
import { CANONICAL_SECTIONS } from "../cards/sections.ts";
import { extractHeuristic } from "../extract/heuristic.ts";
import { type Field, FIELDS } from "../extract/record.ts";
import { frontMatterFromTags } from "./hub_tags.ts";

/** Finds metadata field values in a parsed card, like `extractHeuristic` (only `fields` is read). */
export type FieldExtractor = (
  modelId: string,
  card: ParsedCard,
) => { fields: Partial<Record<Field, unknown>> };

/**
 * Whether an extracted value documents something: a non-blank string, a number, `true`, or a list or object
 * holding at least one such value (`{dataset: "", url: ""}` documents nothing).
 *
 * @example
 * ```ts
 * isDocumented(["", { name: "squad" }]); // true
 * isDocumented({ hardware_name: "", hours_used: "" }); // false
 * ```
 */
export function isDocumented(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.some(isDocumented);
  if (typeof value === "object" && value !== null) return Object.values(value).some(isDocumented);
  return false;
}

/** Where a card's front matter came from: its own YAML, the hub's tags (see hub_tags.ts), or neither. */
export type FrontMatterSource = "card" | "hub tags" | "none";

/**
 * One row per row of `cards` (`corpus`, `model_id`, `text`, `tags`, `downloads`, `likes`, as `loadCardCorpora`
 * gives), with:
 * - every column of `cards` but `text` and `tags`, as given (`corpus`, `model_id`, `downloads`, `likes`, ...);
 * - `has_card`: the text is not blank (a model without a card documents nothing: its other columns are 0/false);
 * - `front_matter`: {@linkcode FrontMatterSource} — a card without YAML whose corpus kept the hub's tags is read
 *   with the front matter rebuilt from them;
 * - `chars`, `words` (body), `placeholders` (template text such as `[More Information Needed]`, code excluded),
 *   `empty_sections` (canonical sections with a heading but nothing under it);
 * - `section_<id>` for each canonical section: documented (a heading with real text under it);
 * - `field_<name>` for each metadata field of `FIELDS`: `extract` (default `extractHeuristic`) finds a documented
 *   value in the card (see {@linkcode isDocumented}).
 *
 * @example
 * ```ts
 * const features = cardFeatures(await loadCardCorpora());
 * features.select("model_id", "field_license", "section_limitations", "placeholders").head(3);
 * ```
 */
export function cardFeatures(
  cards: pl.DataFrame,
  { extract = extractHeuristic }: { extract?: FieldExtractor } = {},
): pl.DataFrame {
  for (const column of ["corpus", "model_id", "text", "tags", "downloads", "likes"]) {
    if (!cards.columns.includes(column)) {
      throw new Error(
        `cardFeatures: the cards frame has no column "${column}" (build it with loadCardCorpora)`,
      );
    }
  }
  const texts = cards.getColumn("text").toArray() as (string | null)[];
  const ids = cards.getColumn("model_id").toArray() as string[];
  const tags = cards.getColumn("tags").toArray() as unknown as (string[] | null)[];
  const n = cards.height;
  const hasCard: boolean[] = [];
  const source: FrontMatterSource[] = [];
  const ints = {
    chars: [] as number[],
    words: [] as number[],
    placeholders: [] as number[],
    empty_sections: [] as number[],
  };
  const sections = Object.fromEntries(CANONICAL_SECTIONS.map((s) => [s, [] as boolean[]]));
  const fields = Object.fromEntries(FIELDS.map((f) => [f, [] as boolean[]]));
  for (let i = 0; i < n; i++) {
    const text = texts[i] ?? "";
    if (text.trim() === "") {
      hasCard.push(false);
      source.push("none");
      for (const column of Object.values(ints)) column.push(0);
      for (const column of [...Object.values(sections), ...Object.values(fields)]) column.push(false);
      continue;
    }
    let card = parseCard(text);
    let from: FrontMatterSource = card.frontMatter !== null ? "card" : "none";
    const hubTags = tags[i];
    if (card.frontMatter === null && hubTags !== null && hubTags !== undefined) {
      card = { ...card, frontMatter: frontMatterFromTags(hubTags) };
      from = "hub tags";
    }
    hasCard.push(true);
    source.push(from);
    ints.chars.push(card.length.chars);
    ints.words.push(card.length.words);
    ints.placeholders.push(card.placeholders);
    ints.empty_sections.push(
      CANONICAL_SECTIONS.filter((s) => card.canonical[s].headings.length > 0 && !card.canonical[s].documented)
        .length,
    );
    for (const s of CANONICAL_SECTIONS) sections[s].push(card.canonical[s].documented);
    let found: Partial<Record<Field, unknown>>;
    try {
      found = extract(ids[i], card).fields;
    } catch (err) {
      throw new Error(`cardFeatures: extracting the fields of ${ids[i]} failed: ${(err as Error).message}`);
    }
    for (const f of FIELDS) fields[f].push(isDocumented(found[f]));
  }
  return pl.DataFrame([
    ...cards.drop("text", "tags").getColumns(),
    pl.Series("has_card", hasCard, pl.Bool),
    pl.Series("front_matter", source, pl.Utf8),
    ...Object.entries(ints).map(([name, values]) => pl.Series(name, values, pl.Int64)),
    ...CANONICAL_SECTIONS.map((s) => pl.Series(`section_${s}`, sections[s], pl.Bool)),
    ...FIELDS.map((f) => pl.Series(`field_${f}`, fields[f], pl.Bool)),
  ]);
}
