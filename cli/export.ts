/**
 * `deno task export peatmoss-db <dataset-dir> --out <file.db>`: writes a dataset in another format.
 *
 * @module
 */
import { formatDuration } from "../lib/cli/progress.ts";
import { loadDataset } from "../lib/store/dataset.ts";
import { writePeatmossDb } from "../lib/store/peatmoss_export.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task export peatmoss-db <dataset-dir> --out <file.db>

Formats:
  peatmoss-db  a SQLite database with the 56 tables of PeaTMOSS.sql, so the PeaTMOSS paper's queries and
               notebooks run on the dataset unchanged

<dataset-dir> is a dataset, or a collection whose newest snapshot is exported. An existing <file.db> is
replaced only once the new database is complete.
`;

await runCommand(USAGE, async (args) => {
  const { values, positionals } = parseFlags(args, { out: { type: "string" } });
  const [format, dir, ...rest] = positionals;
  if (!format || !dir || rest.length > 0) throw new UsageError("expected a format and one dataset directory");
  if (format !== "peatmoss-db") throw new UsageError(`unknown format ${format}; expected peatmoss-db`);
  if (!values.out) throw new UsageError("--out <file.db> is required");
  const started = performance.now();
  const ds = await loadDataset(dir, { tables: ["models", "repos", "usages"] });
  const { tables, notes } = await writePeatmossDb(ds, values.out);
  for (const note of notes) console.error(`note: ${note}`);
  const counts = Object.entries(tables)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${table} ${rows.toLocaleString("en-US")}`);
  const took = formatDuration((performance.now() - started) / 1000);
  console.log(`wrote ${values.out} in ${took}: ${counts.join(", ")}`);
});
