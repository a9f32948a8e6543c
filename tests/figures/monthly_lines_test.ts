import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { monthlyLines, type MonthlyLinesOptions } from "../../lib/figures/monthly_lines.ts";

const table = () =>
  pl.DataFrame({
    month: ["2022-03", "2022-04", "2022-05", "2022-03", "2022-04", "2022-05"],
    domain: ["NLP", "NLP", "NLP", "Audio", "Audio", "Audio"],
    models: [30, 5, 7, 4, 1, 2],
    backfilled: [25, 0, 0, 3, 0, 0],
    partial: [false, false, true, false, false, true],
  });

const options = (extra: Partial<MonthlyLinesOptions> = {}): MonthlyLinesOptions => ({
  table: table(),
  value: "models",
  series: "domain",
  yLabel: "Models created per month",
  name: "t_monthly",
  title: "Models created per month by domain",
  source: "test",
  ...extra,
});

Deno.test("monthlyLines() draws a line per series, leaves the partial month out and says so", () => {
  const fig = monthlyLines(options({ colors: { NLP: "#d62728" }, order: ["NLP", "Audio"] }));
  assert.equal(fig.svg.match(/<path[^>]*stroke="#d62728"/g)?.length, 1, "one NLP line");
  assert.match(fig.svg, /Source: test; incomplete month 2022-05 left out/);
  assert.ok(fig.svg.includes(">Audio<") && fig.svg.includes(">NLP<"), "legend");
  assert.equal((fig.svg.match(/<circle/g) ?? []).length, 2, "the two back-filled buckets are circled");
  assert.equal(monthlyLines(options()).svg, monthlyLines(options()).svg, "deterministic");
});

Deno.test("monthlyLines() labels the notes inside the months shown only", () => {
  const fig = monthlyLines(options({
    notes: [{ month: "2022-04", label: "GPT-3.5" }, { month: "2023-02", label: "LLaMA" }],
  }));
  assert.ok(fig.svg.includes(">GPT-3.5<"));
  assert.ok(!fig.svg.includes(">LLaMA<"), "a note after the last month is not drawn");
});

Deno.test("monthlyLines() draws a single series without a legend", () => {
  const total = table().filter(pl.col("domain").eq(pl.lit("NLP"))).drop("domain");
  const fig = monthlyLines(options({ table: total, series: undefined, value: "models" }));
  assert.ok(!fig.svg.includes(">NLP<"));
  assert.match(fig.svg, /Models created per month/);
});
