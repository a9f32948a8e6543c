import assert from "node:assert/strict";
import { parseHamidahTree, parseHn5318Samples, pythonStringList } from "../../lib/docgaps/corpus_formats.ts";

Deno.test("pythonStringList() reads Python list literals of both quote styles and JSON arrays", () => {
  assert.deepEqual(pythonStringList(`['license:apache-2.0', "it's", 'en']`), [
    "license:apache-2.0",
    "it's",
    "en",
  ]);
  assert.deepEqual(pythonStringList(["a", 1, "b"]), ["a", "b"]);
  assert.deepEqual(pythonStringList("[]"), []);
  assert.deepEqual(pythonStringList(null), []);
});

Deno.test("parseHn5318Samples() reads cards, tags and popularity; names an entry without modelId", () => {
  const json = JSON.stringify({
    "1": {
      modelId: "o/a",
      tags: "['license:mit', 'pytorch']",
      downloads: "2.0",
      likes: "0.0",
      modelcard_text: "# A",
    },
    "2": { modelId: "o/b", tags: "[]", downloads: "", likes: null, modelcard_text: null },
  });
  assert.deepEqual(parseHn5318Samples(json), [
    { model_id: "o/a", text: "# A", tags: ["license:mit", "pytorch"], downloads: 2, likes: 0 },
    { model_id: "o/b", text: "", tags: [], downloads: null, likes: null },
  ]);
  assert.throws(
    () => parseHn5318Samples(JSON.stringify({ "7": { tags: "[]" } })),
    /entry "7" has no modelId/,
  );
});

Deno.test("parseHamidahTree() reads the CSV and JSON trees; N/A card or metadata gives no card, no popularity", () => {
  const metadata = JSON.stringify({ downloads: 12, likes: 3, tags: ["license:mit", "transformers"] });
  const csv = "model_id,card,metadata,depth\n" +
    `https://huggingface.co/o/a,"---\nlicense: mit\n---\n# A","${metadata.replaceAll('"', '""')}",0\n` +
    "o/b,N/A,N/A,1\n";
  assert.deepEqual(parseHamidahTree(csv, "csv"), [
    {
      model_id: "o/a",
      text: "---\nlicense: mit\n---\n# A",
      tags: ["license:mit", "transformers"],
      downloads: 12,
      likes: 3,
    },
    { model_id: "o/b", text: "", tags: null, downloads: null, likes: null },
  ]);
  const json = JSON.stringify({
    models: [{ model_id: "o/c", card: "# C", metadata: { downloads: 5, likes: 0, tags: [] } }],
  });
  assert.deepEqual(parseHamidahTree(json, "json"), [
    { model_id: "o/c", text: "# C", tags: [], downloads: 5, likes: 0 },
  ]);
});
