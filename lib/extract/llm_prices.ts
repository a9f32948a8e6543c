/**
 * What a run of the LLM extractor cost, from the token counts and the price table in `data/llm_prices.json`.
 *
 * @module
 */
import table from "./data/llm_prices.json" with { type: "json" };

/** USD per million tokens. */
export interface Price {
  input: number;
  output: number;
}

const PRICES: Record<string, Price> = table.models;

/**
 * The price of a model, or undefined when the table does not know it (local models, other vendors).
 * A dated snapshot (`gpt-4o-mini-2024-07-18`) takes its family's price; `gpt-4o-audio-preview` does not take
 * gpt-4o's, because only a date may follow the family name.
 *
 * @param model the model name sent to the endpoint
 * @example
 * ```ts
 * priceOf("gpt-4o-mini-2024-07-18"); // { input: 0.15, output: 0.6 }
 * priceOf("llama3.1:8b"); // undefined
 * ```
 */
export function priceOf(model: string): Price | undefined {
  const name = model.replace(/^openai\//, "");
  if (PRICES[name]) return PRICES[name];
  const family = /^(.*?)-\d{4}-\d{2}-\d{2}$/.exec(name)?.[1] ?? /^(.*?)-\d{4}$/.exec(name)?.[1];
  return family ? PRICES[family] : undefined;
}

/**
 * Cost in USD of the given token counts, or undefined for a model without a price.
 *
 * @param model the model name sent to the endpoint
 * @param tokens prompt and completion tokens
 * @example
 * ```ts
 * costUsd("gpt-4o-mini", { prompt: 1_000_000, completion: 100_000 }); // 0.21
 * ```
 */
export function costUsd(model: string, tokens: { prompt: number; completion: number }): number | undefined {
  const price = priceOf(model);
  if (!price) return undefined;
  return (tokens.prompt * price.input + tokens.completion * price.output) / 1_000_000;
}
