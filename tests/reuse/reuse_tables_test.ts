import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { readDetections } from "../../lib/reuse/detections_usages.ts";
import { mappingUsages } from "../../lib/reuse/mapping_usages.ts";
import { reuseTables } from "../../lib/reuse/reuse_tables.ts";
import { conform } from "../../lib/store/conform.ts";
import { loadTable, writeDataset } from "../../lib/store/dataset.ts";
import { realMapping, realModels, SHARED_DATA } from "./_real_data.ts";

const listing = () =>
  conform(
    "models",
    pl.DataFrame({
      id: [
        "google-bert/bert-base-uncased",
        "openai-community/gpt2",
        "sentence-transformers/all-MiniLM-L6-v2",
        "x/y",
      ],
      hub: ["huggingface", "huggingface", "huggingface", "huggingface"],
      downloads: [9, 8, 7, 1],
    }),
  );

Deno.test("reuseTables() gives usages the listed ids, and the models and repos they name", async () => {
  const usages = await readDetections(join(import.meta.dirname!, "testdata", "scan.jsonl"));
  const t = reuseTables(usages, listing());
  assert.deepEqual(t.usages.select("repo", "model_id", "argument").toRecords(), [
    { repo: "alice/app", model_id: "google-bert/bert-base-uncased", argument: '"bert-base-uncased"' },
    { repo: "alice/app", model_id: "openai-community/gpt2", argument: "MODEL" },
    { repo: "alice/app", model_id: "sentence-transformers/all-MiniLM-L6-v2", argument: "args.model" },
    // not in the listing: kept as found
    { repo: "bob/vision", model_id: "pytorch/vision:resnet50", argument: "repo, name" },
    { repo: "bob/vision", model_id: null, argument: "cfg.name" },
  ]);
  // the evidence columns pass through unchanged
  assert.deepEqual(t.usages.drop("model_id").toRecords(), usages.drop("model_id").toRecords());
  assert.deepEqual(t.models.getColumn("id").toArray(), [
    "google-bert/bert-base-uncased",
    "openai-community/gpt2",
    "sentence-transformers/all-MiniLM-L6-v2",
  ]);
  assert.deepEqual(t.repos.select("repo", "url").toRecords(), [
    { repo: "alice/app", url: "https://github.com/alice/app" },
    { repo: "bob/vision", url: "https://github.com/bob/vision" },
  ]);
});

Deno.test("reuseTables() output is a valid dataset: written and read back unchanged", async () => {
  const t = reuseTables(
    mappingUsages([{ repo: "a/b", model: "gpt2" }, { repo: "a/b", model: "x/y" }]),
    listing(),
  );
  const dir = join(await Deno.makeTempDir(), "reuse");
  const manifest = await writeDataset(dir, t, { source: { kind: "manual" } });
  assert.deepEqual(
    [manifest.tables.usages?.rows, manifest.tables.models?.rows, manifest.tables.repos?.rows],
    [2, 2, 1],
  );
  assert.deepEqual((await loadTable(dir, "usages")).toRecords(), t.usages.toRecords());
});

Deno.test({
  name: "reuseTables() on the mapping and the 2024 listing: 1,483 listed PTMs, 7,956 repos, 22,860 usages",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, models] = await Promise.all([realMapping(), realModels()]);
    const t = reuseTables(usages, models);
    assert.deepEqual([t.models.height, t.repos.height, t.usages.height], [1483, 7956, 22860]);
    const unlisted = t.usages.join(t.models.select(pl.col("id").alias("model_id")), {
      on: "model_id",
      how: "anti",
    });
    assert.deepEqual([unlisted.height, unlisted.getColumn("model_id").nUnique()], [106, 29]);
    // legacy ids now point at the listed model; the mapping's spelling stays in `argument`
    const bert = t.usages.filter(pl.col("argument").eq(pl.lit("bert-base-uncased")));
    assert.deepEqual([bert.height, bert.getColumn("model_id").unique().toArray()], [1704, [
      "google-bert/bert-base-uncased",
    ]]);
  },
});
