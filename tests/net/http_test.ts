import assert from "node:assert/strict";
import { networkReason, publicUrl, retryAfterMs } from "../../lib/net/http.ts";

Deno.test("retryAfterMs() reads seconds and HTTP dates, and ignores the rest", () => {
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs("soon"), undefined);
  const later = retryAfterMs(new Date(Date.now() + 60_000).toUTCString())!;
  assert.ok(later > 50_000 && later <= 60_000, String(later));
  assert.equal(retryAfterMs(new Date(0).toUTCString()), 0);
});

Deno.test("networkReason() unwraps Deno's request error", () => {
  const err = new Error("error sending request for url (https://x/): dns error", {
    cause: new Error("dns error: failed to lookup"),
  });
  assert.equal(networkReason(err), "dns error: failed to lookup");
  assert.equal(networkReason(new Error("error sending request for url (https://x/): boom")), "boom");
});

Deno.test("publicUrl() drops credentials and trailing slashes", () => {
  assert.equal(publicUrl("https://user:secret@huggingface.co/"), "https://huggingface.co");
  assert.equal(publicUrl("http://t0ken@127.0.0.1:8080/api/"), "http://127.0.0.1:8080/api");
  assert.equal(publicUrl("not a url"), "(unparseable URL)");
});
