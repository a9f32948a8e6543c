/**
 * Shortens card text before it is sent to an LLM, dropping what costs tokens and answers no field: images and
 * badges, HTML comments and tags, the tail of long tables (model comparisons of hundreds of rows) and of long
 * code blocks (a usage snippet's first lines say how to use the model), and the tail of a section beyond its
 * token budget (a section states what it is about first; its tail is mostly detail no field asks for).
 *
 * @module
 */
import { estimateTokens } from "./token_estimate.ts";

/** How much of tables, code blocks and the whole text to keep. */
export interface CompactLimits {
  /** Table rows kept after the header. @default 6 */
  tableRows?: number;
  /** Lines kept of a code block. @default 10 */
  codeLines?: number;
  /** Estimated tokens of prose and code kept: the first lines that fit; tables stay. @default unlimited */
  tokens?: number;
}

/**
 * The compacted text. Table rows beyond the limit are kept when they mention one of `keep` (the model's own
 * row in a comparison table); what was cut is stated in place, so the reader knows the text goes on.
 *
 * @param text markdown
 * @param keep case-insensitive strings whose table rows are always kept (e.g. the model's name)
 * @param limits how much of tables and code to keep
 * @example
 * ```ts
 * compactMarkdown("![badge](https://x/y.svg)\nA model.", []); // "A model."
 * ```
 */
export function compactMarkdown(text: string, keep: readonly string[], limits: CompactLimits = {}): string {
  const tableRows = limits.tableRows ?? 6;
  const codeLines = limits.codeLines ?? 10;
  const needles = keep.map((k) => k.toLowerCase()).filter((k) => k.length >= 3);
  const out: string[] = [];
  const lines = text.replace(/<!--[\s\S]*?-->/g, "").split("\n");
  let fence: string | null = null;
  let codeSeen = 0;
  let tableSeen = 0;
  let cut = 0;
  const flushCut = (what: string) => {
    if (cut > 0) out.push(`(… ${cut} more ${what})`);
    cut = 0;
  };
  for (const line of lines) {
    if (fence !== null) {
      if (line.trim().startsWith(fence)) {
        flushCut("lines");
        out.push(line);
        fence = null;
      } else if (++codeSeen <= codeLines) out.push(line);
      else cut++;
      continue;
    }
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1];
      codeSeen = 0;
      out.push(line);
      continue;
    }
    if (/^\s*\|/.test(line)) {
      tableSeen++;
      // header and separator, then the first rows and the rows naming the model
      if (tableSeen <= tableRows + 2 || needles.some((n) => line.toLowerCase().includes(n))) out.push(line);
      else cut++;
      continue;
    }
    if (tableSeen > 0) flushCut("rows");
    tableSeen = 0;
    const prose = line
      .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, "")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/<img\b[^>]*>/gi, "")
      .replace(/<\/?(?:p|div|span|br|center|b|i|strong|em|sup|sub|font|details|summary)\b[^>]*>/gi, "");
    if (prose.trim() === "" && line.trim() !== "") continue;
    out.push(prose);
  }
  flushCut(fence !== null ? "lines" : "rows");
  const compact = out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return limits.tokens === undefined ? compact : withinTokens(compact, limits.tokens);
}

// `text` within `budget` estimated tokens: its prose and code up to the first line that does not fit; then its
// tables still, since compaction already bounded them and they hold the facts fields ask for (sizes, scores).
function withinTokens(text: string, budget: number): string {
  const out: string[] = [];
  let used = 0;
  let full = false;
  let cut = 0;
  const keep = (line: string) => {
    if (cut > 0) out.push(`(… ${cut} more lines)`);
    cut = 0;
    out.push(line);
  };
  const fits = (line: string) => {
    const cost = estimateTokens(line) + 1;
    full ||= used + cost > budget;
    if (!full) used += cost;
    return !full;
  };
  const lines = text.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const open = /^\s*(`{3,}|~{3,})/.exec(lines[k]);
    if (!open) {
      if (fits(lines[k]) || /^\s*\|/.test(lines[k])) keep(lines[k]);
      else cut++;
      continue;
    }
    let end = k + 1;
    while (end < lines.length && !lines[end].trim().startsWith(open[1])) end++;
    const body = lines.slice(k + 1, end);
    const shown: string[] = [];
    for (const l of body) {
      if (!fits(l)) break;
      shown.push(l);
    }
    if (shown.length > 0) {
      keep(lines[k]);
      out.push(...shown);
      cut = body.length - shown.length;
      keep(open[1]);
    } else cut += body.length + 2;
    k = end;
  }
  if (cut > 0) out.push(`(… ${cut} more lines)`);
  return out.join("\n");
}
