import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { groupedBars } from "../../lib/figures/grouped_bars.ts";

const table = () =>
  pl.DataFrame({
    domain: ["NLP", "Computer Vision", "Other"],
    then: [0.6033, 0.0463, 0.1685],
    now: [0.668, 0.0478, null],
  });

const bars = [{ column: "then", label: "PeaTMOSS 2023" }, { column: "now", label: "2024" }];

Deno.test("groupedBars() draws one labelled bar per measure and category, none for a null value", () => {
  const fig = groupedBars({
    table: table(),
    category: "domain",
    bars,
    categoryLabel: "Domain",
    valueLabel: "Share of models",
    name: "t_grouped",
    title: "Domains",
    source: "test",
  });
  const texts = [...fig.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (
    const label of ["60.3%", "66.8%", "4.6%", "4.8%", "16.9%", "PeaTMOSS 2023", "2024", "Computer Vision"]
  ) {
    assert.ok(texts.includes(label), label);
  }
  assert.equal((fig.svg.match(/<rect[^>]*fill="#f58518"/g) ?? []).length, 2, "Other has no 2024 bar");
  const order = ["NLP", "Computer Vision", "Other"].map((c) => fig.svg.indexOf(`>${c}<`));
  assert.deepEqual([...order].sort((a, b) => a - b), order, "categories in table order");
});

Deno.test("groupedBars() formats counts with format: count", () => {
  const counts = pl.DataFrame({ bucket: ["1", "2–10"], authors: [116_993, 62], models: [116_993, 400] });
  const tiny = groupedBars({
    table: pl.DataFrame({ c: ["a"], v: [0.0002] }),
    category: "c",
    bars: [{ column: "v", label: "V" }],
    categoryLabel: "C",
    valueLabel: "V",
    name: "t_tiny",
    title: "t",
    source: "s",
  });
  assert.ok(tiny.svg.includes(">&lt;0.1%<"), "a share too small to show reads <0.1%");
  const fig = groupedBars({
    table: counts,
    category: "bucket",
    bars: [{ column: "authors", label: "Authors" }, { column: "models", label: "Models" }],
    format: "count",
    categoryLabel: "Models per author",
    valueLabel: "Count",
    name: "t_counts",
    title: "Authors",
    source: "test",
  });
  assert.ok(fig.svg.includes(">117.0k<") && fig.svg.includes(">62<") && fig.svg.includes(">400<"));
});

Deno.test("groupedBars() reads a long table with series and value, categories in the given order", () => {
  const long = pl.DataFrame({
    year: ["2022", "2022", "2023", "2023"],
    domain: ["Audio", "NLP", "Audio", "NLP"],
    share: [0.25, 0.75, 0.5, 0.5],
  });
  const fig = groupedBars({
    table: long,
    category: "domain",
    series: "year",
    value: "share",
    order: ["NLP", "Audio"],
    categoryLabel: "Domain",
    valueLabel: "Share",
    name: "t_long",
    title: "By year",
    source: "test",
  });
  for (const label of ["75.0%", "25.0%", "50.0%", ">2022<", ">2023<"]) {
    assert.ok(fig.svg.includes(label), label);
  }
  assert.ok(fig.svg.indexOf(">NLP<") < fig.svg.indexOf(">Audio<"), "order given");
  assert.throws(
    () =>
      groupedBars({
        ...{ table: long, category: "domain", categoryLabel: "D", valueLabel: "S" },
        name: "t",
        title: "t",
        source: "s",
      }),
    /either bars .* or series and value/,
  );
});
