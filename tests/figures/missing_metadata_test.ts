import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { missingMetadataFigure } from "../../lib/figures/missing_metadata.ts";
import { missingMetadata } from "../../lib/overview/missing.ts";

Deno.test("missingMetadataFigure() labels both periods' shares for every field", () => {
  const models = pl.DataFrame({
    pipeline_tag: ["fill-mask", null],
    library: [null, null],
    licenses: [["mit"], []],
    datasets: [[], []],
    base_models: [["gpt2"], ["gpt2"]],
  });
  const fig = missingMetadataFigure(missingMetadata(models), { name: "t", source: "test", label: "now" });
  for (const text of [">50.0%<", ">100.0%<", ">0.0%<", ">43.3%<", ">99.6%<", ">pipeline_tag<", ">now<"]) {
    assert.ok(fig.svg.includes(text), text);
  }
});
