import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { loadMappingUsages, mappingUsages } from "../../lib/reuse/mapping_usages.ts";
import { TABLES } from "../../lib/store/schema.ts";
import { MAPPING_CSV, realMapping, realOracle, SHARED_DATA } from "./_real_data.ts";

Deno.test("mappingUsages() keeps one usage per (repo, model) pair, as a literal Hugging Face id", () => {
  const usages = mappingUsages([
    { repo: "a/b", model: "gpt2" },
    { repo: "a/b", model: "gpt2" }, // the same pair under a second license
    { repo: "a/b", model: "t5-base" },
    { repo: "c/d", model: "gpt2" },
  ]);
  assert.deepEqual(usages.columns, TABLES.usages.map((c) => c.name));
  assert.deepEqual(usages.select("repo", "model_id", "hub", "argument", "resolution").toRecords(), [
    { repo: "a/b", model_id: "gpt2", hub: "huggingface", argument: "gpt2", resolution: "literal" },
    { repo: "a/b", model_id: "t5-base", hub: "huggingface", argument: "t5-base", resolution: "literal" },
    { repo: "c/d", model_id: "gpt2", hub: "huggingface", argument: "gpt2", resolution: "literal" },
  ]);
  assert.equal(usages.getColumn("file").nullCount(), 3);
});

Deno.test("loadMappingUsages() reads a mapping file and names it in errors", async () => {
  const dir = await Deno.makeTempDir();
  const good = join(dir, "mapping.csv");
  await Deno.writeTextFile(
    good,
    "github.com/a/b,gpt2,https://huggingface.co/gpt2,mit\n" +
      "github.com/a/b,gpt2,https://huggingface.co/gpt2,apache-2.0\n",
  );
  const { usages, rows, where } = await loadMappingUsages(good);
  assert.deepEqual([rows, usages.height, where], [2, 1, good]);
  const bad = join(dir, "bad.csv");
  await Deno.writeTextFile(bad, "github.com/a/b,gpt2,https://huggingface.co/gpt2,mit\nnot-a-repo,x,y,z\n");
  await assert.rejects(() => loadMappingUsages(bad), (e: Error) => e.message.includes(`${bad} line 2`));
});

Deno.test({
  name: "loadMappingUsages() on the artifact's mapping.csv: 22,861 rows, the oracle's repos, PTMs and pairs",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages, rows }, oracle] = await Promise.all([realMapping(), realOracle()]);
    assert.equal(rows, oracle.rows);
    assert.equal(usages.height, oracle.distinct_repo_model_pairs);
    assert.equal(usages.getColumn("repo").nUnique(), oracle.distinct_gh_repos);
    assert.equal(usages.getColumn("model_id").nUnique(), oracle.distinct_hf_models);
    assert.equal(usages.filter(pl.col("resolution").eq(pl.lit("literal"))).height, usages.height);
  },
});

Deno.test({
  name: "loadMappingUsages() without a path reads the pinned copy (catalog group peatmoss-license-analysis)",
  ignore: !SHARED_DATA,
  fn: async () => {
    const pinned = await loadMappingUsages();
    const { usages } = await realMapping();
    assert.equal(pinned.where.endsWith("mapping.csv"), true);
    assert.notEqual(pinned.where, MAPPING_CSV);
    assert.deepEqual(pinned.usages.toRecords(), usages.toRecords());
  },
});
