/**
 * The heuristic extractor: deterministic, no network. Front matter and model-index first
 * ({@linkcode structuredFields}), then tables and text patterns for what they leave empty.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { carbonEmitted, hardware, parameterCount } from "./patterns_numbers.ts";
import { grantOf } from "./patterns_grant.ts";
import { inputFormat, outputFormat } from "./patterns_io.ts";
import { evaluationFromTables, hyperParameters } from "./patterns_tables.ts";
import {
  baseModelFromText,
  codeHints,
  datasetsFromText,
  demoOf,
  githubRepoOf,
  licenseFromText,
  limitationsOf,
  papersOf,
} from "./patterns_text.ts";
import type { ExtractionRecord, Field, FieldSource, MetadataFields } from "./record.ts";
import { structuredFields, taskDomain } from "./structured.ts";

/** The `extractor` value of heuristic records. */
export const HEURISTIC_EXTRACTOR = "heuristic";

/**
 * Extracts the metadata fields of one card; `hubTags` are the model's tags when the source has them (see
 * {@linkcode structuredFields}). A field found nowhere is left out of `fields`.
 *
 * @example
 * ```ts
 * const rec = extractHeuristic("o/m", parseCard("---\nlicense: mit\n---\nA 7B parameters model.\n"));
 * rec.fields.license; // "mit"
 * rec.fields.parameter_count; // "7B"
 * rec.sources?.parameter_count; // "pattern"
 * ```
 */
export function extractHeuristic(
  modelId: string,
  card: ParsedCard,
  hubTags: readonly string[] = [],
): ExtractionRecord {
  const { fields, sources } = structuredFields(card, hubTags);
  const fill = <F extends Field>(field: F, source: FieldSource, value: () => MetadataFields[F]) => {
    if (fields[field] !== undefined) return;
    const v = value();
    if (v === "" || (Array.isArray(v) && v.length === 0)) return;
    fields[field] = v;
    sources[field] = source;
  };
  const body = card.body;
  const code = codeHints(card);

  fill("model_task", "pattern", () => code.tasks.filter((t) => taskDomain(t) !== undefined));
  fill(
    "domain",
    "pattern",
    () => [...new Set((fields.model_task ?? []).flatMap((t) => taskDomain(t) ?? []))],
  );
  fill("libraries", "pattern", () => code.libraries);
  fill("frameworks", "pattern", () => code.frameworks);
  fill("license", "pattern", () => licenseFromText(body));
  fill("datasets", "pattern", () => datasetsFromText(body, card.links.hfDatasets));
  fill("github_repo", "pattern", () => githubRepoOf(modelId, card.links.github));
  fill("paper", "pattern", () => papersOf(card.links.arxiv));
  fill("base_model", "pattern", () => baseModelFromText(body));
  fill("parameter_count", "pattern", () => parameterCount(modelId, card));
  fill("hardware", "pattern", () => hardware(card));
  fill("carbon_emitted", "pattern", () => carbonEmitted(card));
  fill("hyper_parameters", "table", () => hyperParameters(card));
  fill("evaluation", "table", () => evaluationFromTables(card, modelId));
  fill("limitation_and_bias", "pattern", () => limitationsOf(card));
  fill("demo", "pattern", () => demoOf(card));
  fill("grant", "pattern", () => grantOf(card));
  fill("input_format", "pattern", () => inputFormat(card));
  fill("output_format", "pattern", () => outputFormat(card));
  return { model_id: modelId, extractor: HEURISTIC_EXTRACTOR, fields, sources };
}
