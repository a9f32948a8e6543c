import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { fanOutBuckets, linksBuckets, linksPer, linksSummary } from "../../lib/reuse/fan_out.ts";
import { realMapping, realOracle, SHARED_DATA } from "./_real_data.ts";

// a/x uses three PTMs (m1 twice: one link), b/y one; m1 has two repos; one usage did not resolve
const usages = () =>
  pl.DataFrame({
    repo: ["a/x", "a/x", "a/x", "a/x", "b/y", "b/y"],
    model_id: ["m1", "m2", "m3", "m1", "m1", null],
  });

Deno.test("linksPer() counts distinct partners per repository or per PTM, largest first", () => {
  assert.deepEqual(linksPer(usages(), "repo").toRecords(), [{ repo: "a/x", count: 3 }, {
    repo: "b/y",
    count: 1,
  }]);
  assert.deepEqual(linksPer(usages(), "model_id").toRecords(), [
    { model_id: "m1", count: 2 },
    { model_id: "m2", count: 1 },
    { model_id: "m3", count: 1 },
  ]);
});

Deno.test("linksSummary() gives keys, links, mean, median, p90 and the top key", () => {
  assert.deepEqual(linksSummary(usages(), "repo").toRecords(), [
    { keys: 2, links: 4, mean: 2, median: 2, p90: 3, max: 3, max_key: "a/x" },
  ]);
  assert.deepEqual(linksSummary(usages(), "model_id").toRecords(), [
    { keys: 3, links: 4, mean: 4 / 3, median: 1, p90: 2, max: 2, max_key: "m1" },
  ]);
  assert.deepEqual(linksSummary(usages().head(0), "repo").toRecords(), [
    { keys: 0, links: 0, mean: null, median: null, p90: null, max: null, max_key: null },
  ]);
});

Deno.test("linksBuckets() buckets keys by their number of links, the last bucket open", () => {
  assert.deepEqual(linksBuckets(usages(), "repo", { edges: [1, 2] }).toRecords(), [
    { bucket: "1", keys: 1, keys_share: 0.5, links: 1, links_share: 0.25 },
    { bucket: "2+", keys: 1, keys_share: 0.5, links: 3, links_share: 0.75 },
  ]);
});

Deno.test("fanOutBuckets() stacks the buckets of both directions, PTMs per repository first", () => {
  const t = fanOutBuckets(usages(), { edges: [1, 2] });
  assert.deepEqual(t.select("direction", "bucket", "keys", "links").toRecords(), [
    { direction: "PTMs per repository", bucket: "1", keys: 1, links: 1 },
    { direction: "PTMs per repository", bucket: "2+", keys: 1, links: 3 },
    { direction: "repositories per PTM", bucket: "1", keys: 2, links: 2 },
    { direction: "repositories per PTM", bucket: "2+", keys: 1, links: 2 },
  ]);
});

Deno.test({
  name: "linksSummary() on the mapping matches the oracle: 2.8733 PTMs per repo, 15.119 repos per PTM",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, oracle] = await Promise.all([realMapping(), realOracle()]);
    const [perRepo] = linksSummary(usages, "repo").toRecords();
    const [perModel] = linksSummary(usages, "model_id").toRecords();
    assert.equal(perRepo.keys, oracle.distinct_gh_repos);
    assert.equal(perModel.keys, oracle.distinct_hf_models);
    assert.equal(perRepo.links, oracle.distinct_repo_model_pairs);
    assert.equal(Number(Number(perRepo.mean).toFixed(4)), oracle.mean_models_per_repo);
    assert.equal(Number(Number(perModel.mean).toFixed(3)), oracle.mean_repos_per_model);
    assert.equal(perModel.median, oracle.median_repos_per_model);
    assert.deepEqual([perRepo.max, `github.com/${perRepo.max_key}`], oracle.max_models_per_repo);
    assert.equal(perModel.max, oracle.top20_models_by_distinct_repos[0].repos);
    // the buckets partition the repositories and the links
    const buckets = linksBuckets(usages, "repo");
    assert.equal(Number(buckets.getColumn("keys").sum()), oracle.distinct_gh_repos);
    assert.equal(Number(buckets.getColumn("links").sum()), oracle.distinct_repo_model_pairs);
  },
});
