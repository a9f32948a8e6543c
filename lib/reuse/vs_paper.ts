/**
 * The populations behind our Fig. 9 beside the paper's.
 *
 * @module
 */
import pl from "nodejs-polars";
import { PEATMOSS_REPO_DOMAINS_VIA_HF } from "../paper/peatmoss_numbers.ts";

/**
 * How many repositories each step of Fig. 9 keeps: all repositories of the usages, those with at least one
 * tag over their PTMs (the paper's `HAVING tags IS NOT NULL`), and those each rule maps to a domain. Rows
 * `population`, `ours`, `peatmoss_2023` (the paper's count where its artifact gives one: the mapped total is
 * the sum of its Fig. 9 bars).
 *
 * @param paperRule output of `repoDomainsPaperRule`.
 * @param cleanRule output of `repoDomainsCleanRule` on the same usages.
 * @example
 * ```ts
 * repoDomainPopulations(repoDomainsPaperRule(joined), repoDomainsCleanRule(joined)).toRecords()[2];
 * // { population: "repositories with a domain, paper's rule", ours: 7824, peatmoss_2023: 8384 }
 * ```
 */
export function repoDomainPopulations(paperRule: pl.DataFrame, cleanRule: pl.DataFrame): pl.DataFrame {
  const mapped = (df: pl.DataFrame) => df.height - df.getColumn("domain").nullCount();
  const paperMapped = Object.values(PEATMOSS_REPO_DOMAINS_VIA_HF).reduce((s, n) => s + n.value, 0);
  const rows: [string, number, number | null][] = [
    ["repositories using a Hugging Face PTM", paperRule.height, null],
    [
      "repositories whose PTMs have at least one tag",
      paperRule.filter(pl.col("tag_string").str.lengths().gt(0)).height,
      null,
    ],
    ["repositories with a domain, paper's rule", mapped(paperRule), paperMapped],
    ["repositories with a domain, clean rule (pipeline tags)", mapped(cleanRule), null],
  ];
  return pl.DataFrame({
    population: rows.map((r) => r[0]),
    ours: pl.Series("ours", rows.map((r) => r[1]), pl.Int64),
    peatmoss_2023: pl.Series("peatmoss_2023", rows.map((r) => r[2]), pl.Int64),
  });
}
