/**
 * Hyper-parameters and evaluation results written as tables or `name: value` lists: the Trainer card's
 * "The following hyperparameters were used during training" list, `| Hyperparameter | Value |` tables,
 * `batch_size = 96` lines under a Hyperparameters heading, and result tables of the evaluation section.
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import type { EvaluationResult, HyperParameter } from "./record.ts";

const HP_HEADING = /hyper-?\s?param|training (?:setup|config|settings|details|procedure|arguments)/i;
const HP_INTRO = /hyper-?\s?parameters?\b[^\n]{0,60}(?:used|were|during|:)/i;
const PAIR =
  /^\s*(?:[-*+]|\d+[.)])?\s*\**([A-Za-z][\w .()/-]{0,40}?)\**\s*(?::|=)\s*\**\s*([^\n]{1,120}?)\s*,?\s*$/;
const KEY_HEADER = /^(?:hyper-?\s?parameters?|parameters?|name|setting|config(?:uration)?|argument|key)$/i;

/**
 * Training hyper-parameters: from `name | value` tables whose header says hyper-parameter, and from `name: value`
 * or `name = value` lines (list items or code) under a hyper-parameter heading or introduction.
 *
 * @example
 * ```ts
 * hyperParameters(parseCard("The following hyperparameters were used during training:\n- learning_rate: 2e-05\n- num_epochs: 3\n"));
 * // [{ name: "learning_rate", value: "2e-05" }, { name: "num_epochs", value: "3" }]
 * ```
 */
export function hyperParameters(card: ParsedCard): HyperParameter[] {
  const out = new Map<string, string>();
  const add = (name: string, value: string) => {
    const n = name.trim().replace(/\s+/g, "_").toLowerCase();
    const v = value.trim().replace(/^["']|["']$/g, "");
    if (n && v && !out.has(n) && !/^(?:-+|n\/a|none|\[more information needed\])$/i.test(v)) out.set(n, v);
  };
  for (const t of card.tables) {
    const hpTable = t.header.some((h) => /hyper-?\s?param/i.test(h)) ||
      (KEY_HEADER.test(t.header[0] ?? "") && /^value/i.test(t.header[1] ?? "")) ||
      HP_HEADING.test(card.sections[t.section]?.heading ?? "");
    if (!hpTable || t.header.length < 2) continue;
    for (const row of t.rows) if (row.length >= 2) add(row[0], row[1]);
  }
  for (const s of card.sections) {
    const underHeading = HP_HEADING.test(s.heading);
    const sLines = s.text.split(/\r?\n/);
    let on = underHeading;
    for (const line of sLines) {
      if (!on && HP_INTRO.test(line)) {
        on = true;
        continue;
      }
      if (!on) continue;
      if (line.includes("|")) continue; // table rows are read above
      const m = PAIR.exec(line);
      if (m) add(m[1], m[2]);
      else if (!underHeading && line.trim() !== "" && !/^\s*```/.test(line)) on = false;
    }
  }
  return [...out].map(([name, value]) => ({ name, value }));
}

const NUMBER = /^[-+]?\d+(?:[.,]\d+)?\s*%?$/;

/**
 * Evaluation results from the tables of the evaluation section (or any table whose header names a metric):
 * a two-column `metric | value` table gives one result per row; a wider table gives one per numeric cell, the
 * row's first cell as dataset and the column header as metric, only the row of `modelId` when the table compares
 * several models. When the section has no numbers but links, one `{metric: "link"}` result per link.
 *
 * @example
 * ```ts
 * evaluationFromTables(parseCard("## Evaluation\n| Metric | Value |\n|---|---|\n| ROUGE-1 | 42.9 |\n"));
 * // [{ metric: "ROUGE-1", dataset: "", result: "42.9" }]
 * ```
 */
export function evaluationFromTables(card: ParsedCard, modelId = ""): EvaluationResult[] {
  const out: EvaluationResult[] = [];
  const name = modelId.split("/").pop()!.toLowerCase();
  for (const t of card.tables) {
    const inEval = card.sections[t.section]?.canonical === "evaluation";
    const metricHeader = t.header.some((h) =>
      /\b(?:acc(?:uracy)?|f1|bleu|rouge|wer|cer|exact|em|top-?[15]|map|auc)\b/i.test(h)
    );
    if (!inEval && !metricHeader) continue;
    if (t.header.length === 2 && t.rows.every((r) => r.length < 2 || NUMBER.test(r[1]) || r[1] === "")) {
      for (const r of t.rows) if (r[1]) out.push({ metric: r[0], dataset: "", result: r[1] });
      continue;
    }
    // a comparison table lists other models too: keep this model's row when it has one
    const own = name ? t.rows.filter((r) => (r[0] ?? "").toLowerCase().includes(name)) : [];
    for (const r of own.length > 0 ? own : t.rows) {
      for (let j = 1; j < r.length; j++) {
        if (NUMBER.test(r[j] ?? "")) out.push({ metric: t.header[j] ?? "", dataset: r[0], result: r[j] });
      }
    }
  }
  if (out.length > 0) return out;
  const evalText = card.canonical.evaluation.text;
  for (const line of evalText.split(/\r?\n/)) {
    const m = /^\s*[-*]?\s*\**([A-Za-z][\w .@/-]{0,40}?)\**\s*[:=]\s*\**\s*([-+]?\d+(?:\.\d+)?\s*%?)\s*,?\s*$/
      .exec(line);
    if (m) out.push({ metric: m[1].trim(), dataset: "", result: m[2] });
  }
  if (out.length > 0 || !card.canonical.evaluation.documented) return out;
  const links = evalText.match(/https?:\/\/[^\s)\]]+/g) ?? [];
  return links.slice(0, 3).map((url) => ({ metric: "link", dataset: "", result: url }));
}
