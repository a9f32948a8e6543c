/**
 * Paper mode on the artifact's real inputs against every figure its script prints (the oracle: what
 * `licenseCompatibilitiesSankey.py` printed on these files) and the breakdowns in PAPER.md §5.4. Every number
 * checked here is computed by ptmscope; the oracle is only the expected value.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readRelations } from "../../lib/licenses/inputs.ts";
import { readLfMatrix } from "../../lib/licenses/lf_matrix.ts";
import { analyzePaper, type PaperDetails } from "../../lib/licenses/paper.ts";
import { artifactOtherLists, paperLicenseFlows } from "../../lib/licenses/sankey_flows.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const DIR = SHARED_DATA &&
  join(SHARED_DATA, "peatmoss-artifact", "License-Analysis", "analyzeIncompatibilities");
const ORACLE = SHARED_DATA && join(SHARED_DATA, "_derived", "oracles", "license_oracle.json");

const VERDICT_OF = { grey: "unknown", blue: "compatible", red: "incompatible" } as const;

/** The part of license_oracle.json read here. */
interface Oracle {
  inputs: {
    mapping_rows: number;
    "known_HF_licenses_count(table columns)": number;
    "known_GH_licenses_count(table index)": number;
    known_HF_licenses: string[];
    known_GH_licenses: string[];
  };
  unanalyzedHFlicenses: string[];
  unanalyzedGHlicenses: string[];
  "lookup_errors_in_original(would raise KeyError)": unknown[];
  percent_HF_licenses_analyzed: number;
  percent_GH_licenses_analyzed: number;
  all_HF_ptms: number;
  analyzed_HF_ptms: number;
  all_GH_repos: number;
  analyzed_GH_repos: number;
  percent_HF_repos_analyzed: number;
  percent_GH_repos_analyzed: number;
  skipped_relations: number;
  total_covered_relations: number;
  identical_relations: number;
  identical_pct: number;
  compatible_relations: number;
  compatible_pct: number;
  incompatible_relations: number;
  incompatible_pct: number;
  unknown_relations: number;
  unknown_pct: number;
  incompatible_pairs_processed: { hf_license: string; gh_license: string; count: number }[];
  incompatible_pairs_raw: { hf_license_raw: string; gh_license_raw: string; count: number }[];
  all_pairs_processed: { hf_license: string; gh_license: string; relationship: string; count: number }[];
  sankey_relations: Record<string, Record<string, { count: number; color: keyof typeof VERDICT_OF }>>;
  printed_output: string;
}

async function setup() {
  const relations = await readRelations(join(DIR!, "mapping.csv"), join(DIR!, "all_gh_licenses.json"));
  const matrix = await readLfMatrix(join(DIR!, "Linux-Foundation-OSS-License-Compatibility.xlsx"));
  const oracle: Oracle = JSON.parse(await Deno.readTextFile(ORACLE!));
  return { relations, matrix, report: analyzePaper(relations, matrix), oracle };
}

Deno.test({
  name: "paper mode on the real inputs reproduces the artifact's numbers exactly",
  ignore: !SHARED_DATA,
  fn: async (t) => {
    const { relations, matrix, report, oracle } = await setup();
    const d = report.details as PaperDetails;

    await t.step("summary counts", () => {
      assert.equal(relations.length, oracle.inputs.mapping_rows);
      assert.deepEqual(report.summary, {
        covered: 22474,
        skipped: 387,
        identical: 5756,
        compatible: 11782,
        incompatible: 54,
        unknown: 10638,
      });
      assert.deepEqual(report.summary, {
        covered: oracle.total_covered_relations,
        skipped: oracle.skipped_relations,
        identical: oracle.identical_relations,
        compatible: oracle.compatible_relations,
        incompatible: oracle.incompatible_relations,
        unknown: oracle.unknown_relations,
      });
      assert.equal(report.relations.length, 22474);
      assert.equal(report.skipped.length, 387);
      assert.ok(
        report.skipped.every((s) => / has \d+ licenses \(/.test(s.reason)),
        "all skips are multi-license",
      );
    });

    await t.step("percentages, coverage and the LF table as pandas saw it", () => {
      assert.deepEqual(d.percent_of_covered, {
        identical: oracle.identical_pct,
        compatible: oracle.compatible_pct,
        incompatible: oracle.incompatible_pct,
        unknown: oracle.unknown_pct,
      });
      assert.equal(d.percent_hf_licenses_analyzed, oracle.percent_HF_licenses_analyzed);
      assert.equal(d.percent_gh_licenses_analyzed, oracle.percent_GH_licenses_analyzed);
      assert.equal(d.known_hf_licenses, oracle.inputs["known_HF_licenses_count(table columns)"]);
      assert.equal(d.known_gh_licenses, oracle.inputs["known_GH_licenses_count(table index)"]);
      // pandas' 60th column is the trailing "Compatibility" header, renamed Compatibility.1
      assert.deepEqual([...matrix.originals, "Compatibility.1"], oracle.inputs.known_HF_licenses);
      assert.deepEqual(matrix.derivatives, oracle.inputs.known_GH_licenses);
      assert.match(d.known_licenses_note, /without them: 74\.68%/);
      assert.deepEqual(d.hf_ptms, {
        all: oracle.all_HF_ptms,
        analyzed: oracle.analyzed_HF_ptms,
        percent: oracle.percent_HF_repos_analyzed,
      });
      assert.deepEqual(d.gh_repos, {
        all: oracle.all_GH_repos,
        analyzed: oracle.analyzed_GH_repos,
        percent: oracle.percent_GH_repos_analyzed,
      });
    });

    await t.step("the lines the script printed", () => {
      const s = report.summary;
      const pct = (n: number) => `${(100 * n / s.covered).toFixed(2)}%`;
      const py = (set: string[]) => `{${set.map((l) => `'${l}'`).join(", ")}}`;
      for (
        const line of [
          `unanalyzedHFlicenses:  ${py(d.unanalyzed_hf_licenses)}`,
          `unanalyzedGHlicenses:  ${py(d.unanalyzed_gh_licenses)}`,
          `Percent HF Licenses Analyzed: ${d.percent_hf_licenses_analyzed?.toFixed(2)}%`,
          `Percent GF Licenses Analyzed: ${d.percent_gh_licenses_analyzed?.toFixed(2)}%`,
          `Percent HF Repos Analyzed: ${d.hf_ptms.percent?.toFixed(2)}%`,
          `Percent GF Repos Analyzed: ${d.gh_repos.percent?.toFixed(2)}%`,
          `Skipped Relations: ${s.skipped}`,
          `Total Number of Covered Relations: ${s.covered}`,
          `Identical Relations: ${s.identical} -- > ${pct(s.identical)}`,
          `Compatible Relations: ${s.compatible} --> ${pct(s.compatible)}`,
          `Incompatible Relations: ${s.incompatible} --> ${pct(s.incompatible)}`,
          `Unknown Relations: ${s.unknown} --> ${pct(s.unknown)}`,
        ]
      ) assert.ok(oracle.printed_output.includes(line), line);
    });

    await t.step("unanalysed license sets", () => {
      assert.deepEqual(d.unanalyzed_hf_licenses, [...oracle.unanalyzedHFlicenses].sort());
      assert.deepEqual(d.unanalyzed_gh_licenses, [...oracle.unanalyzedGHlicenses].sort());
      assert.equal(d.unanalyzed_hf_licenses.length, 20);
      assert.equal(d.unanalyzed_gh_licenses.length, 31);
    });

    await t.step("incompatible relations by pair (processed and raw) and by PTM", () => {
      assert.deepEqual(
        d.incompatible_pairs,
        oracle.incompatible_pairs_processed.map((p) => ({
          hf_license: p.hf_license,
          gh_license: p.gh_license,
          relations: p.count,
        })),
      );
      assert.deepEqual(
        d.incompatible_pairs_raw,
        oracle.incompatible_pairs_raw.map((p) => ({
          hf_license_raw: p.hf_license_raw,
          gh_license_raw: p.gh_license_raw,
          relations: p.count,
        })),
      );
      assert.equal(report.incompatible.length, 54);
      // PAPER.md §5.4: 10 PTMs, 53 repositories
      assert.deepEqual(d.incompatible_by_model, [
        { model: "clip-italian/clip-italian", relations: 22 },
        { model: "spacy/es_core_news_sm", relations: 16 },
        { model: "spacy/es_core_news_md", relations: 7 },
        { model: "spacy/ca_core_news_lg", relations: 2 },
        { model: "spacy/es_core_news_lg", relations: 2 },
        { model: "PygmalionAI/pygmalion-1.3b", relations: 1 },
        { model: "fnlp/moss-moon-003-sft", relations: 1 },
        { model: "spacy/ca_core_news_md", relations: 1 },
        { model: "spacy/ca_core_news_sm", relations: 1 },
        { model: "thu-ml/unidiffuser-v1", relations: 1 },
      ]);
      assert.equal(d.incompatible_repos, 53);
      assert.equal(new Set(report.incompatible.map((r) => r.repo)).size, 53);
    });

    await t.step("every pair with its relationship", () => {
      const ours = report.pairs.map((p) => `${p.hf_license} → ${p.gh_license}: ${p.verdict} ${p.relations}`);
      const theirs = oracle.all_pairs_processed.map((p) =>
        `${p.hf_license} → ${p.gh_license}: ${p.relationship} ${p.count}`
      );
      assert.deepEqual(ours, theirs);
    });

    await t.step("why relations are unknown, no-license repos, identical by license (PAPER.md §5.4)", () => {
      assert.deepEqual(d.unknown_reasons, {
        gh_not_in_table: 8752,
        hf_not_in_table: 1049,
        neither_in_table: 757,
        undecided_cell: 80,
        empty_cell: 0, // the oracle: no lookup hit an empty cell (the artifact would have raised)
      });
      assert.deepEqual(oracle["lookup_errors_in_original(would raise KeyError)"], []);
      assert.deepEqual(d.relations_with_unlicensed_repo, { relations: 9022, percent: 40.14 });
      assert.deepEqual(d.identical_by_license, {
        "apache-2.0": 3326,
        mit: 2409,
        "cc-by-nc-4.0": 6,
        "gpl-3.0-only": 6,
        "bsd-3-clause": 4,
        "agpl-3.0-only": 3,
        "cc-by-nc-sa-4.0": 1,
        "cc-by-nc-nd-4.0": 1,
      });
    });

    await t.step("Sankey: the 'other' lists equal the published CSVs, the links the script's", async () => {
      const lists = artifactOtherLists(relations);
      const csv = async (name: string) => (await Deno.readTextFile(join(DIR!, name))).trim().split(",");
      assert.deepEqual(lists.hf, await csv("hf_other.csv"));
      assert.deepEqual(lists.gh, await csv("gh_other.csv"));
      assert.equal(lists.gh.length, 102);
      assert.ok(lists.hf.includes("gpl-3.0") && !lists.hf.includes("gpl-3.0-only"));

      const expected = Object.entries(oracle.sankey_relations)
        .flatMap(([source, targets]) =>
          Object.entries(targets).map(([target, link]) => ({
            source,
            target,
            relations: link.count,
            verdict: VERDICT_OF[link.color],
          }))
        );
      assert.deepEqual(paperLicenseFlows(report.relations, relations, matrix), expected);
    });
  },
});
