import assert from "node:assert/strict";
import { join } from "node:path";
import { fetchGroups, type FetchOptions } from "../../lib/fetch/fetch.ts";
import { readCached } from "../../lib/fetch/cache.ts";
import { sha256Hex } from "../../lib/store/hash.ts";
import { bytesOf, groupOf, listFiles, serve } from "./_server.ts";

const quick: FetchOptions["download"] = { retries: 2, retryDelayMs: 1 };

async function withServer(
  files: Parameters<typeof serve>[0],
  fn: (server: ReturnType<typeof serve>, cacheDir: string) => Promise<void>,
): Promise<void> {
  const server = serve(files);
  try {
    await fn(server, await Deno.makeTempDir());
  } finally {
    await server.close();
  }
}

Deno.test("fetchGroups() downloads every file, verifies it and records nothing else in the cache", async () => {
  const a = bytesOf(50_000, 1);
  const b = bytesOf(1234, 2);
  await withServer({ "/a.bin": { bytes: a }, "/b.csv": { bytes: b } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": a, "b.csv": b });
    const report = await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    assert.equal(report.downloaded, 2);
    assert.equal(report.present, 0);
    assert.equal(report.bytes, a.length + b.length);
    assert.deepEqual(await listFiles(cacheDir), [".verified.json", "src/a.bin", "src/b.csv"]);
    assert.equal(sha256Hex(await readCached("src/a.bin", cacheDir)), sha256Hex(a));
    assert.equal(server.requests.every((r) => r.range === null && r.status === 200), true);
  });
});

Deno.test("fetchGroups() resumes a cut-off download with a Range request on the next run", async () => {
  const a = bytesOf(400_000, 3);
  await withServer({ "/a.bin": { bytes: a, script: ["cut", "normal"] } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": a });
    await assert.rejects(
      fetchGroups([], { cacheDir, mirror: null, catalog, download: { retries: 0 } }),
      /cannot download .*a\.bin \(transfer cut off after \d+ of 400000 bytes/,
    );
    const part = (await Deno.stat(join(cacheDir, "src/a.bin.part"))).size;
    assert.ok(part > 0 && part < a.length, `partial file of ${part} bytes`);

    const report = await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    assert.equal(report.downloaded, 1);
    assert.deepEqual(server.requests.map((r) => [r.range, r.status]), [[null, 200], [`bytes=${part}-`, 206]]);
    assert.equal(sha256Hex(await Deno.readFile(join(cacheDir, "src/a.bin"))), sha256Hex(a));
    assert.deepEqual(await listFiles(cacheDir), [".verified.json", "src/a.bin"]);
  });
});

Deno.test("fetchGroups() retries a cut-off transfer within one run, resuming where it stopped", async () => {
  const a = bytesOf(300_000, 4);
  await withServer({ "/a.bin": { bytes: a, script: ["cut", "normal"] } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": a });
    await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    assert.equal(server.requests.length, 2);
    assert.match(server.requests[1].range ?? "", /^bytes=[1-9]\d*-$/);
    assert.equal(sha256Hex(await Deno.readFile(join(cacheDir, "src/a.bin"))), sha256Hex(a));
  });
});

Deno.test("fetchGroups() starts over when the server ignores Range and answers 200", async () => {
  const a = bytesOf(300_000, 5);
  await withServer({ "/a.bin": { bytes: a, script: ["cut", "ignore-range"] } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": a });
    await assert.rejects(fetchGroups([], { cacheDir, mirror: null, catalog, download: { retries: 0 } }));
    await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    assert.equal(server.requests[1].status, 200);
    assert.notEqual(server.requests[1].range, null);
    const got = await Deno.readFile(join(cacheDir, "src/a.bin"));
    assert.equal(got.length, a.length);
    assert.equal(sha256Hex(got), sha256Hex(a));
  });
});

Deno.test("fetchGroups() waits for Retry-After on 429, and retries a 503", async () => {
  const a = bytesOf(1000, 6);
  const b = bytesOf(2000, 7);
  await withServer(
    { "/a.bin": { bytes: a, script: ["429", "normal"] }, "/b.bin": { bytes: b, script: ["503", "normal"] } },
    async (server, cacheDir) => {
      const catalog = groupOf(server.url, { "a.bin": a, "b.bin": b });
      const report = await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
      assert.equal(report.downloaded, 2);
      const statuses = (path: string) => server.requests.filter((r) => r.path === path).map((r) => r.status);
      assert.deepEqual(statuses("/a.bin"), [429, 200]);
      assert.deepEqual(statuses("/b.bin"), [503, 200]);
    },
  );
});

Deno.test("fetchGroups() rejects content that does not match its pin and keeps nothing of it", async () => {
  const served = bytesOf(10_000, 8);
  const pinned = bytesOf(10_000, 9);
  await withServer({ "/a.bin": { bytes: served } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": served }, { pin: { "a.bin": pinned } });
    const err = await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick }).then(
      () => assert.fail("a mismatch must fail"),
      (e: Error) => e,
    );
    assert.match(err.message, /sha256 mismatch for src\/a\.bin from http:\/\/127\.0\.0\.1:\d+\/a\.bin/);
    assert.ok(err.message.includes(`expected ${sha256Hex(pinned)}, got ${sha256Hex(served)}`), err.message);
    assert.deepEqual((await listFiles(cacheDir)).filter((f) => f.startsWith("src/")), []);
  });
});

Deno.test("fetchGroups() makes no request on a second run, and re-hashes only files that changed", async () => {
  const a = bytesOf(20_000, 10);
  await withServer({ "/a.bin": { bytes: a } }, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "a.bin": a });
    await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    const again = await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick });
    assert.equal(server.requests.length, 1);
    assert.deepEqual([again.present, again.downloaded, again.bytes], [1, 0, 0]);

    // same size and mtime: the record vouches for the file, so it is not re-read (that is the point of it)
    const file = join(cacheDir, "src/a.bin");
    const { mtime } = await Deno.stat(file);
    await Deno.writeFile(file, bytesOf(20_000, 11));
    await Deno.utime(file, mtime!, mtime!);
    assert.equal((await fetchGroups([], { cacheDir, mirror: null, catalog, download: quick })).present, 1);
    assert.notEqual(sha256Hex(await Deno.readFile(file)), sha256Hex(a));

    // a new mtime: the record no longer vouches for it, so it is checked and replaced
    await Deno.utime(file, 1, 1);
    const logged: string[] = [];
    const third = await fetchGroups([], {
      cacheDir,
      mirror: null,
      catalog,
      download: quick,
      log: (l) => logged.push(l),
    });
    assert.deepEqual([third.replaced, third.downloaded], [1, 1]);
    assert.match(logged.join("\n"), /replacing .*src\/a\.bin: its sha256 is [0-9a-f]{64}, the pin is/);
    assert.equal(sha256Hex(await Deno.readFile(file)), sha256Hex(a));
  });
});

Deno.test("fetchGroups() without network or mirror says what to run or set", async () => {
  const gone = serve({});
  await gone.close();
  const cacheDir = await Deno.makeTempDir();
  const catalog = groupOf(gone.url, { "a.bin": bytesOf(10, 12) });
  await assert.rejects(
    fetchGroups([], { cacheDir, mirror: null, catalog, download: { retries: 1, retryDelayMs: 1 } }),
    (err: Error) => {
      assert.match(
        err.message,
        /^cannot download http:\/\/127\.0\.0\.1:\d+\/a\.bin \(.+; 2 attempts\)\. Connect to the network and run the command again, or set PTMSCOPE_MIRROR to a directory laid out like shared\/data, e\.g\. `PTMSCOPE_MIRROR=\/path\/to\/shared\/data npm run reproduce`/,
      );
      return true;
    },
  );
  assert.deepEqual((await listFiles(cacheDir)).filter((f) => f.startsWith("src/")), []);
});

Deno.test("fetchGroups() stops on a 404 without retrying", async () => {
  await withServer({}, async (server, cacheDir) => {
    const catalog = groupOf(server.url, { "missing.bin": bytesOf(10, 13) });
    await assert.rejects(
      fetchGroups([], { cacheDir, mirror: null, catalog, download: quick }),
      /cannot download .*missing\.bin \(HTTP 404 Not Found\)/,
    );
    assert.equal(server.requests.length, 1);
  });
});
