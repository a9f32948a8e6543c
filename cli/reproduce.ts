/**
 * `deno task reproduce`: from a fresh clone to figures. Fetches the public inputs, builds the datasets, executes
 * every notebook headlessly through Jupyter and writes `reports/index.html`.
 *
 * @module
 */
import { join } from "node:path";
import { DATASET_NAMES, ensureDataset } from "../lib/datasets.ts";
import { runNotebooks } from "../lib/notebooks/run.ts";
import { writeReportsIndex } from "../lib/notebooks/report_index.ts";
import { REPO_ROOT, reportsDir } from "../lib/paths.ts";
import { parseFlags, runCommand } from "./_main.ts";

const USAGE = `
Usage: deno task reproduce [--only NN ...] [--mirror <dir>] [--timeout <seconds>]

Fetches the pinned public inputs into data/cache (from the network, or from a local mirror laid out like
shared/data: --mirror, PTMSCOPE_MIRROR, or ../shared/data beside the repository), builds the datasets under data/,
executes notebooks/NN_*.ipynb in order with the Deno Jupyter kernel and writes figures, tables, executed notebooks
and index.html into reports/. Stops at the first notebook that fails or loses an output.
  --only NN        run only this notebook (number prefix or file name); repeatable
  --mirror <dir>   take the public inputs from this directory instead of the network
  --timeout <s>    seconds one cell may run (default 900)
`;

await runCommand(USAGE, async (args) => {
  const { values } = parseFlags(args, {
    only: { type: "string", multiple: true },
    mirror: { type: "string" },
    timeout: { type: "string", default: "900" },
  });
  if (values.mirror) Deno.env.set("PTMSCOPE_MIRROR", values.mirror);
  const started = performance.now();
  for (const name of DATASET_NAMES) {
    console.error(`dataset ${name}: ${await ensureDataset(name)}`);
  }
  const runs = await runNotebooks(join(REPO_ROOT, "notebooks"), {
    outDir: reportsDir("notebooks"),
    only: values.only,
    timeoutSeconds: Number(values.timeout),
  });
  const index = await writeReportsIndex(reportsDir());
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`reproduced ${runs.length} notebook(s) in ${secs} s; open ${index}`);
});
