/**
 * How the verdict of each relation changes from paper mode to improved mode.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { LicenseReport } from "./report.ts";

/**
 * Relations per (paper verdict, improved verdict), matched by mapping line. A relation paper mode skipped
 * (a repository with several licenses) has the paper verdict `skipped`; one improved mode skipped, `skipped`.
 *
 * @example
 * ```ts
 * verdictTransitions(paper, improved).filter(pl.col("paper").eq(pl.lit("unknown")));
 * // how many of the paper's unknown relations each improved verdict took
 * ```
 */
export function verdictTransitions(paper: LicenseReport, improved: LicenseReport): pl.DataFrame {
  const byLine = (report: LicenseReport) => {
    const verdicts = new Map<number, string>();
    for (const r of report.relations) verdicts.set(r.line, r.verdict);
    for (const s of report.skipped) verdicts.set(s.line, "skipped");
    return verdicts;
  };
  const before = byLine(paper);
  const after = byLine(improved);
  const counts = new Map<string, number>();
  for (const line of new Set([...before.keys(), ...after.keys()])) {
    const key = `${before.get(line) ?? "skipped"}\u0000${after.get(line) ?? "skipped"}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, n]) => {
    const [from, to] = key.split("\u0000");
    return { from, to, n };
  }).sort((a, b) => b.n - a.n || (a.from + a.to < b.from + b.to ? -1 : 1));
  return pl.DataFrame({
    paper: rows.map((r) => r.from),
    improved: rows.map((r) => r.to),
    relations: pl.Series("relations", rows.map((r) => r.n), pl.Int64),
  });
}
