import assert from "node:assert/strict";
import { ListedModels, modifiedBefore } from "../../lib/sources/hf_listed_models.ts";

const record = (id: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  downloads: 5,
  likes: 1,
  tags: ["license:mit"],
  createdAt: "2024-07-01T00:00:00.000Z",
  lastModified: "2024-07-02T00:00:00.000Z",
  ...extra,
});

Deno.test("ListedModels skips and counts bad records without misaligning the rows it keeps", () => {
  const listed = new ListedModels(null, 2); // tiny chunks: repeated ids must be found across them
  const records = [
    record("a/one"),
    record("a/bad", { downloads: "many" }),
    record(undefined),
    record("a/odd name ✓"),
    record("a/two", { createdAt: undefined, cardData: { license_name: "custom", license_link: "LICENSE" } }),
    record("a/one", { downloads: 99 }),
    record("a/three", { lastModified: "yesterday" }),
    record("a/four"),
  ];
  records.forEach((r, i) => assert.equal(listed.add(r, () => `page 1 record #${i}`), true));
  const df = listed.toDataFrame();
  assert.deepEqual(df.getColumn("id").toArray(), ["a/one", "a/two", "a/four"]);
  assert.deepEqual(df.getColumn("downloads").toArray(), [5, 5, 5]);
  assert.deepEqual(df.getColumn("created_at").toArray().map((d) => d === null), [false, true, false]);
  assert.deepEqual(listed.skips.counts, { "wrong-type": 2, "no-id": 1, "odd-id": 1 });
  assert.match(listed.skips.examples["wrong-type"], /^page 1 record #1 \(a\/bad\): downloads must be/);
  assert.match(listed.skips.examples["odd-id"], /^page 1 record #3: "a\/odd name ✓" is not a hub model id/);
  assert.equal(listed.duplicates, 1);
  assert.equal(listed.received, 8);
  assert.deepEqual(listed.metadata.map((m) => [m.model_id, m.field, m.value]), [
    ["a/two", "cardData.license_name", '"custom"'],
    ["a/two", "cardData.license_link", '"LICENSE"'],
  ]);
});

Deno.test("ListedModels ends an incremental listing at the first record modified before `since`", () => {
  const since = "2024-07-10T00:00:00.000Z";
  const listed = new ListedModels(since);
  assert.equal(listed.add(record("a/new", { lastModified: "2024-07-11T00:00:00.000Z" }), () => ""), true);
  assert.equal(listed.add(record("a/tie", { lastModified: since }), () => ""), true);
  assert.equal(listed.add(record("a/old", { lastModified: "2024-07-09T00:00:00.000Z" }), () => ""), false);
  assert.equal(listed.add(record("a/newer", { lastModified: "2024-07-12T00:00:00.000Z" }), () => ""), false);
  assert.deepEqual(listed.toDataFrame().getColumn("id").toArray(), ["a/new", "a/tie"]);
  assert.equal(modifiedBefore({ lastModified: "2024-01-01T00:00:00Z" }, Date.parse(since)), true);
  assert.equal(modifiedBefore({}, Date.parse(since)), false, "no lastModified does not end a listing");
});
