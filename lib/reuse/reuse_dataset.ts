/**
 * A reuse dataset, ready for `writeDataset`: repository → PTM links from the usage detector's output or from the
 * PeaTMOSS mapping, with model ids as a model listing spells them, and a manifest that names every input.
 *
 * @module
 */
import { basename, dirname } from "node:path";
import type pl from "nodejs-polars";
import type { DatasetInfo } from "../store/dataset.ts";
import { sha256File } from "../store/hash.ts";
import type { Manifest, ManifestInput } from "../store/manifest.ts";
import { detectionFiles, readDetections } from "./detections_usages.ts";
import { loadMappingUsages } from "./mapping_usages.ts";
import { type ReuseTables, reuseTables } from "./reuse_tables.ts";

/** Where the links come from. */
export type ReuseSource =
  /** JSON Lines of `deno task usage scan`: a file, or a directory of `*.jsonl`. */
  | { kind: "usage-scan"; path: string }
  /** The artifact's mapping.csv, or a file of its format; the pinned copy when `path` is absent. */
  | { kind: "peatmoss-mapping"; path?: string };

async function describe(path: string): Promise<ManifestInput> {
  return { path: basename(path), bytes: (await Deno.stat(path)).size, sha256: await sha256File(path) };
}

/**
 * Reads the links of `source` and shapes them against `listing` with `reuseTables`. The manifest records the
 * input files (name, size, sha256), the listing the ids come from (its date is the listing's, not the links',
 * so `retrieved_at` stays unset), and how many links name a model the listing lacks.
 *
 * @param listing a loaded dataset with its models, e.g. `openDataset("hf-2024-07-11", { tables: ["models"] })`.
 * @example
 * ```ts
 * const listing = await openDataset("hf-2024-07-11", { tables: ["models"] });
 * const { tables, info } = await reuseDataset({ kind: "usage-scan", path: "scan.jsonl" }, listing);
 * await writeDataset("data/my-reuse", tables, info);
 * ```
 */
export async function reuseDataset(
  source: ReuseSource,
  listing: { models: pl.DataFrame; manifest: Manifest },
): Promise<{ tables: ReuseTables; info: DatasetInfo }> {
  let usages: pl.DataFrame, files: string[], location: string, description: string;
  if (source.kind === "usage-scan") {
    files = await detectionFiles(source.path);
    usages = await readDetections(source.path);
    location = source.path;
    description = "model-loading calls found by the ptmscope usage detector";
  } else {
    const mapping = await loadMappingUsages(source.path);
    usages = mapping.usages;
    files = [mapping.where];
    location = source.path ?? dirname(mapping.where);
    description = "repository → Hugging Face model links of the PeaTMOSS artifact (mapping.csv)";
  }
  const tables = reuseTables(usages, listing.models);
  const listed = new Set(tables.models.getColumn("id").toArray() as string[]);
  const unlisted = (tables.usages.getColumn("model_id").toArray() as (string | null)[])
    .filter((id) => id !== null && !listed.has(id)).length;
  const notes = [
    `model ids as in the dataset ${listing.manifest.name} (retrieved ${listing.manifest.retrieved_at})`,
  ];
  if (unlisted > 0) notes.push(`${unlisted} usages name a model that ${listing.manifest.name} does not list`);
  return {
    tables,
    info: {
      source: { kind: source.kind, description, location },
      inputs: await Promise.all(files.map(describe)),
      notes,
    },
  };
}
