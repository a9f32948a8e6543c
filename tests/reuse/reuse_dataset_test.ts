import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { reuseDataset } from "../../lib/reuse/reuse_dataset.ts";
import { conform } from "../../lib/store/conform.ts";
import { loadDataset, writeDataset } from "../../lib/store/dataset.ts";
import { sha256File } from "../../lib/store/hash.ts";
import type { Manifest } from "../../lib/store/manifest.ts";
import { MAPPING_CSV, realModels, SHARED_DATA } from "./_real_data.ts";

const SCAN = join(import.meta.dirname!, "testdata", "scan.jsonl");

const manifest = (name: string): Manifest => ({
  format: "ptmscope-dataset",
  schema_version: 1,
  name,
  source: { kind: "hf-dump" },
  retrieved_at: "2024-07-11",
  created_at: "2024-07-12T00:00:00Z",
  inputs: [],
  tables: {},
  notes: [],
});

const listing = () => ({
  manifest: manifest("hf-small"),
  models: conform(
    "models",
    pl.DataFrame({
      id: ["google-bert/bert-base-uncased", "openai-community/gpt2"],
      hub: ["huggingface", "huggingface"],
    }),
  ),
});

Deno.test("reuseDataset() of a usage scan: a dataset whose manifest names the scan file and the listing", async () => {
  const { tables, info } = await reuseDataset({ kind: "usage-scan", path: SCAN }, listing());
  assert.deepEqual(info.inputs, [{
    path: "scan.jsonl",
    bytes: (await Deno.stat(SCAN)).size,
    sha256: await sha256File(SCAN),
  }]);
  assert.equal(info.source.kind, "usage-scan");
  assert.deepEqual(info.notes, [
    "model ids as in the dataset hf-small (retrieved 2024-07-11)",
    "2 usages name a model that hf-small does not list",
  ]);
  const dir = join(await Deno.makeTempDir(), "scan");
  await writeDataset(dir, tables, info);
  const back = await loadDataset(dir);
  assert.deepEqual([back.usages.height, back.models.height, back.repos.height], [5, 2, 2]);
  assert.deepEqual(back.usages.getColumn("model_id").head(2).toArray(), [
    "google-bert/bert-base-uncased",
    "openai-community/gpt2",
  ]);
});

Deno.test("reuseDataset() of a missing scan names the path", async () => {
  await assert.rejects(
    () => reuseDataset({ kind: "usage-scan", path: "/nonexistent/scan.jsonl" }, listing()),
    /\/nonexistent\/scan.jsonl: no such file/,
  );
});

Deno.test({
  name: "reuseDataset() of the artifact's mapping with the 2024 listing",
  ignore: !SHARED_DATA,
  fn: async () => {
    const listed = { models: await realModels(), manifest: manifest("hf-2024-07-11") };
    const { tables, info } = await reuseDataset({ kind: "peatmoss-mapping", path: MAPPING_CSV! }, listed);
    assert.equal(tables.usages.height, 22860);
    assert.equal(info.inputs![0].sha256, await sha256File(MAPPING_CSV!));
    assert.deepEqual(info.notes, [
      "model ids as in the dataset hf-2024-07-11 (retrieved 2024-07-11)",
      "106 usages name a model that hf-2024-07-11 does not list",
    ]);
  },
});
