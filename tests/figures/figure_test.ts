import assert from "node:assert/strict";
import { join } from "node:path";
import * as Plot from "@observablehq/plot";
import { Figure, figure, type FigureOptions } from "../../lib/figures/figure.ts";
import { reportsDir } from "../../lib/paths.ts";
import { COUNTS, pngSize } from "./_fixtures.ts";

const options = (extra: Partial<FigureOptions> = {}): FigureOptions => ({
  name: "01_models_by_pipeline_tag",
  title: "Models by pipeline tag",
  source: "test fixture, 2024-07-11 (20 tags)",
  marks: [Plot.barX(COUNTS, { x: "models", y: "tag" })],
  x: { label: "Models" },
  y: { label: "Pipeline tag" },
  ...extra,
});

Deno.test("figure() draws the title and the source line into the SVG", () => {
  const fig = figure(options({ subtitle: "all tags" }));
  assert.ok(fig instanceof Figure);
  assert.equal(fig.name, "01_models_by_pipeline_tag");
  for (const text of ["Models by pipeline tag", "all tags", "Source: test fixture, 2024-07-11 (20 tags)"]) {
    assert.ok(fig.svg.includes(`>${text}</text>`), `missing ${text}`);
  }
});

Deno.test("Figure shows in Jupyter as an image/svg+xml bundle", () => {
  const fig = figure(options());
  const display =
    (fig as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")];
  assert.deepEqual(display.call(fig), { "image/svg+xml": fig.svg });
});

Deno.test("Figure.save() writes <name>.svg and <name>.png into the folder and returns their paths", async () => {
  const dir = join(await Deno.makeTempDir(), "figures");
  const fig = figure(options());
  const paths = await fig.save(dir);
  assert.deepEqual(paths, {
    svg: join(dir, "01_models_by_pipeline_tag.svg"),
    png: join(dir, "01_models_by_pipeline_tag.png"),
  });
  assert.equal(await Deno.readTextFile(paths.svg), fig.svg);
  const png = await Deno.readFile(paths.png);
  assert.deepEqual(png, fig.png());
  assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  assert.ok(pngSize(png).width > 1000, "scale 2 by default");
  assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort(), [
    "01_models_by_pipeline_tag.png",
    "01_models_by_pipeline_tag.svg",
  ]);
});

Deno.test("Figure.save() defaults to $PTMSCOPE_REPORTS/figures, else reports/ at the repo root", async () => {
  const root = await Deno.makeTempDir();
  const before = Deno.env.get("PTMSCOPE_REPORTS");
  try {
    Deno.env.delete("PTMSCOPE_REPORTS");
    assert.equal(reportsDir("figures"), join(new URL("../../reports", import.meta.url).pathname, "figures"));
    Deno.env.set("PTMSCOPE_REPORTS", root);
    const paths = await figure(options()).save();
    assert.equal(paths.svg, join(root, "figures", "01_models_by_pipeline_tag.svg"));
    assert.ok((await Deno.stat(paths.png)).isFile);
  } finally {
    if (before === undefined) Deno.env.delete("PTMSCOPE_REPORTS");
    else Deno.env.set("PTMSCOPE_REPORTS", before);
  }
});

Deno.test("figure() rejects options that would give an unexplained or unsavable figure", async (t) => {
  await t.step("a name that is not a file stem", () => {
    assert.throws(() => figure(options({ name: "../x" })), /not a usable file stem/);
  });
  await t.step("an empty title or source", () => {
    assert.throws(() => figure(options({ title: " " })), /needs a title/);
    assert.throws(() => figure(options({ source: "" })), /needs a source line/);
  });
  await t.step("an axis without a label, unless label: null says so", () => {
    const marks = [Plot.barY(COUNTS, { x: (d: { tag: string }) => d.tag, y: "models" })];
    assert.throws(() => figure(options({ marks, x: {} })), /the x axis has no label; set x: \{ label/);
    assert.doesNotThrow(() => figure(options({ marks, x: { label: null } })));
  });
  await t.step("Plot errors name the figure", () => {
    assert.throws(
      () => figure(options({ x: { type: "nonsense" as "linear" } })),
      /figure "01_models_by_pipeline_tag"/,
    );
  });
});
