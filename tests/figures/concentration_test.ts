import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { concentrationFigure } from "../../lib/figures/concentration.ts";
import { concentrationCurve, downloadsConcentration } from "../../lib/hub/composition.ts";

Deno.test("concentrationFigure() draws the curve, the equality line and labelled marks", () => {
  const models = pl.DataFrame({ downloads: [500, ...Array(9).fill(50), ...Array(90).fill(0)] });
  const fig = concentrationFigure({
    curve: concentrationCurve(models, { points: 20 }),
    marks: downloadsConcentration(models),
    xLabel: "Most downloaded models (share of all models)",
    yLabel: "Share of all downloads",
    name: "t_conc",
    title: "Downloads concentrate on few models",
    source: "test",
  });
  assert.ok(fig.svg.includes(">top 1%: 52.6%<"), "500 of 950");
  assert.ok(fig.svg.includes(">top 10%: 100.00%<"));
  assert.equal((fig.svg.match(/<circle/g) ?? []).length, 2);
  assert.ok(fig.svg.includes('stroke-dasharray="4,3"'), "line of equality");
});
