/**
 * SVG → PNG with resvg, using only the DejaVu fonts shipped in node_modules so the text in the PNG is the text of
 * the SVG on every machine.
 *
 * @module
 */
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Options for {@linkcode svgToPng}. */
export interface PngOptions {
  /**
   * Pixels per SVG unit; 2 gives crisp figures on high-density screens and in papers.
   * @default {2}
   */
  scale?: number;
}

/** The faces figures use: regular and bold titles, oblique for completeness. */
const FACES = [
  "DejaVuSans.ttf",
  "DejaVuSans-Bold.ttf",
  "DejaVuSans-Oblique.ttf",
  "DejaVuSans-BoldOblique.ttf",
];

let fontFiles: string[] | undefined;

/**
 * Paths of the DejaVu Sans font files. Resolved like an import from this module, not from the working directory,
 * because notebooks run with cwd = notebooks/. Without these files resvg silently drops every text element.
 */
export function dejavuFontFiles(): string[] {
  if (fontFiles === undefined) {
    let pkg: string;
    try {
      pkg = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json");
    } catch (err) {
      throw new Error(
        `cannot find the npm package dejavu-fonts-ttf from ${import.meta.url} (run \`npm ci\` at the repo root)`,
        { cause: err },
      );
    }
    const files = FACES.map((face) => join(dirname(pkg), "ttf", face));
    for (const file of files) {
      try {
        Deno.statSync(file);
      } catch (err) {
        throw new Error(`font file ${file} is missing: PNG figures would have no text`, { cause: err });
      }
    }
    fontFiles = files;
  }
  return fontFiles;
}

/**
 * Rasterises an SVG document to PNG bytes on a white background. The same SVG always gives the same bytes.
 *
 * @param svg A standalone SVG document, e.g. from {@linkcode renderSvg}.
 * @param options `scale` (default 2).
 * @returns The PNG file contents.
 * @example
 * ```ts
 * const png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { scale: 1 });
 * await Deno.writeFile("dot.png", png);
 * ```
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  if (!(scale > 0)) throw new RangeError(`PNG scale must be a positive number, got ${scale}`);
  const resvg = new Resvg(svg, {
    font: { fontFiles: dejavuFontFiles(), loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    logLevel: "off",
  });
  return new Uint8Array(resvg.render().asPng());
}
