import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { placeholderRate } from "../../lib/docgaps/placeholder_rate.ts";

const features = () =>
  pl.DataFrame({
    corpus: ["a", "a", "a", "b", "b"],
    has_card: [true, true, false, true, true],
    placeholders: [0, 4, 0, 1, 2],
    empty_sections: [0, 2, 0, 0, 1],
  });

Deno.test("placeholderRate() counts cards with placeholders and empty sections, models without a card left out", () => {
  assert.deepEqual(placeholderRate(features()).toRecords(), [{
    cards: 4,
    with_placeholders: 3,
    share: 0.75,
    placeholders: 7,
    per_card: 1.75,
    with_empty_sections: 2,
    share_empty_sections: 0.5,
  }]);
});

Deno.test("placeholderRate() per group, in order of first appearance", () => {
  const rows = placeholderRate(features(), { by: ["corpus"] }).toRecords();
  assert.deepEqual(
    rows.map((r) => [r.corpus, r.cards, r.with_placeholders, r.placeholders, r.with_empty_sections]),
    [
      ["a", 2, 1, 4, 1],
      ["b", 2, 2, 3, 1],
    ],
  );
});
