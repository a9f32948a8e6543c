import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { aggInOrder } from "../../lib/docgaps/_group.ts";

Deno.test("aggInOrder() keeps groups in order of first appearance", () => {
  const df = pl.DataFrame({ g: ["b", "a", "b", "c", "a"], x: [1, 2, 3, 4, 5] });
  const rows = aggInOrder(df, ["g"], pl.len().cast(pl.Int64).alias("n"), pl.col("x").sum().alias("sum"))
    .toRecords();
  assert.deepEqual(rows, [{ g: "b", n: 2, sum: 4 }, { g: "a", n: 2, sum: 7 }, { g: "c", n: 1, sum: 4 }]);
});

Deno.test("aggInOrder() without group columns aggregates all rows into one", () => {
  const df = pl.DataFrame({ x: [1, 2, 3] });
  assert.deepEqual(aggInOrder(df, [], pl.col("x").sum().alias("sum")).toRecords(), [{ sum: 6 }]);
});
