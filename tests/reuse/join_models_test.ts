import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { idMatchCounts, joinModels } from "../../lib/reuse/join_models.ts";
import { realMapping, realModels, SHARED_DATA } from "./_real_data.ts";

const listing = () =>
  pl.DataFrame({
    id: ["google-bert/bert-base-uncased", "spacy/en_core_web_sm", "Org/Model", "org/model", "t5-small"],
    downloads: [9, 1, 1, 1, 4],
    pipeline_tag: ["fill-mask", null, "text-classification", "translation", "translation"],
    tags: pl.Series("tags", [["fill-mask"], ["spacy"], [], [], ["t5"]], pl.List(pl.String)),
  });

const usages = () =>
  pl.DataFrame({
    repo: ["a/b", "a/b", "c/d", "c/d", "e/f", "e/f"],
    model_id: ["bert-base-uncased", "spaCy/en_core_web_sm", "gone", "t5-small", "ORG/MODEL", null],
  });

Deno.test("joinModels() finds ids exactly, by case, by legacy alias, or not at all", () => {
  const joined = joinModels(usages(), listing(), { columns: ["pipeline_tag"] });
  assert.deepEqual(joined.toRecords(), [
    {
      repo: "a/b",
      model_id: "bert-base-uncased",
      listed_id: "google-bert/bert-base-uncased",
      id_match: "alias",
      pipeline_tag: "fill-mask",
    },
    {
      repo: "a/b",
      model_id: "spaCy/en_core_web_sm",
      listed_id: "spacy/en_core_web_sm",
      id_match: "case",
      pipeline_tag: null,
    },
    { repo: "c/d", model_id: "gone", listed_id: null, id_match: "missing", pipeline_tag: null },
    {
      repo: "c/d",
      model_id: "t5-small",
      listed_id: "t5-small",
      id_match: "exact",
      pipeline_tag: "translation",
    },
    // two listed ids differ only by case: the first in sort order, every run alike
    {
      repo: "e/f",
      model_id: "ORG/MODEL",
      listed_id: "Org/Model",
      id_match: "case",
      pipeline_tag: "text-classification",
    },
    { repo: "e/f", model_id: null, listed_id: null, id_match: null, pipeline_tag: null },
  ]);
});

Deno.test("idMatchCounts() counts ids, links and repos per kind of match, zeros and total included", () => {
  const counts = idMatchCounts(joinModels(usages(), listing(), { columns: [] }));
  assert.deepEqual(counts.select("id_match", "model_ids", "links", "repos").toRecords(), [
    { id_match: "exact", model_ids: 1, links: 1, repos: 1 },
    { id_match: "case", model_ids: 2, links: 2, repos: 2 },
    { id_match: "alias", model_ids: 1, links: 1, repos: 1 },
    { id_match: "missing", model_ids: 1, links: 1, repos: 1 },
    { id_match: "total", model_ids: 5, links: 5, repos: 3 },
  ]);
  assert.deepEqual(counts.getColumn("links_share").toArray(), [0.2, 0.4, 0.2, 0.2, 1]);
});

Deno.test({
  name:
    "joinModels() of the mapping with the 2024 listing: 1,483 of 1,512 PTMs found, 52 of them by legacy alias",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, models] = await Promise.all([realMapping(), realModels()]);
    const joined = joinModels(usages, models);
    assert.equal(joined.height, usages.height);
    const counts = Object.fromEntries(idMatchCounts(joined).toRecords().map((r) => [r.id_match, r]));
    assert.deepEqual(
      ["exact", "case", "alias", "missing", "total"].map((k) => [k, counts[k].model_ids, counts[k].links]),
      [["exact", 1431, 15691], ["case", 0, 0], ["alias", 52, 7063], ["missing", 29, 106], [
        "total",
        1512,
        22860,
      ]],
    );
    // a found model brings its tags along; a missing one has none
    const missing = joined.filter(pl.col("id_match").eq(pl.lit("missing")));
    assert.equal(missing.getColumn("tags").nullCount(), missing.height);
    const bert = joined.filter(pl.col("model_id").eq(pl.lit("bert-base-uncased"))).row(0);
    assert.ok(bert.includes("google-bert/bert-base-uncased"));
  },
});
