/**
 * The replay hub speaks the Hugging Face Hub protocol well enough for the official client, on the real pages.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { downloadFile, HubApiError, listCommits, listFiles, listModels, modelInfo } from "@huggingface/hub";
import { parsePage } from "../../lib/sources/hf_pages.ts";
import { type HfReplay, type HfReplayOptions, startHfReplay } from "../../lib/testing/hf_replay_server.ts";
import { HF_PAGES, SHARED_DATA } from "../_shared_data.ts";

const ignore = HF_PAGES === null;
const pageIds = (n: number) =>
  (parsePage("p", Deno.readFileSync(join(HF_PAGES!, `models_page${n}_07-11-2024.json.gz`))) as {
    id: string;
  }[])
    .map((r) => r.id);

async function withHub(options: Partial<HfReplayOptions>, body: (hub: HfReplay) => Promise<void>) {
  const hub = await startHfReplay({ pagesDir: HF_PAGES!, pages: [1, 2], ...options });
  try {
    await body(hub);
  } finally {
    await hub.close();
  }
}

async function getJson(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: await res.json() };
}

const SENTENCE = "sentence-transformers/all-MiniLM-L12-v2"; // page 1, with a real card in yinan-hf-readme

Deno.test({
  name: "listModels() pages through the real pages in their order, following absolute Link URLs",
  ignore,
  fn: () =>
    withHub({}, async (hub) => {
      const names: string[] = [];
      for await (const m of listModels({ hubUrl: hub.url })) names.push(m.name);
      assert.deepEqual(names, [...pageIds(1), ...pageIds(2)]);
      assert.equal(hub.stats.requests.list, 4); // the client asks for 500 at a time

      const { res, body } = await getJson(`${hub.url}/api/models?limit=5000&expand[]=downloads`);
      assert.equal(body.length, 1000, "limit is capped at 1000");
      const link = res.headers.get("link")!;
      const next = /^<(http:\/\/127\.0\.0\.1:\d+\/api\/models\?[^>]+)>; rel="next"$/.exec(link)?.[1];
      assert.ok(next, link);
      assert.equal(new URL(next).searchParams.get("expand[]"), "downloads", "the query is carried over");
      const last = await getJson(next);
      assert.equal(last.body[0].id, pageIds(2)[0]);
      assert.equal(last.res.headers.get("link"), null);
      const bad = await getJson(`${hub.url}/api/models?cursor=bm9wZQ`);
      assert.equal(bad.res.status, 400);
    }),
});

Deno.test({
  name: "the replay hub returns the default fields, full, or exactly the expanded ones",
  ignore,
  fn: () =>
    withHub({}, async (hub) => {
      const plain = (await getJson(`${hub.url}/api/models?limit=1`)).body[0];
      assert.deepEqual(Object.keys(plain).sort(), [
        "_id",
        "createdAt",
        "downloads",
        "id",
        "library_name",
        "likes",
        "modelId",
        "pipeline_tag",
        "private",
        "tags",
      ]);
      const full = (await getJson(`${hub.url}/api/models?limit=1&full=true`)).body[0];
      assert.match(full.lastModified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      assert.match(full.sha, /^[0-9a-f]{40}$/);
      assert.ok(full.siblings.some((s: { rfilename: string }) => s.rfilename === "README.md"));
      const some = (await getJson(`${hub.url}/api/models?limit=1&expand=downloads&expand=sha`)).body[0];
      assert.deepEqual(Object.keys(some).sort(), ["_id", "downloads", "id", "sha"]);
      assert.equal(some.sha, full.sha);
      for (const q of ["expand=nope", "expand=sha&full=true"]) {
        assert.equal(
          (await fetch(`${hub.url}/api/models?${q}`).then((r) => (r.body?.cancel(), r))).status,
          400,
        );
      }
    }),
});

Deno.test({
  name: "the replay hub sorts by lastModified or createdAt either way, and filters by author and search",
  ignore,
  fn: () =>
    withHub({}, async (hub) => {
      const seen: { name: string; at: number }[] = [];
      for await (const m of listModels({ hubUrl: hub.url, sort: "lastModified" })) {
        seen.push({ name: m.name, at: m.updatedAt.getTime() });
      }
      assert.equal(new Set(seen.map((s) => s.name)).size, 2000, "every model exactly once");
      assert.ok(seen.every((s, i) => i === 0 || seen[i - 1].at >= s.at), "newest first");
      const asc =
        (await getJson(`${hub.url}/api/models?sort=createdAt&direction=1&expand=createdAt&limit=1000`))
          .body.map((m: { createdAt: string }) => m.createdAt);
      assert.deepEqual(asc, [...asc].sort());
      const mine = (await getJson(`${hub.url}/api/models?author=sentence-transformers`)).body;
      assert.ok(
        mine.length > 5 && mine.every((m: { id: string }) => m.id.startsWith("sentence-transformers/")),
      );
      const found = (await getJson(`${hub.url}/api/models?search=minilm-l12`)).body;
      assert.ok(found.some((m: { id: string }) => m.id === SENTENCE));
    }),
});

Deno.test({
  name:
    "modelInfo(), listFiles() and listCommits() work against the replay hub; the first commit predates a back-filled createdAt",
  ignore,
  fn: () =>
    withHub({}, async (hub) => {
      const info = await modelInfo({
        name: SENTENCE,
        hubUrl: hub.url,
        additionalFields: ["createdAt", "sha"],
      });
      assert.equal(info.name, SENTENCE);
      assert.equal(info.createdAt, "2022-03-02T23:29:05.000Z"); // HF's back-filled date
      const files: string[] = [];
      for await (const f of listFiles({ repo: SENTENCE, hubUrl: hub.url, recursive: true })) {
        files.push(f.path);
      }
      assert.ok(files.includes("README.md") && files.includes("config.json"), files.join());
      const commits: { oid: string; date: Date }[] = [];
      for await (const c of listCommits({ repo: SENTENCE, hubUrl: hub.url, batchSize: 2 })) commits.push(c);
      assert.equal(commits[0].oid, info.sha);
      assert.ok(commits.at(-1)!.date < new Date("2022-03-02T00:00:00Z"));
      assert.ok(commits.every((c, i) => i === 0 || commits[i - 1].date >= c.date));
      assert.ok(hub.stats.requests.commits >= Math.ceil(commits.length / 2));
      await assert.rejects(
        modelInfo({ name: "nobody/nothing", hubUrl: hub.url }),
        (err: Error) => err instanceof HubApiError && err.statusCode === 404,
      );
    }),
});

Deno.test({
  name: "downloadFile() gets the real README and a config.json; resolve honours Range, ETag, HEAD and 404",
  ignore,
  fn: () =>
    withHub({ cardsFrom: SHARED_DATA }, async (hub) => {
      const readme = await (await downloadFile({ repo: SENTENCE, path: "README.md", hubUrl: hub.url }))!
        .text();
      const real = await Deno.readTextFile(
        join(
          SHARED_DATA!,
          "yinan-hf-readme/training_and_application/readme_files",
          `${SENTENCE.replace("/", "_")}.md`,
        ),
      );
      assert.equal(readme, real);
      const config = JSON.parse(
        await (await downloadFile({ repo: SENTENCE, path: "config.json", hubUrl: hub.url }))!.text(),
      );
      assert.ok(Array.isArray(config.architectures));
      assert.equal(await downloadFile({ repo: SENTENCE, path: "nope.json", hubUrl: hub.url }), null);

      const url = `${hub.url}/${SENTENCE}/resolve/main/README.md`;
      const size = new TextEncoder().encode(real).length;
      const part = await fetch(url, { headers: { range: "bytes=10-19" } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get("content-range"), `bytes 10-19/${size}`);
      assert.equal(await part.text(), real.slice(10, 20));
      const head = await fetch(url, { method: "HEAD" });
      const etag = head.headers.get("etag")!;
      assert.match(etag, /^"[0-9a-f]{40}"$/);
      assert.equal(head.headers.get("content-length"), String(size));
      const again = await fetch(url, { headers: { "if-none-match": etag } });
      await again.body?.cancel();
      assert.equal(again.status, 304);
      const beyond = await fetch(url, { headers: { range: `bytes=${size}-` } });
      await beyond.body?.cancel();
      assert.equal(beyond.status, 416);
      const missing = await fetch(`${hub.url}/${SENTENCE}/resolve/main/model.safetensors`);
      await missing.body?.cancel();
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get("x-error-code"), "EntryNotFound");
    }),
});

Deno.test({
  name:
    "fault bursts hit their route in order: 429 with Retry-After, 5xx, HTML, truncated bodies, slow answers",
  ignore,
  fn: () =>
    withHub({}, async (hub) => {
      hub.inject(
        { kind: "429", route: "list", count: 2, retryAfter: 7 },
        { kind: "503", route: "list" },
        { kind: "html", route: "list" },
        { kind: "truncate", route: "list" },
        { kind: "slow", route: "list", delayMs: 20 },
        { kind: "500", route: "tree", after: 1 },
      );
      const list = `${hub.url}/api/models?limit=3`;
      const first = await fetch(list);
      await first.body?.cancel();
      assert.equal(first.status, 429);
      assert.equal(first.headers.get("retry-after"), "7");
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const r = await fetch(list);
        statuses.push(`${r.status} ${r.headers.get("content-type")?.split(";")[0]}`);
        await r.body?.cancel();
      }
      assert.deepEqual(statuses, ["429 application/json", "503 application/json", "200 text/html"]);
      const cut = await fetch(list);
      assert.equal(cut.status, 200);
      await assert.rejects(cut.arrayBuffer(), "the body is cut off");
      assert.equal((await getJson(list)).body.length, 3, "slow, but whole");
      assert.equal((await getJson(list)).body.length, 3);
      const tree = `${hub.url}/api/models/${SENTENCE}/tree/main`;
      assert.equal((await getJson(tree)).res.status, 200);
      assert.equal((await getJson(tree)).res.status, 500);
      assert.equal((await getJson(tree)).res.status, 200);
      assert.equal(hub.pendingFaults, 0);
      assert.deepEqual(hub.stats.faults, { "429": 2, "503": 1, html: 1, truncate: 1, slow: 1, "500": 1 });
    }),
});

Deno.test({
  name: "the replay hub can serve malformed records, move to a later day, and require a token",
  ignore,
  fn: async () => {
    await withHub({ malformed: 20 }, async (hub) => {
      const records = (await getJson(`${hub.url}/api/models?limit=1000`)).body as Record<string, unknown>[];
      assert.ok(records.some((r) => r.id === undefined), "no id");
      assert.ok(records.some((r) => typeof r.downloads === "string"), "wrong type");
      assert.ok(records.some((r) => typeof r.id === "string" && r.id.includes(" ")), "odd id");
      assert.ok(records.some((r) => r.id !== undefined && r.createdAt === undefined), "no createdAt");
      assert.ok(records.some((r) => r.surpriseField !== undefined), "unknown field");
    });
    await withHub({}, async (hub) => {
      const day1 = (await getJson(`${hub.url}/api/models?expand=lastModified&limit=1000`)).body;
      hub.mutate({ changed: 0.05, added: 7 });
      const day2 =
        (await getJson(`${hub.url}/api/models?expand=lastModified&expand=downloads&limit=1000`)).body;
      const later = day2.filter((m: { lastModified: string }) => m.lastModified >= "2024-07-12");
      assert.ok(later.length > 10 && later.length < 120, `${later.length} changed`);
      assert.equal(day1.filter((m: { lastModified: string }) => m.lastModified >= "2024-07-12").length, 0);
      let added = 0;
      for await (const m of listModels({ hubUrl: hub.url })) if (m.name.startsWith("replay-day2/")) added++;
      assert.equal(added, 7);
    });
    await withHub({ token: "hf_replayToken" }, async (hub) => {
      const anonymous = await fetch(`${hub.url}/api/models?limit=1`);
      await anonymous.body?.cancel();
      assert.equal(anonymous.status, 401);
      let n = 0;
      for await (const _ of listModels({ hubUrl: hub.url, accessToken: "hf_replayToken", limit: 3 })) n++;
      assert.equal(n, 3);
      assert.equal(hub.stats.bearer, 1);
    });
  },
});
