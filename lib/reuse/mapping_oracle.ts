/**
 * The descriptive statistics of the artifact's `mapping.csv` computed independently of ptmscope (an oracle kept
 * in the shared data, `_derived/oracles/mapping_descriptive_oracle.json`), and ours beside them.
 *
 * @module
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import { resolveMirror } from "../fetch/mirror.ts";
import { linksSummary } from "./fan_out.ts";
import { topModelsByRepos } from "./top_models.ts";

/** Where the oracle sits inside a mirror of the shared data. */
export const MAPPING_ORACLE_PATH = "_derived/oracles/mapping_descriptive_oracle.json";

/** The part of the oracle compared here. */
export interface MappingOracle {
  /** Lines of mapping.csv. */
  rows: number;
  distinct_repo_model_pairs: number;
  distinct_gh_repos: number;
  distinct_hf_models: number;
  mean_repos_per_model: number;
  median_repos_per_model: number;
  mean_models_per_repo: number;
  /** `[count, "github.com/owner/name"]`. */
  max_models_per_repo: [number, string];
  top20_models_by_distinct_repos: { model: string; repos: number }[];
}

/**
 * Reads the oracle from the mirror of the shared data (`PTMSCOPE_MIRROR`, else `../shared/data`), or from
 * `path`; null when there is none, so a notebook can say so and go on.
 *
 * @example
 * ```ts
 * const oracle = await loadMappingOracle(); // null on a machine without the shared data
 * ```
 */
export async function loadMappingOracle(path?: string): Promise<MappingOracle | null> {
  const mirror = path === undefined ? resolveMirror() : null;
  const file = path ?? (mirror && join(mirror.dir, MAPPING_ORACLE_PATH));
  if (!file) return null;
  try {
    return JSON.parse(await Deno.readTextFile(file)) as MappingOracle;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw new Error(`${file}: cannot read the mapping oracle (${(err as Error).message})`);
  }
}

/**
 * Our counts over the mapping's usages beside the oracle's: rows `statistic`, `ours`, `oracle`, `same` (equal
 * to the oracle's precision, 4 decimals for means).
 *
 * @param usages the mapping as `usages` (`loadMappingUsages`).
 * @example
 * ```ts
 * mappingVsOracle(usages, oracle).toRecords()[0];
 * // { statistic: "distinct repositories", ours: 7956, oracle: 7956, same: true }
 * ```
 */
export function mappingVsOracle(usages: pl.DataFrame, oracle: MappingOracle): pl.DataFrame {
  const [perRepo] = linksSummary(usages, "repo").toRecords();
  const [perModel] = linksSummary(usages, "model_id").toRecords();
  const rows: [string, number, number, number][] = [
    ["distinct repositories", Number(perRepo.keys), oracle.distinct_gh_repos, 0],
    ["distinct PTMs", Number(perModel.keys), oracle.distinct_hf_models, 0],
    ["distinct (repository, PTM) links", Number(perRepo.links), oracle.distinct_repo_model_pairs, 0],
    ["mean repositories per PTM", Number(perModel.mean), oracle.mean_repos_per_model, 3],
    ["median repositories per PTM", Number(perModel.median), oracle.median_repos_per_model, 0],
    ["mean PTMs per repository", Number(perRepo.mean), oracle.mean_models_per_repo, 4],
    ["most PTMs used by one repository", Number(perRepo.max), oracle.max_models_per_repo[0], 0],
  ];
  return pl.DataFrame({
    statistic: rows.map((r) => r[0]),
    ours: rows.map((r) => r[1]),
    oracle: rows.map((r) => r[2]),
    same: rows.map(([, ours, theirs, digits]) => Number(ours.toFixed(digits)) === theirs),
  });
}

/**
 * Our top models by dependent repositories beside the oracle's top 20: columns `rank`, `model_id`, `repos`,
 * `oracle_model`, `oracle_repos`, `same` (same model and count at that rank).
 *
 * @param usages the mapping as `usages` (`loadMappingUsages`).
 * @example
 * ```ts
 * topModelsVsOracle(usages, oracle).filter(pl.col("same").not()).height; // 0 when reproduced
 * ```
 */
export function topModelsVsOracle(usages: pl.DataFrame, oracle: MappingOracle): pl.DataFrame {
  const theirs = oracle.top20_models_by_distinct_repos;
  const ours = topModelsByRepos(usages, { top: theirs.length }).toRecords();
  return pl.DataFrame({
    rank: pl.Series("rank", theirs.map((_, i) => i + 1), pl.Int64),
    model_id: theirs.map((_, i) => ours[i]?.model_id ?? null),
    repos: pl.Series("repos", theirs.map((_, i) => ours[i]?.repos ?? null), pl.Int64),
    oracle_model: theirs.map((t) => t.model),
    oracle_repos: pl.Series("oracle_repos", theirs.map((t) => t.repos), pl.Int64),
    same: theirs.map((t, i) => ours[i]?.model_id === t.model && Number(ours[i]?.repos) === t.repos),
  });
}
