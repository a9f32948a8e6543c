/**
 * The most common chart of a dataset overview: how many models fall under each value, largest first.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { Figure } from "./figure.ts";

/** Options of {@linkcode rankedBars}. */
export interface RankedBarsOptions {
  /** Output of `countBy`: the value column, `count` and `share`. */
  counts: pl.DataFrame;
  /** Name of the value column in `counts`. */
  column: string;
  /** File stem, e.g. `01_models_by_library`. */
  name: string;
  title: string;
  subtitle?: string;
  source: string;
  /** Label of the value axis, e.g. "Library". */
  label: string;
  /** How a missing value is shown. @default "(none)" */
  nullLabel?: string;
}

/**
 * Horizontal bars of `count` per value, in the order of `counts` (most frequent first), each labelled with its
 * count and share.
 *
 * @example
 * ```ts
 * const fig = rankedBars({
 *   counts: countBy(models, "library", { top: 20 }), column: "library", label: "Library",
 *   name: "01_models_by_library", title: "Models by library", source: "Hugging Face /api/models, 2024-07-11",
 * });
 * await fig.save();
 * ```
 */
export function rankedBars(options: RankedBarsOptions): Figure {
  const { counts, column, label, nullLabel = "(none)" } = options;
  const rows = counts.toRecords().map((r) => ({
    value: r[column] === null ? nullLabel : String(r[column]),
    count: Number(r.count),
    text: `${Number(r.count).toLocaleString("en-US")} (${(100 * Number(r.share)).toFixed(1)}%)`,
  }));
  const max = Math.max(1, ...rows.map((r) => r.count));
  return new Figure({
    name: options.name,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    height: 40 + 22 * rows.length,
    marginRight: 110,
    x: { label: "Models", grid: true, domain: [0, max * 1.02], tickFormat: "~s" },
    y: { label, domain: rows.map((r) => r.value) },
    marks: [
      Plot.barX(rows, { x: "count", y: "value", fill: "#4c78a8" }),
      Plot.text(rows, { x: "count", y: "value", text: "text", textAnchor: "start", dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}
