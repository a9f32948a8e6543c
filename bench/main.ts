/**
 * `deno task bench <name>`: benchmarks that print time and peak memory. Never part of the tests.
 *
 * @module
 */
import { parseFlags, runCommand, UsageError } from "../cli/_main.ts";
import { benchImport, type BenchRow } from "./import_bench.ts";
import { hfPagesDir } from "../lib/datasets.ts";

const USAGE = `
Usage: deno task bench import [--pages <dir>]

  import   import the 760 Hugging Face /api/models pages of 2024-07-11 into Parquet, then load the models table
           (targets: ≤ 15 s and ≤ 2.5 GB peak RSS; load ≤ 1 s). --pages defaults to the fetched copy in
           data/cache (fetched first when missing).
`;

function print(rows: BenchRow[]) {
  console.log(`${"stage".padEnd(52)} ${"seconds".padStart(8)} ${"peak MiB".padStart(9)}  target`);
  for (const r of rows) {
    console.log(
      `${r.stage.padEnd(52)} ${r.seconds.toFixed(2).padStart(8)} ${
        r.peakMiB.toFixed(0).padStart(9)
      }  ${r.target} ${r.ok ? "ok" : "MISSED"}`,
    );
  }
}

await runCommand(USAGE, async (args) => {
  const { values, positionals } = parseFlags(args, { pages: { type: "string" } });
  const [name] = positionals;
  if (name !== "import") throw new UsageError(`unknown benchmark ${name ?? "(none)"}; expected import`);
  const pages = values.pages ?? await hfPagesDir();
  console.log(`bench import: ${pages} (${navigator.hardwareConcurrency} cores)`);
  print(await benchImport(pages));
});
