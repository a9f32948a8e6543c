import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { POOLED, withPooled } from "../../lib/docgaps/pool.ts";

Deno.test("withPooled() appends each model once, from the first corpus that has it", () => {
  const f = pl.DataFrame({
    corpus: ["a", "a", "b", "b"],
    model_id: ["x", "y", "x", "z"],
    words: [1, 2, 3, 4],
  });
  const out = withPooled(f);
  assert.equal(out.height, 7);
  assert.deepEqual(out.filter(pl.col("corpus").eq(pl.lit(POOLED))).toRecords(), [
    { corpus: POOLED, model_id: "x", words: 1 },
    { corpus: POOLED, model_id: "y", words: 2 },
    { corpus: POOLED, model_id: "z", words: 4 },
  ]);
  assert.deepEqual(out.columns, f.columns);
});
