import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { cardPresenceByPopularity } from "../../lib/docgaps/card_presence.ts";

Deno.test("cardPresenceByPopularity() counts cards per downloads bucket, least popular first, then all models", () => {
  const info = pl.DataFrame({
    downloads: [0, 0, 5000, 2_000_000, null, 50],
    has_modelcard: [false, true, true, true, true, null],
  });
  const rows = cardPresenceByPopularity(info).toRecords();
  assert.deepEqual(rows.map((r) => [r.bucket, r.models, r.with_card]), [
    ["0", 2, 1],
    ["1–99", 1, 0],
    ["100–9,999", 1, 1],
    ["≥ 1M", 1, 1],
    ["all", 6, 4],
  ]);
  assert.equal(rows[0].share, 0.5);
  assert.equal(rows[4].share, 4 / 6);
});

Deno.test("cardPresenceByPopularity() reads other column names", () => {
  const info = pl.DataFrame({ dl: [10, 20], card: [true, false] });
  const rows = cardPresenceByPopularity(info, { downloads: "dl", hasCard: "card" }).toRecords();
  assert.deepEqual(rows.map((r) => [r.bucket, r.models, r.with_card]), [["1–99", 2, 1], ["all", 2, 1]]);
});
