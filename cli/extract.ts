/**
 * `deno task extract`: metadata of model cards, one JSON line per model, by the heuristic extractor (front
 * matter, tables, text patterns; no network) or an LLM (any OpenAI-compatible endpoint).
 *
 * @module
 */
import { parseCard } from "../lib/cards/parse.ts";
import { type CardInput, openCards } from "../lib/cards/sources.ts";
import { Progress } from "../lib/cli/progress.ts";
import { extractHeuristic } from "../lib/extract/heuristic.ts";
import type { LlmExtractor, LlmRunStats } from "../lib/extract/llm_extractor.ts";
import type { ExtractionRecord } from "../lib/extract/record.ts";
import { atomicWriteFile } from "../lib/store/atomic.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task extract --cards <spec> [--cards-root <dir>] --extractor heuristic|llm --out <file.jsonl>
                    [--model <name> --base-url <url> --concurrency <n> --cache-dir <dir>]

Reads model cards and writes one JSON line per model: {"model_id", "extractor", "fields", "sources"?, "error"?}
with the fields of prompts/schema/metadata.v1.json (a field not found is left out).

  --cards <spec>       a directory of cards (<owner>/<name>/README.md, <owner>@<name>/1_raw.md or
                       <owner>_<name>.md), a ptmscope dataset (its cards table), or a JSON index
                       {model_id: card path} (also {"index": {...}}, as _derived/groundtruth_card_index.json)
  --cards-root <dir>   directory the index's paths are relative to (default: the index file's directory)
  --extractor <name>   heuristic (deterministic, offline) or llm
  --out <file.jsonl>   output, written atomically when every card is done

LLM extractor (the card's front matter answers what it can; the model is asked for the rest):
  --model <name>       model name at the endpoint (required), e.g. gpt-4o-mini
  --base-url <url>     OpenAI-compatible endpoint (default: OpenAI); the key is read from OPENAI_API_KEY
  --concurrency <n>    requests at once (default 4)
  --cache-dir <dir>    reply cache (default data/cache/llm-replies): a rerun resumes from it for free

Example:
  deno task extract --cards ../shared/data/_derived/groundtruth_card_index.json --cards-root ../shared/data \\
    --extractor heuristic --out heuristic.jsonl
`;

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    cards: { type: "string" },
    "cards-root": { type: "string" },
    extractor: { type: "string" },
    out: { type: "string" },
    model: { type: "string" },
    "base-url": { type: "string" },
    concurrency: { type: "string" },
    "cache-dir": { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.cards) throw new UsageError("--cards is required");
  if (!values.out) throw new UsageError("--out is required");
  const kind = values.extractor;
  if (kind !== "heuristic" && kind !== "llm") {
    throw new UsageError(`--extractor must be heuristic or llm, got "${kind ?? ""}"`);
  }
  const concurrency = Number(values.concurrency ?? "4");
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`--concurrency must be a positive integer, got "${values.concurrency}"`);
  }
  const llm = kind === "llm" ? await openLlm(values, concurrency) : null;

  const source = await openCards(values.cards, { cardsRoot: values["cards-root"] });
  const bar = new Progress(`extract (${kind})`, { total: source.total, unit: "cards" });
  const records: ExtractionRecord[] = [];
  const pending = new Set<Promise<void>>();
  let failures = 0;
  for await (const input of source.cards) {
    const slot = records.length;
    records.push({ model_id: input.model_id, extractor: kind, fields: {} });
    const job = extractOne(input, llm).then((rec) => {
      records[slot] = rec;
      if (rec.error) {
        failures++;
        console.error(`warning: ${input.model_id}: ${rec.error}`);
      }
      bar.tick();
    });
    if (!llm) {
      await job;
      continue;
    }
    pending.add(job);
    job.finally(() => pending.delete(job));
    // read ahead a little more than the request slots, so they stay busy
    if (pending.size >= concurrency * 2) await Promise.race(pending);
  }
  await Promise.all(pending);
  bar.done();
  await atomicWriteFile(
    values.out,
    records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : ""),
  );
  console.log(
    `${records.length} cards (${source.kind}) → ${values.out}` +
      (failures ? `; ${failures} with errors` : ""),
  );
  if (llm) console.log(formatStats(llm.stats()));
}

async function extractOne(input: CardInput, llm: LlmExtractor | null): Promise<ExtractionRecord> {
  try {
    const card = parseCard(input.text);
    return llm
      ? await llm.extract(input.model_id, card, input.text)
      : extractHeuristic(input.model_id, card, input.tags);
  } catch (err) {
    return {
      model_id: input.model_id,
      extractor: llm ? "llm" : "heuristic",
      fields: {},
      error: `card of ${input.model_id}: ${(err as Error).message}`,
    };
  }
}

async function openLlm(values: Record<string, string | boolean | undefined>, concurrency: number) {
  const model = values.model;
  if (typeof model !== "string" || model === "") throw new UsageError("--extractor llm needs --model");
  const { createLlmExtractor } = await import("../lib/extract/llm_extractor.ts");
  return await createLlmExtractor({
    model,
    baseUrl: values["base-url"] as string | undefined,
    apiKey: Deno.env.get("OPENAI_API_KEY"),
    cacheDir: values["cache-dir"] as string | undefined,
    concurrency,
  });
}

function formatStats(s: LlmRunStats): string {
  const cost = s.costUsd === undefined
    ? "cost unknown (model not in lib/extract/data/llm_prices.json)"
    : `$${s.costUsd.toFixed(4)}`;
  return `llm: ${s.requests} requests, ${s.cached} cached, ${s.failures} failed; ` +
    `${s.promptTokens} prompt + ${s.completionTokens} completion tokens; ${cost}`;
}

if (import.meta.main) await runCommand(USAGE, main);
