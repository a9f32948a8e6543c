import assert from "node:assert/strict";
import { HubRequestError, politeFetch } from "../../lib/sources/hf_polite_fetch.ts";
import { publicUrl } from "../../lib/net/http.ts";

const API = "http://hub.test/api/models?limit=2";

/** A fetch answering from a script of responses (or errors), recording each call. */
function scripted(script: (Response | Error)[]) {
  const calls: string[] = [];
  const fetch = (input: RequestInfo | URL) => {
    calls.push(String(input));
    const next = script[Math.min(calls.length - 1, script.length - 1)];
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next.clone());
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** politeFetch with waits recorded instead of slept. */
function polite(script: (Response | Error)[], retries = 6) {
  const waits: number[] = [];
  const s = scripted(script);
  const f = politeFetch({
    fetch: s.fetch,
    retries,
    baseDelayMs: 100,
    sleep: (ms) => Promise.resolve(void waits.push(ms)),
  });
  return { f, waits, calls: s.calls };
}

Deno.test("politeFetch() waits exactly as long as a 429's Retry-After says, then succeeds", async () => {
  const { f, waits } = polite([
    json({ error: "slow down" }, 429, { "retry-after": "2" }),
    json([{ id: "a" }]),
  ]);
  const res = await f(API);
  assert.deepEqual(await res.json(), [{ id: "a" }]);
  assert.deepEqual(waits, [2000]);
  assert.deepEqual(f.stats, { requests: 2, retries: 1 });
});

Deno.test("politeFetch() backs off with growing jittered delays on 5xx and network errors", async () => {
  const { f, waits } = polite([
    json({}, 500),
    json({}, 502),
    new TypeError("error sending request for url (http://hub.test/): connection reset"),
    json({}, 503),
    json([]),
  ]);
  assert.equal((await f(API)).status, 200);
  assert.equal(waits.length, 4);
  waits.forEach((w, i) => {
    assert.ok(w >= 100 * 2 ** i * 0.5 && w <= 100 * 2 ** i * 1.5, `wait ${i} = ${w}`);
  });
});

Deno.test("politeFetch() retries an HTML error page and malformed JSON where JSON was expected", async () => {
  const { f, calls } = polite([
    new Response("<!DOCTYPE html><h1>oops</h1>", { headers: { "content-type": "text/html" } }),
    new Response('[{"id": "a"', { headers: { "content-type": "application/json" } }),
    json([{ id: "a" }]),
  ]);
  const res = await f(API);
  assert.deepEqual(await res.json(), [{ id: "a" }]);
  assert.equal(await res.text(), '[{"id":"a"}]');
  assert.equal(calls.length, 3);
});

Deno.test("politeFetch() gives up after its retries with an error naming the URL and a hint", async () => {
  const { f, waits } = polite([json({}, 503)], 2);
  await assert.rejects(f("http://user:pw@hub.test/api/models?cursor=x"), (err: Error) => {
    assert.ok(err instanceof HubRequestError);
    assert.match(
      err.message,
      /^GET http:\/\/hub\.test\/api\/models\?cursor=x failed 3 times, last: HTTP 503;/,
    );
    assert.match(err.message, /re-run later/);
    assert.doesNotMatch(err.message, /pw/);
    return true;
  });
  assert.equal(waits.length, 2);
});

Deno.test("politeFetch() passes other client errors through untouched, and files as bytes", async () => {
  const { f, calls } = polite([
    new Response("Entry not found", { status: 404, headers: { "x-error-code": "EntryNotFound" } }),
  ]);
  const res = await f("http://hub.test/gpt2/resolve/main/README.md");
  assert.equal(res.status, 404);
  assert.equal(res.headers.get("x-error-code"), "EntryNotFound");
  assert.equal(calls.length, 1);
  const file = polite([
    new Response("# card", { status: 200, headers: { "content-type": "text/markdown" } }),
  ]);
  assert.equal(await (await file.f("http://hub.test/gpt2/resolve/main/README.md")).text(), "# card");
});

Deno.test("publicUrl() drops credentials only", () => {
  assert.equal(publicUrl("https://u:secret@huggingface.co"), "https://huggingface.co");
  assert.equal(publicUrl("http://127.0.0.1:8080/api/models?x=1"), "http://127.0.0.1:8080/api/models?x=1");
});
