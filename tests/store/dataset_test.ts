import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  loadDataset,
  loadTable,
  readManifest,
  resolveDatasetDir,
  writeDataset,
} from "../../lib/store/dataset.ts";
import { conform, SchemaError } from "../../lib/store/conform.ts";
import { ManifestError } from "../../lib/store/manifest.ts";

const models = () =>
  pl.DataFrame({
    id: ["gpt2", "google-bert/bert-base-uncased"],
    hub: ["huggingface", "huggingface"],
    downloads: [10, 20],
    licenses: [["mit"], []],
  });

Deno.test("writeDataset() then loadDataset() returns the tables with canonical types", async () => {
  const dir = join(await Deno.makeTempDir(), "demo");
  const m = await writeDataset(dir, { models: models() }, {
    source: { kind: "test" },
    retrieved_at: "2024-07-11",
  });
  assert.equal(m.tables.models?.rows, 2);
  const ds = await loadDataset(dir);
  assert.equal(ds.models.height, 2);
  assert.ok(ds.models.getColumn("downloads").dtype.equals(pl.Int64));
  assert.deepEqual(ds.models.getColumn("licenses").toArray(), [["mit"], []]);
  assert.equal(ds.usages.height, 0);
  assert.ok(ds.usages.columns.includes("resolution"));
  assert.equal((await readManifest(dir)).retrieved_at, "2024-07-11");
});

Deno.test("writeDataset() leaves the previous dataset intact when a table does not conform", async () => {
  const dir = join(await Deno.makeTempDir(), "demo");
  await writeDataset(dir, { models: models() }, { source: { kind: "test" } });
  const bad = pl.DataFrame({ id: ["x"], hub: ["huggingface"], stars_typo: [1] });
  await assert.rejects(() => writeDataset(dir, { models: bad }, { source: { kind: "test" } }), SchemaError);
  assert.equal((await loadTable(dir, "models")).height, 2);
  const leftovers = [...Deno.readDirSync(join(dir, ".."))].map((e) => e.name);
  assert.deepEqual(leftovers, ["demo"]);
});

Deno.test("writeDataset() refuses to replace a directory that is not a dataset", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "precious.txt"), "keep me");
  await assert.rejects(
    () => writeDataset(dir, { models: models() }, { source: { kind: "test" } }),
    ManifestError,
  );
  assert.equal(await Deno.readTextFile(join(dir, "precious.txt")), "keep me");
});

Deno.test("resolveDatasetDir() picks the newest dated snapshot of a collection", async () => {
  const root = await Deno.makeTempDir();
  await writeDataset(join(root, "2024-07-11"), { models: models() }, { source: { kind: "test" } });
  await writeDataset(join(root, "2025-01-02"), { models: models().head(1) }, { source: { kind: "test" } });
  assert.equal(resolveDatasetDir(root), join(root, "2025-01-02"));
  assert.equal((await loadTable(root, "models")).height, 1);
  assert.throws(() => resolveDatasetDir(join(root, "missing")), ManifestError);
});

Deno.test("conform() names the missing required column and rejects nulls in it", () => {
  assert.throws(() => conform("models", pl.DataFrame({ hub: ["huggingface"] })), /required column id/);
  assert.throws(
    () => conform("models", pl.DataFrame({ id: ["a", null], hub: ["huggingface", "huggingface"] })),
    /id must not be null/,
  );
});

Deno.test("a usages table stored before the `cell` column existed is re-written with it, as nulls", async () => {
  const dir = join(await Deno.makeTempDir(), "old");
  await writeDataset(dir, { usages: pl.DataFrame({ repo: ["a/b"], model_id: ["gpt2"], line: [3] }) }, {
    source: { kind: "manual" },
  });
  // the layout of schema version 1 before `cell`: every usages column but that one
  const old = (await loadTable(dir, "usages")).drop("cell");
  old.writeParquet(join(dir, "usages.parquet"));
  const usages = await loadTable(dir, "usages");
  assert.equal(usages.columns.includes("cell"), false);
  const again = join(dir, "..", "again");
  await writeDataset(again, { usages }, { source: { kind: "manual" } });
  assert.deepEqual((await loadTable(again, "usages")).select("repo", "line", "cell").toRecords(), [
    { repo: "a/b", line: 3, cell: null },
  ]);
});
