import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { corpusOverview } from "../../lib/docgaps/corpus_overview.ts";

Deno.test("corpusOverview() counts models, cards, front-matter sources and known popularity per corpus", () => {
  const features = pl.DataFrame({
    corpus: ["b", "b", "a", "b"],
    has_card: [true, false, true, true],
    front_matter: ["card", "none", "hub tags", "none"],
    downloads: [1, null, 5, 0],
    words: [100, 0, 30, 300],
  });
  assert.deepEqual(corpusOverview(features).toRecords(), [
    {
      corpus: "b",
      models: 3,
      with_card: 2,
      front_matter_card: 1,
      front_matter_tags: 0,
      with_downloads: 2,
      median_words: 200,
    },
    {
      corpus: "a",
      models: 1,
      with_card: 1,
      front_matter_card: 0,
      front_matter_tags: 1,
      with_downloads: 1,
      median_words: 30,
    },
  ]);
});
