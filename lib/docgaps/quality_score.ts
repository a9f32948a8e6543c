/**
 * The documentation-quality score of the ESEM 2024 follow-up to PeaTMOSS ("What do we know about Hugging Face?",
 * PurdueDualityLab/ptm-quantify-esem-2024, `model_cards.py` at commit 68683336; shared/PAPER.md §8 item 12), made
 * deterministic.
 *
 * ESEM defines, per model:
 * - a *model card score*: GPT-4 reads the card and says whether each of five items is present (model
 *   description, limitations, how to use, training, evaluation); the score is the number present / 5;
 * - a *metadata score*: the share of non-empty PeaTMOSS metadata columns (architecture, author, dataset name,
 *   dataset URL, framework, license, paper title, library, tag, domain, task, hardware, grant, GitHub repo);
 * - the *documentation quality score*: the mean of the two.
 *
 * Here the five items are the canonical sections of the card (`description`, `limitations`, `get_started`,
 * `training`, `evaluation`; a section holding only placeholders is absent), so an item written in running text
 * under no recognisable heading is missed where GPT-4 may have found it. The metadata share is over the fields
 * of the PeaTMOSS schema that ESEM's columns come from, as found in the card ({@linkcode ESEM_METADATA_FIELDS}):
 * `author`, `tag` and `architecture` are left out because every hub model has an author and tags, and the
 * architecture comes from config.json, not the card; ESEM's dataset name and URL are one field, `datasets`.
 * (ESEM's code also averages over its id, downloads and likes columns, always present, which lifts every
 * metadata score; this is not reproduced.)
 *
 * @module
 */
import pl from "nodejs-polars";

/** ESEM's five model-card items and the canonical section standing for each. */
export const ESEM_CARD_SECTIONS = {
  "model description": "description",
  "limitations": "limitations",
  "how to use": "get_started",
  "training": "training",
  "evaluation": "evaluation",
} as const;

/** Metadata fields (PeaTMOSS schema names) standing for ESEM's metadata columns. */
export const ESEM_METADATA_FIELDS = [
  "datasets",
  "frameworks",
  "license",
  "paper",
  "libraries",
  "domain",
  "model_task",
  "hardware",
  "grant",
  "github_repo",
] as const;

function meanOf(columns: string[]): pl.Expr {
  const sum = columns.map((c) => pl.col(c).fillNull(false).cast(pl.Float64)).reduce((a, b) => a.add(b));
  return sum.div(pl.lit(columns.length));
}

/**
 * Adds `section_share` (share of ESEM's five items present as canonical sections), `metadata_share` (share of
 * {@linkcode ESEM_METADATA_FIELDS} documented) and `quality_score` (their mean, in [0, 1]) to a frame holding
 * the `section_<id>` and `field_<name>` columns of `cardFeatures`. Throws naming a missing column.
 *
 * @example
 * ```ts
 * const scored = qualityScore(cardFeatures(cards));
 * scored.select("model_id", "quality_score").sort("quality_score", true).head(5);
 * ```
 */
export function qualityScore(features: pl.DataFrame): pl.DataFrame {
  const sections = Object.values(ESEM_CARD_SECTIONS).map((s) => `section_${s}`);
  const fields = ESEM_METADATA_FIELDS.map((f) => `field_${f}`);
  const missing = [...sections, ...fields].filter((c) => !features.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`qualityScore: the features lack ${missing.join(", ")} (build them with cardFeatures)`);
  }
  return features
    .withColumns(meanOf(sections).alias("section_share"), meanOf(fields).alias("metadata_share"))
    .withColumns(pl.col("section_share").add(pl.col("metadata_share")).div(pl.lit(2)).alias("quality_score"));
}
