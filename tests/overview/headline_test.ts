import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { headlineComparison } from "../../lib/overview/headline.ts";
import { missingMetadata } from "../../lib/overview/missing.ts";

Deno.test("headlineComparison() counts HF models and those above 50 monthly downloads against PeaTMOSS", () => {
  const models = pl.DataFrame({
    id: ["a", "b", "c", "d"],
    hub: ["huggingface", "huggingface", "huggingface", "pytorch"],
    downloads: [51, 50, 1000, 10_000],
  });
  const rows = headlineComparison(models).toRecords();
  assert.deepEqual(rows.map((r) => [r.peatmoss_2023, r.ours]), [[281_276, 3], [14_296, 2]]);
  assert.equal(rows[1].ratio, 2 / 14_296);
});

Deno.test("missingMetadata() reports each field's missing share beside 2023", () => {
  const models = pl.DataFrame({
    pipeline_tag: ["fill-mask", null, null, null],
    library: ["timm", "timm", null, "timm"],
    licenses: [["mit"], [], [], ["mit", "apache-2.0"]],
    datasets: [[], [], [], []],
    base_models: [["gpt2"], [], [], []],
  });
  const rows = missingMetadata(models).toRecords();
  assert.deepEqual(rows.map((r) => [r.field, r.missing, r.models]), [
    ["pipeline_tag", 0.75, 4],
    ["library", 0.25, 4],
    ["licenses", 0.5, 4],
    ["datasets", 1, 4],
    ["base_models", 0.75, 4],
  ]);
  assert.equal(rows[2].missing_2023, 0.6715);
});
