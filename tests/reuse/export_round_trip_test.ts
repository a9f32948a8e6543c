import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pl from "nodejs-polars";
import { reuseRoundTrip } from "../../lib/reuse/export_round_trip.ts";
import { readDetections } from "../../lib/reuse/detections_usages.ts";
import { reuseTables } from "../../lib/reuse/reuse_tables.ts";
import { conform } from "../../lib/store/conform.ts";
import { realMapping, realModels, SHARED_DATA } from "./_real_data.ts";

const listing = () =>
  conform(
    "models",
    pl.DataFrame({
      id: [
        "google-bert/bert-base-uncased",
        "openai-community/gpt2",
        "sentence-transformers/all-MiniLM-L6-v2",
      ],
      hub: ["huggingface", "huggingface", "huggingface"],
      downloads: [9, 8, 7],
    }),
  );

const query = (path: string, sql: string) => {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all().map((r) => ({ ...r }));
  } finally {
    db.close();
  }
};

Deno.test("reuseRoundTrip() puts detections where PeaTMOSS puts reuse, and reads them back", async () => {
  const usages = await readDetections(join(import.meta.dirname!, "testdata", "scan.jsonl"));
  // a second call in the same file is one reuse_file row
  const twice = pl.concat([usages, usages.head(1).withColumns(pl.lit(40).cast(pl.Int64).alias("line"))]);
  const db = join(await Deno.makeTempDir(), "reuse.db");
  const { counts, notes } = await reuseRoundTrip(reuseTables(twice, listing()), db);
  assert.deepEqual(counts.toRecords(), [
    { measure: "models", store: 3, peatmoss_db: 3, read_back: 3 },
    { measure: "repositories", store: 2, peatmoss_db: 2, read_back: 2 },
    // the torch.hub model is not in the listing, the timm call did not resolve
    { measure: "repository–model links", store: 4, peatmoss_db: 3, read_back: 3 },
    { measure: "usages with a file", store: 4, peatmoss_db: 3, read_back: 3 },
  ]);
  assert.deepEqual(notes, [
    "1 usages of models not in models were skipped",
    "1 usages without a model id were skipped",
  ]);
  assert.deepEqual(
    query(
      db,
      `SELECT r.owner || '/' || r.name AS repo, m.context_id AS model, f.path AS path
       FROM reuse_file f JOIN model m ON m.id = f.model_id JOIN reuse_repository r ON r.id = f.reuse_repository_id
       ORDER BY f.id`,
    ),
    [
      { repo: "alice/app", model: "google-bert/bert-base-uncased", path: "train.py" },
      { repo: "alice/app", model: "openai-community/gpt2", path: "train.py" },
      { repo: "alice/app", model: "sentence-transformers/all-MiniLM-L6-v2", path: "demo.ipynb" },
    ],
  );
});

Deno.test({
  name:
    "reuseRoundTrip() of the mapping: 22,754 links of the 1,483 listed PTMs reach PeaTMOSS.db and come back",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, models] = await Promise.all([realMapping(), realModels()]);
    const db = join(await Deno.makeTempDir(), "reuse.db");
    const { counts, notes } = await reuseRoundTrip(reuseTables(usages, models), db);
    assert.deepEqual(counts.toRecords(), [
      { measure: "models", store: 1483, peatmoss_db: 1483, read_back: 1483 },
      { measure: "repositories", store: 7956, peatmoss_db: 7956, read_back: 7956 },
      { measure: "repository–model links", store: 22860, peatmoss_db: 22754, read_back: 22754 },
      { measure: "usages with a file", store: 0, peatmoss_db: 0, read_back: 0 },
    ]);
    assert.deepEqual(notes, ["106 usages of models not in models were skipped"]);
    // a PeaTMOSS.db user counting dependent repositories finds the artifact's top PTMs under their 2024 ids
    assert.deepEqual(
      query(
        db,
        `SELECT m.context_id AS model, COUNT(*) AS repos FROM model_to_reuse_repository l
         JOIN model m ON m.id = l.model_id GROUP BY l.model_id ORDER BY repos DESC, model LIMIT 3`,
      ),
      [
        { model: "spacy/en_core_web_sm", repos: 2014 },
        { model: "google-bert/bert-base-uncased", repos: 1704 },
        { model: "openai-community/gpt2", repos: 910 },
      ],
    );
  },
});
