/**
 * `deno task import <source> <input> --out <dataset-dir>`: builds a canonical dataset from a source.
 *
 * @module
 */
import { readManifest, writeDataset } from "../lib/store/dataset.ts";
import { sameInputs } from "../lib/store/manifest.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task import hf-dump <pages-dir> --out <dataset-dir> [--retrieved-at YYYY-MM-DD] [--force]
  deno task import peatmoss-db <file.db> --out <dataset-dir> [--force]
  deno task import usage-scan <file.jsonl|dir> --models <dataset-dir> --out <dataset-dir> [--force]
  deno task import peatmoss-mapping <mapping.csv|pinned> --models <dataset-dir> --out <dataset-dir> [--force]

Sources:
  hf-dump      a directory of raw Hugging Face /api/models pages (JSON arrays, plain or .json.gz)
  peatmoss-db  the official PeaTMOSS SQLite database (PeaTMOSS.db)
  usage-scan   repo → PTM links found by \`deno task usage scan\` (JSON Lines; a file or a directory of *.jsonl)
  peatmoss-mapping
               the artifact's repo → PTM mapping.csv; \`pinned\` reads the pinned copy (fetched when missing)

--models names the dataset whose model listing the links' ids are matched against (legacy ids such as
bert-base-uncased become google-bert/bert-base-uncased), e.g. data/hf-2024-07-11.

Writes Parquet tables and manifest.json into <dataset-dir>, atomically: on any error the previous content of
<dataset-dir> stays as it was. Importing the same inputs again is a no-op unless --force is given.
`;

await runCommand(USAGE, async (args) => {
  const { values, positionals } = parseFlags(args, {
    out: { type: "string" },
    "retrieved-at": { type: "string" },
    models: { type: "string" },
    force: { type: "boolean", default: false },
  });
  const [source, input, ...rest] = positionals;
  if (!source || !input || rest.length > 0) throw new UsageError("expected a source and one input");
  if (!values.out) throw new UsageError("--out <dataset-dir> is required");
  const retrievedAt = values["retrieved-at"];
  if (retrievedAt !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(retrievedAt)) {
    throw new UsageError(`--retrieved-at must be YYYY-MM-DD, got ${retrievedAt}`);
  }
  const started = performance.now();
  let result;
  // Sources load lazily so one source's dependencies (node:sqlite, ...) never slow down another.
  if (source === "hf-dump") {
    const { readHfDump } = await import("../lib/sources/hf_dump.ts");
    result = await readHfDump(input, { retrievedAt, progress: true });
  } else if (source === "peatmoss-db") {
    const { readPeatmossDb } = await import("../lib/sources/peatmoss_db.ts");
    result = await readPeatmossDb(input, { progress: true });
  } else if (source === "usage-scan" || source === "peatmoss-mapping") {
    if (!values.models) {
      throw new UsageError("--models <dataset-dir> is required: the listing the links' ids take");
    }
    const [{ reuseDataset }, { loadDataset }] = await Promise.all([
      import("../lib/reuse/reuse_dataset.ts"),
      import("../lib/store/dataset.ts"),
    ]);
    const listing = await loadDataset(values.models, { tables: ["models"] });
    result = await reuseDataset(
      source === "usage-scan"
        ? { kind: source, path: input }
        : { kind: source, path: input === "pinned" ? undefined : input },
      listing,
    );
  } else {
    throw new UsageError(
      `unknown source ${source}; expected hf-dump, peatmoss-db, usage-scan or peatmoss-mapping`,
    );
  }

  const previous = await readManifest(values.out).catch(() => null);
  if (!values.force && previous && sameInputs(previous, result.info)) {
    console.log(`${values.out} is up to date (same ${previous.inputs.length} inputs); nothing written`);
    return;
  }
  const manifest = await writeDataset(values.out, result.tables, result.info);
  const counts = Object.entries(manifest.tables).map(([t, e]) => `${t} ${e.rows.toLocaleString("en-US")}`);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${values.out}: ${counts.join(", ")} rows in ${secs}s`);
  for (const note of manifest.notes) console.log(`note: ${note}`);
});
