/**
 * Turning listed Hugging Face records into canonical rows with skip-and-count: a record that cannot be a model
 * (no id, wrong types, an id the hub would not issue) is counted and left out instead of failing the harvest.
 *
 * @module
 */
import pl from "nodejs-polars";
import { HfModelsTable, HfRecordError } from "./hf_models_table.ts";

type Raw = Record<string, unknown>;

/** Hub model ids: `name` or `owner/name` of letters, digits, `-`, `_` and `.`. */
const MODEL_ID = /^[\w.-]+(\/[\w.-]+)?$/;

/** A row of the canonical `metadata` table. */
export interface MetadataRow {
  model_id: string;
  extractor: string;
  field: string;
  value: string;
}

/** Why records were left out (`no-id`, `wrong-type`, `odd-id`), and the first example of each. */
export interface Skips {
  counts: Record<string, number>;
  examples: Record<string, string>;
}

/**
 * Whether an incremental listing (newest lastModified first) has gone past `sinceMs`: the first such record
 * ends it.
 *
 * @example
 * ```ts
 * modifiedBefore({ lastModified: "2024-07-01T00:00:00.000Z" }, Date.parse("2024-07-11T00:00:00Z")); // true
 * ```
 */
export function modifiedBefore(record: Raw, sinceMs: number): boolean {
  return Date.parse(String(record.lastModified)) < sinceMs;
}

/**
 * Accumulates listed records: the models table, the cardData facts kept as metadata, and the records skipped.
 * With `since`, it ends at the first record modified before then. Rows become Polars chunks as they come, so
 * that building the table overlaps with waiting for the hub and JS memory stays flat.
 *
 * @example
 * ```ts
 * const listed = new ListedModels(null);
 * listed.add({ id: "gpt2", downloads: 1, tags: [] }, () => "page 1 record #0");
 * listed.toDataFrame().height; // 1
 * ```
 */
export class ListedModels {
  readonly metadata: MetadataRow[] = [];
  readonly skips: Skips = { counts: {}, examples: {} };
  /** Records taken (skipped ones included). */
  received = 0;
  /** Records repeating an id already taken (the first was kept). */
  duplicates = 0;
  stopped = false;
  #since: number;
  #chunkRows: number;
  #seen = new Set<string>();
  #table = new HfModelsTable();
  #chunks: pl.DataFrame[] = [];

  /** @param chunkRows rows per Polars chunk */
  constructor(since: string | null, chunkRows = 100_000) {
    this.#since = since === null ? -Infinity : Date.parse(since);
    this.#chunkRows = chunkRows;
  }

  /** The canonical models table of every record kept, in listing order. */
  toDataFrame(): pl.DataFrame {
    this.#flush();
    return this.#chunks.length === 1 ? this.#chunks[0] : pl.concat(this.#chunks);
  }

  #flush(): void {
    if (this.#table.size > 0 || this.#chunks.length === 0) this.#chunks.push(this.#table.toDataFrame());
    this.#table = new HfModelsTable();
  }

  /** Adds one raw record; `where` names it in skip examples. Returns false once the listing has ended. */
  add(r: Raw, where: () => string): boolean {
    if (this.stopped || (this.#since > -Infinity && modifiedBefore(r, this.#since))) {
      this.stopped = true;
      return false;
    }
    this.received++;
    if (typeof r.id === "string" && !MODEL_ID.test(r.id)) {
      return this.#skip("odd-id", `${where()}: ${JSON.stringify(r.id)} is not a hub model id`);
    }
    // repeated ids are found here, not by the chunk's table, so that they are found across chunks
    if (typeof r.id === "string" && this.#seen.has(r.id)) {
      this.duplicates++;
      return true;
    }
    try {
      this.#table.add(r, where);
    } catch (err) {
      if (!(err instanceof HfRecordError)) throw err;
      return this.#skip(typeof r.id === "string" ? "wrong-type" : "no-id", err.message);
    }
    this.#seen.add((r.id ?? r.modelId) as string);
    if (this.#table.size >= this.#chunkRows) this.#flush();
    const card = r.cardData as Raw | undefined;
    for (const field of ["license_name", "license_link"]) {
      const value = card?.[field];
      if (typeof value === "string") {
        this.metadata.push({
          model_id: r.id as string,
          extractor: "hf-api",
          field: `cardData.${field}`,
          value: JSON.stringify(value),
        });
      }
    }
    return true;
  }

  #skip(reason: string, example: string): boolean {
    this.skips.counts[reason] = (this.skips.counts[reason] ?? 0) + 1;
    this.skips.examples[reason] ??= example;
    return true;
  }
}
