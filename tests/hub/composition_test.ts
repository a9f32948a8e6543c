import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  authorSizes,
  compareDomainShares,
  concentrationCurve,
  domainCrosstab,
  domainShares,
  downloadsConcentration,
  downloadsGini,
} from "../../lib/hub/composition.ts";

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);

Deno.test("domainShares() counts mapped models in the given order, absent domains as 0", () => {
  const models = pl.DataFrame({ domain: ["NLP", "Audio", null, "NLP", "NLP"] });
  assert.deepEqual(domainShares(models, ["NLP", "Computer Vision", "Audio"]).toRecords(), [
    { domain: "NLP", count: 3, share: 0.75 },
    { domain: "Computer Vision", count: 0, share: 0 },
    { domain: "Audio", count: 1, share: 0.25 },
  ]);
  assert.throws(() => domainShares(models, ["NLP"]), /Audio are not among NLP/);
});

Deno.test("compareDomainShares() puts rules side by side; domainCrosstab() shows where they differ", () => {
  const a = pl.DataFrame({ domain: ["NLP", "Multimodal", "NLP", null] });
  const b = pl.DataFrame({ domain: ["NLP", "NLP", "NLP", "Audio"] });
  assert.deepEqual(compareDomainShares({ a, b }, ["NLP", "Audio", "Multimodal"]).toRecords(), [
    { domain: "NLP", a: 2, a_share: 2 / 3, b: 3, b_share: 0.75 },
    { domain: "Audio", a: 0, a_share: 0, b: 1, b_share: 0.25 },
    { domain: "Multimodal", a: 1, a_share: 1 / 3, b: 0, b_share: 0 },
  ]);
  assert.deepEqual(domainCrosstab(a, b, ["paper", "clean"]).toRecords(), [
    { paper: "NLP", clean: "NLP", models: 2, agree: true },
    { paper: "(none)", clean: "Audio", models: 1, agree: false },
    { paper: "Multimodal", clean: "NLP", models: 1, agree: false },
  ]);
  assert.throws(() => domainCrosstab(a, b.head(2)), /same models/);
});

// 100 models: one with 500 downloads, nine with 50, ninety with 0 or no count → 950 in all.
const downloads = () =>
  pl.DataFrame({
    downloads: pl.Series("downloads", [500, ...Array(9).fill(50), ...Array(89).fill(0), null], pl.Int64),
  });

Deno.test("downloadsConcentration() shares held by the top 1% and 10% of models", () => {
  const rows = downloadsConcentration(downloads()).toRecords();
  assert.deepEqual(rows.map((r) => [r.top, r.fraction, r.models, r.downloads]), [
    ["top 1%", 0.01, 1, 500],
    ["top 10%", 0.1, 10, 950],
  ]);
  near(Number(rows[0].share), 500 / 950);
  near(Number(rows[1].share), 1);
  const small = downloadsConcentration(pl.DataFrame({ downloads: [3, 1] }), { tops: [0.01, 0.5, 1] });
  assert.deepEqual(small.getColumn("models").toArray(), [1, 1, 2], "at least one model, at most all");
});

Deno.test("downloadsGini() matches the formula on hand-checked cases", () => {
  assert.equal(downloadsGini(pl.DataFrame({ downloads: [5, 5, 5, 5] })), 0);
  near(downloadsGini(pl.DataFrame({ downloads: [0, 0, 0, 4] })), 0.75); // (n-1)/n for one holder
  near(downloadsGini(pl.DataFrame({ downloads: [1, 3] })), 0.25); // mean |xi - xj| / (2 mean) = (2·2/4) / (2·2)
  assert.equal(downloadsGini(pl.DataFrame({ downloads: [0, 0] })), 0);
});

Deno.test("concentrationCurve() share held by the top models on a log grid from one model to all", () => {
  const curve = concentrationCurve(downloads(), { points: 3 }).toRecords();
  // counts 100^(0/2), 100^(1/2), 100^(2/2) = 1, 10, 100 models
  assert.deepEqual(curve.map((r) => r.top_share), [0.01, 0.1, 1]);
  near(Number(curve[0].held), 500 / 950);
  assert.deepEqual(curve.slice(1).map((r) => r.held), [1, 1]);
  assert.equal(concentrationCurve(pl.DataFrame({ downloads: [] as number[] })).height, 0);
});

Deno.test("authorSizes() buckets authors by models published", () => {
  const models = pl.DataFrame({
    author: ["a", "b", "b", "c", "c", "c", "d", "d", "d", "d", null],
  });
  assert.deepEqual(authorSizes(models, { edges: [1, 2, 4] }).toRecords(), [
    { bucket: "1", authors: 1, authors_share: 0.25, models: 1, models_share: 0.1 },
    { bucket: "2–3", authors: 2, authors_share: 0.5, models: 5, models_share: 0.5 },
    { bucket: "4+", authors: 1, authors_share: 0.25, models: 4, models_share: 0.4 },
  ]);
  assert.deepEqual(authorSizes(models).getColumn("bucket").toArray(), [
    "1",
    "2–10",
    "11–100",
    "101–1,000",
    "1,001+",
  ]);
  assert.throws(() => authorSizes(models, { edges: [2, 5] }), /start at 1/);
});
