import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { growthHighlights, HF_BACKFILL_DATE, monthlyCreations, sharesByYear } from "../../lib/hub/growth.ts";

const models = () =>
  pl.DataFrame({
    created_at: [
      "2022-03-02T23:29:04Z", // back-filled
      "2022-03-02T23:29:05Z", // back-filled
      "2022-03-20T10:00:00Z",
      "2022-05-10T00:00:00Z",
      "2023-01-03T00:00:00Z",
      "2023-01-04T00:00:00Z",
      "2023-01-05T00:00:00Z",
      null,
    ].map((d) => (d === null ? null : new Date(d))),
    first_commit_at: [
      "2021-06-01T00:00:00Z",
      null,
      "2022-03-20T09:00:00Z",
      null,
      null,
      null,
      null,
      "2022-04-01T00:00:00Z",
    ].map((d) => (d === null ? null : new Date(d))),
    domain: ["NLP", "Audio", "NLP", null, "NLP", "Audio", "NLP", "NLP"],
  }).withColumns(
    pl.col("created_at").cast(pl.Datetime("ms")),
    pl.col("first_commit_at").cast(pl.Datetime("ms")),
  );

const rows = (df: pl.DataFrame) => df.toRecords().map((r) => Object.values(r));

Deno.test("monthlyCreations() counts per month and group, zero months filled, cumulative per group", () => {
  const m = monthlyCreations(models(), { retrievedAt: "2023-01-11" });
  assert.deepEqual(m.columns, ["month", "domain", "models", "backfilled", "cumulative", "partial"]);
  const nlp = m.filter(pl.col("domain").eq(pl.lit("NLP")));
  assert.deepEqual(nlp.getColumn("month").toArray(), [
    "2022-03",
    "2022-04",
    "2022-05",
    "2022-06",
    "2022-07",
    "2022-08",
    "2022-09",
    "2022-10",
    "2022-11",
    "2022-12",
    "2023-01",
  ]);
  assert.deepEqual(nlp.getColumn("models").toArray(), [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(nlp.getColumn("backfilled").toArray(), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(nlp.getColumn("cumulative").toArray(), [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4]);
  assert.deepEqual(nlp.getColumn("partial").toArray().slice(-2), [false, true]);
  assert.deepEqual(m.getColumn("domain").unique().sort().toArray(), ["(none)", "Audio", "NLP"]);
  assert.equal(m.getColumn("models").sum(), 7, "the model without a date is left out");
});

Deno.test("monthlyCreations() gives one series with by: null", () => {
  const m = monthlyCreations(models(), { by: null });
  assert.deepEqual(m.columns, ["month", "models", "backfilled", "cumulative", "partial"]);
  assert.deepEqual(rows(m.filter(pl.col("models").gt(0))), [
    ["2022-03", 3, 2, 3, false],
    ["2022-05", 1, 0, 4, false],
    ["2023-01", 3, 0, 7, false],
  ]);
});

Deno.test("monthlyCreations() from first commits: the true months, nothing counted as back-filled", () => {
  const m = monthlyCreations(models(), { date: "first_commit_at", by: null, nullLabel: "x" });
  assert.deepEqual(rows(m.filter(pl.col("models").gt(0))), [
    ["2021-06", 1, 0, 1, false],
    ["2022-03", 1, 0, 2, false],
    ["2022-04", 1, 0, 3, false],
  ]);
  assert.equal(m.height, 11, "2021-06 through 2022-04");
});

Deno.test("monthlyCreations() of no dated model is an empty table", () => {
  const m = monthlyCreations(models().filter(pl.lit(false)));
  assert.equal(m.height, 0);
});

Deno.test("sharesByYear() shares of the models created each year, back-filled and excluded groups left out", () => {
  const m = monthlyCreations(models(), { retrievedAt: "2023-01-11" });
  assert.deepEqual(rows(sharesByYear(m, "domain", { exclude: ["(none)"] })), [
    ["2022", "Audio", 0, 0, false],
    ["2022", "NLP", 1, 1, false],
    ["2023", "Audio", 1, 1 / 3, true],
    ["2023", "NLP", 2, 2 / 3, true],
  ]);
});

Deno.test("growthHighlights() reads the back-fill, growth and the models listed before the snapshot", () => {
  const total = monthlyCreations(models(), { by: null, retrievedAt: "2023-01-11" });
  const h = growthHighlights(total, { snapshotMonth: "2022-06" }).toRecords().map((r) => Object.values(r));
  assert.deepEqual(h, [
    ["models dated", null, 7, null],
    [`models dated ${HF_BACKFILL_DATE} (back-filled)`, null, 2, null],
    ["share of models back-filled", null, 2 / 7, null],
    ["models created in the first month after the back-fill", "2022-04", 0, null],
    ["models created in the last complete month", "2022-12", 0, null],
    ["growth factor, last complete month vs first month after the back-fill", null, 0, null],
    ["models created in the busiest complete month", "2022-03", 1, null], // 3 minus 2 back-filled; earliest on ties
    ["models created before 2022-06 and still listed", null, 4, 281276],
  ]);
});
