import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pl from "nodejs-polars";
import { readPeatmossDb } from "../../lib/sources/peatmoss_db.ts";
import { PeatmossExportError, writePeatmossDb } from "../../lib/store/peatmoss_export.ts";
import { makePeatmossFixture } from "../sources/_peatmoss_fixture.ts";

async function fixtureDataset() {
  const path = join(await Deno.makeTempDir(), "PeaTMOSS.db");
  makePeatmossFixture(path);
  const { tables } = await readPeatmossDb(path);
  return { models: tables.models!, repos: tables.repos!, usages: tables.usages! };
}

function query(path: string, sql: string): unknown[][] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const stmt = db.prepare(sql);
    stmt.setReturnArrays(true);
    return stmt.all() as unknown as unknown[][];
  } finally {
    db.close();
  }
}

Deno.test("writePeatmossDb() then readPeatmossDb() gives back the same canonical tables", async () => {
  const ds = await fixtureDataset();
  const out = join(await Deno.makeTempDir(), "export.db");
  await writePeatmossDb(ds, out);
  const { tables } = await readPeatmossDb(out);
  // hf_commit is not exported, so first commit times are lost on the way
  const withoutCommits = (df: pl.DataFrame) => df.drop("first_commit_at").toRecords();
  assert.deepEqual(withoutCommits(tables.models!), withoutCommits(ds.models));
  assert.equal(tables.models!.getColumn("first_commit_at").nullCount(), 5);
  assert.deepEqual(tables.repos!.toRecords(), ds.repos.toRecords());
  assert.deepEqual(tables.usages!.toRecords(), ds.usages.toRecords());
});

Deno.test("writePeatmossDb() fills every PeaTMOSS table it has data for, with intact keys", async () => {
  const out = join(await Deno.makeTempDir(), "export.db");
  const { tables } = await writePeatmossDb(await fixtureDataset(), out);
  assert.equal(Object.keys(tables).length, 56);
  const filled = Object.fromEntries(Object.entries(tables).filter(([, n]) => n > 0));
  assert.deepEqual(filled, {
    model_hub: 2,
    author: 3,
    dataset: 2,
    library: 2,
    license: 3,
    paper: 2,
    tag: 8,
    reuse_repository: 3,
    model: 5,
    model_to_author: 4,
    model_to_dataset: 2,
    model_to_library: 4,
    model_to_license: 4,
    model_to_paper: 2,
    model_to_tag: 10,
    reuse_file: 4,
    model_to_reuse_repository: 4,
  });
  assert.deepEqual(query(out, "PRAGMA foreign_key_check"), []);
  assert.deepEqual(query(out, "PRAGMA integrity_check"), [["ok"]]);
  assert.deepEqual(query(out, "SELECT id, name, url FROM model_hub ORDER BY id"), [
    [1, "HuggingFace", "https://huggingface.co/"],
    [2, "PyTorch", "https://pytorch.org"],
  ]);
  assert.deepEqual(query(out, "SELECT context_id, repo_url FROM model ORDER BY id"), [
    ["bert-base-uncased", "https://huggingface.co/bert-base-uncased"],
    ["openai/whisper-tiny", "https://huggingface.co/openai/whisper-tiny"],
    [1234, "https://huggingface.co/1234"],
    ["pytorch/vision:resnet50", "github.com/pytorch/vision"],
    ["snakers4/silero-models:silero_stt", "github.com/snakers4/silero-models"],
  ]);
  assert.deepEqual(query(out, "SELECT name FROM paper ORDER BY id"), [
    ["https://arxiv.org/abs/1810.04805"],
    ["https://arxiv.org/abs/2212.04356"],
  ]);
});

Deno.test("the paper's Fig. 8 query runs unchanged on an exported database", async () => {
  const out = join(await Deno.makeTempDir(), "export.db");
  await writePeatmossDb(await fixtureDataset(), out);
  const rows = query(
    out,
    `SELECT model.context_id, GROUP_CONCAT(tag.name) FROM model JOIN model_to_tag ON model.id = model_to_tag.model_id
     JOIN tag ON tag.id = model_to_tag.tag_id WHERE model.model_hub_id = 1 GROUP BY model.id`,
  );
  // GROUP_CONCAT's order is not defined: compare tag sets; the HF model without tags has no row
  const sets = rows.map(([id, tags]) => [id, String(tags).split(",").sort()]);
  assert.deepEqual(sets, [
    ["bert-base-uncased", ["exbert", "feature-extraction", "fill-mask", "pytorch"]],
    ["openai/whisper-tiny", ["audio", "automatic-speech-recognition"]],
  ]);
  const links = query(
    out,
    `SELECT model.model_hub_id, COUNT(*) FROM model_to_reuse_repository
     JOIN model ON model.id = model_to_reuse_repository.model_id GROUP BY model.model_hub_id`,
  );
  assert.deepEqual(links, [[1, 3], [2, 1]]);
});

function hfDumpStyle() {
  const models = pl.DataFrame({
    id: ["sentence-transformers/all-MiniLM-L6-v2", "gpt2", "pytorch/vision:resnet50", "00123"],
    hub: ["huggingface", "huggingface", "pytorch", "huggingface"],
    pipeline_tag: ["sentence-similarity", "text-generation", null, null],
    tags: [
      [
        "sentence-transformers",
        "feature-extraction",
        "sentence-similarity",
        "license:apache-2.0",
        "region:us",
      ],
      ["transformers", "license:mit"],
      ["vision"],
      [],
    ],
    licenses: [["apache-2.0"], ["mit"], [], []],
  });
  const usages = pl.DataFrame({
    repo: ["alice/app", "alice/app", "bob/tool", "bob/tool", "carol/x", "not-a-repo", "dave/y"],
    model_id: ["gpt2", "gpt2", "gpt2", "pytorch/vision:resnet50", "unknown/model", "gpt2", null],
    file: ["main.py", "main.py", "main.py", null, "a.py", "b.py", "c.py"],
    line: [3, 9, 1, null, 1, 1, 1],
  });
  return { models, repos: pl.DataFrame({ repo: ["alice/app"] }), usages };
}

Deno.test("writePeatmossDb() follows PeaTMOSS conventions for tags, repos and usages", async () => {
  const out = join(await Deno.makeTempDir(), "export.db");
  const { notes } = await writePeatmossDb(hfDumpStyle(), out);
  // tags without ":" plus pipeline_tag, which goes before the other task tags
  const tags = query(
    out,
    `SELECT m.context_id, group_concat(t.name, ' ' ORDER BY l.rowid) FROM model_to_tag l
     JOIN model m ON m.id = l.model_id JOIN tag t ON t.id = l.tag_id GROUP BY m.id ORDER BY m.id`,
  );
  assert.deepEqual(tags, [
    [
      "sentence-transformers/all-MiniLM-L6-v2",
      "sentence-transformers sentence-similarity feature-extraction",
    ],
    ["gpt2", "transformers text-generation"],
    ["pytorch/vision:resnet50", "vision"],
  ]);
  assert.deepEqual(query(out, "SELECT id, owner, name, url FROM reuse_repository ORDER BY id"), [
    [1, "alice", "app", "github.com/alice/app"],
    [2, "bob", "tool", "github.com/bob/tool"],
  ]);
  // UNIQUE(path, model_id): the second main.py using gpt2 stays only as a repository link
  assert.deepEqual(query(out, "SELECT path, model_id, reuse_repository_id FROM reuse_file ORDER BY id"), [
    ["main.py", 2, 1],
  ]);
  assert.deepEqual(
    query(out, "SELECT model_id, reuse_repository_id FROM model_to_reuse_repository ORDER BY 1, 2"),
    [
      [2, 1],
      [2, 2],
      [3, 2],
    ],
  );
  assert.deepEqual(notes, [
    "1 model ids look like numbers and are stored as numbers (context_id is INTEGER); " +
    "1 of them read back differently (e.g. leading zeros)",
    "1 usages share path and model with a usage in another repo; UNIQUE(path, model_id) keeps them only as " +
    "repo links",
    "1 usages of models not in models were skipped",
    "1 repos that are not owner/name were skipped",
    "1 usages in repos that are not owner/name were skipped",
    "1 usages without a model id were skipped",
  ]);
  const back = await readPeatmossDb(out);
  assert.deepEqual(back.tables.models!.getColumn("pipeline_tag").toArray(), [
    "sentence-similarity",
    "text-generation",
    null,
    null,
  ]);
});

Deno.test("writePeatmossDb() replaces the output only when complete", async () => {
  const dir = await Deno.makeTempDir();
  const out = join(dir, "PeaTMOSS.db");
  await Deno.writeTextFile(out, "previous");
  const bad = hfDumpStyle();
  bad.models = pl.concat([bad.models, bad.models.head(1)]);
  await assert.rejects(
    () => writePeatmossDb(bad, out),
    (err: Error) =>
      err instanceof PeatmossExportError &&
      err.message === "models row 4: id sentence-transformers/all-MiniLM-L6-v2 repeats row 0; " +
          "PeaTMOSS needs unique ids (UNIQUE context_id)",
  );
  assert.equal(await Deno.readTextFile(out), "previous");
  const other = hfDumpStyle();
  other.models = other.models.withColumns(pl.lit("kaggle").alias("hub"));
  await assert.rejects(
    () => writePeatmossDb(other, out),
    /models row 0 \(.*\): hub "kaggle" has no PeaTMOSS/,
  );
  await writePeatmossDb(hfDumpStyle(), out);
  assert.equal(query(out, "SELECT count(*) FROM model")[0][0], 4);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["PeaTMOSS.db"]);
});
