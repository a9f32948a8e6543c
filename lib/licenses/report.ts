/**
 * What a license analysis produces, in either mode: one verdict per relation, the counts the paper reports, and
 * the same grouped by license pair.
 *
 * @module
 */

/** Whether a project's license can carry the model it uses. */
export type Verdict = "compatible" | "incompatible" | "unknown";

/** The analysis of one repository → model relation. */
export interface RelationVerdict {
  repo: string;
  model: string;
  /** Line of the relation in the mapping file. */
  line: number;
  /** The model's license as the analysis names it (paper mode: the artifact's aliases; improved: SPDX). */
  hf_license: string;
  /** The project's license as the analysis names it (`no license` when none was detected). */
  gh_license: string;
  /** Both sides name the same license. */
  identical: boolean;
  verdict: Verdict;
  /** One line saying why. */
  reason: string;
}

/** The counts of the paper (§7): compatible + incompatible + unknown = covered; identical is counted apart. */
export interface LicenseSummary {
  covered: number;
  skipped: number;
  identical: number;
  compatible: number;
  incompatible: number;
  unknown: number;
}

/** Relations grouped by license pair and verdict. */
export interface PairCount {
  hf_license: string;
  gh_license: string;
  verdict: Verdict;
  identical: boolean;
  relations: number;
  reason: string;
}

/** A relation left out of the analysis, and why. */
export interface SkippedRelation {
  repo: string;
  model: string;
  line: number;
  reason: string;
}

/** The full result of one mode, as written by `deno task licenses --out`. */
export interface LicenseReport {
  mode: "paper" | "improved";
  summary: LicenseSummary;
  /** Most frequent first. */
  pairs: PairCount[];
  incompatible: RelationVerdict[];
  skipped: SkippedRelation[];
  /** Every covered relation. */
  relations: RelationVerdict[];
  /** Mode-specific figures (paper: coverage percentages and unanalysed licenses; improved: what changed). */
  details: Record<string, unknown>;
}
