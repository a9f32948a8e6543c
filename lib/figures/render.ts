/**
 * Observable Plot options → one standalone, deterministic SVG string, rendered without a browser.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { rampCanvas } from "./_canvas.ts";
import { swatchesToSvg } from "./_legend.ts";
import { fitMargins, type PlotOptions } from "./_margins.ts";
import { escapeXml, wrapText } from "./_text.ts";

/** The only font family figures use: PNG rendering loads exactly this font, so SVG and PNG agree. */
export const FONT_FAMILY = "DejaVu Sans";
/** Default figure width in pixels. */
export const DEFAULT_WIDTH = 720;
/** Default font size in pixels for axes, tick labels and legends. */
export const DEFAULT_FONT_SIZE = 12;

/** Plot options plus plain-text title, subtitle and caption, which are drawn inside the SVG. */
export interface RenderOptions extends Omit<Plot.PlotOptions, "title" | "subtitle" | "caption" | "document"> {
  /** Bold heading above the chart; wrapped to the figure width. */
  title?: string;
  /** Second heading line(s) under the title. */
  subtitle?: string;
  /** Small grey line(s) under the chart, e.g. the data source. */
  caption?: string;
}

const PAD = 10;
const TITLE = { size: 16, lineHeight: 21, fill: "currentColor", bold: true };
const SUBTITLE = { size: 13, lineHeight: 18, fill: "#444", bold: false };
const CAPTION = { size: 11, lineHeight: 15, fill: "#555", bold: false };
const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/**
 * Renders Plot options to a standalone SVG document: `xmlns` set, title/subtitle/caption and swatch legends drawn
 * as SVG, font fixed to DejaVu Sans, margins widened to fit the tick labels, and clip-path ids numbered from 1 so
 * the same options and data always give the same bytes.
 *
 * @param options Plot options; `width` defaults to 720 and `style` to DejaVu Sans 12px.
 * @returns The SVG document as a string.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * const svg = renderSvg({
 *   title: "Models per hub",
 *   caption: "Source: PeaTMOSS",
 *   marks: [Plot.barX([{ hub: "hf", n: 3 }, { hub: "pytorch", n: 1 }], { x: "n", y: "hub" })],
 * });
 * ```
 */
export function renderSvg(options: RenderOptions): string {
  const { title, subtitle, caption, ...rest } = options;
  const fontSize = fontSizeOf(rest.style);
  const plotOptions: PlotOptions = {
    width: DEFAULT_WIDTH,
    ...rest,
    style: withFont(rest.style, fontSize),
  };
  let chart = plot(plotOptions);
  const fitted = fitMargins(chart, plotOptions, fontSize);
  if (fitted !== null) chart = plot(fitted);
  return stableIds(compose(chart, { title, subtitle, caption }, fontSize));
}

function plot(options: PlotOptions): Element & Plot.Plot {
  // A fresh document per render keeps renders independent of each other.
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const createElement = document.createElement.bind(document);
  document.createElement =
    ((tag: string) =>
      tag.toLowerCase() === "canvas" ? rampCanvas() : createElement(tag)) as typeof document.createElement;
  try {
    return Plot.plot({ ...options, document: document as unknown as Document }) as unknown as
      & Element
      & Plot.Plot;
  } catch (err) {
    throw new Error(
      `Observable Plot could not render the figure server-side: ${(err as Error).message} ` +
        `(raster marks and canvas-based features need a browser)`,
      { cause: err },
    );
  }
}

function fontSizeOf(style: RenderOptions["style"]): number {
  if (style === undefined || style === null) return DEFAULT_FONT_SIZE;
  if (typeof style === "string") {
    throw new TypeError(
      `figure style must be an object such as { fontSize: "12px" }, got the string ${JSON.stringify(style)}`,
    );
  }
  const size = style.fontSize;
  if (size === undefined || size === "") return DEFAULT_FONT_SIZE;
  const px = /^(\d+(?:\.\d+)?)(px)?$/.exec(String(size));
  if (px === null) throw new TypeError(`figure style.fontSize must be in pixels like "12px", got "${size}"`);
  return Number(px[1]);
}

function withFont(style: RenderOptions["style"], fontSize: number): Partial<CSSStyleDeclaration> {
  const object = typeof style === "object" && style !== null ? style : {};
  return { ...object, fontFamily: FONT_FAMILY, fontSize: `${fontSize}px` };
}

interface Texts {
  title?: string;
  subtitle?: string;
  caption?: string;
}

/** Stacks header text, legends, the chart and the caption into one `<svg>`. */
function compose(chart: Element, texts: Texts, fontSize: number): string {
  const parts = chart.tagName.toLowerCase() === "svg" ? [chart] : [...chart.children];
  const main = parts.find((p) =>
    p.tagName.toLowerCase() === "svg" && !p.getAttribute("class")?.includes("-ramp")
  );
  const width = Number(main?.getAttribute("width") ?? DEFAULT_WIDTH);
  const body: string[] = [];
  const styles = new Set<string>();
  let y = PAD / 2;

  y = textLines(body, texts.title, TITLE, width, y);
  y = textLines(body, texts.subtitle, SUBTITLE, width, y);
  if (texts.title || texts.subtitle) y += PAD / 2;

  for (const part of parts) {
    const tag = part.tagName.toLowerCase();
    if (tag === "svg") {
      for (const style of part.querySelectorAll("style")) {
        styles.add(style.textContent ?? "");
        style.remove();
      }
      // Ramp legends start their tick labels at x = 0; indent them like the text so the first label shows.
      const x = part === main ? 0 : PAD;
      body.push(
        `<g transform="translate(${x},${y})"${copiedAttributes(part, fontSize)}>${part.innerHTML}</g>`,
      );
      y += Number(part.getAttribute("height") ?? 0);
    } else if (tag === "div") {
      const block = swatchesToSvg(part, width, fontSize, PAD);
      body.push(`<g transform="translate(0,${y})">${block.svg}</g>`);
      y += block.height + PAD / 2;
    }
  }

  if (texts.caption) y = textLines(body, texts.caption, CAPTION, width, y + PAD / 2);
  const height = Math.ceil(y + PAD / 2);
  const className = main?.getAttribute("class") ?? "";
  return [
    `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" class="${escapeXml(className)}" width="${width}" `,
    `height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${fontSize}">`,
    [...styles].map((css) => `<style>${css}</style>`).join(""),
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    `</svg>\n`,
  ].join("");
}

const DROPPED = new Set(["width", "height", "viewbox", "font-family", "font-size", "xmlns", "xmlns:xlink"]);

/** The chart's presentation attributes (fill, text-anchor, class, style), minus its geometry and font. */
function copiedAttributes(svg: Element, fontSize: number): string {
  const kept = [...svg.attributes]
    .filter((a) => !DROPPED.has(a.name.toLowerCase()))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ` ${a.name}="${escapeXml(a.value)}"`);
  return `${kept.join("")} font-size="${fontSize}"`;
}

function textLines(
  out: string[],
  text: string | undefined,
  look: typeof TITLE,
  width: number,
  top: number,
): number {
  if (!text) return top;
  const weight = look.bold ? ` font-weight="bold"` : "";
  for (const line of wrapText(text, width - 2 * PAD, look.size, look.bold)) {
    const baseline = Math.round((top + look.size) * 100) / 100;
    out.push(
      `<text x="${PAD}" y="${baseline}" font-size="${look.size}" fill="${look.fill}"${weight}>` +
        `${escapeXml(line)}</text>`,
    );
    top += look.lineHeight;
  }
  return top;
}

/**
 * Plot numbers clip paths, patterns and markers with process-wide counters, so the second render of the same chart
 * would differ from the first. Renumber each kind from 1 in document order, and prefix a hash of the figure so two
 * different figures inlined in one notebook page do not point at each other's clip paths.
 */
function stableIds(svg: string): string {
  const pattern = /\bplot-(clip|pattern|marker)-(\d+)/g;
  const ids = new Map<string, string>();
  const perKind = new Map<string, number>();
  const sequential = svg.replace(pattern, (id, kind: string) => {
    if (!ids.has(id)) {
      const n = (perKind.get(kind) ?? 0) + 1;
      perKind.set(kind, n);
      ids.set(id, `plot-${kind}-${n}`);
    }
    return ids.get(id)!;
  });
  if (ids.size === 0) return svg;
  const hash = fnv1a(sequential);
  return sequential.replace(pattern, (_, kind: string, n: string) => `plot-${kind}-${hash}-${n}`);
}

/** 32-bit FNV-1a as 8 hex digits: tiny, synchronous and stable, all that an id prefix needs. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
