/** The counting semaphore. */
import assert from "node:assert/strict";
import { Slots } from "../../lib/net/slots.ts";

Deno.test("at most n tasks run at once, all run, and a failing task frees its slot", async () => {
  const slots = new Slots(3);
  let running = 0;
  let most = 0;
  const task = (k: number) =>
    slots.run(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (k % 4 === 0) throw new Error(`task ${k}`);
      return k;
    });
  const results = await Promise.allSettled(Array.from({ length: 12 }, (_, k) => task(k)));
  assert.equal(most, 3);
  assert.equal(results.filter((r) => r.status === "rejected").length, 3);
  assert.equal(await slots.run(() => Promise.resolve("free")), "free");
});
