import assert from "node:assert/strict";
import { catalogEntries, catalogGroups, rawGitHubUrl } from "../../lib/fetch/catalog.ts";

Deno.test("the catalog pins 760 model-list pages, the PeaTMOSS artifact files and the model-card corpora, each path once", () => {
  const counts = Object.fromEntries(catalogGroups().map((g) => [g.name, g.entries.length]));
  assert.deepEqual(counts, {
    "hf-models-2024-07-11": 760,
    "peatmoss-license-analysis": 5,
    "peatmoss-llm-schemas": 3,
    "peatmoss-signatures": 1,
    "model-cards-yinan": 3432,
    "model-cards-hn5318": 1,
    "model-cards-mctidy": 48,
    "model-cards-hamidah": 5,
    "model-cards-weixin": 1,
    "model-cards-transformers": 1,
  });
  const all = catalogEntries();
  assert.equal(new Set(all.map((e) => e.path)).size, all.length);
  for (const e of all) {
    assert.match(e.sha256, /^[0-9a-f]{64}$/, e.path);
    assert.ok(Number.isInteger(e.bytes) && e.bytes > 0, e.path);
    assert.ok(e.url.startsWith("https://raw.githubusercontent.com/"), e.url);
  }
});

Deno.test("catalog entries map mirror paths to upstream URLs at the pinned commits", () => {
  const pages = catalogEntries(["hf-models-2024-07-11"]);
  assert.equal(
    pages[0].path,
    "stalnaker-hf-supply-chain/data/raw_data/model_lists/models_page1_07-11-2024.json",
  );
  assert.equal(
    pages[759].url,
    "https://raw.githubusercontent.com/TStalnaker44/hugging_face_analysis_replication/" +
      "17e0481dd49cd72fd69e2858954c29ab558c1ea0/data/raw_data/model_lists/models_page760_07-11-2024.json",
  );
  const [sig] = catalogEntries(["peatmoss-signatures"]);
  assert.equal(
    sig.url,
    "https://raw.githubusercontent.com/PurdueDualityLab/PeaTMOSS-Artifact/c4b75d45302bfb046e0dae2ce0a43aac637ec487/" +
      "Data-Collection/List%20of%20signatures%20and%20GitHub%20CLI%20fields%20and%20command.xlsx",
  );
  assert.equal(
    sig.path,
    "peatmoss-artifact/Data-Collection/List of signatures and GitHub CLI fields and command.xlsx",
  );
});

Deno.test("catalogEntries() names the known groups when asked for an unknown one", () => {
  assert.throws(
    () => catalogEntries(["hf-models"]),
    /unknown group "hf-models"; known groups: hf-models-2024-07-11, /,
  );
});

Deno.test("rawGitHubUrl() encodes each path segment but keeps the slashes", () => {
  assert.equal(
    rawGitHubUrl("o/r", "c", "a b/c#d.csv"),
    "https://raw.githubusercontent.com/o/r/c/a%20b/c%23d.csv",
  );
});
