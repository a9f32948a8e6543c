import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  bucketRank,
  byPopularity,
  POPULARITY_ORDER,
  popularityBucket,
} from "../../lib/docgaps/popularity.ts";

Deno.test("popularityBucket() puts each count in its power-of-ten bucket, bounds included below", () => {
  const df = pl.DataFrame({ downloads: [0, 0.5, 1, 99, 100, 9_999, 10_000, 999_999, 1_000_000, 5e9, null] });
  assert.deepEqual(df.select(popularityBucket()).getColumn("bucket").toArray(), [
    "0",
    "0",
    "1–99",
    "1–99",
    "100–9,999",
    "100–9,999",
    "10k–99k",
    "100k–999k",
    "≥ 1M",
    "≥ 1M",
    null,
  ]);
});

Deno.test("bucketRank() orders the labels least popular first, unknown last", () => {
  const df = pl.DataFrame({ bucket: ["≥ 1M", null, "0", "nope"] });
  assert.deepEqual(df.select(bucketRank()).getColumn("bucket_rank").toArray(), [5, 6, 0, 6]);
  assert.equal(POPULARITY_ORDER.length, 6);
});

Deno.test("byPopularity() summarises a column per bucket within groups, unknown downloads left out", () => {
  const cards = pl.DataFrame({
    corpus: ["b", "a", "a", "a", "b", "b"],
    downloads: [null, 2_000_000, 5, 7, 0, 100],
    words: [99, 1000, 300, 500, 10, 20],
  });
  const rows = byPopularity(cards, "words", { by: ["corpus"] }).toRecords();
  assert.deepEqual(rows.map((r) => [r.corpus, r.bucket, r.cards, r.median]), [
    ["b", "0", 1, 10],
    ["b", "100–9,999", 1, 20],
    ["a", "1–99", 2, 400],
    ["a", "≥ 1M", 1, 1000],
  ]);
  assert.deepEqual(Object.keys(rows[0]), ["corpus", "bucket", "cards", "mean", "q25", "median", "q75"]);
  const all = byPopularity(cards, "words").toRecords();
  assert.deepEqual(all.map((r) => [r.bucket, r.cards]), [["0", 1], ["1–99", 2], ["100–9,999", 1], [
    "≥ 1M",
    1,
  ]]);
});
