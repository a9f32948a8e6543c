/** Fixed data shared by the figure tests: 20 made-up pipeline tags with decreasing counts. */
import * as Plot from "@observablehq/plot";
import type { RenderOptions } from "../../lib/figures/render.ts";

export const TAGS = [
  "text-generation",
  "text-classification",
  "feature-extraction",
  "fill-mask",
  "token-classification",
  "automatic-speech-recognition",
  "image-classification",
  "text2text-generation",
  "sentence-similarity",
  "question-answering",
  "reinforcement-learning",
  "text-to-image",
  "translation",
  "summarization",
  "audio-classification",
  "object-detection",
  "image-segmentation",
  "zero-shot-classification",
  "text-to-speech",
  "image-to-text",
];

export const COUNTS = TAGS.map((tag, i) => ({ tag, models: Math.round(150_000 / (i + 1)) }));

/** A horizontal bar chart of COUNTS with every text element a figure can have. */
export function barChart(extra: Partial<RenderOptions> = {}): RenderOptions {
  return {
    title: "Models by pipeline tag",
    subtitle: "20 most common tags",
    caption: "Source: test fixture",
    marks: [Plot.barX(COUNTS, { x: "models", y: "tag", sort: { y: "-x" } }), Plot.ruleX([0])],
    x: { label: "Models", grid: true },
    y: { label: "Pipeline tag" },
    ...extra,
  };
}

/** Width and height of a PNG, read from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
