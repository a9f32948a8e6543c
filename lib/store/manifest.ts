/**
 * The `manifest.json` beside a dataset's Parquet files: where the data came from and what it holds.
 *
 * @module
 */
import { SCHEMA_VERSION, TABLE_NAMES, type TableName } from "./schema.ts";

/** A file the dataset was built from. */
export interface ManifestInput {
  /** Path relative to the source location (a page file name, the database file name, ...). */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** Hex sha256 of the file's bytes. */
  sha256: string;
}

/** One stored table. */
export interface ManifestTable {
  /** File name inside the dataset directory. */
  file: string;
  /** Number of rows. */
  rows: number;
  /** Hex sha256 of the Parquet file. */
  sha256: string;
}

/** Where a dataset came from. */
export interface ManifestSource {
  /** Kind of source: `hf-dump`, `peatmoss-db`, `hf-harvest`, ... */
  kind: string;
  /** Human-readable description of the source. */
  description?: string;
  /** Where the inputs were read from (a directory, a file, a URL). */
  location?: string;
}

/** Content of `manifest.json`. */
export interface Manifest {
  format: "ptmscope-dataset";
  schema_version: number;
  /** Dataset name: the directory name. */
  name: string;
  source: ManifestSource;
  /** When the source data was retrieved from the hubs (ISO date), when known. */
  retrieved_at: string | null;
  /** When this dataset was written (ISO timestamp). */
  created_at: string;
  inputs: ManifestInput[];
  tables: Partial<Record<TableName, ManifestTable>>;
  /** Observations made while building the dataset (skipped records, fixes applied). */
  notes: string[];
}

/** A manifest that is missing, unreadable or from an incompatible version. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * Parses and checks the text of a `manifest.json`; `where` names the file in error messages.
 *
 * @example
 * ```ts
 * const m = parseManifest(await Deno.readTextFile("data/hf/manifest.json"), "data/hf/manifest.json");
 * m.tables.models?.rows;
 * ```
 */
export function parseManifest(text: string, where: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (m?.format !== "ptmscope-dataset") {
    throw new ManifestError(
      `${where}: not a ptmscope dataset manifest (format is ${JSON.stringify(m?.format)})`,
    );
  }
  if (m.schema_version !== SCHEMA_VERSION) {
    throw new ManifestError(
      `${where}: schema version ${m.schema_version}, this ptmscope reads version ${SCHEMA_VERSION}; ` +
        `re-run the import that produced it`,
    );
  }
  for (const t of Object.keys(m.tables ?? {})) {
    if (!TABLE_NAMES.includes(t as TableName)) throw new ManifestError(`${where}: unknown table ${t}`);
  }
  return m;
}

/**
 * Whether a dataset was built from exactly the inputs (and source kind) described by `info`, so rebuilding it
 * would change nothing.
 *
 * @example
 * ```ts
 * if (sameInputs(await readManifest(out), info)) console.log("up to date");
 * ```
 */
export function sameInputs(
  manifest: Manifest,
  info: { source: ManifestSource; inputs?: ManifestInput[] },
): boolean {
  const a = manifest.inputs;
  const b = info.inputs ?? [];
  return manifest.source.kind === info.source.kind && a.length === b.length && b.length > 0 &&
    a.every((x, i) => x.path === b[i].path && x.sha256 === b[i].sha256);
}
