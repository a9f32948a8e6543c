/**
 * A small PeaTMOSS.db built from the real schema, with the quirks of the real one: model ids as text in the
 * INTEGER context_id column (one that looks like a number), gaps in row ids, a model with two licenses, one
 * without tags, PyTorch Hub models named by entry only, reuse links with and without a reuse_file, and rows that
 * point nowhere.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

const SCHEMA = new URL("../../lib/store/peatmoss_schema.sql", import.meta.url);

/**
 * Creates an empty database with all 56 PeaTMOSS tables at `path` and returns it open.
 *
 * @example
 * ```ts
 * const db = createPeatmossSchema(join(await Deno.makeTempDir(), "empty.db"));
 * db.close();
 * ```
 */
export function createPeatmossSchema(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(Deno.readTextFileSync(SCHEMA));
  return db;
}

/** Rows of the fixture, table by table, in column order of the INSERT statements below. */
const ROWS: Record<string, (string | number | null)[][]> = {
  "model_hub (id, name, url)": [
    [1, "HuggingFace", "https://huggingface.co/"],
    [2, "PyTorch", "https://pytorch.org"],
  ],
  "model (id, context_id, model_hub_id, sha, repo_url, downloads, likes, has_snapshot)": [
    [1, "bert-base-uncased", 1, "a265f77", "https://huggingface.co/bert-base-uncased", 100, 5, 1],
    [2, "openai/whisper-tiny", 1, "b0a5ac8", "https://huggingface.co/openai/whisper-tiny", 40, 2, 1],
    [5, "1234", 1, null, "https://huggingface.co/1234", null, 0, 0],
    [7, "resnet50", 2, null, "github.com/pytorch/vision", 0, 9, 1],
    [8, "silero_stt", 2, null, "github.com/snakers4/silero-models", 0, 3, 0],
  ],
  "author (id, name)": [[1, "google"], [2, "openai"], [3, "Pytorch Team"], [4, "nobody"]],
  "model_to_author (model_id, author_id)": [[1, 1], [2, 2], [7, 3], [8, 3]],
  "tag (id, name)": [
    [1, "pytorch"],
    [2, "fill-mask"],
    [3, "exbert"],
    [4, "feature-extraction"],
    [5, "automatic-speech-recognition"],
    [6, "audio"],
    [7, "vision"],
    [8, "scriptable"],
  ],
  // rowid order is the order the tags were listed in
  "model_to_tag (model_id, tag_id)": [
    [1, 1],
    [1, 2],
    [1, 3],
    [1, 4],
    [2, 6],
    [2, 5],
    [7, 7],
    [7, 8],
    [8, 6],
    [8, 8],
    [99, 1],
  ],
  "license (id, name)": [[1, "apache-2.0"], [2, "MIT"], [3, "bsd-3-clause"]],
  "model_to_license (model_id, license_id)": [[1, 1], [2, 2], [2, 1], [7, 3]],
  "library (id, name)": [[1, "transformers"], [2, "pytorch"]],
  "model_to_library (model_id, library_id)": [[1, 1], [2, 1], [7, 2], [8, 2]],
  "dataset (id, name)": [[1, "bookcorpus"], [2, "wikipedia"]],
  "model_to_dataset (model_id, dataset_id)": [[1, 1], [1, 2]],
  "paper (id, name)": [[1, "https://arxiv.org/abs/1810.04805"], [2, "https://arxiv.org/abs/2212.04356"]],
  "model_to_paper (model_id, paper_id)": [[1, 1], [2, 2], [2, 3]],
  "hf_commit (id, commit_id, created_at, title, message, model_id)": [
    [1, "c1", "2023-01-02 10:00:00+00:00", "update", "", 2],
    [2, "c2", "2022-09-26T06:50:30.500Z", "initial commit", "", 2],
    [3, "c3", "2018-11-14 23:35:08+01:00", "initial commit", "", 1],
    [4, "c4", "not a date", "broken", "", 1],
  ],
  "reuse_repository (id, owner, name, url)": [
    [1, "alice", "app", "github.com/alice/app"],
    [2, "bob", "tool", "github.com/bob/tool"],
    [3, "carol", "unused", "github.com/carol/unused"],
  ],
  "model_to_reuse_repository (model_id, reuse_repository_id)": [[1, 1], [1, 2], [7, 2], [2, 1]],
  "reuse_file (id, path, model_id, reuse_repository_id)": [
    [1, "src/main.py", 1, 1],
    [2, "train.py", 7, 2],
    [3, "src/asr.py", 2, 1],
    [4, "src/other.py", 1, 1],
    [5, "lost.py", 99, 1],
  ],
};

/**
 * Writes the fixture database at `path`.
 *
 * @example
 * ```ts
 * makePeatmossFixture(join(await Deno.makeTempDir(), "PeaTMOSS.db"));
 * ```
 */
export function makePeatmossFixture(path: string): void {
  const db = createPeatmossSchema(path);
  // the fixture has rows that point nowhere, on purpose
  db.exec("PRAGMA foreign_keys = OFF");
  for (const [target, rows] of Object.entries(ROWS)) {
    const width = rows[0].length;
    const insert = db.prepare(`INSERT INTO ${target} VALUES (${Array(width).fill("?").join(", ")})`);
    for (const row of rows) insert.run(...row);
  }
  db.close();
}
