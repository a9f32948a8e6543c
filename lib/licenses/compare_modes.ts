/**
 * What improved mode changes against paper mode, relation by relation (joined on the mapping line): the
 * relations that changed verdict, with both reasons, and the new conflicts by license pair. The counts per
 * transition are `verdictTransitions` (transitions.ts).
 *
 * @module
 */
import type { LicenseReport, RelationVerdict, Verdict } from "./report.ts";

/** A relation whose verdict differs between the modes (`skipped` when paper mode left it out). */
export interface ChangedRelation {
  line: number;
  repo: string;
  model: string;
  paper: Verdict | "skipped";
  improved: Verdict | "skipped";
  paper_reason: string;
  improved_reason: string;
}

/** The comparison of a paper report with an improved report of the same relations. */
export interface ModeComparison {
  /** Relations paper mode judged `unknown` that improved mode decides (compatible or incompatible). */
  paper_unknown_now_definite: number;
  /** Relations paper mode skipped (several licenses) that improved mode decides. */
  paper_skipped_now_definite: number;
  /** Relations incompatible in improved mode and not in paper mode, by improved pair, with the reason. */
  new_conflicts: { hf_license: string; gh_license: string; relations: number; reason: string }[];
  /** Every relation whose verdict changed, in mapping order. */
  changed: ChangedRelation[];
}

/**
 * Compares the two modes' reports of the same relations.
 *
 * @param paper The report of `analyzePaper`.
 * @param improved The report of `analyzeImproved`.
 * @returns The counts of changed verdicts, the new conflicts by pair and the changed relations.
 *
 * @example
 * ```ts
 * const diff = compareModes(analyzePaper(relations, matrix), analyzeImproved(relations, matrix));
 * diff.paper_unknown_now_definite; // relations the paper left unknown that now have a verdict
 * ```
 */
export function compareModes(paper: LicenseReport, improved: LicenseReport): ModeComparison {
  type Entry = {
    verdict: Verdict | "skipped";
    reason: string;
    repo: string;
    model: string;
    relation?: RelationVerdict;
  };
  const index = (report: LicenseReport) => {
    const byLine = new Map<number, Entry>();
    for (const r of report.relations) byLine.set(r.line, { ...r, relation: r });
    for (const s of report.skipped) byLine.set(s.line, { ...s, verdict: "skipped" });
    return byLine;
  };
  const before = index(paper);
  const after = index(improved);
  const conflicts = new Map<string, ModeComparison["new_conflicts"][number]>();
  const changed: ChangedRelation[] = [];
  let unknownNowDefinite = 0;
  let skippedNowDefinite = 0;
  for (const line of [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b)) {
    const p = before.get(line);
    const i = after.get(line);
    const pv = p?.verdict ?? "skipped";
    const iv = i?.verdict ?? "skipped";
    const definite = iv === "compatible" || iv === "incompatible";
    if (pv === "unknown" && definite) unknownNowDefinite++;
    if (pv === "skipped" && definite) skippedNowDefinite++;
    if (iv === "incompatible" && pv !== "incompatible" && i?.relation) {
      const { hf_license, gh_license, reason } = i.relation;
      const key = `${hf_license}\0${gh_license}\0${reason}`;
      const c = conflicts.get(key);
      if (c) c.relations++;
      else conflicts.set(key, { hf_license, gh_license, relations: 1, reason });
    }
    if (pv === iv) continue;
    const who = (i ?? p)!;
    changed.push({
      line,
      repo: who.repo,
      model: who.model,
      paper: pv,
      improved: iv,
      paper_reason: p?.reason ?? "",
      improved_reason: i?.reason ?? "",
    });
  }
  return {
    paper_unknown_now_definite: unknownNowDefinite,
    paper_skipped_now_definite: skippedNowDefinite,
    new_conflicts: [...conflicts.values()].sort((a, b) =>
      b.relations - a.relations || (a.hf_license + a.gh_license < b.hf_license + b.gh_license ? -1 : 1)
    ),
    changed,
  };
}
