import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { loadMappingOracle, mappingVsOracle, topModelsVsOracle } from "../../lib/reuse/mapping_oracle.ts";
import { mappingUsages } from "../../lib/reuse/mapping_usages.ts";
import { realMapping, realOracle, SHARED_DATA } from "./_real_data.ts";

const small = {
  rows: 4,
  distinct_repo_model_pairs: 3,
  distinct_gh_repos: 2,
  distinct_hf_models: 2,
  mean_repos_per_model: 1.5,
  median_repos_per_model: 1.5,
  mean_models_per_repo: 1.5,
  max_models_per_repo: [2, "github.com/a/x"] as [number, string],
  top20_models_by_distinct_repos: [{ model: "gpt2", repos: 2 }, { model: "t5-base", repos: 2 }],
};
const usages = () =>
  mappingUsages([{ repo: "a/x", model: "gpt2" }, { repo: "a/x", model: "t5-base" }, {
    repo: "b/y",
    model: "gpt2",
  }]);

Deno.test("mappingVsOracle() marks each statistic same or not at the oracle's precision", () => {
  const t = mappingVsOracle(usages(), small);
  assert.deepEqual(t.filter(pl.col("same").not()).getColumn("statistic").toArray(), [
    "median repositories per PTM",
  ]);
  assert.deepEqual(t.row(0), ["distinct repositories", 2, 2, true]);
});

Deno.test("topModelsVsOracle() lines up our ranking with the oracle's, rank by rank", () => {
  assert.deepEqual(topModelsVsOracle(usages(), small).toRecords(), [
    { rank: 1, model_id: "gpt2", repos: 2, oracle_model: "gpt2", oracle_repos: 2, same: true },
    { rank: 2, model_id: "t5-base", repos: 1, oracle_model: "t5-base", oracle_repos: 2, same: false },
  ]);
});

Deno.test("loadMappingOracle() is null for a missing file and names a malformed one", async () => {
  const dir = await Deno.makeTempDir();
  assert.equal(await loadMappingOracle(join(dir, "none.json")), null);
  await Deno.writeTextFile(join(dir, "bad.json"), "{");
  await assert.rejects(
    () => loadMappingOracle(join(dir, "bad.json")),
    (e: Error) => e.message.includes("bad.json"),
  );
});

Deno.test({
  name: "the mapping's statistics and top 20 equal the independent oracle's, every one",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, oracle] = await Promise.all([realMapping(), realOracle()]);
    const stats = mappingVsOracle(usages, oracle);
    assert.equal(stats.height, 7);
    assert.deepEqual(stats.filter(pl.col("same").not()).toRecords(), []);
    assert.deepEqual(topModelsVsOracle(usages, oracle).filter(pl.col("same").not()).toRecords(), []);
    // with no path the oracle is found in the mirror of the shared data
    assert.deepEqual(await loadMappingOracle(), oracle);
  },
});
