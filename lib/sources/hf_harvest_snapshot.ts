/**
 * Assembling the tables of a harvested snapshot: the listed models, completed by the snapshot tier, and for an
 * incremental harvest merged with the previous snapshot (a listed model replaces its old row).
 *
 * @module
 */
import pl from "nodejs-polars";
import { sha256Hex } from "../store/hash.ts";
import { conform } from "../store/conform.ts";
import type { Dataset } from "../store/dataset.ts";
import type { MetadataRow } from "./hf_listed_models.ts";
import type { TierResult } from "./hf_snapshot_tier.ts";

/** Metadata fields the snapshot tier writes (reused from the previous snapshot when the repo is unchanged). */
export const TIER_FIELDS = ["config.architectures", "config.model_type", "files"];

/** Inputs of {@linkcode assembleSnapshot}. */
export interface SnapshotParts {
  /** Models as listed (the canonical columns of {@linkcode HfModelsTable}). */
  listed: pl.DataFrame;
  /** Metadata rows derived from the listing. */
  listedMetadata: MetadataRow[];
  /** The previous snapshot, if any. */
  base: Dataset | null;
  /** Whether `listed` holds only the models modified since `base` (the others are carried over). */
  incremental: boolean;
  /** Results of the snapshot tier; null when it did not run (list only). */
  tier: Map<string, TierResult> | null;
  /** Listed models whose tier data is taken from `base` (same sha, already snapshotted). */
  reused: ReadonlySet<string>;
}

/** The tables of a snapshot and how they came together. */
export interface AssembledSnapshot {
  models: pl.DataFrame;
  cards: pl.DataFrame;
  metadata: pl.DataFrame;
  /** Models of the previous snapshot kept as they were. */
  carried: number;
  /** Listed models the previous snapshot did not have. */
  added: number;
  /** Listed models that replace a row of the previous snapshot. */
  changed: number;
}

/**
 * Builds the snapshot tables.
 *
 * @example
 * ```ts
 * const snap = assembleSnapshot({ listed, listedMetadata: [], base: null, incremental: false, tier: null,
 *   reused: new Set() });
 * snap.models.height === listed.height; // true
 * ```
 */
export function assembleSnapshot(parts: SnapshotParts): AssembledSnapshot {
  const { listed, base, tier, reused } = parts;
  const listedIds = listed.getColumn("id");
  // first_commit_at and has_snapshot of the models the tier fetched or whose tier data is reused; joined onto
  // the listing so that no per-row JS work happens on 760k rows
  const results = [...tier?.values() ?? []];
  const facts = pl.concat([
    pl.DataFrame({
      id: pl.Series("id", results.map((r) => r.id), pl.String),
      first_commit_at: pl.Series(
        "first_commit_at",
        results.map((r) => r.firstCommitAt === null ? null : new Date(r.firstCommitAt)),
        pl.Datetime("ms"),
      ),
      has_snapshot: pl.Series("has_snapshot", results.map((r) => r.error === undefined), pl.Bool),
    }),
    ...(base && reused.size > 0
      ? [
        base.models.filter(pl.col("id").isIn([...reused]))
          .select(
            pl.col("id"),
            pl.col("first_commit_at").cast(pl.Datetime("ms")),
            pl.lit(true).alias("has_snapshot"),
          ),
      ]
      : []),
  ]);
  const models = conform(
    "models",
    tier === null
      ? listed.withColumns(
        pl.lit(null).cast(pl.Datetime("ms")).alias("first_commit_at"),
        pl.lit(null).cast(pl.Bool).alias("has_snapshot"),
      )
      : listed.join(facts, { on: "id", how: "left" })
        .withColumns(pl.col("has_snapshot").fillNull(false)),
  );

  const carried = parts.incremental && base ? base.models.filter(pl.col("id").isIn(listedIds).not()) : null;
  const keepAll = carried ? carried.getColumn("id") : pl.Series("ids", [], pl.String);
  const keepTier = pl.Series("ids", [...reused], pl.String);

  const newCards: { model_id: string; sha256: string; text: string }[] = [];
  const newMetadata: MetadataRow[] = [...parts.listedMetadata];
  for (const r of results) {
    if (r.error !== undefined) continue;
    if (r.readme !== null) {
      newCards.push({
        model_id: r.id,
        sha256: sha256Hex(new TextEncoder().encode(r.readme)),
        text: r.readme,
      });
    }
    const meta = (field: string, value: unknown) =>
      newMetadata.push({ model_id: r.id, extractor: "hf-api", field, value: JSON.stringify(value) });
    if (r.architectures !== null) meta("config.architectures", r.architectures);
    if (r.modelType !== null) meta("config.model_type", r.modelType);
    meta("files", r.files);
  }

  const cards = pl.concat([
    ...(base ? [conform("cards", base.cards.filter(pl.col("model_id").isIn(keepAll.concat(keepTier))))] : []),
    conform("cards", rowsFrame(newCards, ["model_id", "sha256", "text"])),
  ]).sort("model_id");
  const metadata = pl.concat([
    ...(base
      ? [conform(
        "metadata",
        base.metadata.filter(
          pl.col("model_id").isIn(keepAll).or(
            pl.col("model_id").isIn(keepTier).and(pl.col("field").isIn(TIER_FIELDS)),
          ),
        ),
      )]
      : []),
    conform("metadata", rowsFrame(newMetadata, ["model_id", "extractor", "field", "value"])),
  ]).sort(["model_id", "field", "extractor", "value"]);

  const added = base
    ? listed.filter(pl.col("id").isIn(base.models.getColumn("id")).not()).height
    : listed.height;
  return {
    models: carried ? pl.concat([conform("models", carried), models]) : models,
    cards,
    metadata,
    carried: carried?.height ?? 0,
    added,
    changed: parts.incremental ? listed.height - added : 0,
  };
}

function rowsFrame<T extends object>(rows: T[], columns: (keyof T & string)[]): pl.DataFrame {
  return pl.DataFrame(
    Object.fromEntries(columns.map((c) => [c, pl.Series(c, rows.map((r) => r[c]), pl.String)])),
  );
}
