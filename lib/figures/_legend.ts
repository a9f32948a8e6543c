/**
 * Plot draws swatch legends as HTML (`<div>` of `<span>`s), which an SVG file cannot hold: this redraws them as SVG
 * so a figure with a colour legend still saves as one standalone SVG.
 *
 * @module
 */
import { escapeXml, textWidth } from "./_text.ts";

const SWATCH = 15;
const GAP = 6;
const ITEM_GAP = 14;
const ROW = 20;

/** An SVG fragment and the vertical space it takes. */
export interface Block {
  svg: string;
  height: number;
}

/**
 * Lays the swatches of a Plot legend `<div>` out left to right, wrapping at `width`. Each swatch keeps Plot's own
 * little `<svg>` (colour rect or symbol path), so colours and symbols match the chart exactly.
 */
export function swatchesToSvg(div: Element, width: number, fontSize: number, x0: number): Block {
  const items = [...div.querySelectorAll("span")].filter((span) => span.querySelector("svg") !== null);
  const parts: string[] = [];
  let x = x0;
  let y = 0;
  for (const span of items) {
    const swatch = span.querySelector("svg")!;
    const label = span.textContent ?? "";
    const itemWidth = SWATCH + GAP + textWidth(label, fontSize);
    if (x > x0 && x + itemWidth > width - x0) {
      x = x0;
      y += ROW;
    }
    swatch.setAttribute("x", String(round(x)));
    swatch.setAttribute("y", String(y + (ROW - SWATCH) / 2));
    swatch.setAttribute("width", String(SWATCH));
    swatch.setAttribute("height", String(SWATCH));
    parts.push(swatch.outerHTML);
    const baseline = round(y + ROW / 2 + fontSize * 0.35);
    parts.push(`<text x="${round(x + SWATCH + GAP)}" y="${baseline}">${escapeXml(label)}</text>`);
    x += itemWidth + ITEM_GAP;
  }
  const height = items.length === 0 ? 0 : y + ROW;
  return { svg: `<g text-anchor="start" font-size="${fontSize}">${parts.join("")}</g>`, height };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
