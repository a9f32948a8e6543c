/**
 * `deno task bench cards`: every real model card of the shared corpora (lib/docgaps/corpora.ts: yinan, hamidah,
 * hn5318, mctidy, transformers) parsed and heuristic-extracted in one fresh process (target: ≥ 500 cards/s),
 * then the LLM path's prompt tokens per card against whole-card prompting on the same cards (target: ≤ 40%),
 * with the process's peak RSS. Run as a script with `--child`, this file is that process.
 *
 * @module
 */
import process from "node:process";
import { REPO_ROOT } from "../lib/paths.ts";
import type { BenchRow } from "./import_bench.ts";
import { measure } from "./measure.ts";

/** What the child process reports. */
interface CardsRun {
  cards: number;
  corpora: Record<string, number>;
  loadSeconds: number;
  extractSeconds: number;
  /** CPU seconds of the extraction: the machine may be shared, so wall time alone can mislead. */
  extractCpuSeconds: number;
  tokenSeconds: number;
  tokens: { ours: number; wholeCard: number; noRequest: number };
}

/**
 * Runs the cards benchmark in a fresh process and returns its rows.
 *
 * @example
 * ```ts
 * const rows = await benchCards();
 * rows[1].stage; // "parse + heuristic extract, 4,2xx cards (… cards/s)"
 * ```
 */
export async function benchCards(): Promise<BenchRow[]> {
  const m = await measure([Deno.execPath(), "run", "-A", "bench/cards_bench.ts", "--child"], REPO_ROOT);
  if (m.code !== 0) throw new Error(`cards benchmark failed:\n${m.stderr}`);
  const r = JSON.parse(m.stdout.trim().split("\n").pop()!) as CardsRun;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  const rate = r.cards / r.extractSeconds;
  const ratio = r.tokens.ours / r.tokens.wholeCard;
  const corpora = Object.entries(r.corpora).map(([c, n]) => `${c} ${fmt(n)}`).join(", ");
  return [
    {
      stage: `load the card corpora (${corpora})`,
      seconds: r.loadSeconds,
      peakMiB: m.peakMiB,
      target: "",
      ok: true,
    },
    {
      stage: `parse + heuristic extract, ${fmt(r.cards)} cards (${fmt(rate)} cards/s; ${
        fmt(r.cards / r.extractCpuSeconds)
      } per CPU second)`,
      seconds: r.extractSeconds,
      peakMiB: m.peakMiB,
      target: "≥ 500 cards/s",
      ok: rate >= 500,
    },
    {
      stage: `LLM prompt tokens/card: ${fmt(r.tokens.ours / r.cards)} vs whole card ${
        fmt(r.tokens.wholeCard / r.cards)
      } (${(100 * ratio).toFixed(1)}%; ${fmt(r.tokens.noRequest)} cards need no request)`,
      seconds: r.tokenSeconds,
      peakMiB: m.peakMiB,
      target: "≤ 40%",
      ok: ratio <= 0.4,
    },
  ];
}

async function child(): Promise<CardsRun> {
  const { loadCardCorpora } = await import("../lib/docgaps/corpora.ts");
  const { parseCard } = await import("../lib/cards/parse.ts");
  const { extractHeuristic } = await import("../lib/extract/heuristic.ts");
  const { promptTokens } = await import("../lib/extract/llm_prompt.ts");

  let t = performance.now();
  const frame = await loadCardCorpora();
  const ids = frame.getColumn("model_id").toArray() as string[];
  const texts = (frame.getColumn("text").toArray() as (string | null)[]).map((s) => s ?? "");
  const tags = (frame.getColumn("tags").toArray() as unknown as (Iterable<string> | null)[]).map((t) =>
    t ? [...t] : []
  );
  const corpora: Record<string, number> = {};
  for (const c of frame.getColumn("corpus").toArray() as string[]) corpora[c] = (corpora[c] ?? 0) + 1;
  const loadSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const cpu = process.cpuUsage();
  let fields = 0;
  for (let i = 0; i < texts.length; i++) {
    fields += Object.keys(extractHeuristic(ids[i], parseCard(texts[i]), tags[i]).fields).length;
  }
  const extractSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const extractCpuSeconds = (used.user + used.system) / 1e6;
  if (fields === 0) throw new Error("the heuristic extractor found nothing in any card");

  t = performance.now();
  const tokens = { ours: 0, wholeCard: 0, noRequest: 0 };
  for (let i = 0; i < texts.length; i++) {
    const { ours, wholeCard } = promptTokens(parseCard(texts[i]), texts[i], ids[i]);
    tokens.ours += ours;
    tokens.wholeCard += wholeCard;
    if (ours === 0) tokens.noRequest++;
  }
  const tokenSeconds = (performance.now() - t) / 1000;
  return {
    cards: texts.length,
    corpora,
    loadSeconds,
    extractSeconds,
    extractCpuSeconds,
    tokenSeconds,
    tokens,
  };
}

if (import.meta.main && Deno.args[0] === "--child") console.log(JSON.stringify(await child()));
