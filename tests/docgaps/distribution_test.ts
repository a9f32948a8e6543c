import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { histogram, summarize } from "../../lib/docgaps/distribution.ts";

Deno.test("summarize() gives count, mean and linear quartiles per group, nulls left out", () => {
  const df = pl.DataFrame({ corpus: ["a", "a", "b", "a", "a", "b"], chars: [10, 20, 5, 30, 40, null] });
  assert.deepEqual(summarize(df, "chars", ["corpus"]).toRecords(), [
    // numpy: percentile([10, 20, 30, 40], 25) = 17.5, 75 → 32.5
    { corpus: "a", cards: 4, mean: 25, q25: 17.5, median: 25, q75: 32.5 },
    { corpus: "b", cards: 1, mean: 5, q25: 5, median: 5, q75: 5 },
  ]);
  assert.deepEqual(summarize(df, "chars", []).toRecords(), [{
    cards: 5,
    mean: 21,
    q25: 10,
    median: 20,
    q75: 30,
  }]);
});

Deno.test("histogram() bins values with a closed last bin and lists empty bins", () => {
  const rows = histogram(pl.DataFrame({ score: [0, 0.45, 1, 0.5, null] }), "score", { step: 0.25 })
    .toRecords();
  assert.deepEqual(rows.map((r) => [r.bin, r.cards]), [[0, 1], [0.25, 1], [0.5, 1], [0.75, 1]]);
  assert.equal(rows[0].share, 0.25);
});

Deno.test("histogram() keeps values on a bin edge in that bin despite float division", () => {
  const rows = histogram(pl.DataFrame({ score: [0.3, 0.6, 0.7, 0.9, 0.15] }), "score", { step: 0.1 })
    .toRecords();
  assert.deepEqual(rows.filter((r) => r.cards !== 0).map((r) => r.bin), [0.1, 0.3, 0.6, 0.7, 0.9]);
});

Deno.test("histogram() per group: every group gets every bin, shares within the group", () => {
  const df = pl.DataFrame({ c: ["x", "y", "x", "x"], score: [0.1, 0.9, 0.2, 0.7] });
  const rows = histogram(df, "score", { by: ["c"], step: 0.5 }).toRecords();
  const sorted = rows.map((r) => [r.c, r.bin, r.cards, r.share]).sort((a, b) =>
    String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])
  );
  assert.deepEqual(sorted, [["x", 0, 2, 2 / 3], ["x", 0.5, 1, 1 / 3], ["y", 0, 0, 0], ["y", 0.5, 1, 1]]);
});
