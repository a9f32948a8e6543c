/**
 * Text patterns for the quantitative fields of a card: parameter counts ("7B parameters", "Params (M): 25.6",
 * a `Parameters` table column), training hardware ("8x A100", "Hardware Type: 8 32GB GPUs") and CO2 emissions
 * ("149.2 kg CO2eq").
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { isEmptyText } from "../cards/placeholders.ts";
import { cleanInline as clean, firstSentence } from "./stated.ts";

const UNIT: Readonly<Record<string, string>> = {
  k: "K",
  thousand: "K",
  m: "M",
  mil: "M",
  million: "M",
  b: "B",
  bn: "B",
  billion: "B",
  t: "T",
  trillion: "T",
};

/**
 * A parameter count written as a number and a unit, in the schema's form (`110M`, `1.3B`), or "" when the text
 * is not one. A bare integer counts too ("124439808" → "124.4M").
 *
 * @example
 * ```ts
 * normalizeCount("29.95B"); // "29.95B"
 * normalizeCount("1.2 billion"); // "1.2B"
 * normalizeCount("124439808"); // "124.4M"
 * normalizeCount("large"); // ""
 * ```
 */
export function normalizeCount(text: string): string {
  const t = text.trim().toLowerCase().replace(/,(?=\d{3}\b)/g, "");
  const m = /^~?\s*(\d+(?:\.\d+)?)\s*(k|thousand|m|mil|million|b|bn|billion|t|trillion)\b/.exec(t);
  if (m) return `${Number(m[1])}${UNIT[m[2]]}`;
  const n = /^(\d{4,})$/.exec(t);
  if (!n) return "";
  const v = Number(n[1]);
  const [div, unit] = v >= 1e12 ? [1e12, "T"] : v >= 1e9 ? [1e9, "B"] : v >= 1e6 ? [1e6, "M"] : [1e3, "K"];
  return `${Number((v / div).toFixed(1))}${unit}`;
}

const COUNT = String.raw`(\d+(?:[.,]\d+)?)\s*(k|thousand|m|mil|million|b|bn|billion|t|trillion)`;
// "7B parameters", "a 1.3 billion parameter model", "110M params", "**111M** parameters", "141B total parameters"
const COUNT_BEFORE = new RegExp(
  String.raw`\b${COUNT}\b\**[ -]?(?:(?:trainable|total)\s+)?param(?:eter)?s?\b`,
  "gi",
);
// "Parameters: 7B", "number of parameters of 1.3B", "Params (M): 25.6", "model parameters are about 1.7 billion"
const COUNT_AFTER = new RegExp(
  String
    .raw`\b(?:n_)?param(?:eter)?s?(?:\s+count)?(?:\s*\((k|m|b)\))?\**\s*(?::|\||=|of|is|are)\s*\**\s*(?:about\s+|approximately\s+|around\s+)?~?(\d+(?:\.\d+)?)\s*(k|thousand|m|million|b|billion|t|trillion)?\b`,
  "gi",
);

/**
 * The model's parameter count: from a parameter table (the row naming this model when the table lists sizes),
 * else the count written next to "parameters" in the prose that the model id names (`-8B`), else the first.
 * "" when none.
 *
 * @example
 * ```ts
 * parameterCount("tiiuae/falcon-7b", parseCard("Falcon-7B is a 7B parameters causal decoder-only model.")); // "7B"
 * parameterCount("timm/resnet50", parseCard("- Params (M): 25.6")); // "25.6M"
 * ```
 */
export function parameterCount(modelId: string, card: ParsedCard): string {
  const fromTable = countFromTables(modelId, card);
  if (fromTable) return fromTable;
  const candidates: { at: number; value: string }[] = [];
  for (const m of card.body.matchAll(COUNT_BEFORE)) {
    candidates.push({ at: m.index!, value: normalizeCount(`${m[1]}${m[2]}`) });
  }
  for (const m of card.body.matchAll(COUNT_AFTER)) {
    const unit = m[1] ?? m[3];
    if (unit) candidates.push({ at: m.index!, value: normalizeCount(`${m[2]}${unit}`) });
  }
  const found = candidates.filter((c) => c.value !== "").sort((a, b) => a.at - b.at).map((c) => c.value);
  // a card written for a family ("8B and 70B") names this model's size in its id: prefer that one
  const own = found.find((v) => idSizes(modelId).has(v));
  return own ?? found[0] ?? "";
}

function idSizes(modelId: string): Set<string> {
  const sizes = new Set<string>();
  for (const m of modelId.toLowerCase().matchAll(/(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)([kmbt])(?![a-z0-9])/g)) {
    sizes.add(normalizeCount(`${m[1]}${m[2]}`));
  }
  return sizes;
}

function countFromTables(modelId: string, card: ParsedCard): string {
  const nameTokens = new Set(modelId.toLowerCase().split(/[\/_.-]+/));
  for (const t of card.tables) {
    // key/value tables: | n_parameters | 29.95B |, | Parameter Size | 135M |
    for (const row of t.rows) {
      if (
        row.length >= 2 &&
        /^(?:n_)?(?:num(?:ber)?[ _]of[ _])?param(?:eter)?s?(?:[ _](?:count|size))?$/i.test(plainKey(row[0]))
      ) {
        const v = normalizeCount(row[1]);
        if (v) return v;
      }
    }
    // a Parameters column: the single row, or the row whose first cell is part of the model's name
    const col = t.header.findIndex((h) => /^(?:#\s*)?param(?:eter)?s?\b/i.test(h));
    if (col <= 0) continue;
    const unit = /\((k|m|b)\)/i.exec(t.header[col])?.[1] ?? "";
    const rows = t.rows.length === 1 ? t.rows : t.rows.filter((r) => nameTokens.has(r[0]?.toLowerCase()));
    if (rows.length !== 1) continue;
    const v = normalizeCount(`${rows[0][col] ?? ""}${unit}`);
    if (v) return v;
  }
  return "";
}

// "\\(n_\\text{parameters}\\)" (LaTeX in a table cell) → "n_parameters"
function plainKey(cell: string): string {
  return cell.replace(/\\text\{([^}]*)\}/g, "$1").replace(/[\\(){}$*`]/g, "").trim();
}

const ACCELERATOR = String
  .raw`(?:nvidia\s+|tesla\s+|google\s+|cloud\s+)*(?:[ahlv]100|a6000|a40|a10g?|l40s?|t4|p100|k80|rtx\s?-?\d{4}(?:\s?ti)?|gtx\s?\d{4}|tpu\s?v?\d(?:[\s-]?\d+)?|tpus?|gpus?)(?:\s*\(?\d+\s?gb\)?)?(?:\s*gpus?)?`;
const HARDWARE_MENTION = new RegExp(
  String.raw`\b(?:\d+\s*(?:x|×|\*)?\s*(?:\d+\s?gb\s+)?)?${ACCELERATOR}\b`,
  "gi",
);
const ACCELERATOR_HINT = /[ahlv]100|a6000|a40|a10|l40|t4|p100|k80|rtx|gtx|tpu|gpu/i;
const HARDWARE_LABEL = /^[\s*>|-]*(?:\*\*)?hardware(?:\s+(?:type|used))?(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+)$/im;

/**
 * The training hardware: a "Hardware Type:" line, else the first sentence of a Hardware section, else the first
 * accelerator mention with a count ("8x A100", "64 H100s") in the training or environmental sections. "" when
 * none.
 *
 * @example
 * ```ts
 * hardware(parseCard("## Training\nWe trained on 8x A100 80GB for 3 days.")); // "8x A100 80GB"
 * hardware(parseCard("- **Hardware Type:** 8 32GB GPUs")); // "8 32GB GPUs"
 * ```
 */
export function hardware(card: ParsedCard): string {
  // a multi-line regex tries every line: look only when the word is there
  const label = /hardware/i.test(card.body) ? HARDWARE_LABEL.exec(card.body) : null;
  if (label) {
    const value = clean(label[1]);
    if (!isEmptyText(value)) return value;
  }
  for (const s of card.sections) {
    if (!/^hardware\b|compute infrastructure|hardware$/i.test(s.heading) || s.empty) continue;
    const sentence = firstSentence(s.text);
    if (sentence && new RegExp(ACCELERATOR, "i").test(sentence)) return sentence;
  }
  if (!ACCELERATOR_HINT.test(card.body)) return ""; // most cards name no accelerator: skip the costly scan
  const where = [card.canonical.training.text, card.canonical.environmental_impact.text, card.body];
  for (const text of where) {
    for (const m of text.matchAll(HARDWARE_MENTION)) {
      // a bare "GPU" says nothing; a count or a model name does
      if (/^\s*gpus?\s*$/i.test(m[0]) || (!/\d/.test(m[0]) && /^gpus?|tpus?$/i.test(m[0].trim()))) continue;
      if (!/^\d/.test(m[0]) && !/[ahlv]100|a6000|tpu\s?v|rtx|gtx|a40|a10|l40|t4|p100|k80/i.test(m[0])) {
        continue;
      }
      return m[0].trim();
    }
  }
  return "";
}

const CARBON =
  /(\d+(?:[.,]\d+)?)\s*(tons?|tonnes?|t|kg|kilograms?|g|grams?)\s*(?:of\s+)?(?:co2|co₂|carbon)(?:[\s-]?eq(?:uivalent)?)?/i;
const CARBON_LABEL = /^[\s*>|-]*(?:\*\*)?carbon emitted(?:\*\*)?\s*(?:\([^)]*\))?\s*:\s*(?:\*\*)?\s*(.+)$/im;
// AutoTrain cards: "- CO2 Emissions (in grams): 5.53"; `co2_eq_emissions: 0.03` (grams, as in front matter)
const CARBON_GRAMS =
  /^[ \t*>|-]{0,8}(?:\*\*)?(?:co2 emissions \(in grams\)|co2_eq_emissions)(?:\*\*)?[ \t]*:[ \t]*(?:\*\*)?[ \t]*(\d+(?:\.\d+)?)[ \t*]*$/im;

/**
 * CO2 emitted by training, with its unit: a "Carbon Emitted:" line, else AutoTrain's "CO2 Emissions (in grams):"
 * line, else the first "N kg CO2eq" mention. "" when none.
 *
 * @example
 * ```ts
 * carbonEmitted(parseCard("Training emitted 149.2 kg CO2eq.")); // "149.2 kg CO2eq"
 * ```
 */
export function carbonEmitted(card: ParsedCard): string {
  if (!/co2|co₂|carbon/i.test(card.body)) return "";
  const label = /carbon emitted/i.test(card.body) ? CARBON_LABEL.exec(card.body) : null;
  if (label) {
    const value = clean(label[1]);
    if (!isEmptyText(value) && /\d/.test(value)) return value;
  }
  const grams = CARBON_GRAMS.exec(card.prose);
  if (grams) return `${grams[1]} g CO2eq`;
  const m = CARBON.exec(card.body);
  return m ? `${m[1]} ${m[2]} CO2eq` : "";
}
