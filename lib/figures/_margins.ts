/**
 * Plot's default margins are sized for 10px system-ui text and short labels; with 12px DejaVu Sans and long
 * category names (pipeline tags, licence ids) tick labels would be cut off at the figure edge. Plot cannot measure
 * text without a browser, so the first render is inspected here and, when labels overflow, the margins Plot should
 * have used are returned for a second render. Margins the caller set explicitly are never changed.
 *
 * @module
 */
import type * as Plot from "@observablehq/plot";
import { textWidth } from "./_text.ts";

/** Plot options as passed to `Plot.plot`, without the document. */
export type PlotOptions = Omit<Plot.PlotOptions, "title" | "subtitle" | "caption" | "document">;

/** Room kept between a label and the figure edge. */
const EDGE = 4;
/** Category labels are rotated this much when they would overlap horizontally. */
const ROTATE = -45;
const SIN = Math.SQRT1_2;

interface Label {
  x: number;
  y: number;
  width: number;
  anchor: string;
}

/**
 * Returns options with widened margins (and rotated x tick labels when they collide) if the rendered `chart`
 * has labels running past its edges; `null` when the chart fits as rendered.
 */
export function fitMargins(
  chart: Element & Plot.Plot,
  options: PlotOptions,
  fontSize: number,
): PlotOptions | null {
  const margins: Record<string, number> = {};
  const width = Number(svgOf(chart).getAttribute("width"));
  const xLabels = labels(chart, "x-axis tick label", fontSize);
  const xOptions = { ...(options.x ?? {}) };
  let rotated = false;

  if (xOptions.tickRotate === undefined && overlap(xLabels)) {
    xOptions.tickRotate = ROTATE;
    rotated = true;
    if (options.marginBottom === undefined && options.margin === undefined) {
      const longest = Math.max(...xLabels.map((l) => l.width));
      const axisLabel = chart.querySelector('g[aria-label="x-axis label"]') ? fontSize + 8 : 0;
      margins.marginBottom = Math.ceil(9 + (longest + fontSize) * SIN + axisLabel + EDGE);
    }
  } else if (options.marginBottom === undefined && options.margin === undefined && xLabels.length > 0) {
    // Plot leaves room for one 10px line of tick labels above a bottom axis label; larger text needs more.
    const axisLabel = chart.querySelector('g[aria-label="x-axis label"] text');
    const height = Number(svgOf(chart).getAttribute("height"));
    const bottom = axisLabel !== null && xLabels[0].y > height / 2;
    if (bottom && fontSize > 10) margins.marginBottom = Math.ceil(9 + 2.2 * fontSize + 2);
  }

  if (options.marginLeft === undefined && options.margin === undefined) {
    const yLabels = labels(chart, "y-axis tick label", fontSize).filter((l) => l.anchor === "end");
    const rotatedTitle = chart.querySelector('g[aria-label="y-axis label"] text[transform*="rotate"]');
    const reserve = EDGE + (rotatedTitle ? fontSize + 6 : 0);
    let deficit = Math.max(0, ...yLabels.map((l) => reserve - (l.x - l.width)));
    // Rotated x labels hang down-left from their tick; the first ones may run past the left edge.
    // The glyphs' height adds to the horizontal reach of rotated text, hence the extra fontSize.
    if (rotated) {
      deficit = Math.max(
        deficit,
        ...xLabels.map((l) => EDGE - (l.x - (l.width + fontSize) * SIN)),
      );
    }
    const axisX = Math.min(...yLabels.map((l) => l.x + 9), xRange(chart)?.[0] ?? Infinity);
    if (deficit > 0 && Number.isFinite(axisX)) margins.marginLeft = Math.ceil(axisX + deficit);
  }

  if (!rotated && options.marginRight === undefined && options.margin === undefined) {
    const overflow = Math.max(0, ...xLabels.map((l) => right(l) - (width - EDGE)));
    const rangeEnd = xRange(chart)?.[1];
    if (overflow > 0 && rangeEnd !== undefined) margins.marginRight = Math.ceil(width - rangeEnd + overflow);
  }

  if (!rotated && Object.keys(margins).length === 0) return null;
  return { ...options, ...margins, ...(rotated ? { x: xOptions } : {}) };
}

/** The x scale's pixel range: [left, right] edge of the plot area (inside the margins). */
function xRange(chart: Plot.Plot): number[] | undefined {
  const range = chart.scale("x")?.range;
  return range === undefined ? undefined : [...range].map(Number);
}

function svgOf(chart: Element): Element {
  return chart.tagName.toLowerCase() === "svg"
    ? chart
    : chart.querySelector("svg:not([class*='-ramp'])") ?? chart;
}

/** Tick labels of one axis with their anchor point in figure coordinates. */
function labels(chart: Element, ariaLabel: string, fontSize: number): Label[] {
  const out: Label[] = [];
  for (const group of chart.querySelectorAll(`g[aria-label="${ariaLabel}"]`)) {
    const [gx, gy] = translate(group.getAttribute("transform"));
    const anchor = group.getAttribute("text-anchor") ?? "middle";
    for (const text of group.querySelectorAll("text")) {
      const [tx, ty] = translate(text.getAttribute("transform"));
      const lines = [...text.querySelectorAll("tspan")].map((t) => t.textContent ?? "");
      const content = lines.length > 0 ? lines : [text.textContent ?? ""];
      const width = Math.max(...content.map((line) => textWidth(line, fontSize)));
      out.push({ x: gx + tx, y: gy + ty, width, anchor });
    }
  }
  return out;
}

function translate(transform: string | null): [number, number] {
  const m = /translate\(\s*(-?[\d.]+)(?:[ ,]\s*(-?[\d.]+))?\s*\)/.exec(transform ?? "");
  return m === null ? [0, 0] : [Number(m[1]), Number(m[2] ?? 0)];
}

function left(l: Label): number {
  return l.anchor === "end" ? l.x - l.width : l.anchor === "start" ? l.x : l.x - l.width / 2;
}

function right(l: Label): number {
  return l.anchor === "end" ? l.x : l.anchor === "start" ? l.x + l.width : l.x + l.width / 2;
}

/** True when neighbouring labels on the same row would touch. */
function overlap(ls: Label[]): boolean {
  const sorted = [...ls].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a.y === b.y && right(a) + 2 > left(b)) return true;
  }
  return false;
}
