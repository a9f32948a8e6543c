import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { countBy, shareMissing } from "../../lib/overview/counts.ts";
import { summarize } from "../../lib/overview/summary.ts";

const models = () =>
  pl.DataFrame({
    id: ["a", "b", "c", "d", "e"],
    hub: ["huggingface", "huggingface", "huggingface", "huggingface", "pytorch"],
    library: ["transformers", null, "transformers", "timm", null],
    pipeline_tag: ["fill-mask", null, null, "image-classification", null],
    licenses: [["mit"], [], ["cc-by-nc-4.0", "apache-2.0"], ["mit"], []],
  });

Deno.test("countBy() counts values, nulls included, most frequent first then by value, null last", () => {
  assert.deepEqual(countBy(models(), "library").toRecords(), [
    { library: "transformers", count: 2, share: 0.4 },
    { library: null, count: 2, share: 0.4 },
    { library: "timm", count: 1, share: 0.2 },
  ]);
});

Deno.test("countBy() groups a list column by the whole list, or by each value with explode", () => {
  const combos = countBy(models(), "licenses").toRecords();
  assert.deepEqual(combos.map((r) => [r.licenses, r.count]), [["mit", 2], [null, 2], [
    "cc-by-nc-4.0,apache-2.0",
    1,
  ]]);
  const each = countBy(models(), "licenses", { explode: true }).toRecords();
  assert.deepEqual(each.map((r) => [r.licenses, r.count]), [["mit", 2], [null, 2], ["apache-2.0", 1], [
    "cc-by-nc-4.0",
    1,
  ]]);
});

Deno.test("countBy() folds values beyond top into (other)", () => {
  const top = countBy(models(), "library", { top: 1 }).toRecords();
  assert.deepEqual(top.map((r) => [r.library, r.count]), [["transformers", 2], ["(all others)", 3]]);
});

Deno.test("shareMissing() treats null and empty lists as missing", () => {
  assert.equal(shareMissing(models(), "library"), 0.4);
  assert.equal(shareMissing(models(), "licenses"), 0.4);
  assert.equal(shareMissing(models().head(0), "library"), 0);
});

Deno.test("summarize() reports per-property counts with null keys", () => {
  const s = summarize(models());
  assert.equal(s.models, 5);
  assert.deepEqual(s.by_hub, { huggingface: 4, pytorch: 1 });
  assert.deepEqual(s.by_library, { null: 2, transformers: 2, timm: 1 });
  assert.deepEqual(s.by_pipeline_tag, { null: 3, "fill-mask": 1, "image-classification": 1 });
  assert.deepEqual(s.by_license, { null: 2, mit: 2, "cc-by-nc-4.0,apache-2.0": 1 });
});
