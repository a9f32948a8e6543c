/**
 * `deno task summary <dataset-dir> [--json]`: the counts of a dataset.
 *
 * @module
 */
import { loadDataset } from "../lib/store/dataset.ts";
import { summarize } from "../lib/overview/summary.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage: deno task summary <dataset-dir> [--json] [--top N]

Prints the number of models and their counts by hub, pipeline tag, library and license of the dataset in
<dataset-dir> (or of its newest snapshot). A missing value is counted under "null"; a model with several
licenses counts under their combination ("cc-by-nc-4.0,apache-2.0").
  --json   print the full counts as one JSON object
  --top N  in text mode, show the N most frequent values per property (default 10)
`;

await runCommand(USAGE, async (args) => {
  const { values, positionals } = parseFlags(args, {
    json: { type: "boolean", default: false },
    top: { type: "string", default: "10" },
  });
  if (positionals.length !== 1) throw new UsageError("expected one dataset directory");
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) {
    throw new UsageError(`--top must be a positive integer, got ${values.top}`);
  }
  const ds = await loadDataset(positionals[0], { tables: ["models"] });
  const summary = summarize(ds.models);
  if (values.json) {
    console.log(JSON.stringify(summary, null, 1));
    return;
  }
  const fmt = (n: number) => n.toLocaleString("en-US");
  console.log(
    `${ds.dir}: ${fmt(summary.models)} models (source ${ds.manifest.source.kind}, retrieved ${
      ds.manifest.retrieved_at ?? "?"
    })`,
  );
  for (const key of ["by_hub", "by_pipeline_tag", "by_library", "by_license"] as const) {
    const entries = Object.entries(summary[key]);
    console.log(`\n${key.slice(3)} (${fmt(entries.length)} values)`);
    for (const [value, n] of entries.slice(0, top)) {
      console.log(
        `  ${value.padEnd(32)} ${fmt(n).padStart(9)}  ${(100 * n / Math.max(summary.models, 1)).toFixed(2)}%`,
      );
    }
  }
});
