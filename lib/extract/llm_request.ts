/**
 * One structured-output request of the LLM extractor, with its checks: the reply must be JSON that follows the
 * reduced schema. A reply that is not JSON, breaks the schema or is a refusal is asked again; after the last
 * attempt it is a failure with the reason. Rate limits (429, honouring Retry-After), server errors and timeouts
 * are retried by the `openai` client itself.
 *
 * @module
 */
import OpenAI from "openai";
import { schemaErrors } from "./json_schema_check.ts";
import type { CardPrompt } from "./llm_prompt.ts";
import { estimateChatTokens, estimateTokens } from "./token_estimate.ts";

/** Tokens one request used (as the endpoint reported them, or estimated when it did not). */
export interface LlmUsage {
  prompt: number;
  completion: number;
}

/** What asking for one card gave. */
export type LlmAnswer =
  | { ok: true; fields: Record<string, unknown>; usage: LlmUsage }
  | { ok: false; error: string; usage: LlmUsage };

/**
 * Asks `client` for the fields of `prompt`, up to `attempts` times while replies are unusable.
 *
 * @param client an `openai` client (its `maxRetries` and `timeout` govern transport retries)
 * @param model the model name
 * @param prompt the messages and the reduced schema
 * @param attempts how many replies to try at most (at least 1)
 * @param redact applied to every error message (removes the API key)
 * @example
 * ```ts
 * const answer = await askForFields(new OpenAI({ baseURL, apiKey }), "gpt-4o-mini", prompt, 3, (s) => s);
 * if (answer.ok) answer.fields.license;
 * ```
 */
export async function askForFields(
  client: OpenAI,
  model: string,
  prompt: CardPrompt,
  attempts: number,
  redact: (message: string) => string,
): Promise<LlmAnswer> {
  const usage: LlmUsage = { prompt: 0, completion: 0 };
  let reason = "no reply";
  for (let attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create({
        model,
        messages: prompt.messages,
        temperature: 0,
        response_format: {
          type: "json_schema",
          json_schema: { name: "model_card_metadata", strict: true, schema: prompt.schema },
        },
      });
    } catch (err) {
      // the client has already retried what can be retried: this is final
      return { ok: false, error: redact(describeError(err, client)), usage };
    }
    const message = completion.choices[0]?.message;
    const content = message?.content ?? "";
    usage.prompt += completion.usage?.prompt_tokens ?? estimateChatTokens(prompt.messages, prompt.schema);
    usage.completion += completion.usage?.completion_tokens ??
      estimateTokens(content || (message?.refusal ?? ""));
    reason = checkReply(message, completion.choices[0]?.finish_reason, prompt);
    if (reason === "") return { ok: true, fields: JSON.parse(content), usage };
  }
  return { ok: false, error: redact(`${reason} (${attempts} attempts)`), usage };
}

/** Why a reply is unusable, or "" when it is good. */
function checkReply(
  message: OpenAI.Chat.Completions.ChatCompletionMessage | undefined,
  finish: string | undefined,
  prompt: CardPrompt,
): string {
  if (!message) return "reply without a choice";
  if (message.refusal) return `model refused: ${clip(message.refusal)}`;
  if (!message.content) return `empty reply (finish_reason ${finish})`;
  let value: unknown;
  try {
    value = JSON.parse(message.content);
  } catch {
    return `reply is not JSON (finish_reason ${finish}): ${clip(message.content)}`;
  }
  const errors = schemaErrors(prompt.schema, value);
  return errors.length === 0 ? "" : `reply breaks the schema: ${errors.slice(0, 3).join("; ")}`;
}

function describeError(err: unknown, client: OpenAI): string {
  const tries = `${client.maxRetries + 1} tries`;
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return `request timed out after ${client.timeout} ms (${tries})`;
  }
  if (err instanceof OpenAI.APIConnectionError) return `cannot reach the endpoint: ${err.message} (${tries})`;
  if (err instanceof OpenAI.APIError) {
    const retried = err.status === 429 || (err.status ?? 0) >= 500 ? ` (${tries})` : "";
    return `HTTP ${err.status}: ${clip(err.message)}${retried}`;
  }
  return `request failed: ${err instanceof Error ? err.message : String(err)}`;
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
