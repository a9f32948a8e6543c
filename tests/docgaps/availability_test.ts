import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { availability } from "../../lib/docgaps/availability.ts";

const features = () =>
  pl.DataFrame({
    corpus: ["b", "a", "a", "a"],
    field_license: [null, true, true, false],
    field_paper: [true, false, true, false],
    section_uses: [true, false, false, false],
  });

Deno.test("availability() counts each prefixed column, most available first, ties by name, null as missing", () => {
  const rows = availability(features(), { prefix: "field_" }).toRecords();
  assert.deepEqual(rows, [
    { item: "license", count: 2, cards: 4, share: 0.5 },
    { item: "paper", count: 2, cards: 4, share: 0.5 },
  ]);
});

Deno.test("availability() computes shares within each group, groups in order of first appearance", () => {
  const rows = availability(features(), { prefix: "field_", by: ["corpus"] }).toRecords();
  assert.deepEqual(rows.map((r) => [r.corpus, r.item, r.count, r.cards]), [
    ["b", "paper", 1, 1],
    ["b", "license", 0, 1],
    ["a", "license", 2, 3],
    ["a", "paper", 1, 3],
  ]);
  assert.equal(rows[2].share, 2 / 3);
});

Deno.test("availability() names the columns it has when none carries the prefix", () => {
  assert.throws(() => availability(features(), { prefix: "nope_" }), /no column starts with "nope_".*corpus/);
});
