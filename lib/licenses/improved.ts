/**
 * Improved mode (issue #3 §2): the license analysis with licenses normalised to SPDX (and `LicenseRef-` ids
 * for ML licenses), repositories with several licenses read as `AND` expressions, and verdicts that understand
 * non-commercial, share-alike, no-derivatives and use-restricted licenses (see `verdict.ts` for the rules).
 *
 * @module
 */
import { isNamed, renderLicense } from "./expression.ts";
import type { Relation } from "./inputs.ts";
import type { LfMatrix } from "./lf_matrix.ts";
import { type Normalized, normalizeHf, normalizeScanCode } from "./normalize.ts";
import type { LicenseReport, PairCount, RelationVerdict, SkippedRelation, Verdict } from "./report.ts";
import { judge, type Judgement, type Rule } from "./verdict.ts";

/** Verdict counts. */
export type VerdictCounts = Record<Verdict, number>;

/** `details` of an improved report. */
export interface ImprovedDetails {
  /** Covered relations by the rule that decided them (the reason class) and verdict. */
  rules: Partial<Record<Rule, VerdictCounts>>;
  /** Incompatible pairs, most relations first, with the reason. */
  conflicts: { hf_license: string; gh_license: string; relations: number; reason: string }[];
  /** Unknown relations grouped by reason, most relations first. */
  unknown_reasons: { reason: string; relations: number }[];
  /** How the inputs were read: ids read outside the tables, and non-license ScanCode keys dropped. */
  normalization: {
    notes: { note: string; relations: number }[];
    dropped: { key: string; relations: number }[];
  };
}

function tally<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most relations first, then by key, so equal inputs give equal reports. */
function byCount<T extends { relations: number }>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => b.relations - a.relations || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

const counted = <K extends string>(map: Map<string, number>, name: K) =>
  [...map].map(([k, relations]) =>
    ({ [name]: k, relations }) as { [P in K]: string } & { relations: number }
  );

/** A relation's two sides, normalised and judged; shared by every relation with the same raw licenses. */
interface Judged {
  hf: Normalized;
  gh: Normalized;
  hfLicense: string;
  ghLicense: string;
  identical: boolean;
  judgement: Judgement;
  reason: string;
}

/**
 * Judges every relation in improved mode. Both sides are normalised (`normalize.ts`): the HF id through the
 * Hub's id table, the ScanCode keys through the key table, several keys joined with `AND`; a repository without
 * license is `NONE`. Every relation then gets a verdict and a one-line reason (`verdict.ts`); ids read outside
 * the tables are named at the end of the reason. Only a relation whose repository is missing from the
 * licenses file cannot be analysed, and is skipped. Identical means both sides normalise to the same named
 * license expression.
 *
 * @param relations The relations, as `readRelations` gives them.
 * @param matrix The LF compatibility table.
 * @returns The report: summary (compatible + incompatible + unknown = covered), pairs, relations, and in
 * `details` ({@linkcode ImprovedDetails}) the counts per rule, the conflicts and how the inputs were read.
 *
 * @example
 * ```ts
 * const report = analyzeImproved(await readRelations("mapping.csv", "all_gh_licenses.json"), await readLfMatrix(xlsx));
 * report.details.conflicts[0]; // { hf_license: "CC-BY-NC-4.0", gh_license: "Apache-2.0", relations: ..., reason: ... }
 * ```
 */
export function analyzeImproved(relations: Relation[], matrix: LfMatrix): LicenseReport {
  const hfCache = new Map<string | null, Normalized>();
  const ghCache = new Map<string, Normalized>();
  const judged = new Map<string, Judged>();
  const verdicts: RelationVerdict[] = [];
  const skipped: SkippedRelation[] = [];
  const pairs = new Map<string, PairCount>();
  const rules = new Map<Rule, VerdictCounts>();
  const unknownReasons = new Map<string, number>();
  const notes = new Map<string, number>();
  const dropped = new Map<string, number>();

  for (const r of relations) {
    if (r.ghLicenses === undefined) {
      skipped.push({
        repo: r.repo,
        model: r.model,
        line: r.line,
        reason: `${r.repo} is missing from the repository licenses file, so its license is not known at all`,
      });
      continue;
    }
    const ghKey = JSON.stringify(r.ghLicenses);
    const key = `${r.hfLicense}\0${ghKey}`;
    let j = judged.get(key);
    if (j === undefined) {
      let hf = hfCache.get(r.hfLicense);
      if (hf === undefined) hfCache.set(r.hfLicense, hf = normalizeHf(r.hfLicense));
      let gh = ghCache.get(ghKey);
      if (gh === undefined) ghCache.set(ghKey, gh = normalizeScanCode(r.ghLicenses));
      const judgement = judge(hf.expr, gh.expr, matrix);
      const read = [...hf.notes, ...gh.notes];
      const hfLicense = renderLicense(hf.expr);
      const ghLicense = renderLicense(gh.expr);
      j = {
        hf,
        gh,
        hfLicense,
        ghLicense,
        identical: isNamed(hf.expr) && isNamed(gh.expr) && hfLicense === ghLicense,
        judgement,
        reason: read.length > 0 ? `${judgement.reason} [read: ${read.join("; ")}]` : judgement.reason,
      };
      judged.set(key, j);
    }
    const { verdict, rule } = j.judgement;
    const counts = rules.get(rule) ?? { compatible: 0, incompatible: 0, unknown: 0 };
    counts[verdict]++;
    rules.set(rule, counts);
    if (verdict === "unknown") tally(unknownReasons, j.reason);
    for (const note of [...j.hf.notes, ...j.gh.notes]) tally(notes, note);
    for (const k of j.gh.dropped) tally(dropped, k);
    const pairKey = `${j.hfLicense}\0${j.ghLicense}\0${verdict}\0${j.reason}`;
    const pair = pairs.get(pairKey);
    if (pair) pair.relations++;
    else {
      pairs.set(pairKey, {
        hf_license: j.hfLicense,
        gh_license: j.ghLicense,
        verdict,
        identical: j.identical,
        relations: 1,
        reason: j.reason,
      });
    }
    verdicts.push({
      repo: r.repo,
      model: r.model,
      line: r.line,
      hf_license: j.hfLicense,
      gh_license: j.ghLicense,
      identical: j.identical,
      verdict,
      reason: j.reason,
    });
  }

  const count = (v: Verdict) => verdicts.filter((r) => r.verdict === v).length;
  const pairList = [...pairs.values()].sort(byCount((p) => `${p.hf_license}\0${p.gh_license}\0${p.reason}`));
  const details: ImprovedDetails = {
    rules: Object.fromEntries([...rules].sort(([a], [b]) => a < b ? -1 : 1)),
    conflicts: pairList
      .filter((p) => p.verdict === "incompatible")
      .map(({ hf_license, gh_license, relations, reason }) => ({
        hf_license,
        gh_license,
        relations,
        reason,
      })),
    unknown_reasons: counted(unknownReasons, "reason").sort(byCount((u) => u.reason)),
    normalization: {
      notes: counted(notes, "note").sort(byCount((n) => n.note)),
      dropped: counted(dropped, "key").sort(byCount((d) => d.key)),
    },
  };
  return {
    mode: "improved",
    summary: {
      covered: verdicts.length,
      skipped: skipped.length,
      identical: verdicts.filter((r) => r.identical).length,
      compatible: count("compatible"),
      incompatible: count("incompatible"),
      unknown: count("unknown"),
    },
    pairs: pairList,
    incompatible: verdicts.filter((r) => r.verdict === "incompatible"),
    skipped,
    relations: verdicts,
    details: details as unknown as Record<string, unknown>,
  };
}
