/**
 * Paper mode: the license analysis exactly as the PeaTMOSS artifact's `licenseCompatibilitiesSankey.py` counts
 * it (paper §7), quirks included, so that its numbers can be checked against the published ones.
 *
 * @module
 */
import { artifactName, NO_LICENSE } from "./artifact_names.ts";
import type { Relation } from "./inputs.ts";
import type { LfMatrix } from "./lf_matrix.ts";
import type { LicenseReport, PairCount, RelationVerdict, SkippedRelation, Verdict } from "./report.ts";

/** Why a covered relation is unknown. */
type UnknownCause =
  | "gh_not_in_table"
  | "hf_not_in_table"
  | "neither_in_table"
  | "undecided_cell"
  | "empty_cell";

/** Relations counted, and their share of covered relations in percent (2 decimals). */
interface Share {
  relations: number;
  percent: number | null;
}

/**
 * The `details` of a paper-mode report: every other figure the artifact's script prints, and breakdowns.
 * (A type, not an interface, so that it fits `LicenseReport.details`.)
 */
export type PaperDetails = {
  /** 100 × known / (known + unanalysed) HF licenses, as printed ("Percent HF Licenses Analyzed"). */
  percent_hf_licenses_analyzed: number | null;
  /** The same for GitHub licenses ("Percent GF Licenses Analyzed"). */
  percent_gh_licenses_analyzed: number | null;
  /** LF table columns as pandas counted them (with the trailing label column). */
  known_hf_licenses: number;
  /** LF table rows. */
  known_gh_licenses: number;
  /** Why `known_hf_licenses` counts one column too many, and the share without it. */
  known_licenses_note: string;
  /** Distinct HF models in the mapping, and those in a covered relation ("Percent HF Repos Analyzed"). */
  hf_ptms: { all: number; analyzed: number; percent: number | null };
  /** Distinct GitHub repositories, likewise ("Percent GF Repos Analyzed"). */
  gh_repos: { all: number; analyzed: number; percent: number | null };
  /** HF licenses (artifact names) that are no LF table column, sorted. */
  unanalyzed_hf_licenses: string[];
  /** GitHub licenses that are no LF table row, sorted. */
  unanalyzed_gh_licenses: string[];
  /** The summary counts as percentages of covered relations. */
  percent_of_covered: Record<"identical" | "compatible" | "incompatible" | "unknown", number | null>;
  /** Identical relations per license, most first. */
  identical_by_license: Record<string, number>;
  /** Covered relations whose repository has no license. */
  relations_with_unlicensed_repo: Share;
  /** Unknown relations by cause. */
  unknown_reasons: Record<UnknownCause, number>;
  /** Incompatible relations per (HF, GH) license pair, artifact names. */
  incompatible_pairs: { hf_license: string; gh_license: string; relations: number }[];
  /** The same per pair of names as the inputs spell them (HF lower-cased). */
  incompatible_pairs_raw: { hf_license_raw: string; gh_license_raw: string; relations: number }[];
  /** Incompatible relations per HF model. */
  incompatible_by_model: { model: string; relations: number }[];
  /** Distinct repositories in an incompatible relation. */
  incompatible_repos: number;
};

interface Judgement {
  verdict: Verdict;
  reason: string;
  cause?: UnknownCause;
}

/** A license name for a one-line reason: quoted when it holds a space (`"no license"`). */
const name = (license: string) => /\s/.test(license) ? `"${license}"` : license;

/** The artifact's `get_relationship(original = HF, derivative = GH)`, with a reason. */
function judge(hf: string, gh: string, matrix: LfMatrix, hfKnown: boolean, ghKnown: boolean): Judgement {
  const [h, g] = [name(hf), name(gh)];
  // Membership is tested before identity, so an identical pair missing from the table is unknown (and still
  // counted identical by the caller).
  if (!hfKnown && !ghKnown) {
    return {
      verdict: "unknown",
      cause: "neither_in_table",
      reason: `neither ${h} (model) is a column nor ${g} (project) a row of the LF table`,
    };
  }
  if (!hfKnown) {
    return { verdict: "unknown", cause: "hf_not_in_table", reason: `${h} is not a column of the LF table` };
  }
  if (!ghKnown) {
    return { verdict: "unknown", cause: "gh_not_in_table", reason: `${g} is not a row of the LF table` };
  }
  if (hf === gh) {
    return { verdict: "compatible", reason: `identical licenses (${h}): compatible without lookup` };
  }
  const cell = matrix.cell(gh, hf);
  const where = `LF table: ${h} → ${g}`;
  switch (cell) {
    case "yes":
      return { verdict: "compatible", reason: `${where} is "yes"` };
    case "no":
      return { verdict: "incompatible", reason: `${where} is "no"` };
    case "?":
      return { verdict: "unknown", cause: "undecided_cell", reason: `${where} is "?"` };
    default:
      // Only the diagonal is empty in the LF file; the artifact would have raised a KeyError here.
      return { verdict: "unknown", cause: "empty_cell", reason: `${where} is an empty cell` };
  }
}

/** Why the artifact would not count this relation, or null when it would. */
function skipReason(r: Relation): string | null {
  if (r.ghLicenses === undefined) {
    return `${r.repo} is missing from the repository licenses file (the artifact would stop with a KeyError)`;
  }
  if (r.ghLicenses === null) return null;
  if (r.ghLicenses.length > 1) {
    return `${r.repo} has ${r.ghLicenses.length} licenses (${
      r.ghLicenses.join(", ")
    }); the artifact analyses one-license repositories only`;
  }
  if (r.ghLicenses.length === 0) {
    return `${r.repo} has an empty license list (not null): the artifact's loop over it counts nothing`;
  }
  return null;
}

/** `100 * part / whole` rounded as the artifact prints it (`:.2f`); null when `whole` is 0. */
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Number((100 * part / whole).toFixed(2));
}

function tally<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Most relations first, then by license names, so equal inputs give equal reports. */
function byCount<T extends { relations: number }>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => b.relations - a.relations || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

const sorted = (s: Iterable<string>) => [...s].sort();

/**
 * Judges every relation the way the PeaTMOSS artifact did (PAPER.md §5.3):
 * - the HF license is lower-cased; both sides go through the artifact's `process_license` (none/`unlicense` →
 *   `no license`, a few keys → `other`, an alias table);
 * - relations whose repository has more than one license are skipped, a repository without one has
 *   `no license`;
 * - unknown when the HF license is not a column or the GH license not a row of the LF table; otherwise
 *   compatible when both are identical, else the cell: `yes` compatible, `no` incompatible, `?` unknown;
 * - identical counts every pair with equal names, whether or not the table knows it.
 *
 * Inputs the artifact never met are decided here: a repository missing from the licenses file, or with an
 * empty license list, is skipped with its reason (the artifact would crash, or count nothing); a relation
 * without HF license has `no license`, as the script's own code says; an empty off-diagonal cell is unknown.
 * `details` holds every other figure the script prints (coverage, unanalysed licenses) and a breakdown of the
 * incompatible and unknown relations.
 *
 * @example
 * ```ts
 * const report = analyzePaper(await readRelations("mapping.csv", "all_gh_licenses.json"), await readLfMatrix(xlsx));
 * report.summary; // { covered: 22474, skipped: 387, identical: 5756, compatible: 11782, incompatible: 54, ... }
 * ```
 */
export function analyzePaper(relations: Relation[], matrix: LfMatrix): LicenseReport {
  const originals = new Set(matrix.originals);
  const derivatives = new Set(matrix.derivatives);
  const verdicts: RelationVerdict[] = [];
  const skipped: SkippedRelation[] = [];
  const pairs = new Map<string, PairCount>();
  const allModels = new Set<string>();
  const allRepos = new Set<string>();
  const models = new Set<string>();
  const repos = new Set<string>();
  const unanalysedHf = new Set<string>();
  const unanalysedGh = new Set<string>();
  const pairCauses = new Map<PairCount, UnknownCause>();
  const causes = new Map<UnknownCause, number>();
  const verdictCounts = new Map<Verdict, number>();
  const identicalBy = new Map<string, number>();
  const rawIncompatible = new Map<string, number>();
  const incompatibleBy = { model: new Map<string, number>(), repo: new Map<string, number>() };
  let noLicenseRepo = 0;

  for (const r of relations) {
    allModels.add(r.model);
    allRepos.add(r.repo);
    const skip = skipReason(r);
    if (skip !== null) {
      skipped.push({ repo: r.repo, model: r.model, line: r.line, reason: skip });
      continue;
    }
    models.add(r.model);
    repos.add(r.repo);
    const hfRaw = r.hfLicense === null ? null : r.hfLicense.toLowerCase();
    const ghRaw = r.ghLicenses === null ? null : r.ghLicenses![0];
    const hf = artifactName(hfRaw);
    const gh = artifactName(ghRaw);
    const hfKnown = originals.has(hf);
    const ghKnown = derivatives.has(gh);
    if (!hfKnown) unanalysedHf.add(hf);
    if (!ghKnown) unanalysedGh.add(gh);
    if (gh === NO_LICENSE) noLicenseRepo++;
    const identical = hf === gh;
    if (identical) tally(identicalBy, hf);
    // A pair's judgement depends on its two names only: judge each pair once.
    const key = `${hf}\0${gh}`;
    let pair = pairs.get(key);
    if (pair) pair.relations++;
    else {
      const j = judge(hf, gh, matrix, hfKnown, ghKnown);
      pair = {
        hf_license: hf,
        gh_license: gh,
        verdict: j.verdict,
        identical,
        relations: 1,
        reason: j.reason,
      };
      pairs.set(key, pair);
      if (j.cause) pairCauses.set(pair, j.cause);
    }
    const { verdict, reason } = pair;
    tally(verdictCounts, verdict);
    const cause = pairCauses.get(pair);
    if (cause) tally(causes, cause);
    if (verdict === "incompatible") {
      tally(rawIncompatible, `${hfRaw ?? NO_LICENSE}\0${ghRaw ?? NO_LICENSE}`);
      tally(incompatibleBy.model, r.model);
      tally(incompatibleBy.repo, r.repo);
    }
    verdicts.push({
      repo: r.repo,
      model: r.model,
      line: r.line,
      hf_license: hf,
      gh_license: gh,
      identical,
      verdict,
      reason,
    });
  }

  const summary = {
    covered: verdicts.length,
    skipped: skipped.length,
    identical: [...identicalBy.values()].reduce((a, b) => a + b, 0),
    compatible: verdictCounts.get("compatible") ?? 0,
    incompatible: verdictCounts.get("incompatible") ?? 0,
    unknown: verdictCounts.get("unknown") ?? 0,
  };
  const pairList = [...pairs.values()].sort(byCount((p) => `${p.hf_license}\0${p.gh_license}`));
  // pandas (read_excel with index_col=0) also counts the trailing "Compatibility" column as a license, which
  // makes the printed 75.00%; without it the share would be 59 / (59 + 20) = 74.68%.
  const knownHf = matrix.originals.length + (matrix.extraColumns?.length ?? 0);
  const knownGh = matrix.derivatives.length;
  const covered = summary.covered;
  const details: PaperDetails = {
    percent_hf_licenses_analyzed: percent(knownHf, knownHf + unanalysedHf.size),
    percent_gh_licenses_analyzed: percent(knownGh, knownGh + unanalysedGh.size),
    known_hf_licenses: knownHf,
    known_gh_licenses: knownGh,
    known_licenses_note: `known HF licenses = the ${matrix.originals.length} columns of the LF table plus ` +
      `${
        matrix.extraColumns?.length ?? 0
      } trailing label column(s) that pandas counted as licenses (as the ` +
      `artifact printed); without them: ${
        percent(matrix.originals.length, matrix.originals.length + unanalysedHf.size)
      }%`,
    hf_ptms: { all: allModels.size, analyzed: models.size, percent: percent(models.size, allModels.size) },
    gh_repos: { all: allRepos.size, analyzed: repos.size, percent: percent(repos.size, allRepos.size) },
    unanalyzed_hf_licenses: sorted(unanalysedHf),
    unanalyzed_gh_licenses: sorted(unanalysedGh),
    percent_of_covered: {
      identical: percent(summary.identical, covered),
      compatible: percent(summary.compatible, covered),
      incompatible: percent(summary.incompatible, covered),
      unknown: percent(summary.unknown, covered),
    },
    identical_by_license: Object.fromEntries(
      [...identicalBy].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    ),
    relations_with_unlicensed_repo: { relations: noLicenseRepo, percent: percent(noLicenseRepo, covered) },
    unknown_reasons: {
      gh_not_in_table: causes.get("gh_not_in_table") ?? 0,
      hf_not_in_table: causes.get("hf_not_in_table") ?? 0,
      neither_in_table: causes.get("neither_in_table") ?? 0,
      undecided_cell: causes.get("undecided_cell") ?? 0,
      empty_cell: causes.get("empty_cell") ?? 0,
    },
    incompatible_pairs: pairList.filter((p) => p.verdict === "incompatible").map((p) => ({
      hf_license: p.hf_license,
      gh_license: p.gh_license,
      relations: p.relations,
    })),
    incompatible_pairs_raw: [...rawIncompatible].map(([key, relations]) => {
      const [hf_license_raw, gh_license_raw] = key.split("\0");
      return { hf_license_raw, gh_license_raw, relations };
    }).sort(byCount((p) => `${p.hf_license_raw}\0${p.gh_license_raw}`)),
    incompatible_by_model: [...incompatibleBy.model].map(([model, relations]) => ({ model, relations }))
      .sort(byCount((m) => m.model)),
    incompatible_repos: incompatibleBy.repo.size,
  };
  return {
    mode: "paper",
    summary,
    pairs: pairList,
    incompatible: verdicts.filter((v) => v.verdict === "incompatible"),
    skipped,
    relations: verdicts,
    details,
  };
}
