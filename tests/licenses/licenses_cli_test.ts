/** `deno task licenses` as a subprocess: the report it writes on the real inputs, and its errors. */
import assert from "node:assert/strict";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { LicenseReport } from "../../lib/licenses/report.ts";
import { REPO_ROOT, SHARED_DATA } from "../_shared_data.ts";

const DIR = SHARED_DATA &&
  join(SHARED_DATA, "peatmoss-artifact", "License-Analysis", "analyzeIncompatibilities");

async function licenses(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/licenses.ts", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Small valid inputs in a temp dir; `files` overrides some of them. */
async function inputs(files: { mapping?: string; gh?: string; matrix?: (string | null)[][] } = {}) {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-licenses-" });
  const paths = { mapping: join(dir, "mapping.csv"), gh: join(dir, "gh.json"), matrix: join(dir, "lf.xlsx") };
  await Deno.writeTextFile(
    paths.mapping,
    files.mapping ?? "github.com/o/a,m/x,https://huggingface.co/m/x,GPL-3.0\ngithub.com/o/b,m/y,u,mit\n",
  );
  await Deno.writeTextFile(paths.gh, files.gh ?? '{"o/a": ["mit"], "o/b": null}');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Sheet1").addRows(
    files.matrix ??
      [["Compatibility", "mit", "gpl-3.0-only"], ["mit", null, "no"], ["gpl-3.0-only", "yes", null]],
  );
  await workbook.xlsx.writeFile(paths.matrix);
  return {
    dir,
    args: ["--mapping", paths.mapping, "--gh-licenses", paths.gh, "--matrix", paths.matrix],
    paths,
  };
}

/** The run failed with exit code 1 and one `error:` line containing every part. */
function failsWith(run: { code: number; stderr: string }, ...parts: string[]) {
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.ok(lines[0].startsWith("error: "), lines[0]);
  for (const p of parts) assert.ok(lines[0].includes(p), `"${p}" not in: ${lines[0]}`);
}

Deno.test({
  name: "licenses --mode paper on the real inputs writes the report and prints the summary line",
  ignore: !DIR,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "sub", "paper.json");
    const run = await licenses(
      "--mode",
      "paper",
      "--mapping",
      join(DIR!, "mapping.csv"),
      "--gh-licenses",
      join(DIR!, "all_gh_licenses.json"),
      "--matrix",
      join(DIR!, "Linux-Foundation-OSS-License-Compatibility.xlsx"),
      "--out",
      out,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout.trim(),
      "paper mode: 22,474 relations covered, 387 skipped; identical 5,756 (25.61%), compatible 11,782 (52.43%), " +
        `incompatible 54 (0.24%), unknown 10,638 (47.33%) → ${out}`,
    );
    const report: LicenseReport = JSON.parse(await Deno.readTextFile(out));
    assert.equal(report.mode, "paper");
    assert.deepEqual(report.summary, {
      covered: 22474,
      skipped: 387,
      identical: 5756,
      compatible: 11782,
      incompatible: 54,
      unknown: 10638,
    });
    assert.equal(report.relations.length, 22474);
    assert.equal(report.skipped.length, 387);
    assert.equal(report.incompatible.length, 54);
    assert.equal(report.details.percent_hf_licenses_analyzed, 75);
    assert.deepEqual(
      [...Deno.readDirSync(join(out, ".."))].map((e) => e.name),
      ["paper.json"],
      "no temp file left",
    );
  },
});

Deno.test("licenses on small inputs: aliases and lower-casing apply, default mode is paper", async () => {
  const { args, dir } = await inputs();
  const out = join(dir, "r.json");
  const run = await licenses(...args, "--out", out);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /^paper mode: 2 relations covered, 0 skipped; .*incompatible 1 \(50\.00%\), unknown 1/,
  );
  const report: LicenseReport = JSON.parse(await Deno.readTextFile(out));
  assert.deepEqual(report.incompatible.map((r) => [r.repo, r.hf_license, r.gh_license, r.reason]), [
    ["o/a", "gpl-3.0-only", "mit", 'LF table: gpl-3.0-only → mit is "no"'],
  ]);
});

Deno.test("licenses reports bad input as one error line naming file and record", async (t) => {
  await t.step("a mapping row with a missing field", async () => {
    const { args, paths } = await inputs({ mapping: "github.com/o/a,m/x,u,mit\ngithub.com/o/b,m/y\n" });
    failsWith(await licenses(...args), `${paths.mapping} line 2`, "expected 4 fields");
  });
  await t.step("a repository mapped to a string instead of a list", async () => {
    const { args, paths } = await inputs({ gh: '{"o/a": "mit", "o/b": null}' });
    failsWith(await licenses(...args), paths.gh, '"o/a"', "list of license keys or null");
  });
  await t.step("licenses JSON that is not an object", async () => {
    const { args, paths } = await inputs({ gh: '["mit"]' });
    failsWith(await licenses(...args), paths.gh, "expected an object");
  });
  await t.step("an xlsx with another layout", async () => {
    const { args, paths } = await inputs({ matrix: [["License", "mit"], ["mit", null]] });
    failsWith(await licenses(...args), paths.matrix, 'sheet "Sheet1"', "cell A1", '"Compatibility"');
  });
  await t.step("a missing file", async () => {
    const { args, dir } = await inputs();
    const missing = join(dir, "nope.csv");
    failsWith(await licenses(...args, "--mapping", missing), `--mapping ${missing}: no such file`);
  });
});

Deno.test("licenses rejects wrong usage with exit code 2 and documents its flags", async () => {
  const { args } = await inputs();
  const mode = await licenses(...args, "--mode", "strict");
  assert.equal(mode.code, 2);
  assert.match(mode.stderr, /^error: --mode must be paper or improved, got "strict"/);
  const partial = await licenses(args[0], args[1]);
  assert.equal(partial.code, 2);
  assert.match(partial.stderr, /give --mapping, --gh-licenses and --matrix together, or none/);
  const help = await licenses("--help");
  assert.equal(help.code, 0);
  for (const flag of ["--mode paper", "--mode improved", "--out", "--mapping", "--gh-licenses", "--matrix"]) {
    assert.ok(help.stdout.includes(flag), flag);
  }
  assert.match(help.stdout, /peatmoss-license-analysis/);
});
