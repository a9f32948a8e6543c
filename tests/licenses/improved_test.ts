import assert from "node:assert/strict";
import { join } from "node:path";
import { compareModes } from "../../lib/licenses/compare_modes.ts";
import { analyzeImproved, type ImprovedDetails } from "../../lib/licenses/improved.ts";
import { readRelations, type Relation } from "../../lib/licenses/inputs.ts";
import { lfMatrix, readLfMatrix } from "../../lib/licenses/lf_matrix.ts";
import type { LicenseReport, RelationVerdict, Verdict } from "../../lib/licenses/report.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const MATRIX = lfMatrix(["mit", "gpl-3.0-only"], ["mit", "gpl-3.0-only"], [["", "no"], ["yes", ""]]);

const rel = (line: number, hfLicense: string | null, ghLicenses: string[] | null | undefined): Relation => ({
  repo: `owner/repo${line}`,
  model: `org/model${line}`,
  hfLicense,
  ghLicenses,
  line,
});

const RELATIONS: Relation[] = [
  rel(1, "mit", ["mit"]),
  rel(2, "apache-2.0", null),
  rel(3, "cc-by-nc-4.0", ["mit"]),
  rel(4, "other", ["mit"]),
  rel(5, "creativeml-openrail-m", ["gpl-3.0", "unknown-license-reference"]),
  rel(6, "mit", undefined),
  rel(7, "bsd-2-clause-patent", ["mit"]),
  rel(8, "cc-by-nc-4.0", ["mit"]),
  rel(9, "zz-license", ["mit"]),
];

Deno.test("analyzeImproved() gives every relation a verdict and a reason", async (t) => {
  const report = analyzeImproved(RELATIONS, MATRIX);
  const details = report.details as unknown as ImprovedDetails;
  const byLine = new Map(report.relations.map((r) => [r.line, r]));

  await t.step(
    "summary: compatible + incompatible + unknown = covered; only a repo missing from the file is skipped",
    () => {
      assert.equal(report.mode, "improved");
      assert.deepEqual(report.summary, {
        covered: 8,
        skipped: 1,
        identical: 1,
        compatible: 3,
        incompatible: 3,
        unknown: 2,
      });
      assert.deepEqual(report.skipped.map((s) => s.line), [6]);
      assert.match(report.skipped[0].reason, /^owner\/repo6 is missing from the repository licenses file/);
      assert.ok(report.relations.every((r) => r.reason.length > 0));
    },
  );
  await t.step("relations name both sides in SPDX", () => {
    assert.deepEqual(
      [1, 2, 3, 5].map((l) => [byLine.get(l)!.hf_license, byLine.get(l)!.gh_license, byLine.get(l)!.verdict]),
      [
        ["MIT", "MIT", "compatible"],
        ["Apache-2.0", "NONE", "compatible"],
        ["CC-BY-NC-4.0", "MIT", "incompatible"],
        ["LicenseRef-CreativeML-OpenRAIL-M", "GPL-3.0-only", "incompatible"],
      ],
    );
    assert.equal(byLine.get(1)!.identical, true);
    assert.equal(byLine.get(4)!.verdict, "unknown");
    assert.equal(byLine.get(4)!.gh_license, "MIT");
  });
  await t.step("an id read outside the tables is named in the reason; one nobody knows is unknown", () => {
    assert.match(
      byLine.get(7)!.reason,
      /\[read: license id "bsd-2-clause-patent" is not in the table; read as the SPDX id BSD-2-Clause-Patent\]$/,
    );
    assert.equal(byLine.get(9)!.reason, 'license id "zz-license" is not known');
  });
  await t.step("pairs, most relations first; incompatible relations", () => {
    assert.deepEqual(
      { ...report.pairs[0], reason: undefined },
      {
        hf_license: "CC-BY-NC-4.0",
        gh_license: "MIT",
        verdict: "incompatible",
        identical: false,
        relations: 2,
        reason: undefined,
      },
    );
    assert.equal(report.pairs.reduce((n, p) => n + p.relations, 0), 8);
    assert.deepEqual(report.incompatible.map((r) => r.line), [3, 5, 8]);
  });
  await t.step("details: counts per rule, conflicts, unknown reasons, how the inputs were read", () => {
    assert.deepEqual(details.rules, {
      "duties": { compatible: 2, incompatible: 0, unknown: 0 },
      "identical": { compatible: 1, incompatible: 0, unknown: 0 },
      "non-commercial": { compatible: 0, incompatible: 2, unknown: 0 },
      "unknown-model": { compatible: 0, incompatible: 0, unknown: 2 },
      "use-restrictions": { compatible: 0, incompatible: 1, unknown: 0 },
    });
    assert.deepEqual(details.conflicts.map((c) => [c.hf_license, c.gh_license, c.relations]), [
      ["CC-BY-NC-4.0", "MIT", 2],
      ["LicenseRef-CreativeML-OpenRAIL-M", "GPL-3.0-only", 1],
    ]);
    assert.match(details.conflicts[0].reason, /forbids commercial use .*the project's MIT grants it$/);
    assert.equal(details.unknown_reasons.length, 2);
    assert.deepEqual(details.normalization.dropped, [{ key: "unknown-license-reference", relations: 1 }]);
    assert.equal(details.normalization.notes.length, 1);
  });
});

Deno.test("analyzeImproved() of no relations is an empty report", () => {
  const report = analyzeImproved([], MATRIX);
  assert.deepEqual(report.summary, {
    covered: 0,
    skipped: 0,
    identical: 0,
    compatible: 0,
    incompatible: 0,
    unknown: 0,
  });
  assert.deepEqual(report.pairs, []);
});

function report(
  mode: "paper" | "improved",
  verdicts: [number, Verdict, string][],
  skipped: number[] = [],
): LicenseReport {
  const relation = ([line, verdict, reason]: [number, Verdict, string]): RelationVerdict => ({
    repo: "a/b",
    model: "m",
    line,
    hf_license: `H${line}`,
    gh_license: "G",
    identical: false,
    verdict,
    reason,
  });
  const relations = verdicts.map(relation);
  return {
    mode,
    summary: {
      covered: relations.length,
      skipped: skipped.length,
      identical: 0,
      compatible: 0,
      incompatible: 0,
      unknown: 0,
    },
    pairs: [],
    incompatible: relations.filter((r) => r.verdict === "incompatible"),
    skipped: skipped.map((line) => ({ repo: "a/b", model: "m", line, reason: "several licenses" })),
    relations,
    details: {},
  };
}

Deno.test("compareModes() counts what improved mode decides and lists the new conflicts", () => {
  const paper = report("paper", [[1, "unknown", "p1"], [2, "unknown", "p2"], [3, "incompatible", "p3"], [
    4,
    "compatible",
    "p4",
  ], [5, "unknown", "p5"]], [6, 7]);
  const improved = report("improved", [
    [1, "incompatible", "i1"],
    [2, "compatible", "i2"],
    [3, "incompatible", "i3"],
    [4, "compatible", "i4"],
    [5, "unknown", "i5"],
    [6, "incompatible", "i6"],
    [7, "unknown", "i7"],
  ]);
  const diff = compareModes(paper, improved);
  assert.equal(diff.paper_unknown_now_definite, 2);
  assert.equal(diff.paper_skipped_now_definite, 1);
  assert.deepEqual(diff.new_conflicts, [
    { hf_license: "H1", gh_license: "G", relations: 1, reason: "i1" },
    { hf_license: "H6", gh_license: "G", relations: 1, reason: "i6" },
  ]);
  assert.deepEqual(
    diff.changed.map((c) => [c.line, c.paper, c.improved, c.paper_reason, c.improved_reason]),
    [
      [1, "unknown", "incompatible", "p1", "i1"],
      [2, "unknown", "compatible", "p2", "i2"],
      [6, "skipped", "incompatible", "several licenses", "i6"],
      [7, "skipped", "unknown", "several licenses", "i7"],
    ],
  );
});

const DIR = SHARED_DATA &&
  join(SHARED_DATA, "peatmoss-artifact", "License-Analysis", "analyzeIncompatibilities");

Deno.test({
  name: "improved mode on the artifact's real inputs",
  ignore: !SHARED_DATA,
  fn: async (t) => {
    const relations = await readRelations(join(DIR!, "mapping.csv"), join(DIR!, "all_gh_licenses.json"));
    const matrix = await readLfMatrix(join(DIR!, "Linux-Foundation-OSS-License-Compatibility.xlsx"));
    const improved = analyzeImproved(relations, matrix);
    const s = improved.summary;
    const byLine = new Map(improved.relations.map((r) => [r.line, r]));

    await t.step("every relation is covered, with a verdict and a reason", () => {
      assert.equal(s.covered, relations.length);
      assert.equal(s.skipped, 0);
      assert.equal(s.compatible + s.incompatible + s.unknown, s.covered);
      assert.ok(
        improved.relations.every((r) =>
          r.reason.length > 0 && ["compatible", "incompatible", "unknown"].includes(r.verdict)
        ),
      );
    });
    await t.step("no id is read outside the tables, and no unknown is for an unknown id", () => {
      assert.ok(improved.relations.every((r) => !r.reason.includes("[read:")));
      const unknown = improved.relations.filter((r) => r.verdict === "unknown");
      assert.ok(unknown.every((r) => !/is not known|no clause facts/.test(r.reason)), "an unmapped id");
      assert.deepEqual((improved.details as unknown as ImprovedDetails).normalization.notes, []);
    });
    await t.step("the summary", () => {
      assert.deepEqual(s, {
        covered: 22861,
        skipped: 0,
        identical: 5758,
        compatible: 21699,
        incompatible: 783,
        unknown: 379,
      });
    });
    await t.step("relations checked by hand", () => {
      const cases: [number, Verdict, string, string, RegExp][] = [
        // princeton-nlp/MultilingualAnalysis uses facebook/dpr-question_encoder-single-nq-base
        [916, "incompatible", "CC-BY-NC-4.0", "MIT", /forbids commercial use .* MIT grants it/],
        // MikeGu721/EasyLLM (no license) uses facebook/rag-sequence-nq
        [1129, "compatible", "Apache-2.0", "NONE", /no license, so it grants nothing .*NOTICE/],
        // awsm-research/VulRepair uses clip-italian/clip-italian
        [14356, "incompatible", "GPL-3.0-only", "MIT", /LF table: gpl-3.0-only → mit is "no"/],
        // cmubig/Frida uses CompVis/stable-diffusion-v1-4
        [
          15043,
          "incompatible",
          "LicenseRef-CreativeML-OpenRAIL-M",
          "GPL-3.0-only",
          /GPL-3.0 section 10 forbids further restrictions/,
        ],
        // agiresearch/OpenAGI uses decapoda-research/llama-7b-hf
        [9746, "unknown", "other", "Apache-2.0", /'other'/],
        // nedap/deidentify and danielvarab/da-newsroom use spacy/fr_core_news_sm
        [17769, "compatible", "LGPLLR", "MIT", /keep the model itself under LGPLLR/],
        [17774, "incompatible", "LGPLLR", "NONE", /permits nothing/],
        // sakata-yusuke-75/boilernet_japanese uses cl-tohoku/bert-base-japanese-whole-word-masking
        [12723, "compatible", "CC-BY-SA-4.0", "GPL-3.0-only", /which CC-BY-SA-4.0 accepts/],
        // padmalcom/ttsdatasetcreator uses Tanhim/gpt2-model-de (license "gpl")
        [21188, "incompatible", "LicenseRef-GPL-family", "Apache-2.0", /all give incompatible/],
        // xu1998hz/SEScore3 uses xu1998hz/InstructScore (license "cc")
        [16915, "unknown", "LicenseRef-CC-family", "NONE", /does not say which license/],
        // osi1880vr/deforum-sd-ui: two licenses, skipped by paper mode
        [
          465,
          "compatible",
          "MIT",
          "CC-BY-NC-SA-4.0 AND LicenseRef-CreativeML-OpenRAIL-M",
          /least compatible part/,
        ],
      ];
      for (const [line, verdict, hf, gh, reason] of cases) {
        const r = byLine.get(line)!;
        assert.deepEqual(
          [r.verdict, r.hf_license, r.gh_license],
          [verdict, hf, gh],
          `line ${line}: ${r.reason}`,
        );
        assert.match(r.reason, reason, `line ${line}`);
      }
    });
    await t.step("against paper mode", async () => {
      // paper.ts is the other mode's module: loaded only here, never by improved.ts
      const { analyzePaper } = await import("../../lib/licenses/paper.ts");
      const paper = analyzePaper(relations, matrix);
      const diff = compareModes(paper, improved);
      assert.equal(diff.paper_unknown_now_definite, 10286);
      assert.equal(diff.paper_skipped_now_definite, 360);
      assert.equal(diff.new_conflicts.reduce((n, c) => n + c.relations, 0), 729);
      assert.equal(s.incompatible, paper.summary.incompatible + 729);
      // improved mode only decides what paper mode could not: no decided relation changes its verdict
      assert.ok(diff.changed.every((c) => c.paper === "unknown" || c.paper === "skipped"));
    });
  },
});
