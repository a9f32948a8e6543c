import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { PeatmossDbError, readPeatmossDb } from "../../lib/sources/peatmoss_db.ts";
import { writeDataset } from "../../lib/store/dataset.ts";
import { sha256File } from "../../lib/store/hash.ts";
import { createPeatmossSchema, makePeatmossFixture } from "./_peatmoss_fixture.ts";

async function fixture(): Promise<string> {
  const path = join(await Deno.makeTempDir(), "PeaTMOSS.db");
  makePeatmossFixture(path);
  return path;
}

const HF = "huggingface";

Deno.test("readPeatmossDb() maps models with their hub, links and quirks", async () => {
  const { tables } = await readPeatmossDb(await fixture());
  const rows = tables.models!.select(
    "id",
    "hub",
    "author",
    "downloads",
    "likes",
    "pipeline_tag",
    "library",
    "licenses",
    "datasets",
    "arxiv_ids",
    "tags",
    "sha",
    "has_snapshot",
  ).toRecords();
  assert.deepEqual(rows, [
    {
      id: "bert-base-uncased",
      hub: HF,
      author: "google",
      downloads: 100,
      likes: 5,
      pipeline_tag: "fill-mask",
      library: "transformers",
      licenses: ["apache-2.0"],
      datasets: ["bookcorpus", "wikipedia"],
      arxiv_ids: ["1810.04805"],
      tags: ["pytorch", "fill-mask", "exbert", "feature-extraction"],
      sha: "a265f77",
      has_snapshot: true,
    },
    {
      id: "openai/whisper-tiny",
      hub: HF,
      author: "openai",
      downloads: 40,
      likes: 2,
      pipeline_tag: "automatic-speech-recognition",
      library: "transformers",
      licenses: ["mit", "apache-2.0"],
      datasets: [],
      arxiv_ids: ["2212.04356"],
      tags: ["audio", "automatic-speech-recognition"],
      sha: "b0a5ac8",
      has_snapshot: true,
    },
    {
      id: "1234",
      hub: HF,
      author: null,
      downloads: null,
      likes: 0,
      pipeline_tag: null,
      library: null,
      licenses: [],
      datasets: [],
      arxiv_ids: [],
      tags: [],
      sha: null,
      has_snapshot: false,
    },
    {
      id: "pytorch/vision:resnet50",
      hub: "pytorch",
      author: "Pytorch Team",
      downloads: 0,
      likes: 9,
      pipeline_tag: null,
      library: "pytorch",
      licenses: ["bsd-3-clause"],
      datasets: [],
      arxiv_ids: [],
      tags: ["vision", "scriptable"],
      sha: null,
      has_snapshot: true,
    },
    {
      id: "snakers4/silero-models:silero_stt",
      hub: "pytorch",
      author: "Pytorch Team",
      downloads: 0,
      likes: 3,
      pipeline_tag: null,
      library: "pytorch",
      licenses: [],
      datasets: [],
      arxiv_ids: [],
      tags: ["audio", "scriptable"],
      sha: null,
      has_snapshot: false,
    },
  ]);
});

Deno.test("readPeatmossDb() takes first_commit_at from the earliest hf_commit and has no created_at", async () => {
  const { tables } = await readPeatmossDb(await fixture());
  const times = (name: string) =>
    (tables.models!.getColumn(name).toArray() as unknown as (Date | null)[]).map((d) =>
      d?.toISOString() ?? null
    );
  assert.deepEqual(times("first_commit_at"), [
    "2018-11-14T22:35:08.000Z",
    "2022-09-26T06:50:30.500Z",
    null,
    null,
    null,
  ]);
  assert.deepEqual(times("created_at"), [null, null, null, null, null]);
});

Deno.test("readPeatmossDb() turns reuse files and file-less links into usages", async () => {
  const { tables } = await readPeatmossDb(await fixture());
  assert.deepEqual(tables.repos!.toRecords(), [
    { repo: "alice/app", url: "https://github.com/alice/app" },
    { repo: "bob/tool", url: "https://github.com/bob/tool" },
    { repo: "carol/unused", url: "https://github.com/carol/unused" },
  ]);
  const usage = (repo: string, model_id: string, hub: string, file: string | null) => ({
    repo,
    model_id,
    hub,
    file,
    resolution: "literal",
  });
  assert.deepEqual(tables.usages!.toRecords(), [
    usage("alice/app", "bert-base-uncased", HF, "src/main.py"),
    usage("bob/tool", "pytorch/vision:resnet50", "pytorch", "train.py"),
    usage("alice/app", "openai/whisper-tiny", HF, "src/asr.py"),
    usage("alice/app", "bert-base-uncased", HF, "src/other.py"),
    usage("bob/tool", "bert-base-uncased", HF, null),
  ]);
});

Deno.test("readPeatmossDb() describes its input and notes what it skipped", async () => {
  const path = await fixture();
  const { tables, info } = await readPeatmossDb(path);
  assert.equal(info.source.kind, "peatmoss-db");
  assert.deepEqual(info.inputs, [
    { path: "PeaTMOSS.db", bytes: (await Deno.stat(path)).size, sha256: await sha256File(path) },
  ]);
  assert.deepEqual(info.notes, [
    "1 model.context_id values are stored as numbers (INTEGER column affinity); read back as text",
    "2 PyTorch Hub ids were qualified as owner/repo:entry from repo_url",
    "model_to_paper: 1 rows point to no paper row and were skipped",
    "model_to_tag: links of 1 model ids that are not in model were skipped",
    "hf_commit: 1 created_at values are not dates and were ignored",
    "reuse_file: 1 rows name a model or reuse_repository that is missing and were skipped",
  ]);
  // the result is a valid dataset
  const manifest = await writeDataset(join(await Deno.makeTempDir(), "peatmoss"), tables, info);
  assert.equal(manifest.tables.models?.rows, 5);
  assert.equal(manifest.tables.usages?.rows, 5);
});

Deno.test("readPeatmossDb() rejects bad input with the file, table and row", async (t) => {
  const dir = await Deno.makeTempDir();

  await t.step("a file that is not SQLite", async () => {
    const path = join(dir, "notes.db");
    await Deno.writeTextFile(
      path,
      "this is not a database, just some text that is long enough to be read\n".repeat(20),
    );
    await assert.rejects(
      () => readPeatmossDb(path),
      (err: Error) =>
        err instanceof PeatmossDbError && err.message.includes(path) && /not a SQLite/.test(err.message),
    );
  });

  await t.step("a missing file", async () => {
    const path = join(dir, "missing.db");
    await assert.rejects(
      () => readPeatmossDb(path),
      (err: Error) => err.message.startsWith(`${path}: cannot read`),
    );
  });

  await t.step("a missing table", async () => {
    const path = join(dir, "no_tag_links.db");
    const db = createPeatmossSchema(path);
    db.exec("DROP TABLE model_to_tag");
    db.close();
    await assert.rejects(() => readPeatmossDb(path), {
      name: "PeatmossDbError",
      message: `${path}: table model_to_tag is missing; expected the PeaTMOSS.sql schema ` +
        `(is this the PeaTMOSS metadata DB?)`,
    });
  });

  await t.step("a missing column", async () => {
    const path = join(dir, "old_model.db");
    const db = createPeatmossSchema(path);
    db.exec("ALTER TABLE model DROP COLUMN has_snapshot");
    db.close();
    await assert.rejects(() => readPeatmossDb(path), /table model has no column has_snapshot/);
  });

  await t.step("a table the import cannot query", async () => {
    const path = join(dir, "without_rowid.db");
    const db = createPeatmossSchema(path);
    db.exec(`DROP TABLE model_to_tag;
      CREATE TABLE model_to_tag (model_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (model_id, tag_id))
      WITHOUT ROWID`);
    db.close();
    await assert.rejects(
      () => readPeatmossDb(path),
      (err: Error) =>
        err instanceof PeatmossDbError &&
        err.message.startsWith(`${path}: table model_to_tag: no such column`),
    );
  });

  await t.step("a model without context_id", async () => {
    const path = join(dir, "no_context.db");
    makePeatmossFixture(path);
    const edit = new DatabaseSync(path);
    edit.exec("UPDATE model SET context_id = NULL WHERE id = 5");
    edit.close();
    await assert.rejects(() => readPeatmossDb(path), {
      message: `${path}: table model, row id=5: context_id is empty; every model needs its hub id there`,
    });
  });

  await t.step("a model of an unknown hub", async () => {
    const path = join(dir, "other_hub.db");
    makePeatmossFixture(path);
    const edit = new DatabaseSync(path);
    edit.exec(
      "INSERT INTO model_hub VALUES (3, 'Kaggle', 'https://kaggle.com'); UPDATE model SET model_hub_id = 3 WHERE id = 2",
    );
    edit.close();
    await assert.rejects(
      () => readPeatmossDb(path),
      /row id=2 \(openai\/whisper-tiny\): model_hub_id 3 names Kaggle; expected/,
    );
  });
});
