/**
 * The license summary of both modes beside the numbers the PeaTMOSS artifact reports.
 *
 * @module
 */
import pl from "nodejs-polars";
import { PEATMOSS_LICENSES } from "../paper/peatmoss_numbers.ts";
import type { LicenseSummary } from "./report.ts";

const MEASURES = ["covered", "skipped", "identical", "compatible", "incompatible", "unknown"] as const;

/**
 * One row per summary count: the artifact's number, paper mode's, improved mode's, and whether paper mode
 * reproduces the artifact exactly. Shares are of covered relations.
 *
 * @example
 * ```ts
 * summaryTable(paper.summary, improved.summary).toRecords()[0];
 * // { measure: "covered", peatmoss: 22474, paper_mode: 22474, improved_mode: 22861, reproduced: true, ... }
 * ```
 */
export function summaryTable(paper: LicenseSummary, improved: LicenseSummary): pl.DataFrame {
  const share = (s: LicenseSummary, m: (typeof MEASURES)[number]) =>
    m === "covered" || m === "skipped" || s.covered === 0 ? null : s[m] / s.covered;
  return pl.DataFrame({
    measure: [...MEASURES],
    peatmoss: pl.Series("peatmoss", MEASURES.map((m) => PEATMOSS_LICENSES[m].value), pl.Int64),
    paper_mode: pl.Series("paper_mode", MEASURES.map((m) => paper[m]), pl.Int64),
    improved_mode: pl.Series("improved_mode", MEASURES.map((m) => improved[m]), pl.Int64),
    reproduced: MEASURES.map((m) => paper[m] === PEATMOSS_LICENSES[m].value),
    paper_share: pl.Series("paper_share", MEASURES.map((m) => share(paper, m)), pl.Float64),
    improved_share: pl.Series("improved_share", MEASURES.map((m) => share(improved, m)), pl.Float64),
  });
}
