import assert from "node:assert/strict";
import { summaryTable } from "../../lib/licenses/summary_table.ts";

Deno.test("summaryTable() puts both modes beside the artifact's numbers and flags exact reproduction", () => {
  const paper = {
    covered: 22_474,
    skipped: 387,
    identical: 5_756,
    compatible: 11_782,
    incompatible: 54,
    unknown: 10_638,
  };
  const improved = { covered: 100, skipped: 0, identical: 10, compatible: 60, incompatible: 15, unknown: 25 };
  const rows = summaryTable(paper, { ...improved }).toRecords();
  assert.deepEqual(rows.map((r) => r.measure), [
    "covered",
    "skipped",
    "identical",
    "compatible",
    "incompatible",
    "unknown",
  ]);
  assert.ok(rows.every((r) => r.reproduced === true));
  assert.equal(rows[4].improved_mode, 15);
  assert.equal(rows[4].improved_share, 0.15);
  assert.equal(rows[1].paper_share, null);
  const off = summaryTable({ ...paper, incompatible: 53 }, improved).toRecords();
  assert.equal(off[4].reproduced, false);
});
