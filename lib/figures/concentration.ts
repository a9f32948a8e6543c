/**
 * How concentrated a quantity is over items: the share held by the top x% (e.g. downloads over models), on a
 * log axis so the head is readable.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { Figure } from "./figure.ts";

/** Options of {@linkcode concentrationFigure}. */
export interface ConcentrationOptions {
  /** Output of `concentrationCurve`: `top_share` (fraction of items, largest first) and `held`. */
  curve: pl.DataFrame;
  /** Output of `downloadsConcentration` (`top`, `fraction`, `share`): each row is marked and labelled. */
  marks?: pl.DataFrame;
  /** Label of the x axis, e.g. "Most downloaded models (share of all models)". */
  xLabel: string;
  /** Label of the y axis, e.g. "Share of all downloads". */
  yLabel: string;
  name: string;
  title: string;
  subtitle?: string;
  source: string;
}

/**
 * The concentration curve (x: top share of items on a log scale; y: share of the total they hold), with the
 * line of perfect equality dashed and the rows of `marks` as labelled dots.
 *
 * @example
 * ```ts
 * const fig = concentrationFigure({
 *   curve: concentrationCurve(models), marks: downloadsConcentration(models),
 *   xLabel: "Most downloaded models (share of all models)", yLabel: "Share of all downloads",
 *   name: "03_downloads_concentration", title: "Downloads concentrate on few models", source: "Hugging Face",
 * });
 * ```
 */
export function concentrationFigure(options: ConcentrationOptions): Figure {
  const curve = options.curve.toRecords().map((r) => ({ x: Number(r.top_share), y: Number(r.held) }))
    .filter((p) => p.x > 0);
  const xMin = Math.min(...curve.map((p) => p.x));
  const equality = [{ x: xMin, y: xMin }, { x: 1, y: 1 }];
  const dots = (options.marks?.toRecords() ?? []).map((r) => ({
    x: Number(r.fraction),
    y: Number(r.share),
    // Near 100% one decimal would round the last bit of the tail away.
    text: `${r.top}: ${(100 * Number(r.share)).toFixed(Number(r.share) >= 0.995 ? 2 : 1)}%`,
  }));
  return new Figure({
    name: options.name,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    height: 360,
    marginRight: 70,
    x: { type: "log", label: options.xLabel, tickFormat: "%", grid: true },
    y: { label: options.yLabel, domain: [0, 1], tickFormat: "%", grid: true },
    marks: [
      Plot.line(equality, { x: "x", y: "y", stroke: "#999", strokeDasharray: "4,3" }),
      Plot.line(curve, { x: "x", y: "y", stroke: "#4c78a8", strokeWidth: 2 }),
      Plot.dot(dots, { x: "x", y: "y", fill: "#e45756", r: 4 }),
      Plot.text(dots, { x: "x", y: "y", text: "text", textAnchor: "start", dx: 6, dy: 10 }),
    ],
  });
}
