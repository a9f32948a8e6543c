import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { FIG7, versusFig7 } from "../../lib/docgaps/fig7.ts";
import { FIELDS } from "../../lib/extract/record.ts";

Deno.test("FIG7 holds the 20 sorted percentages of the saved notebook and its denominator", () => {
  assert.equal(FIG7.percentages.length, FIELDS.length);
  assert.deepEqual([...FIG7.percentages], [...FIG7.percentages].sort((a, b) => b - a));
  assert.equal(FIG7.percentages[0], 98.85);
  assert.equal(FIG7.percentages.at(-1), 4.8);
  assert.equal(FIG7.results - FIG7.errors, FIG7.models);
});

Deno.test("versusFig7() lines our sorted availability up with Fig. 7 by rank", () => {
  const ours = pl.DataFrame({ item: ["license", "paper"], count: [90, 10], share: [0.9, 0.1] });
  const rows = versusFig7(ours).toRecords();
  assert.equal(rows.length, 20);
  assert.deepEqual(rows[0], {
    rank: 1,
    item: "license",
    count: 90,
    share: 0.9,
    fig7_share: 0.9885,
    difference: 0.9 - 0.9885,
    label: "1. license",
  });
  assert.equal(rows[2].label, "3. —");
  assert.equal(rows[1].item, "paper");
  assert.equal(rows[2].item, null);
  assert.equal(rows[2].difference, null);
  assert.equal(rows[19].fig7_share, 0.048);
});

Deno.test("versusFig7() keeps ranks beyond the paper's 20", () => {
  const n = 22;
  const ours = pl.DataFrame({
    item: Array.from({ length: n }, (_, i) => `f${i}`),
    count: Array.from({ length: n }, (_, i) => n - i),
    share: Array.from({ length: n }, (_, i) => (n - i) / n),
  });
  const rows = versusFig7(ours).toRecords();
  assert.equal(rows.length, 22);
  assert.equal(rows[21].item, "f21");
  assert.equal(rows[21].fig7_share, null);
});
