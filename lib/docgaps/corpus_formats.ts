/**
 * Readers of the card corpora that are not plain card files: the hn5318 sample file (cards with downloads,
 * likes and tags) and the hamidah model trees (one row per model with its card and its hub metadata as JSON).
 * Pure: text in, rows out.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";

/** One model of a corpus: its card (`""` when it has none) and what the corpus says of its popularity. */
export interface CorpusCard {
  model_id: string;
  text: string;
  /** Hub tags (`license:mit`, `pytorch`, ...) when the corpus keeps them apart from the text, else null. */
  tags: string[] | null;
  /** Downloads as the corpus reports them (the hub's 30-day count at its retrieval date), null if unknown. */
  downloads: number | null;
  likes: number | null;
}

/**
 * The strings of a Python list literal as hn5318 stores tags (`"['license:mit', 'en']"`); a JSON array of
 * strings is returned as is; anything else gives [].
 *
 * @example
 * ```ts
 * pythonStringList("['license:apache-2.0', \"it's\"]"); // ["license:apache-2.0", "it's"]
 * ```
 */
export function pythonStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value !== "string") return [];
  return [...value.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]);
}

function numberOrNull(value: unknown): number | null {
  const n = typeof value === "number"
    ? value
    : typeof value === "string" && value !== ""
    ? Number(value)
    : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * The 758 cards of hn5318's `samples_data.json` (`{"1": {modelId, tags, downloads, likes, modelcard_text}}`).
 * Their text has no YAML front matter: the hub's tags carry what it held.
 *
 * @example
 * ```ts
 * const cards = parseHn5318Samples(await Deno.readTextFile("samples_data.json")); // 758 cards
 * ```
 */
export function parseHn5318Samples(json: string): CorpusCard[] {
  const samples = JSON.parse(json) as Record<string, Record<string, unknown>>;
  return Object.entries(samples).map(([key, s]) => {
    if (typeof s?.modelId !== "string") throw new Error(`hn5318 samples: entry "${key}" has no modelId`);
    return {
      model_id: s.modelId,
      text: typeof s.modelcard_text === "string" ? s.modelcard_text : "",
      tags: pythonStringList(s.tags),
      downloads: numberOrNull(s.downloads),
      likes: numberOrNull(s.likes),
    };
  });
}

const HUB_URL = /^https?:\/\/huggingface\.co\//;

/**
 * The models of one hamidah model-tree file: a CSV (`model_id, card, metadata, depth, ...`) or the JSON
 * `{"models": [...]}` with the same fields. `metadata` is the hub's ModelInfo as JSON (downloads, likes, tags).
 * The files write `N/A` for a card or metadata they could not get: the card is then `""`, popularity null.
 * Model ids given as hub URLs are reduced to `owner/name`.
 *
 * @example
 * ```ts
 * parseHamidahTree(await Deno.readTextFile("phi-2_finetunes_20250422_224221.csv"), "csv").length; // 315
 * ```
 */
export function parseHamidahTree(content: string, format: "csv" | "json"): CorpusCard[] {
  const rows: Record<string, unknown>[] = format === "json"
    ? (JSON.parse(content) as { models: Record<string, unknown>[] }).models
    : pl.readCSV(Buffer.from(content), { inferSchemaLength: 0 }).select("model_id", "card", "metadata")
      .toRecords();
  return rows.map((r) => {
    const meta = parseMetadata(r.metadata);
    const card = typeof r.card === "string" && r.card.trim() !== "N/A" ? r.card : "";
    return {
      model_id: String(r.model_id).replace(HUB_URL, ""),
      text: card,
      tags: meta ? pythonStringList(meta.tags) : null,
      downloads: meta ? numberOrNull(meta.downloads) : null,
      likes: meta ? numberOrNull(meta.likes) : null,
    };
  });
}

function parseMetadata(value: unknown): Record<string, unknown> | null {
  if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  if (typeof value !== "string" || value.trim() === "N/A") return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
