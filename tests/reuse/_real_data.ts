/**
 * The real inputs of the reuse tests, each read once per test run: the artifact's mapping.csv (as `usages`),
 * the independent oracle of its descriptive statistics, and the Hugging Face listing of 2024-07-11. Null
 * without ../shared/data; tests using them are then skipped.
 */
import { join } from "node:path";
import type pl from "nodejs-polars";
import { openDataset } from "../../lib/datasets.ts";
import {
  loadMappingOracle,
  MAPPING_ORACLE_PATH,
  type MappingOracle,
} from "../../lib/reuse/mapping_oracle.ts";
import { loadMappingUsages } from "../../lib/reuse/mapping_usages.ts";
import { SHARED_DATA } from "../_shared_data.ts";

export { SHARED_DATA };

/** The artifact's mapping.csv inside the shared data. */
export const MAPPING_CSV = SHARED_DATA &&
  join(SHARED_DATA, "peatmoss-artifact", "License-Analysis", "analyzeIncompatibilities", "mapping.csv");

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => value ??= load();
};

/** The real mapping as `usages`, read from the shared data. */
export const realMapping = once(() => loadMappingUsages(MAPPING_CSV!));

/** The oracle of the mapping's descriptive statistics. */
export const realOracle = once(async (): Promise<MappingOracle> => {
  const oracle = await loadMappingOracle(join(SHARED_DATA!, MAPPING_ORACLE_PATH));
  if (!oracle) throw new Error(`${MAPPING_ORACLE_PATH} is missing from ${SHARED_DATA}`);
  return oracle;
});

/** The 760,000 models of 2024-07-11 (built from the shared data, the sibling mirror, when data/ lacks them). */
export const realModels = once(async (): Promise<pl.DataFrame> =>
  (await openDataset("hf-2024-07-11", { tables: ["models"] })).models
);
