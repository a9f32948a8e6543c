/** The tokenizer-free token estimate. */
import assert from "node:assert/strict";
import { estimateChatTokens, estimateTokens } from "../../lib/extract/token_estimate.ts";

Deno.test("English text costs about a token per word, punctuation and digits apart", () => {
  assert.equal(estimateTokens(""), 0);
  // cl100k: The| model| is| licensed| under| Apache|-|2|.|0|. = 11
  const n = estimateTokens("The model is licensed under Apache-2.0.");
  assert.ok(n >= 9 && n <= 13, String(n));
  assert.ok(estimateTokens("https://huggingface.co/datasets/tiiuae/falcon-refinedweb") >= 10, "URLs split");
});

Deno.test("dense scripts cost about a token per character", () => {
  const zh = estimateTokens("这是一个中文句子模型");
  assert.ok(zh >= 10, String(zh));
});

Deno.test("a chat request adds framing per message and the schema", () => {
  const messages = [{ role: "system", content: "Extract." }, { role: "user", content: "A card." }];
  const bare = estimateChatTokens(messages);
  assert.equal(bare, 3 + 4 + estimateTokens("Extract.") + 4 + estimateTokens("A card."));
  assert.ok(estimateChatTokens(messages, { type: "object" }) > bare);
});
