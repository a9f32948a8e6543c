/**
 * `deno task bench <name>`: benchmarks that print time and peak memory. Never part of the tests.
 *
 * @module
 */
import { parseFlags, runCommand, UsageError } from "../cli/_main.ts";
import { benchImport, type BenchRow } from "./import_bench.ts";
import { benchLicenses, type LicenseInputs } from "./licenses_bench.ts";
import { benchHarvest } from "./hub_harvest_bench.ts";
import { benchHub } from "./hub_bench.ts";
import { benchUsage } from "./usage_bench.ts";
import { benchCards } from "./cards_bench.ts";
import { ensureDataset, hfPagesDir } from "../lib/datasets.ts";
import { cachedGroupPaths } from "../lib/fetch/cache.ts";
import { fetchGroups } from "../lib/fetch/fetch.ts";

const USAGE = `
Usage: deno task bench import [--pages <dir>]
       deno task bench licenses [--mapping <csv> --gh-licenses <json> --matrix <xlsx>]
       deno task bench harvest [--pages <dir>]
       deno task bench hub
       deno task bench usage
       deno task bench cards

  import     import the 760 Hugging Face /api/models pages of 2024-07-11 into Parquet, then load the models
             table (targets: ≤ 15 s and ≤ 2.5 GB peak RSS; load ≤ 1 s). --pages defaults to the fetched copy in
             data/cache (fetched first when missing).
  licenses   \`deno task licenses --mode paper --out <file>\` on the artifact's 22,861 relations, whole
             process (target: ≤ 1 s), then its stages timed inside one process (start-up, parsing, exceljs,
             analysis, writing). The inputs default to the fetched copies of the catalog group
             peatmoss-license-analysis (fetched first when missing); then the command is also timed without
             file flags.
  harvest    \`deno task harvest hf --list-only\` of the same 760 pages served by a replay hub in another process
             (target: ≥ 20,000 models/s, flat memory), with the time of its phases. --pages as for import.
  hub        the analyses of notebooks 02 and 03 (domains, growth, composition) over the 760,000 models of
             2024-07-11 loaded from Parquet, each timed in one fresh process (target: ≤ 3 s each), with that
             process's peak RSS. Builds data/hf-2024-07-11 first when missing.
  usage      \`deno task usage scan <path> --out /dev/null\` over 25 and 50 MiB of generated ML-project Python and
             notebooks (a few percent load a model), as a directory and as a .tar.gz, each in one fresh process
             (targets: ≥ 10 MB/s per core; the 50 MiB scan's peak RSS ≤ 1.25 × the 25 MiB one's). The corpus is
             generated once, deterministically, under data/cache/bench/.
  cards      every card of the model-card corpora (catalog groups model-cards-*, fetched first when missing)
             parsed and heuristic-extracted in one fresh process (target: ≥ 500 cards/s), then the LLM
             extractor's prompt tokens per card against whole-card prompting on the same cards (target: ≤ 50%).
`;

const LICENSE_GROUP = "peatmoss-license-analysis";

/** The fetched copies of the license inputs, fetched first when missing. */
async function pinnedLicenseInputs(): Promise<LicenseInputs> {
  await fetchGroups([LICENSE_GROUP], { progress: true, log: (line) => console.error(line) });
  const paths = await cachedGroupPaths(LICENSE_GROUP);
  const find = (name: string) => {
    const path = paths.find((p) => p.endsWith(`/${name}`));
    if (!path) throw new Error(`no plain ${name} in the fetch cache (${paths.join(", ")}); pass the files`);
    return path;
  };
  return {
    mapping: find("mapping.csv"),
    ghLicenses: find("all_gh_licenses.json"),
    matrix: find("Linux-Foundation-OSS-License-Compatibility.xlsx"),
  };
}

function print(rows: BenchRow[]) {
  console.log(`${"stage".padEnd(52)} ${"seconds".padStart(8)} ${"peak MiB".padStart(9)}  target`);
  for (const r of rows) {
    console.log(
      `${r.stage.padEnd(52)} ${r.seconds.toFixed(2).padStart(8)} ${r.peakMiB.toFixed(0).padStart(9)}  ${
        r.target ? `${r.target} ${r.ok ? "ok" : "MISSED"}` : ""
      }`,
    );
  }
}

await runCommand(USAGE, async (args) => {
  const { values, positionals } = parseFlags(args, {
    pages: { type: "string" },
    mapping: { type: "string" },
    "gh-licenses": { type: "string" },
    matrix: { type: "string" },
  });
  const [name] = positionals;
  if (name === "import") {
    const pages = values.pages ?? await hfPagesDir();
    console.log(`bench import: ${pages} (${navigator.hardwareConcurrency} cores)`);
    print(await benchImport(pages));
  } else if (name === "licenses") {
    const files = [values.mapping, values["gh-licenses"], values.matrix];
    const given = files.filter((f) => f !== undefined).length;
    if (given !== 0 && given !== 3) {
      throw new UsageError("give --mapping, --gh-licenses and --matrix together, or none");
    }
    const inputs = given === 3
      ? { mapping: values.mapping!, ghLicenses: values["gh-licenses"]!, matrix: values.matrix! }
      : await pinnedLicenseInputs();
    console.log(`bench licenses: ${inputs.mapping} (${navigator.hardwareConcurrency} cores)`);
    print(await benchLicenses(inputs, given === 0));
  } else if (name === "harvest") {
    const pages = values.pages ?? await hfPagesDir();
    console.log(`bench harvest: ${pages} (${navigator.hardwareConcurrency} cores)`);
    print(await benchHarvest(pages));
  } else if (name === "hub") {
    const dir = await ensureDataset("hf-2024-07-11");
    console.log(`bench hub: ${dir} (${navigator.hardwareConcurrency} cores)`);
    print(await benchHub(dir));
  } else if (name === "usage") {
    console.log(`bench usage (${navigator.hardwareConcurrency} cores)`);
    print(await benchUsage());
  } else if (name === "cards") {
    console.log(`bench cards (${navigator.hardwareConcurrency} cores)`);
    print(await benchCards());
  } else {
    throw new UsageError(
      `unknown benchmark ${name ?? "(none)"}; expected import, licenses, harvest, hub, usage or cards`,
    );
  }
});
