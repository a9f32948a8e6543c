/**
 * The hub's composition beside what PeaTMOSS reported for 2023: domains (Fig. 8), libraries and licenses.
 *
 * @module
 */
import pl from "nodejs-polars";
import { countBy } from "../overview/counts.ts";
import {
  type PaperNumber,
  PEATMOSS,
  PEATMOSS_DOMAIN_POPULATIONS,
  PEATMOSS_REUSED_PTM_LICENSES,
  PEATMOSS_REUSED_PTMS,
  PTMTORRENT_LIBRARIES,
  PTMTORRENT_MISSING,
} from "../paper/peatmoss_numbers.ts";
import { compareDomainShares } from "./composition.ts";

/**
 * Fig. 8 beside ours: one row per domain of `paper` (in its order) with `peatmoss_2023` and
 * `peatmoss_2023_share`, then for each entry of `ours` a count column named by its key and `<key>_share`, the
 * shares taken among the models that have a domain, as in the paper.
 *
 * @param paper the paper's counts per domain, e.g. `PEATMOSS_HF_DOMAINS`.
 * @param ours outputs of domain rules over the five paper domains, e.g. `{ paper_rule, clean_rule }`.
 * @example
 * ```ts
 * domainSharesVsPaper(PEATMOSS_HF_DOMAINS, { paper_rule: hfDomainsPaperRule(models) }).toRecords()[0];
 * // { domain: "NLP", peatmoss_2023: 94320, peatmoss_2023_share: 0.6033, paper_rule: 275917, paper_rule_share: 0.668 }
 * ```
 */
export function domainSharesVsPaper(
  paper: Record<string, PaperNumber>,
  ours: Record<string, pl.DataFrame>,
): pl.DataFrame {
  const domains = Object.keys(paper);
  const counts = domains.map((d) => paper[d].value);
  const total = Math.max(1, counts.reduce((s, n) => s + n, 0));
  return pl.DataFrame({
    domain: domains,
    peatmoss_2023: pl.Series("peatmoss_2023", counts, pl.Int64),
    peatmoss_2023_share: counts.map((n) => n / total),
  }).join(compareDomainShares(ours, domains), { on: "domain", how: "left" });
}

/**
 * The populations behind Fig. 8 beside the paper's: models listed, models "tagged" as the paper's query saw
 * them (a non-empty `tag_string`), and models each rule maps to a domain. Rows `population`, `ours`,
 * `peatmoss_2023`.
 *
 * @param paperRule output of `hfDomainsPaperRule`.
 * @param cleanRule output of `hfDomainsCleanRule` on the same models.
 * @example
 * ```ts
 * domainPopulations(hfDomainsPaperRule(models), hfDomainsCleanRule(models)).toRecords()[1];
 * // { population: "models with at least one tag (paper's sense)", ours: 523755, peatmoss_2023: 167810 }
 * ```
 */
export function domainPopulations(paperRule: pl.DataFrame, cleanRule: pl.DataFrame): pl.DataFrame {
  const mapped = (df: pl.DataFrame) => df.height - df.getColumn("domain").nullCount();
  const tagged = paperRule.filter(pl.col("tag_string").str.lengths().gt(0)).height;
  const rows: [string, number, number | null][] = [
    ["models listed", paperRule.height, PEATMOSS.hfModels.value],
    ["models with at least one tag (paper's sense)", tagged, PEATMOSS_DOMAIN_POPULATIONS.hfTagged.value],
    ["models with a domain, paper rule", mapped(paperRule), PEATMOSS_DOMAIN_POPULATIONS.hfMapped.value],
    ["models with a domain, clean rule (pipeline tag)", mapped(cleanRule), null],
  ];
  return pl.DataFrame({
    population: rows.map((r) => r[0]),
    ours: pl.Series("ours", rows.map((r) => r[1]), pl.Int64),
    peatmoss_2023: pl.Series("peatmoss_2023", rows.map((r) => r[2]), pl.Int64),
  });
}

/**
 * Share of models per library beside the 2023 PTMTorrent HF dump: the libraries in either top `top` (ours by
 * count, then the 2023 list), with `(none)` for models naming no library. Columns `library`, `models`,
 * `share`, `share_2023` (null where 2023 listed no share).
 *
 * @example
 * ```ts
 * librariesVs2023(models, { top: 5 }).toRecords()[0];
 * // { library: "transformers", models: 348512, share: 0.459, share_2023: 0.4475 }
 * ```
 */
export function librariesVs2023(models: pl.DataFrame, { top = 10 }: { top?: number } = {}): pl.DataFrame {
  const ours = countBy(models, "library").withColumns(pl.col("library").fillNull(pl.lit("(none)")));
  const old = Object.entries(PTMTORRENT_LIBRARIES) as [string, PaperNumber][];
  const names = [
    ...new Set([...ours.head(top).getColumn("library").toArray() as string[], ...old.map(([l]) => l)]),
  ];
  const listed = pl.DataFrame({ library: names });
  const reported = pl.DataFrame({
    library: old.map(([l]) => l),
    share_2023: old.map(([, n]) => n.value),
  });
  return listed.join(ours, { on: "library", how: "left" })
    .join(reported, { on: "library", how: "left" })
    .select(
      pl.col("library"),
      pl.col("count").fillNull(0).alias("models"),
      pl.col("share").fillNull(0),
      pl.col("share_2023"),
    );
}

/**
 * Declared licenses beside 2023. First row: models declaring no license (`share` of all models; 2023: the
 * PTMTorrent dump's 67.15%). Then the six licenses most common among the 1,512 HF PTMs reused on GitHub in
 * 2023, with their share among our models declaring exactly one license and among those 1,512.
 * Columns `license`, `models`, `share`, `share_2023`.
 *
 * @example
 * ```ts
 * licensesVs2023(models).toRecords()[1];
 * // { license: "apache-2.0", models: 119363, share: 0.416, share_2023: 0.567 }
 * ```
 */
export function licensesVs2023(models: pl.DataFrame): pl.DataFrame {
  const none = models.filter(pl.col("licenses").lst.lengths().fillNull(0).eq(0)).height;
  const single = models.filter(pl.col("licenses").lst.lengths().eq(1));
  const counts = countBy(single, "licenses");
  const reused = Object.entries(PEATMOSS_REUSED_PTM_LICENSES) as [string, PaperNumber][];
  const count = (license: string) => {
    const hit = counts.filter(pl.col("licenses").eq(pl.lit(license)));
    return hit.height === 0 ? 0 : Number(hit.getColumn("count").get(0));
  };
  const rows = [
    {
      license: "(none declared)",
      models: none,
      share: none / Math.max(1, models.height),
      share_2023: PTMTORRENT_MISSING.licenses.value,
    },
    ...reused.map(([license, n]) => ({
      license,
      models: count(license),
      share: count(license) / Math.max(1, single.height),
      share_2023: n.value / PEATMOSS_REUSED_PTMS.value,
    })),
  ];
  return pl.DataFrame({
    license: rows.map((r) => r.license),
    models: pl.Series("models", rows.map((r) => r.models), pl.Int64),
    share: rows.map((r) => r.share),
    share_2023: rows.map((r) => r.share_2023),
  });
}
