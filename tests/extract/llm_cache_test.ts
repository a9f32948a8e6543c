/** The reply cache: keyed by card, prompt version and model; a different request is a miss. */
import assert from "node:assert/strict";
import { LlmCache, type LlmCacheEntry } from "../../lib/extract/llm_cache.ts";

const key = { cardSha256: "ab".repeat(32), promptVersion: "extract_metadata.v2", model: "gpt-4o-mini" };
const entry = (over: Partial<LlmCacheEntry> = {}): LlmCacheEntry => ({
  key,
  requestSha256: "r1",
  fields: { license: "mit" },
  usage: { prompt: 100, completion: 10 },
  received: "2026-01-01T00:00:00.000Z",
  ...over,
});

async function withCache(body: (cache: LlmCache, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await body(new LlmCache(dir), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a stored reply comes back for the same key and request only", () =>
  withCache(async (cache) => {
    assert.equal(await cache.get(key, "r1"), null);
    await cache.put(entry());
    assert.deepEqual(await cache.get(key, "r1"), entry());
    assert.equal(await cache.get(key, "r2"), null, "another request");
    assert.equal(await cache.get({ ...key, promptVersion: "extract_metadata.v3" }, "r1"), null);
    assert.equal(await cache.get({ ...key, model: "gpt-4o" }, "r1"), null);
  }));

Deno.test("a torn entry is a miss; model names cannot escape the directory", () =>
  withCache(async (cache, dir) => {
    await cache.put(entry());
    await Deno.writeTextFile(cache.pathOf(key), '{"key": ');
    assert.equal(await cache.get(key, "r1"), null);
    for (const model of ["../../etc", "llama3.1:8b", "openai/gpt-4o"]) {
      const path = cache.pathOf({ ...key, model });
      assert.ok(path.startsWith(`${dir}/`) && !path.slice(dir.length).includes("/../"), path);
    }
  }));
