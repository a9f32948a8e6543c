/**
 * `deno task licenses`: license compatibility of GitHub projects and the Hugging Face models they use, as the
 * PeaTMOSS artifact counted it (`--mode paper`) or with ptmscope's corrections (`--mode improved`).
 *
 * @module
 */
import { joinRelations, parseGhLicenses, parseMapping, type Relation } from "../lib/licenses/inputs.ts";
import { type LfMatrix, parseLfMatrix } from "../lib/licenses/lf_matrix.ts";
import { analyzePaper } from "../lib/licenses/paper.ts";
import type { LicenseReport } from "../lib/licenses/report.ts";
import { reportJson } from "../lib/licenses/report_json.ts";
import { atomicWriteFile } from "../lib/store/atomic.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const GROUP = "peatmoss-license-analysis";

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

Give the three input files together, or none: then the pinned copies of the catalog group ${GROUP} are
used, fetched first into data/cache when missing (see deno task fetch --help).
`;

/** One input: its name for messages and its bytes. */
interface Input {
  where: string;
  bytes: Uint8Array;
}

async function readInput(flag: string, path: string): Promise<Input> {
  try {
    return { where: path, bytes: await Deno.readFile(path) };
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) throw new Error(`--${flag} ${path}: no such file`);
    throw err;
  }
}

/** The three inputs of the catalog group, fetched first when needed (fetch code is loaded only then). */
async function catalogInputs(): Promise<[Input, Input, Input]> {
  const [{ fetchGroups }, { cachedPath, readCached }, { catalogEntries }] = await Promise.all([
    import("../lib/fetch/fetch.ts"),
    import("../lib/fetch/cache.ts"),
    import("../lib/fetch/catalog.ts"),
  ]);
  await fetchGroups([GROUP], { progress: true, log: (line) => console.error(line) });
  const entries = catalogEntries([GROUP]);
  const one = async (file: string): Promise<Input> => {
    const entry = entries.find((e) => e.path.endsWith(`/${file}`));
    if (!entry) {
      throw new Error(`the catalog group ${GROUP} has no ${file}; is lib/fetch/catalog.json current?`);
    }
    return { where: (await cachedPath(entry.path)) ?? entry.path, bytes: await readCached(entry.path) };
  };
  return await Promise.all([
    one("mapping.csv"),
    one("all_gh_licenses.json"),
    one("Linux-Foundation-OSS-License-Compatibility.xlsx"),
  ]);
}

type Analysis = (relations: Relation[], matrix: LfMatrix) => LicenseReport;

/** Improved mode, loaded only when asked for: its module is not needed (nor always present) for paper mode. */
async function improvedAnalysis(): Promise<Analysis> {
  // A computed specifier keeps the type checker from requiring the module while it is being written.
  const specifier = "../lib/licenses/improved.ts";
  try {
    return ((await import(specifier)) as { analyzeImproved: Analysis }).analyzeImproved;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error("--mode improved is not available: lib/licenses/improved.ts is missing");
    }
    throw err;
  }
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
  const [mapping, ghLicenses, matrix] = given === 3
    ? await Promise.all([
      readInput("mapping", values.mapping!),
      readInput("gh-licenses", values["gh-licenses"]!),
      readInput("matrix", values.matrix!),
    ])
    : await catalogInputs();
  const text = (input: Input) => new TextDecoder().decode(input.bytes);
  const relations = joinRelations(
    parseMapping(text(mapping), mapping.where),
    parseGhLicenses(text(ghLicenses), ghLicenses.where),
  );
  const report = analyze(relations, await parseLfMatrix(matrix.bytes, matrix.where));
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
