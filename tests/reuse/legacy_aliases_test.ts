import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { legacyAliases } from "../../lib/reuse/legacy_aliases.ts";
import { realMapping, realModels, SHARED_DATA } from "./_real_data.ts";

const listing = () =>
  pl.DataFrame({
    id: [
      "google-bert/bert-base-uncased",
      "someone/bert-base-uncased",
      "copycat/BERT-BASE-UNCASED",
      "gpt2",
      "a/roberta-base",
      "b/roberta-base",
    ],
    downloads: [51_000_000, 12, 3, 7, 5, 5],
  });

Deno.test("legacyAliases() picks the most downloaded owner/<same name> for legacy ids the listing lost", () => {
  assert.deepEqual(
    legacyAliases(["bert-base-uncased", "bert-base-uncased", "org/x", "gpt2", "gone"], listing()).toRecords(),
    [
      // three candidates, names compared without case; the moved repository keeps the traffic
      {
        legacy_id: "bert-base-uncased",
        alias: "google-bert/bert-base-uncased",
        candidates: 3,
        downloads: 51_000_000,
        runner_up_downloads: 12,
      },
    ],
  );
});

Deno.test("legacyAliases() breaks download ties by id and skips ids still listed, even by another case", () => {
  assert.deepEqual(legacyAliases(["roberta-base", "GPT2"], listing()).toRecords(), [
    {
      legacy_id: "roberta-base",
      alias: "a/roberta-base",
      candidates: 2,
      downloads: 5,
      runner_up_downloads: 5,
    },
  ]);
  assert.equal(legacyAliases([], listing()).height, 0);
});

Deno.test({
  name: "legacyAliases() on the mapping and the 2024 listing: the canonical models moved into organisations",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, models] = await Promise.all([realMapping(), realModels()]);
    const aliases = legacyAliases(usages.getColumn("model_id").toArray() as string[], models);
    const alias = new Map(aliases.toRecords().map((r) => [r.legacy_id, r.alias]));
    assert.equal(alias.get("bert-base-uncased"), "google-bert/bert-base-uncased");
    assert.equal(alias.get("gpt2"), "openai-community/gpt2");
    assert.equal(alias.get("roberta-base"), "FacebookAI/roberta-base");
    assert.equal(alias.get("t5-base"), "google-t5/t5-base");
    assert.equal(alias.get("distilbert-base-uncased"), "distilbert/distilbert-base-uncased");
    // every alias is the same name under an owner, and is far more downloaded than any other copy
    for (const r of aliases.toRecords()) {
      assert.equal(String(r.alias).split("/")[1].toLowerCase(), String(r.legacy_id).toLowerCase());
      assert.ok(
        r.runner_up_downloads === null || Number(r.downloads) > Number(r.runner_up_downloads),
        String(r.legacy_id),
      );
    }
  },
});
