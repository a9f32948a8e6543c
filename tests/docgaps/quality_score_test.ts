import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { ESEM_CARD_SECTIONS, ESEM_METADATA_FIELDS, qualityScore } from "../../lib/docgaps/quality_score.ts";

function features(sectionsPresent: number[], fieldsPresent: number[]): pl.DataFrame {
  const sections = Object.values(ESEM_CARD_SECTIONS);
  const columns: Record<string, boolean[]> = {};
  sections.forEach((s, i) => columns[`section_${s}`] = sectionsPresent.map((n) => i < n));
  ESEM_METADATA_FIELDS.forEach((f, i) => columns[`field_${f}`] = fieldsPresent.map((n) => i < n));
  return pl.DataFrame({
    model_id: sectionsPresent.map((_, i) => `m${i}`),
    ...columns,
    section_uses: sectionsPresent.map(() => true),
  });
}

Deno.test("qualityScore() is the mean of the five ESEM card items' share and the metadata share", () => {
  const rows = qualityScore(features([5, 0, 2], [10, 0, 5])).select(
    "section_share",
    "metadata_share",
    "quality_score",
  )
    .toRecords();
  assert.deepEqual(rows, [
    { section_share: 1, metadata_share: 1, quality_score: 1 },
    { section_share: 0, metadata_share: 0, quality_score: 0 },
    { section_share: 0.4, metadata_share: 0.5, quality_score: 0.45 },
  ]);
});

Deno.test("qualityScore() ignores sections outside ESEM's five, counts a null as absent", () => {
  const f = features([0], [0]).withColumns(pl.lit(null).cast(pl.Bool).alias("field_license"));
  assert.equal(qualityScore(f).getColumn("quality_score").toArray()[0], 0);
  assert.equal(Object.keys(ESEM_CARD_SECTIONS).length, 5);
});

Deno.test("qualityScore() names the feature columns it lacks", () => {
  assert.throws(
    () => qualityScore(features([1], [1]).drop("section_training", "field_grant")),
    /section_training, field_grant/,
  );
});
