import assert from "node:assert/strict";
import type { Relation } from "../../lib/licenses/inputs.ts";
import { lfMatrix } from "../../lib/licenses/lf_matrix.ts";
import { analyzePaper } from "../../lib/licenses/paper.ts";

// Rows are derivative (GitHub) licenses, columns original (HF) ones; bls-1.0 / bsl-1.0 is the LF file's own
// misspelling, so that pair meets the empty "diagonal" cell.
const MATRIX = lfMatrix(
  ["mit", "apache-2.0", "gpl-3.0-only", "bls-1.0"],
  ["mit", "apache-2.0", "gpl-3.0-only", "bsd-3-clause", "bsl-1.0"],
  [
    ["", "yes", "no", "?"],
    ["yes", "", "no", "?"],
    ["yes", "?", "", "?"],
    ["yes", "yes", "no", "?"],
    ["?", "?", "?", ""],
  ],
  ["Compatibility"],
);

type Case = [hf: string | null, gh: string[] | null | undefined];

/** Each case: [HF license as in the mapping, GH licenses as in the licenses file]. */
const CASES: Case[] = [
  ["MIT", ["mit"]], // 1 identical in the table: compatible without reading the (empty) cell
  ["gpl-3.0", ["mit"]], // 2 alias gpl-3.0 → gpl-3.0-only; cell (mit, gpl-3.0-only) = no
  ["mit", ["bsd-new"]], // 3 alias bsd-new → bsd-3-clause; yes
  ["apache-2.0", ["gpl-3.0-only"]], // 4 cell "?"
  ["unknown", ["mit"]], // 5 "other" set → other: not a column
  ["mit", null], // 6 no detected license → "no license": not a row
  ["cc-by-nc-4.0", ["cc-by-nc-4.0"]], // 7 identical, in neither side of the table: identical AND unknown
  ["mit", ["mit", "apache-2.0"]], // 8 skipped: two licenses
  ["mit", undefined], // 9 skipped: repo missing from the licenses file
  ["mit", []], // 10 skipped: empty list
  [null, ["mit"]], // 11 no HF license → "no license": not a column
  ["unlicense", ["unlicense"]], // 12 both "no license": identical, unknown
  ["bsl-1.0", ["bsl-1.0"]], // 13 identical, but the column is spelt bls-1.0: unknown
  ["mit", ["warranty-disclaimer"]], // 14 GH "other" set → other: not a row
  ["bls-1.0", ["bsl-1.0"]], // 15 the misspelt pair meets an empty cell: unknown
  ["mit", ["gpl-3.0"]], // 16 GH alias; cell (gpl-3.0-only, mit) = yes: direction matters (cf. 2)
  ["openrail++", ["mit"]], // 17 alias openrail++ → openrail: not a column
];

const RELATIONS: Relation[] = CASES.map(([hfLicense, ghLicenses], i) => ({
  repo: `o/r${i + 1}`,
  model: `m${(i % 15) + 1}`, // m1 and m2 appear twice (cases 16, 17)
  hfLicense,
  ghLicenses,
  line: i + 1,
}));

const report = analyzePaper(RELATIONS, MATRIX);
const byLine = new Map(report.relations.map((r) => [r.line, r]));

Deno.test("analyzePaper() counts as the artifact: identical apart, unknown when a side is not in the table", () => {
  assert.equal(report.mode, "paper");
  assert.deepEqual(report.summary, {
    covered: 14,
    skipped: 3,
    identical: 4, // 1, 7, 12, 13
    compatible: 3, // 1, 3, 16
    incompatible: 1, // 2
    unknown: 10, // 4, 5, 6, 7, 11, 12, 13, 14, 15, 17
  });
});

Deno.test("analyzePaper() names licenses with the artifact's rules and gives one reason per relation", () => {
  const expected: [
    line: number,
    hf: string,
    gh: string,
    verdict: string,
    identical: boolean,
    reason: string,
  ][] = [
    [1, "mit", "mit", "compatible", true, "identical licenses (mit): compatible without lookup"],
    [2, "gpl-3.0-only", "mit", "incompatible", false, 'LF table: gpl-3.0-only → mit is "no"'],
    [3, "mit", "bsd-3-clause", "compatible", false, 'LF table: mit → bsd-3-clause is "yes"'],
    [4, "apache-2.0", "gpl-3.0-only", "unknown", false, 'LF table: apache-2.0 → gpl-3.0-only is "?"'],
    [5, "other", "mit", "unknown", false, "other is not a column of the LF table"],
    [6, "mit", "no license", "unknown", false, '"no license" is not a row of the LF table'],
    [
      7,
      "cc-by-nc-4.0",
      "cc-by-nc-4.0",
      "unknown",
      true,
      "neither cc-by-nc-4.0 (model) is a column nor cc-by-nc-4.0 (project) a row of the LF table",
    ],
    [11, "no license", "mit", "unknown", false, '"no license" is not a column of the LF table'],
    [
      12,
      "no license",
      "no license",
      "unknown",
      true,
      'neither "no license" (model) is a column nor "no license" (project) a row of the LF table',
    ],
    [13, "bsl-1.0", "bsl-1.0", "unknown", true, "bsl-1.0 is not a column of the LF table"],
    [14, "mit", "other", "unknown", false, "other is not a row of the LF table"],
    [15, "bls-1.0", "bsl-1.0", "unknown", false, "LF table: bls-1.0 → bsl-1.0 is an empty cell"],
    [16, "mit", "gpl-3.0-only", "compatible", false, 'LF table: mit → gpl-3.0-only is "yes"'],
    [17, "openrail", "mit", "unknown", false, "openrail is not a column of the LF table"],
  ];
  assert.deepEqual(
    report.relations.map((r) => [r.line, r.hf_license, r.gh_license, r.verdict, r.identical, r.reason]),
    expected,
  );
  assert.deepEqual(report.incompatible.map((r) => r.line), [2]);
});

Deno.test("analyzePaper() skips multi-license, unlisted and empty-list repositories with a reason", () => {
  assert.deepEqual(report.skipped.map((s) => [s.line, s.repo]), [[8, "o/r8"], [9, "o/r9"], [10, "o/r10"]]);
  const [multi, missing, empty] = report.skipped.map((s) => s.reason);
  assert.equal(
    multi,
    "o/r8 has 2 licenses (mit, apache-2.0); the artifact analyses one-license repositories only",
  );
  assert.match(missing, /o\/r9 is missing from the repository licenses file/);
  assert.match(empty, /o\/r10 has an empty license list/);
  assert.ok(![8, 9, 10].some((l) => byLine.has(l)));
});

Deno.test("analyzePaper() details: coverage as the artifact printed it, unanalysed sets, unknown causes", () => {
  const d = report.details;
  // pandas counted the trailing "Compatibility" column: 5 known HF licenses, 5 unanalysed → 50%
  assert.equal(d.known_hf_licenses, 5);
  assert.equal(d.percent_hf_licenses_analyzed, 50);
  assert.match(String(d.known_licenses_note), /without them: 44\.44%/);
  assert.equal(d.known_gh_licenses, 5);
  assert.equal(d.percent_gh_licenses_analyzed, 62.5); // 5 / (5 + 3)
  assert.deepEqual(d.unanalyzed_hf_licenses, ["bsl-1.0", "cc-by-nc-4.0", "no license", "openrail", "other"]);
  assert.deepEqual(d.unanalyzed_gh_licenses, ["cc-by-nc-4.0", "no license", "other"]);
  // models m1..m15 (m1, m2 reused by 16, 17); m8, m9, m10 only in skipped relations
  assert.deepEqual(d.hf_ptms, { all: 15, analyzed: 12, percent: 80 });
  assert.deepEqual(d.gh_repos, { all: 17, analyzed: 14, percent: 82.35 });
  assert.deepEqual(d.percent_of_covered, {
    identical: 28.57,
    compatible: 21.43,
    incompatible: 7.14,
    unknown: 71.43,
  });
  assert.deepEqual(d.relations_with_unlicensed_repo, { relations: 2, percent: 14.29 });
  assert.deepEqual(d.identical_by_license, { "bsl-1.0": 1, "cc-by-nc-4.0": 1, mit: 1, "no license": 1 });
  assert.deepEqual(d.unknown_reasons, {
    gh_not_in_table: 2, // 6, 14
    hf_not_in_table: 4, // 5, 11, 13, 17
    neither_in_table: 2, // 7, 12
    undecided_cell: 1, // 4
    empty_cell: 1, // 15
  });
  assert.deepEqual(d.incompatible_pairs, [{ hf_license: "gpl-3.0-only", gh_license: "mit", relations: 1 }]);
  assert.deepEqual(d.incompatible_pairs_raw, [{
    hf_license_raw: "gpl-3.0",
    gh_license_raw: "mit",
    relations: 1,
  }]);
  assert.deepEqual(d.incompatible_by_model, [{ model: "m2", relations: 1 }]);
  assert.equal(d.incompatible_repos, 1);
});

Deno.test("analyzePaper() groups pairs, most relations first, each with its verdict and reason", () => {
  const twice: Relation[] = [...RELATIONS, { ...RELATIONS[1], line: 99, repo: "o/x" }];
  const { pairs } = analyzePaper(twice, MATRIX);
  assert.deepEqual(pairs[0], {
    hf_license: "gpl-3.0-only",
    gh_license: "mit",
    verdict: "incompatible",
    identical: false,
    relations: 2,
    reason: 'LF table: gpl-3.0-only → mit is "no"',
  });
  assert.equal(pairs.reduce((n, p) => n + p.relations, 0), 15);
  assert.equal(pairs.length, 14);
});
