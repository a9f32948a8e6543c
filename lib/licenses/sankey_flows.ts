/**
 * The links of the license Sankey figure: relations grouped by (model license, project license), rare
 * licenses folded into "other", each link coloured by a verdict.
 *
 * @module
 */
import { artifactName, NO_LICENSE, OTHER_COUNT_ALIASES } from "./artifact_names.ts";
import type { Relation } from "./inputs.ts";
import type { LfMatrix } from "./lf_matrix.ts";
import type { RelationVerdict, Verdict } from "./report.ts";

/** One link: `relations` relations from model license `source` to project license `target`. */
export interface LicenseFlow {
  source: string;
  target: string;
  relations: number;
  verdict: Verdict;
}

/** Names of model (HF) and project (GH) licenses. */
export interface LicenseSides<T> {
  hf: T;
  gh: T;
}

/** Options of {@linkcode licenseFlows}. */
export interface FlowOptions {
  /**
   * A license on at most this many relations (counted over `verdicts`) becomes "other".
   * Ignored when `rare` is given. @default 250
   */
  threshold?: number;
  /** The licenses to fold into "other", instead of counting with `threshold`. */
  rare?: LicenseSides<Iterable<string>>;
  /** Licenses that may keep a node of their own; any other is folded into "other". @default every license */
  keep?: Partial<LicenseSides<(license: string) => boolean>>;
  /**
   * One link per (source, target, verdict) instead of the artifact's one link per (source, target) coloured by
   * its first relation, so a folded link never hides a verdict. @default false
   */
  byVerdict?: boolean;
  /** Name of the node of folded licenses. @default "other" */
  otherLabel?: string;
}

/** The label of folded licenses. */
export const OTHER = "other";

const DEFAULT_THRESHOLD = 250;

function rareByCount(verdicts: readonly RelationVerdict[], threshold: number): LicenseSides<Set<string>> {
  const counts: LicenseSides<Map<string, number>> = { hf: new Map(), gh: new Map() };
  for (const v of verdicts) {
    counts.hf.set(v.hf_license, (counts.hf.get(v.hf_license) ?? 0) + 1);
    counts.gh.set(v.gh_license, (counts.gh.get(v.gh_license) ?? 0) + 1);
  }
  const rare = (m: Map<string, number>) => new Set([...m].filter(([, n]) => n <= threshold).map(([l]) => l));
  return { hf: rare(counts.hf), gh: rare(counts.gh) };
}

/**
 * Groups relation verdicts into Sankey links. A license is folded into "other" when it is rare (see
 * {@linkcode FlowOptions}) or not kept. A link takes the verdict of the FIRST relation that created it, as
 * the artifact's figure did, so folded links mixing verdicts show the first one. Links come in creation
 * order (sources in order of first appearance, then targets), which is the artifact's drawing order.
 *
 * @example
 * ```ts
 * licenseFlows(report.relations, { threshold: 250 });
 * // [{ source: "apache-2.0", target: "no license", relations: 4853, verdict: "unknown" }, ...]
 * ```
 */
export function licenseFlows(verdicts: readonly RelationVerdict[], options: FlowOptions = {}): LicenseFlow[] {
  const rare = options.rare
    ? { hf: new Set(options.rare.hf), gh: new Set(options.rare.gh) }
    : rareByCount(verdicts, options.threshold ?? DEFAULT_THRESHOLD);
  const keepHf = options.keep?.hf ?? (() => true);
  const keepGh = options.keep?.gh ?? (() => true);
  const other = options.otherLabel ?? OTHER;
  const bySource = new Map<string, Map<string, LicenseFlow>>();
  for (const v of verdicts) {
    const source = rare.hf.has(v.hf_license) || !keepHf(v.hf_license) ? other : v.hf_license;
    const target = rare.gh.has(v.gh_license) || !keepGh(v.gh_license) ? other : v.gh_license;
    let targets = bySource.get(source);
    if (!targets) bySource.set(source, targets = new Map());
    const key = options.byVerdict ? `${target}\u0000${v.verdict}` : target;
    const link = targets.get(key);
    if (link) link.relations++;
    else targets.set(key, { source, target, relations: 1, verdict: v.verdict });
  }
  return [...bySource.values()].flatMap((targets) => [...targets.values()]);
}

/**
 * The "other" lists of the artifact's `otherCount.py` (published as `hf_other.csv` and `gh_other.csv`):
 * licenses on at most `threshold` relations of the whole mapping, multi-license repositories included (each
 * of their licenses counts), named with that script's short alias table, in order of first appearance.
 *
 * @example
 * ```ts
 * artifactOtherLists(relations).hf; // ["bigcode-openrail-m", "bigscience-bloom-rail-1.0", ..., "gpl-3.0", ...]
 * ```
 */
export function artifactOtherLists(
  relations: readonly Relation[],
  threshold: number = DEFAULT_THRESHOLD,
): LicenseSides<string[]> {
  const counts: LicenseSides<Map<string, number>> = { hf: new Map(), gh: new Map() };
  const add = (m: Map<string, number>, l: string) => m.set(l, (m.get(l) ?? 0) + 1);
  for (const r of relations) {
    add(
      counts.hf,
      artifactName(r.hfLicense === null ? null : r.hfLicense.toLowerCase(), OTHER_COUNT_ALIASES),
    );
    // A repository absent from the licenses file would have stopped otherCount.py; it counts for nothing here.
    for (const l of r.ghLicenses === null ? [null] : r.ghLicenses ?? []) {
      add(counts.gh, artifactName(l, OTHER_COUNT_ALIASES));
    }
  }
  const rare = (m: Map<string, number>) => [...m].filter(([, n]) => n <= threshold).map(([l]) => l);
  return { hf: rare(counts.hf), gh: rare(counts.gh) };
}

/**
 * The Sankey links of the paper's figure, as `licenseCompatibilitiesSankey.py` built them from a paper-mode
 * report: rare licenses per {@linkcode artifactOtherLists} (un-aliased names, so `gpl-3.0-only` keeps its node
 * although `gpl-3.0` is rare), plus every model license that is not a column of the LF table and every
 * project license that is not a row (except `no license`), go into "other".
 *
 * @example
 * ```ts
 * paperLicenseFlows(analyzePaper(relations, matrix).relations, relations, matrix);
 * // [{ source: "other", target: "no license", relations: 695, verdict: "unknown" }, ...]
 * ```
 */
export function paperLicenseFlows(
  verdicts: readonly RelationVerdict[],
  relations: readonly Relation[],
  matrix: LfMatrix,
  threshold: number = DEFAULT_THRESHOLD,
): LicenseFlow[] {
  const columns = new Set(matrix.originals);
  const rows = new Set(matrix.derivatives);
  return licenseFlows(verdicts, {
    rare: artifactOtherLists(relations, threshold),
    keep: { hf: (l) => columns.has(l), gh: (l) => l === NO_LICENSE || rows.has(l) },
  });
}
