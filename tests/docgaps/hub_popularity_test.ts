import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { withHubPopularity } from "../../lib/docgaps/hub_popularity.ts";

Deno.test("withHubPopularity() fills only unknown downloads and likes from the listing, saying where each came from", () => {
  const cards = pl.DataFrame({
    model_id: ["a/x", "b/y", "c/z"],
    downloads: pl.Series("downloads", [5, null, null], pl.Float64),
    likes: pl.Series("likes", [1, null, null], pl.Float64),
  });
  const models = pl.DataFrame({
    id: ["b/y", "a/x", "b/y"],
    downloads: pl.Series("downloads", [700, 900, 1], pl.Int64),
    likes: pl.Series("likes", [3, 9, 0], pl.Int64),
  });
  assert.deepEqual(withHubPopularity(cards, models, "hf-2024-07-11").toRecords(), [
    { model_id: "a/x", downloads: 5, likes: 1, popularity_source: "corpus" },
    { model_id: "b/y", downloads: 700, likes: 3, popularity_source: "hf-2024-07-11" },
    { model_id: "c/z", downloads: null, likes: null, popularity_source: null },
  ]);
});
