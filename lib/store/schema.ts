/**
 * The canonical tables of a ptmscope dataset: their columns, types and meaning.
 *
 * Every source (HF API dump, live harvest, PeaTMOSS.db, GitHub mining) writes these tables and every analysis reads
 * them, so a column means the same thing whatever its origin.
 *
 * @module
 */
import pl from "nodejs-polars";

/** One column of a canonical table. */
export interface ColumnSpec {
  /** Column name, snake_case. */
  name: string;
  /** Polars type the column is stored with. */
  dtype: pl.DataType;
  /** Whether every row must have a value. */
  required?: boolean;
  /** What the column holds. */
  doc: string;
}

const str = pl.String;
const int = pl.Int64;
const bool = pl.Bool;
const time = pl.Datetime("ms");
const strings = pl.List(pl.String);

/** Column specs of every canonical table, in storage order. */
export const TABLES = {
  models: [
    {
      name: "id",
      dtype: str,
      required: true,
      doc: "hub identifier: `owner/name` (or legacy `name`) on HF, `owner/repo:entry` on PyTorch Hub",
    },
    { name: "hub", dtype: str, required: true, doc: "`huggingface` or `pytorch`" },
    { name: "author", dtype: str, doc: "owner part of the id (HF namespace, GitHub owner for PyTorch Hub)" },
    {
      name: "created_at",
      dtype: time,
      doc: "creation time reported by the hub (HF back-fills 2022-03-02 for older models)",
    },
    { name: "last_modified", dtype: time, doc: "last modification time reported by the hub" },
    {
      name: "first_commit_at",
      dtype: time,
      doc: "time of the first commit of the model repository, where known",
    },
    { name: "downloads", dtype: int, doc: "downloads in the last 30 days at retrieval time" },
    { name: "downloads_all_time", dtype: int, doc: "all-time downloads, where the hub reports them" },
    { name: "likes", dtype: int, doc: "likes (HF) or stars of the GitHub repository (PyTorch Hub)" },
    { name: "pipeline_tag", dtype: str, doc: "HF task, e.g. `text-generation`" },
    { name: "library", dtype: str, doc: "library name, e.g. `transformers`" },
    { name: "licenses", dtype: strings, doc: "license ids as declared (HF `license:` tags), lower case" },
    { name: "datasets", dtype: strings, doc: "training datasets declared through `dataset:` tags" },
    { name: "base_models", dtype: strings, doc: "upstream models declared through `base_model:` tags" },
    { name: "arxiv_ids", dtype: strings, doc: "papers declared through `arxiv:` tags" },
    { name: "tags", dtype: strings, doc: "every tag as the hub lists it, prefixed ones included" },
    { name: "sha", dtype: str, doc: "commit sha of the model repository at retrieval time" },
    { name: "has_snapshot", dtype: bool, doc: "whether the model's files were snapshotted" },
  ],
  repos: [
    { name: "repo", dtype: str, required: true, doc: "`owner/name` on GitHub" },
    { name: "url", dtype: str, doc: "`https://github.com/owner/name`" },
    { name: "stars", dtype: int, doc: "stargazers at retrieval time" },
    { name: "forks", dtype: int, doc: "forks at retrieval time" },
    {
      name: "licenses",
      dtype: strings,
      doc: "license ids detected for the repository (SPDX or ScanCode keys)",
    },
    { name: "created_at", dtype: time, doc: "repository creation time" },
    { name: "pushed_at", dtype: time, doc: "time of the last push" },
    { name: "default_branch", dtype: str, doc: "default branch name" },
  ],
  usages: [
    {
      name: "repo",
      dtype: str,
      required: true,
      doc: "`owner/name` of the GitHub repository that uses the model",
    },
    {
      name: "model_id",
      dtype: str,
      doc: "model id as in `models.id`, null when the argument did not resolve to one",
    },
    { name: "hub", dtype: str, doc: "hub of the model" },
    { name: "file", dtype: str, doc: "path of the file inside the repository" },
    {
      name: "line",
      dtype: int,
      doc: "1-based line of the loading call (in a notebook: inside the source of code cell `cell`)",
    },
    { name: "cell", dtype: int, doc: "0-based index of the code cell, for calls in `.ipynb` files" },
    { name: "library", dtype: str, doc: "library whose loader was called, e.g. `transformers`" },
    { name: "call", dtype: str, doc: "the resolved call, e.g. `transformers.AutoModel.from_pretrained`" },
    { name: "argument", dtype: str, doc: "source text of the model argument" },
    {
      name: "resolution",
      dtype: str,
      doc: "how model_id was obtained: `literal`, `constant`, `default`, ... or `unknown`",
    },
    {
      name: "via",
      dtype: str,
      doc: "`file:line` of the binding the id came from, when it is in another module of the repository",
    },
  ],
  cards: [
    { name: "model_id", dtype: str, required: true, doc: "model id as in `models.id`" },
    { name: "sha256", dtype: str, doc: "sha256 of the card bytes" },
    { name: "text", dtype: str, doc: "the README.md model card, front matter included" },
  ],
  metadata: [
    { name: "model_id", dtype: str, required: true, doc: "model id as in `models.id`" },
    { name: "extractor", dtype: str, required: true, doc: "`heuristic`, `llm:<model>` or `peatmoss`" },
    { name: "field", dtype: str, required: true, doc: "metadata field, e.g. `parameter_count`" },
    { name: "value", dtype: str, doc: "the extracted value as JSON" },
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

/** Name of a canonical table. */
export type TableName = keyof typeof TABLES;

/** Names of all canonical tables. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/**
 * Version of the on-disk layout; bump it when a column changes meaning or type. Adding an optional column does
 * not: `conform` fills it with nulls when an older dataset is re-read and re-written.
 */
export const SCHEMA_VERSION = 1;
