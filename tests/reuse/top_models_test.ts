import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { topModelsByRepos } from "../../lib/reuse/top_models.ts";
import { realMapping, realOracle, SHARED_DATA } from "./_real_data.ts";

Deno.test("topModelsByRepos() ranks PTMs by distinct repositories, ties by id, and carries columns along", () => {
  const usages = pl.DataFrame({
    repo: ["a/x", "b/y", "b/y", "c/z", "c/z", "c/z"],
    model_id: ["gpt2", "gpt2", "t5-base", "gpt2", "gpt2", "bert"],
    listed_id: [
      "openai-community/gpt2",
      "openai-community/gpt2",
      "google-t5/t5-base",
      "openai-community/gpt2",
      "openai-community/gpt2",
      null,
    ],
  });
  assert.deepEqual(topModelsByRepos(usages, { top: 2, keep: ["listed_id"] }).toRecords(), [
    { rank: 1, model_id: "gpt2", repos: 3, repos_share: 1, listed_id: "openai-community/gpt2" },
    { rank: 2, model_id: "bert", repos: 1, repos_share: 1 / 3, listed_id: null },
  ]);
});

Deno.test({
  name:
    "topModelsByRepos() on the mapping: spacy/en_core_web_sm 2,014, bert-base-uncased 1,704, gpt2 910, ...",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, oracle] = await Promise.all([realMapping(), realOracle()]);
    const theirs = oracle.top20_models_by_distinct_repos;
    const ours = topModelsByRepos(usages, { top: theirs.length }).toRecords();
    assert.deepEqual(ours.map((r) => [r.model_id, r.repos]), theirs.map((t) => [t.model, t.repos]));
    assert.equal(ours[0].repos_share, 2014 / oracle.distinct_gh_repos);
  },
});
