import assert from "node:assert/strict";
import type { Relation } from "../../lib/licenses/inputs.ts";
import { lfMatrix } from "../../lib/licenses/lf_matrix.ts";
import type { RelationVerdict, Verdict } from "../../lib/licenses/report.ts";
import { artifactOtherLists, licenseFlows, paperLicenseFlows } from "../../lib/licenses/sankey_flows.ts";

function verdict(hf: string, gh: string, v: Verdict, line = 0): RelationVerdict {
  return {
    repo: "o/r",
    model: "m",
    line,
    hf_license: hf,
    gh_license: gh,
    identical: hf === gh,
    verdict: v,
    reason: "",
  };
}

function relation(hf: string | null, gh: string[] | null, line = 0): Relation {
  return { repo: `o/r${line}`, model: "m", hfLicense: hf, ghLicenses: gh, line };
}

Deno.test("licenseFlows() folds licenses on ≤ threshold relations into other, per side", () => {
  const verdicts = [
    ...Array.from({ length: 3 }, () => verdict("mit", "mit", "compatible")),
    verdict("cc-by-4.0", "mit", "unknown"),
    verdict("mit", "bsd-2-clause", "compatible"),
  ];
  assert.deepEqual(licenseFlows(verdicts, { threshold: 1 }), [
    { source: "mit", target: "mit", relations: 3, verdict: "compatible" },
    { source: "mit", target: "other", relations: 1, verdict: "compatible" },
    { source: "other", target: "mit", relations: 1, verdict: "unknown" },
  ]);
  assert.deepEqual(licenseFlows(verdicts, { threshold: 3 }), licenseFlows(verdicts, { threshold: 1 }));
  // inclusive: at 4 both mit nodes (4 relations each) fold too; the one link keeps the first verdict
  assert.deepEqual(licenseFlows(verdicts, { threshold: 4 }), [
    { source: "other", target: "other", relations: 5, verdict: "compatible" },
  ]);
  assert.equal(licenseFlows(verdicts).length, 1, "default threshold 250 folds everything here");
});

Deno.test("licenseFlows() colours a link with the verdict of the first relation that created it", () => {
  const verdicts = [
    verdict("gpl-3.0-only", "cc-by-4.0", "unknown"),
    verdict("gpl-3.0-only", "mit", "incompatible"),
    verdict("gpl-3.0-only", "gpl-3.0-only", "compatible"),
  ];
  const rare = { hf: [], gh: ["cc-by-4.0", "mit", "gpl-3.0-only"] };
  assert.deepEqual(licenseFlows(verdicts, { rare }), [
    { source: "gpl-3.0-only", target: "other", relations: 3, verdict: "unknown" },
  ]);
  assert.deepEqual(licenseFlows(verdicts.slice(1), { rare }), [
    { source: "gpl-3.0-only", target: "other", relations: 2, verdict: "incompatible" },
  ]);
});

Deno.test("licenseFlows() folds licenses that are not kept, and lists links in creation order", () => {
  const verdicts = [
    verdict("b", "y", "unknown"),
    verdict("a", "x", "compatible"),
    verdict("b", "x", "compatible"),
    verdict("a", "z", "unknown"),
  ];
  const flows = licenseFlows(verdicts, { rare: { hf: [], gh: [] }, keep: { gh: (l) => l !== "z" } });
  assert.deepEqual(flows.map((f) => `${f.source}→${f.target}`), ["b→y", "b→x", "a→x", "a→other"]);
});

Deno.test("artifactOtherLists() counts as otherCount.py: whole mapping, short alias table, first-seen order", () => {
  const relations = [
    relation("gpl-3.0", ["bsd-new"], 1),
    relation("mit", ["mit", "gpl-3.0"], 2), // a multi-license repo: each license counts
    relation("MIT", null, 3), // lower-cased; null → "no license"
    relation("openrail++", ["unlicense"], 4), // openrail++ → openrail; unlicense → "no license"
    relation("openrail", ["bsd-3-clause"], 5), // bsd-new and bsd-3-clause are one name
    relation("unknown", ["warranty-disclaimer"], 6), // both → other
  ];
  assert.deepEqual(artifactOtherLists(relations, 1), {
    hf: ["gpl-3.0", "other"], // openrail 2, mit 2
    gh: ["mit", "gpl-3.0", "other"], // bsd-3-clause 2, no license 2
  });
  assert.deepEqual(artifactOtherLists(relations, 2).hf, ["gpl-3.0", "mit", "openrail", "other"]);
  assert.deepEqual(artifactOtherLists(relations, 0), { hf: [], gh: [] });
});

Deno.test("paperLicenseFlows() folds as the artifact's figure: rare un-aliased names, and licenses off the table", () => {
  const matrix = lfMatrix(["mit", "gpl-3.0-only"], ["mit", "gpl-3.0-only"], [["", "no"], ["yes", ""]]);
  const relations = [
    relation("gpl-3.0", ["mit"], 1),
    relation("mit", ["mit"], 2),
    relation("mit", ["mit"], 3),
    relation("cc-by-4.0", ["mit"], 4),
    relation("cc-by-4.0", ["mit"], 5),
    relation("mit", null, 6),
    relation("mit", ["cc0-1.0"], 7),
    relation("mit", ["cc0-1.0"], 8),
  ];
  // names as a paper-mode report has them (gpl-3.0 aliased to gpl-3.0-only)
  const verdicts = [
    verdict("gpl-3.0-only", "mit", "incompatible", 1),
    verdict("mit", "mit", "compatible", 2),
    verdict("mit", "mit", "compatible", 3),
    verdict("cc-by-4.0", "mit", "unknown", 4),
    verdict("cc-by-4.0", "mit", "unknown", 5),
    verdict("mit", "no license", "unknown", 6),
    verdict("mit", "cc0-1.0", "unknown", 7),
    verdict("mit", "cc0-1.0", "unknown", 8),
  ];
  // threshold 1: gpl-3.0 and "no license" are rare, but the report says gpl-3.0-only, which keeps its node;
  // cc-by-4.0 (2 relations) is no table column and cc0-1.0 no table row: both fold; "no license" is rare.
  assert.deepEqual(paperLicenseFlows(verdicts, relations, matrix, 1), [
    { source: "gpl-3.0-only", target: "mit", relations: 1, verdict: "incompatible" },
    { source: "mit", target: "mit", relations: 2, verdict: "compatible" },
    { source: "mit", target: "other", relations: 3, verdict: "unknown" },
    { source: "other", target: "mit", relations: 2, verdict: "unknown" },
  ]);
  // threshold 0: nothing is rare; "no license" keeps its node although it is not a row
  assert.deepEqual(
    paperLicenseFlows(verdicts, relations, matrix, 0).map((f) => `${f.source}→${f.target} ${f.relations}`),
    ["gpl-3.0-only→mit 1", "mit→mit 2", "mit→no license 1", "mit→other 2", "other→mit 2"],
  );
});

Deno.test("licenseFlows() with byVerdict splits a folded link by verdict and names the folded node", () => {
  const v = (hf: string, gh: string, verdict: "compatible" | "incompatible" | "unknown") => ({
    repo: "a/b",
    model: "m",
    line: 1,
    hf_license: hf,
    gh_license: gh,
    identical: false,
    verdict,
    reason: "r",
  });
  const verdicts = [
    v("CC-BY-NC-4.0", "MIT", "incompatible"),
    v("other", "MIT", "unknown"),
    v("other", "MIT", "unknown"),
  ];
  const flows = licenseFlows(verdicts, {
    threshold: 0,
    keep: { hf: () => false },
    byVerdict: true,
    otherLabel: "(rare)",
  });
  assert.deepEqual(flows, [
    { source: "(rare)", target: "MIT", relations: 1, verdict: "incompatible" },
    { source: "(rare)", target: "MIT", relations: 2, verdict: "unknown" },
  ]);
});
