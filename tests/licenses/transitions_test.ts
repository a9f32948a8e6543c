import assert from "node:assert/strict";
import { verdictTransitions } from "../../lib/licenses/transitions.ts";
import type { LicenseReport, RelationVerdict, Verdict } from "../../lib/licenses/report.ts";

function report(
  mode: "paper" | "improved",
  verdicts: [number, Verdict][],
  skipped: number[] = [],
): LicenseReport {
  const relation = (line: number, verdict: Verdict): RelationVerdict => ({
    repo: "a/b",
    model: "m",
    line,
    hf_license: "x",
    gh_license: "y",
    identical: false,
    verdict,
    reason: "r",
  });
  return {
    mode,
    summary: {
      covered: verdicts.length,
      skipped: skipped.length,
      identical: 0,
      compatible: 0,
      incompatible: 0,
      unknown: 0,
    },
    pairs: [],
    incompatible: [],
    skipped: skipped.map((line) => ({ repo: "a/b", model: "m", line, reason: "r" })),
    relations: verdicts.map(([l, v]) => relation(l, v)),
    details: {},
  };
}

Deno.test("verdictTransitions() counts relations per (paper, improved) verdict, matched by line", () => {
  const paper = report("paper", [[1, "unknown"], [2, "unknown"], [3, "compatible"], [4, "unknown"]], [5]);
  const improved = report("improved", [[1, "incompatible"], [2, "compatible"], [3, "compatible"], [
    4,
    "compatible",
  ], [5, "compatible"]]);
  assert.deepEqual(verdictTransitions(paper, improved).toRecords(), [
    { paper: "unknown", improved: "compatible", relations: 2 },
    { paper: "compatible", improved: "compatible", relations: 1 },
    { paper: "skipped", improved: "compatible", relations: 1 },
    { paper: "unknown", improved: "incompatible", relations: 1 },
  ]);
});
