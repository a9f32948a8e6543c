/**
 * `deno task licenses`: license compatibility of GitHub projects and the Hugging Face models they use, as the
 * PeaTMOSS artifact counted it (`--mode paper`) or with ptmscope's corrections (`--mode improved`).
 *
 * @module
 */
import type { Relation } from "../lib/licenses/inputs.ts";
import type { LfMatrix } from "../lib/licenses/lf_matrix.ts";
import { LICENSE_INPUTS_GROUP, loadLicenseInputs } from "../lib/licenses/load_inputs.ts";
import { analyzePaper } from "../lib/licenses/paper.ts";
import type { LicenseReport } from "../lib/licenses/report.ts";
import { reportJson } from "../lib/licenses/report_json.ts";
import { atomicWriteFile } from "../lib/store/atomic.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task licenses [--mode paper|improved] [--out <file.json>]
                     [--mapping <csv> --gh-licenses <json> --matrix <xlsx>]

Judges every (GitHub repository, Hugging Face model) relation of the mapping: may the repository's license
carry the model's license? Prints the summary counts; --out writes the whole report as JSON.

  --mode paper       the PeaTMOSS artifact's rules exactly (licenseCompatibilitiesSankey.py): its aliases,
                     one-license repositories only, the Linux Foundation matrix as written (default)
  --mode improved    ptmscope's corrected analysis (lib/licenses/improved.ts)
  --out <file>       write the report (summary, pairs, incompatible, skipped, every relation, details)
  --mapping <csv>    GitHub repo → HF model mapping without header: github.com/owner/repo, model id, model
                     URL, model license (the artifact's mapping.csv)
  --gh-licenses <json>
                     {"owner/repo": [license keys] | null} (the artifact's all_gh_licenses.json)
  --matrix <xlsx>    the Linux Foundation compatibility matrix
                     (the artifact's Linux-Foundation-OSS-License-Compatibility.xlsx)

Give the three input files together, or none: then the pinned copies of the catalog group ${LICENSE_INPUTS_GROUP} are
used, fetched first into data/cache when missing (see deno task fetch --help).
`;

type Analysis = (relations: Relation[], matrix: LfMatrix) => LicenseReport;

/** Improved mode, loaded only when asked for: paper mode stays fast without its clause tables. */
async function improvedAnalysis(): Promise<Analysis> {
  return (await import("../lib/licenses/improved.ts")).analyzeImproved;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const share = (n: number, of: number) => of === 0 ? "–" : `${(100 * n / of).toFixed(2)}%`;

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    mode: { type: "string", default: "paper" },
    out: { type: "string" },
    mapping: { type: "string" },
    "gh-licenses": { type: "string" },
    matrix: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const mode = values.mode;
  if (mode !== "paper" && mode !== "improved") {
    throw new UsageError(`--mode must be paper or improved, got "${mode}"`);
  }
  const files = [values.mapping, values["gh-licenses"], values.matrix];
  const given = files.filter((f) => f !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new UsageError(
      "give --mapping, --gh-licenses and --matrix together, or none to use the pinned inputs",
    );
  }

  const analyze = mode === "paper" ? analyzePaper : await improvedAnalysis();
  const { relations, matrix } = await loadLicenseInputs(
    given === 3
      ? { mapping: values.mapping!, ghLicenses: values["gh-licenses"]!, matrix: values.matrix! }
      : undefined,
  );
  const report = analyze(relations, matrix);
  if (values.out) await atomicWriteFile(values.out, reportJson(report));

  const s = report.summary;
  console.log(
    `${mode} mode: ${fmt(s.covered)} relations covered, ${fmt(s.skipped)} skipped; ` +
      `identical ${fmt(s.identical)} (${share(s.identical, s.covered)}), ` +
      `compatible ${fmt(s.compatible)} (${share(s.compatible, s.covered)}), ` +
      `incompatible ${fmt(s.incompatible)} (${share(s.incompatible, s.covered)}), ` +
      `unknown ${fmt(s.unknown)} (${share(s.unknown, s.covered)})` +
      (values.out ? ` → ${values.out}` : ""),
  );
}

if (import.meta.main) await runCommand(USAGE, main);
