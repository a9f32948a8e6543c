/**
 * The LLM metadata extractor: any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp server) through
 * the official `openai` client. The card's structured metadata fills what it can; the model is asked only for
 * the remaining fields, with only the sections that can answer them, under a strict JSON schema. Replies are
 * validated, cached on disk per (card sha256, prompt version, model), and counted in tokens and dollars. A card
 * whose reply stays unusable is recorded with the reason, never dropped.
 *
 * @module
 */
import OpenAI from "openai";
import { join } from "node:path";
import type { ParsedCard } from "../cards/parse.ts";
import { Slots } from "../net/slots.ts";
import { cacheDir } from "../paths.ts";
import { sha256Hex } from "../store/hash.ts";
import { LlmCache, type LlmCacheKey } from "./llm_cache.ts";
import { costUsd } from "./llm_prices.ts";
import { cardPrompt, loadPrompt } from "./llm_prompt.ts";
import { askForFields } from "./llm_request.ts";
import { type ExtractionRecord, type Field, FIELDS } from "./record.ts";
import { structuredFields } from "./structured.ts";

/** Options of {@linkcode createLlmExtractor}. */
export interface LlmExtractorOptions {
  /** Endpoint, e.g. `http://localhost:11434/v1`. @default OpenAI's API */
  baseUrl?: string;
  /** Model name as the endpoint knows it, e.g. `gpt-4o-mini`. */
  model: string;
  /** @default `$OPENAI_API_KEY` (optional with `baseUrl`: local servers need none) */
  apiKey?: string;
  /** Reply cache directory. @default `<data>/cache/llm-replies` */
  cacheDir?: string;
  /** Requests at once, across all concurrent `extract` calls. @default 4 */
  concurrency?: number;
  /** Retries of a request (429, 5xx, timeout) and of an unusable reply. @default 2 */
  maxRetries?: number;
  /** Timeout of one request, in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** The prompt file. @default `prompts/extract_metadata.v2.md` */
  promptFile?: string;
}

/** Counters of a run. Tokens are those of requests sent in this run; cached replies cost nothing. */
export interface LlmRunStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Cards answered from the cache. */
  cached: number;
  /** Cards recorded with an error. */
  failures: number;
  promptTokens: number;
  completionTokens: number;
  /** USD, when the model is in `data/llm_prices.json`. */
  costUsd?: number;
}

/** An LLM extractor bound to one endpoint and model. */
export interface LlmExtractor {
  /** The extraction record of one card (with `error` when the model gave no usable reply). */
  extract(modelId: string, card: ParsedCard, text: string): Promise<ExtractionRecord>;
  stats(): LlmRunStats;
}

/**
 * Creates an extractor. The API key is only handed to the client: it appears in no error, log or cache file.
 *
 * @throws Error when neither an API key nor a base URL is given, or the prompt files are broken
 * @example
 * ```ts
 * const llm = await createLlmExtractor({ model: "gpt-4o-mini" });
 * const record = await llm.extract("gpt2", parseCard(text), text);
 * llm.stats().promptTokens;
 * ```
 */
export async function createLlmExtractor(options: LlmExtractorOptions): Promise<LlmExtractor> {
  const apiKey = options.apiKey ?? Deno.env.get("OPENAI_API_KEY");
  if (!apiKey && !options.baseUrl) {
    throw new Error(
      "LLM extractor: set OPENAI_API_KEY, or give --base-url of a local OpenAI-compatible server",
    );
  }
  const prompt = loadPrompt(options.promptFile);
  const cache = new LlmCache(options.cacheDir ?? join(cacheDir(), "llm-replies"));
  await Deno.mkdir(cache.dir, { recursive: true });
  const maxRetries = Math.max(0, options.maxRetries ?? 2);
  const stats: LlmRunStats = { requests: 0, cached: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: apiKey || "no-key",
    maxRetries,
    timeout: options.timeoutMs ?? 60_000,
    logLevel: "off",
    fetch: (url: string | URL | Request, init?: RequestInit) => {
      stats.requests++;
      return fetch(url, init);
    },
  });
  const slots = new Slots(options.concurrency ?? 4);
  const extractor = `llm:${options.model}`;
  const redact = (s: string) => apiKey ? s.split(apiKey).join("[API key]") : s;

  const extract = async (modelId: string, card: ParsedCard, text: string): Promise<ExtractionRecord> => {
    const { fields, sources } = structuredFields(card);
    const record: ExtractionRecord = {
      model_id: modelId,
      extractor,
      fields: { ...fields },
      sources: { ...sources },
    };
    const request = cardPrompt(modelId, card, prompt, fields);
    if (!request) return record;
    const key: LlmCacheKey = {
      cardSha256: sha256Hex(new TextEncoder().encode(text)),
      promptVersion: prompt.version,
      model: options.model,
    };
    const requestSha256 = sha256Hex(new TextEncoder().encode(JSON.stringify([options.model, request])));
    const hit = await cache.get(key, requestSha256);
    if (hit) {
      stats.cached++;
      return merge(record, hit.fields, request.fields);
    }
    const answer = await slots.run(() =>
      askForFields(client, options.model, request, maxRetries + 1, redact)
    );
    stats.promptTokens += answer.usage.prompt;
    stats.completionTokens += answer.usage.completion;
    if (!answer.ok) {
      stats.failures++;
      return { ...record, error: answer.error };
    }
    await cache.put({
      key,
      requestSha256,
      fields: answer.fields,
      usage: answer.usage,
      received: new Date().toISOString(),
    });
    return merge(record, answer.fields, request.fields);
  };

  return {
    extract,
    stats: () => {
      const cost = costUsd(options.model, { prompt: stats.promptTokens, completion: stats.completionTokens });
      return { ...stats, ...cost === undefined ? {} : { costUsd: cost } };
    },
  };
}

// The model's non-empty answers for the fields it was asked, marked "llm".
function merge(
  record: ExtractionRecord,
  answer: Record<string, unknown>,
  asked: readonly Field[],
): ExtractionRecord {
  for (const f of FIELDS) {
    const v = answer[f];
    if (!asked.includes(f) || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    record.fields[f] = v;
    record.sources![f] = "llm";
  }
  return record;
}
