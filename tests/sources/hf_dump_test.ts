import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pl from "nodejs-polars";
import { listPageFiles, readHfDump, retrievalDateFromName } from "../../lib/sources/hf_dump.ts";
import { HfRecordError } from "../../lib/sources/hf_models_table.ts";

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  _id: "x",
  id,
  modelId: id,
  likes: 1,
  private: false,
  downloads: 5,
  tags: ["transformers", "license:MIT", "dataset:squad", "base_model:finetune:gpt2", "arxiv:1910.09700"],
  pipeline_tag: "text-generation",
  library_name: "transformers",
  createdAt: "2024-07-11T08:07:09.000Z",
  ...extra,
});

async function pagesDir(pages: Record<string, unknown[] | Uint8Array | string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, content] of Object.entries(pages)) {
    const bytes = content instanceof Uint8Array
      ? content
      : new TextEncoder().encode(typeof content === "string" ? content : JSON.stringify(content));
    await Deno.writeFile(join(dir, name), name.endsWith(".gz") ? gzipSync(bytes) : bytes);
  }
  return dir;
}

Deno.test("readHfDump() reads plain and gzipped pages in page order into canonical columns", async () => {
  const dir = await pagesDir({
    "models_page10_07-11-2024.json": [record("c/late")],
    "models_page2_07-11-2024.json.gz": [record("b/second", { pipeline_tag: null, tags: [] }), record("gpt2")],
    "notes.txt": "not a page",
  });
  const { tables, info } = await readHfDump(dir);
  const m = tables.models;
  assert.deepEqual(m.getColumn("id").toArray(), ["b/second", "gpt2", "c/late"]);
  assert.deepEqual(m.getColumn("author").toArray(), ["b", null, "c"]);
  assert.deepEqual(m.getColumn("pipeline_tag").toArray(), [null, "text-generation", "text-generation"]);
  const gpt2 = m.filter(pl.col("id").eq(pl.lit("gpt2"))).toRecords()[0];
  assert.deepEqual(gpt2.licenses, ["mit"]);
  assert.deepEqual(gpt2.datasets, ["squad"]);
  assert.deepEqual(gpt2.base_models, ["gpt2"]);
  assert.deepEqual(gpt2.arxiv_ids, ["1910.09700"]);
  assert.equal((gpt2.created_at as unknown as Date).toISOString(), "2024-07-11T08:07:09.000Z");
  assert.deepEqual(m.getColumn("licenses").toArray()[0], []);
  assert.equal(info.retrieved_at, "2024-07-11");
  assert.deepEqual(info.inputs!.map((i) => i.path), [
    "models_page2_07-11-2024.json.gz",
    "models_page10_07-11-2024.json",
  ]);
});

Deno.test("readHfDump() keeps the first record of a repeated id and says so", async () => {
  const dir = await pagesDir({
    "p1.json": [record("a/x", { downloads: 9 })],
    "p2.json": [record("a/x", { downloads: 8 }), record("a/y")],
  });
  const { tables, info } = await readHfDump(dir);
  assert.deepEqual(tables.models.getColumn("downloads").toArray(), [9, 5]);
  assert.match(info.notes![0], /^1 records repeat/);
});

Deno.test("readHfDump() names the file and record of bad input", async (t) => {
  const cases: [string, Record<string, unknown[] | Uint8Array | string>, RegExp][] = [
    [
      "truncated page",
      { "p1.json": JSON.stringify([record("a/x")]).slice(0, 40) },
      /p1\.json: malformed JSON \(the file looks truncated\)/,
    ],
    [
      "record without id",
      { "p1.json": [record("a/x"), { likes: 3 }] },
      /p1\.json record #1: record has no "id"/,
    ],
    [
      "wrong type",
      { "p1.json": [record("a/x", { downloads: "many" })] },
      /p1\.json record #0 \(a\/x\): downloads must be/,
    ],
    ["bad time", { "p1.json": [record("a/x", { createdAt: "yesterday" })] }, /createdAt must be an ISO time/],
    ["not an array", { "p1.json": JSON.stringify({ id: "a/x" }) }, /p1\.json: expected a JSON array/],
    [
      "truncated gzip",
      { "p1.json": gzipSync(new TextEncoder().encode("[]")).slice(0, 12) },
      /p1\.json: corrupt or truncated gzip/,
    ],
    ["no pages", { "readme.md": "x" }, /no page files/],
  ];
  for (const [name, pages, message] of cases) {
    await t.step(name, async () => {
      const dir = await pagesDir(pages);
      await assert.rejects(
        () => readHfDump(dir),
        (err: Error) => err instanceof HfRecordError && message.test(err.message),
      );
    });
  }
  await t.step("bytes that are not UTF-8", async () => {
    const good = new TextEncoder().encode(
      JSON.stringify([record("a/x"), record("a/y", { pipeline_tag: "AAAA" })]),
    );
    const at = new TextDecoder().decode(good).indexOf("AAAA");
    good[at] = 0xff;
    const dir = await pagesDir({ "p1.json": good });
    await assert.rejects(
      () => readHfDump(dir),
      /p1\.json: record #1 \(a\/y\) holds bytes that are not valid UTF-8/,
    );
  });
});

Deno.test("listPageFiles() sorts by page number and retrievalDateFromName() reads MM-DD-YYYY", async () => {
  const dir = await pagesDir({
    "models_page11_a.json": [],
    "models_page9_a.json": [],
    "models_page100_a.json": [],
  });
  assert.deepEqual(listPageFiles(dir).map((p) => p.slice(dir.length + 1)), [
    "models_page9_a.json",
    "models_page11_a.json",
    "models_page100_a.json",
  ]);
  assert.equal(retrievalDateFromName("models_page1_07-11-2024.json.gz"), "2024-07-11");
  assert.equal(retrievalDateFromName("page.json"), null);
});
