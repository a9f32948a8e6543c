/** Run cost from the price table. */
import assert from "node:assert/strict";
import { costUsd, priceOf } from "../../lib/extract/llm_prices.ts";

Deno.test("dated snapshots take their family's price; unknown models have none", () => {
  assert.deepEqual(priceOf("gpt-4o-mini-2024-07-18"), priceOf("gpt-4o-mini"));
  assert.equal(priceOf("gpt-4o-audio-preview"), undefined);
  assert.equal(priceOf("llama3.1:8b"), undefined);
  assert.equal(costUsd("llama3.1:8b", { prompt: 1, completion: 1 }), undefined);
  assert.ok(Math.abs(costUsd("gpt-4o-mini", { prompt: 1_000_000, completion: 100_000 })! - 0.21) < 1e-9);
});
