/**
 * Turning raw Hugging Face `/api/models` records into the canonical `models` table.
 *
 * Shared by every HF source (API dumps, live harvests), so the same records give the same table whatever
 * their origin.
 *
 * @module
 */
import pl from "nodejs-polars";
import { tagFacets } from "./hf_tags.ts";

/** A record that cannot become a model row. */
export class HfRecordError extends Error {
  override name = "HfRecordError";
}

// List columns travel to Polars as one joined string per row and are split there: building List(Utf8)
// Series from JS arrays is ~15x slower than this for 760k rows.
const SEP = "\u001f";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type Raw = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function count(value: unknown, field: string, where: () => string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new HfRecordError(
      `${where()}: ${field} must be a non-negative number, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function time(value: unknown, field: string, where: () => string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || !ISO_TIME.test(value)) {
    throw new HfRecordError(
      `${where()}: ${field} must be an ISO time like 2024-07-11T08:07:09.000Z, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function joined(values: readonly string[]): string {
  return values.join(SEP);
}

/**
 * Accumulates HF model records column by column and builds the canonical `models` DataFrame.
 * A model id seen twice keeps its first record (listings sorted by downloads can repeat a model across
 * pages when counts change while paging); `duplicates` counts the others.
 *
 * @example
 * ```ts
 * const table = new HfModelsTable();
 * table.add({ id: "gpt2", downloads: 10, likes: 1, tags: ["license:mit"] }, () => "page1.json record #0");
 * table.toDataFrame().height; // 1
 * ```
 */
export class HfModelsTable {
  #seen = new Set<string>();
  #id: string[] = [];
  #author: (string | null)[] = [];
  #created: (string | null)[] = [];
  #modified: (string | null)[] = [];
  #downloads: (number | null)[] = [];
  #downloadsAll: (number | null)[] = [];
  #likes: (number | null)[] = [];
  #pipeline: (string | null)[] = [];
  #library: (string | null)[] = [];
  #sha: (string | null)[] = [];
  #tags: string[] = [];
  #licenses: string[] = [];
  #datasets: string[] = [];
  #baseModels: string[] = [];
  #arxiv: string[] = [];
  /** Records skipped because their id was already added. */
  duplicates = 0;

  /** Number of distinct models added. */
  get size(): number {
    return this.#id.length;
  }

  /**
   * Adds one raw record; `where` describes it for error messages (file and record number).
   * Throws {@linkcode HfRecordError} when the record has no id or a field of the wrong type, adding nothing.
   */
  add(record: unknown, where: () => string): void {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new HfRecordError(
        `${where()}: expected a model object, got ${JSON.stringify(record)?.slice(0, 80)}`,
      );
    }
    const r = record as Raw;
    const id = text(r.id) ?? text(r.modelId);
    if (id === null) throw new HfRecordError(`${where()}: record has no "id" (nor "modelId")`);
    if (this.#seen.has(id)) {
      this.duplicates++;
      return;
    }
    const tags = r.tags ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string")) {
      throw new HfRecordError(`${where()} (${id}): tags must be a list of strings`);
    }
    const at = () => `${where()} (${id})`;
    // every check before the first push: a rejected record leaves the columns aligned
    const created = time(r.createdAt, "createdAt", at);
    const modified = time(r.lastModified, "lastModified", at);
    const downloads = count(r.downloads, "downloads", at);
    const downloadsAll = count(r.downloadsAllTime, "downloadsAllTime", at);
    const likes = count(r.likes, "likes", at);
    const facets = tagFacets(tags);
    const slash = id.indexOf("/");
    this.#seen.add(id);
    this.#id.push(id);
    this.#author.push(text(r.author) ?? (slash > 0 ? id.slice(0, slash) : null));
    this.#created.push(created);
    this.#modified.push(modified);
    this.#downloads.push(downloads);
    this.#downloadsAll.push(downloadsAll);
    this.#likes.push(likes);
    this.#pipeline.push(text(r.pipeline_tag));
    this.#library.push(text(r.library_name));
    this.#sha.push(text(r.sha));
    this.#tags.push(joined(tags));
    this.#licenses.push(joined(facets.licenses));
    this.#datasets.push(joined(facets.datasets));
    this.#baseModels.push(joined(facets.baseModels));
    this.#arxiv.push(joined(facets.arxivIds));
  }

  /** The canonical `models` table of every record added, in the order added. */
  toDataFrame(): pl.DataFrame {
    const split = (name: string) =>
      pl.col(name).str.split(SEP).lst.eval(pl.element().filter(pl.element().neq(pl.lit("")))).alias(name);
    const parseTime = (name: string) =>
      pl.col(name).str.strptime(pl.Datetime("ms"), "%Y-%m-%dT%H:%M:%S%.fZ").alias(name);
    return pl.DataFrame({
      id: this.#id,
      hub: pl.Series("hub", this.#id.map(() => "huggingface")),
      author: pl.Series("author", this.#author, pl.String),
      created_at: pl.Series("created_at", this.#created, pl.String),
      last_modified: pl.Series("last_modified", this.#modified, pl.String),
      downloads: pl.Series("downloads", this.#downloads, pl.Float64),
      downloads_all_time: pl.Series("downloads_all_time", this.#downloadsAll, pl.Float64),
      likes: pl.Series("likes", this.#likes, pl.Float64),
      pipeline_tag: pl.Series("pipeline_tag", this.#pipeline, pl.String),
      library: pl.Series("library", this.#library, pl.String),
      licenses: pl.Series("licenses", this.#licenses, pl.String),
      datasets: pl.Series("datasets", this.#datasets, pl.String),
      base_models: pl.Series("base_models", this.#baseModels, pl.String),
      arxiv_ids: pl.Series("arxiv_ids", this.#arxiv, pl.String),
      tags: pl.Series("tags", this.#tags, pl.String),
      sha: pl.Series("sha", this.#sha, pl.String),
    }).withColumns(
      parseTime("created_at"),
      parseTime("last_modified"),
      pl.col("downloads").cast(pl.Int64),
      pl.col("downloads_all_time").cast(pl.Int64),
      pl.col("likes").cast(pl.Int64),
      split("licenses"),
      split("datasets"),
      split("base_models"),
      split("arxiv_ids"),
      split("tags"),
    );
  }
}
