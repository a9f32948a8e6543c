import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { fetchGroups, type FetchOptions } from "../../lib/fetch/fetch.ts";
import { cachedGroupPaths, cachedPath, readCached } from "../../lib/fetch/cache.ts";
import { resolveMirror } from "../../lib/fetch/mirror.ts";
import { sha256Hex } from "../../lib/store/hash.ts";
import { bytesOf, groupOf, listFiles, serve } from "./_server.ts";

/** Fetches must not touch the network in these tests: any request fails loudly. */
const offline: FetchOptions["download"] = {
  retries: 0,
  fetchImpl: () => Promise.reject(new Error("the test made a network request")),
};

async function mirrorWith(files: Record<string, Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [rel, bytes] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(dir, rel)), { recursive: true });
    await Deno.writeFile(join(dir, rel), bytes);
  }
  return dir;
}

Deno.test("fetchGroups() takes a gzip-only mirror file, checks its gunzipped content and keeps it as .gz", async () => {
  const page = new TextEncoder().encode(JSON.stringify([{ id: "gpt2" }, { id: "bert-base-uncased" }]));
  const plain = bytesOf(3000, 1);
  const mirror = await mirrorWith({ "src/page1.json.gz": gzipSync(page), "src/plain.csv": plain });
  await Deno.chmod(join(mirror, "src/plain.csv"), 0o444);
  const cacheDir = await Deno.makeTempDir();
  const catalog = groupOf("http://unused.invalid", { "page1.json": page, "plain.csv": plain });
  const logged: string[] = [];

  const report = await fetchGroups([], {
    cacheDir,
    mirror,
    catalog,
    download: offline,
    log: (l) => logged.push(l),
  });
  assert.deepEqual([report.fromMirror, report.downloaded], [2, 0]);
  assert.equal(report.bytes, page.length + plain.length);
  assert.deepEqual(logged, [`using local mirror ${mirror}`]);
  assert.deepEqual(await listFiles(cacheDir), [".verified.json", "src/page1.json.gz", "src/plain.csv"]);
  assert.equal(await cachedPath("src/page1.json", cacheDir), join(cacheDir, "src/page1.json.gz"));
  assert.deepEqual(await readCached("src/page1.json", cacheDir), page);
  assert.deepEqual(await cachedGroupPaths("test", cacheDir, catalog), [
    join(cacheDir, "src/page1.json.gz"),
    join(cacheDir, "src/plain.csv"),
  ]);
  // a read-only mirror must not make the cache read-only
  assert.equal((await Deno.stat(join(cacheDir, "src/plain.csv"))).mode! & 0o200, 0o200);

  const again = await fetchGroups([], { cacheDir, mirror, catalog, download: offline });
  assert.deepEqual([again.present, again.fromMirror], [2, 0]);
});

Deno.test("fetchGroups() rejects a mirror file whose content differs from the pin, naming the mirror file", async () => {
  const pinned = bytesOf(500, 2);
  const wrong = bytesOf(500, 3);
  const mirror = await mirrorWith({ "src/a.json.gz": gzipSync(wrong) });
  const cacheDir = await Deno.makeTempDir();
  const catalog = groupOf("http://unused.invalid", { "a.json": pinned });
  await assert.rejects(fetchGroups([], { cacheDir, mirror, catalog, download: offline }), (err: Error) => {
    assert.ok(
      err.message.startsWith(`sha256 mismatch for src/a.json from mirror file ${mirror}/src/a.json.gz`),
    );
    assert.ok(err.message.includes(`expected ${sha256Hex(pinned)}, got ${sha256Hex(wrong)}`), err.message);
    return true;
  });
  assert.deepEqual((await listFiles(cacheDir)).filter((f) => f.startsWith("src/")), []);
});

Deno.test("fetchGroups() reports a truncated gzip in the mirror as a mismatch and keeps nothing", async () => {
  const pinned = bytesOf(5000, 4);
  const gz = gzipSync(pinned);
  const mirror = await mirrorWith({ "src/a.json.gz": gz.subarray(0, gz.length - 20) });
  const cacheDir = await Deno.makeTempDir();
  const catalog = groupOf("http://unused.invalid", { "a.json": pinned });
  await assert.rejects(
    fetchGroups([], { cacheDir, mirror, catalog, download: offline }),
    /sha256 mismatch for src\/a\.json .*got unreadable gzip/,
  );
  assert.deepEqual((await listFiles(cacheDir)).filter((f) => f.startsWith("src/")), []);
});

Deno.test("fetchGroups() downloads what the mirror lacks, and says the mirror lacked it when offline", async () => {
  const a = bytesOf(100, 5);
  const b = bytesOf(200, 6);
  const mirror = await mirrorWith({ "src/a.bin": a });
  const server = serve({ "/b.bin": { bytes: b } });
  try {
    const cacheDir = await Deno.makeTempDir();
    const report = await fetchGroups([], {
      cacheDir,
      mirror,
      catalog: groupOf(server.url, { "a.bin": a, "b.bin": b }),
    });
    assert.deepEqual([report.fromMirror, report.downloaded], [1, 1]);
    assert.deepEqual(server.requests.map((r) => r.path), ["/b.bin"]);
  } finally {
    await server.close();
  }
  const cacheDir = await Deno.makeTempDir();
  await assert.rejects(
    fetchGroups([], {
      cacheDir,
      mirror,
      catalog: groupOf(server.url, { "b.bin": b }),
      download: { retries: 0 },
    }),
    (err: Error) => {
      assert.match(
        err.message,
        /^cannot download .*b\.bin \(.*; the mirror .* has neither src\/b\.bin nor its \.gz\)\. /,
      );
      assert.ok(err.message.includes(`the mirror ${mirror} has`), err.message);
      return true;
    },
  );
});

Deno.test("resolveMirror() prefers the option, then PTMSCOPE_MIRROR, then ../shared/data beside the root", async () => {
  const a = await Deno.makeTempDir();
  const b = await Deno.makeTempDir();
  const parent = await Deno.makeTempDir();
  const root = join(parent, "repo");
  await Deno.mkdir(root);

  assert.equal(resolveMirror({ option: null, env: a, root }), null);
  assert.deepEqual(resolveMirror({ option: a, env: b, root }), { dir: a, from: "option" });
  assert.deepEqual(resolveMirror({ env: b, root }), { dir: b, from: "env" });
  assert.equal(resolveMirror({ env: "", root }), null);
  await Deno.mkdir(join(parent, "shared", "data"), { recursive: true });
  assert.deepEqual(resolveMirror({ env: "", root }), {
    dir: join(parent, "shared", "data"),
    from: "sibling",
  });
  assert.throws(
    () => resolveMirror({ option: join(a, "nope"), root }),
    /--mirror names .*nope, which is not a directory/,
  );
  assert.throws(() => resolveMirror({ env: join(b, "nope"), root }), /PTMSCOPE_MIRROR names .*nope/);
});
