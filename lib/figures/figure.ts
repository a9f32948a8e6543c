/**
 * A named, titled, sourced chart that shows inline in Jupyter and saves itself as SVG + PNG under reports/figures.
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";
import { svgToPng } from "./png.ts";
import { type RenderOptions, renderSvg } from "./render.ts";
import { reportsDir } from "../paths.ts";

/** Plot options plus what every saved figure must say about itself. */
export interface FigureOptions extends Omit<RenderOptions, "title" | "subtitle" | "caption"> {
  /** File stem of the saved files, e.g. `01_models_by_pipeline_tag`: letters, digits, `_`, `-`, `.`. */
  name: string;
  /** What the figure shows, drawn in bold above the chart. */
  title: string;
  /** Optional second line, e.g. the population or a filter. */
  subtitle?: string;
  /** Where the data comes from, e.g. `Hugging Face /api/models, 2024-07-11 (760,000 models)`. */
  source: string;
}

/** Paths written by {@linkcode Figure.save}. */
export interface SavedFigure {
  /** Path of `<name>.svg`. */
  svg: string;
  /** Path of `<name>.png`. */
  png: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const AXES = ["x", "y", "fx", "fy"] as const;

/**
 * A rendered figure. The SVG is built when the figure is created, so mistakes show up in the cell that makes it.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * const fig = new Figure({
 *   name: "demo",
 *   title: "Models per hub",
 *   source: "PeaTMOSS snapshot",
 *   marks: [Plot.barX([{ hub: "hf", n: 3 }], { x: "n", y: "hub" })],
 *   x: { label: "Models" },
 *   y: { label: "Hub" },
 * });
 * await fig.save(); // reports/figures/demo.svg and demo.png
 * ```
 */
export class Figure {
  /** File stem used by {@linkcode Figure.save}. */
  readonly name: string;
  /** The standalone SVG document. */
  readonly svg: string;

  /** Renders the figure; throws if the name, title, source or an axis label is missing or Plot fails. */
  constructor(options: FigureOptions) {
    const { name, title, subtitle, source, ...plotOptions } = options;
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new TypeError(
        `figure name ${
          JSON.stringify(name)
        } is not a usable file stem: use letters, digits, "_", "-" or "." ` +
          `(e.g. "01_models_by_pipeline_tag")`,
      );
    }
    if (typeof title !== "string" || title.trim() === "") {
      throw new TypeError(`figure "${name}" needs a title saying what it shows`);
    }
    if (typeof source !== "string" || source.trim() === "") {
      throw new TypeError(
        `figure "${name}" needs a source line, e.g. "Hugging Face /api/models, 2024-07-11"`,
      );
    }
    this.name = name;
    try {
      this.svg = renderSvg({ ...plotOptions, title, subtitle, caption: `Source: ${source}` });
    } catch (err) {
      throw new Error(`figure "${name}": ${(err as Error).message}`, { cause: err });
    }
    requireAxisLabels(name, this.svg, plotOptions);
  }

  /**
   * Rasterises the figure.
   *
   * @param scale Pixels per SVG unit.
   * @returns PNG bytes, identical for identical figures.
   * @example
   * ```ts
   * const bytes = fig.png(1);
   * ```
   */
  png(scale = 2): Uint8Array {
    return svgToPng(this.svg, { scale });
  }

  /**
   * Writes `<name>.svg` and `<name>.png` (scale 2) into `dir`, each atomically.
   *
   * @param dir Target folder; default `reports/figures` (or `$PTMSCOPE_REPORTS/figures`).
   * @returns The paths written.
   * @example
   * ```ts
   * const { svg, png } = await fig.save("/tmp/figs");
   * ```
   */
  async save(dir: string = reportsDir("figures")): Promise<SavedFigure> {
    const paths = { svg: join(dir, `${this.name}.svg`), png: join(dir, `${this.name}.png`) };
    try {
      await atomicWriteFile(paths.svg, this.svg);
      await atomicWriteFile(paths.png, this.png());
    } catch (err) {
      throw new Error(`cannot save figure "${this.name}" into ${dir}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return paths;
  }

  /** The MIME bundle the Deno Jupyter kernel shows: the SVG, inline. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "image/svg+xml": this.svg };
  }
}

/**
 * Makes a {@linkcode Figure}; the last expression of a notebook cell then shows it.
 *
 * @param options Plot options plus `name`, `title`, optional `subtitle` and `source`.
 * @returns The rendered figure.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * const counts = [{ tag: "text-generation", n: 120 }, { tag: "fill-mask", n: 40 }];
 * const fig = figure({
 *   name: "01_models_by_pipeline_tag",
 *   title: "Models by pipeline tag",
 *   source: "Hugging Face /api/models, 2024-07-11",
 *   marks: [Plot.barX(counts, { x: "n", y: "tag", sort: { y: "-x" } }), Plot.ruleX([0])],
 *   x: { label: "Models" },
 *   y: { label: "Pipeline tag" },
 * });
 * ```
 */
export function figure(options: FigureOptions): Figure {
  return new Figure(options);
}

/**
 * An axis without a title leaves the reader guessing units. Plot infers titles only from field names, so charts
 * built with accessor functions or transforms lose them silently; insist on one unless `label: null` opts out.
 */
function requireAxisLabels(
  name: string,
  svg: string,
  options: Omit<FigureOptions, "name" | "title" | "source">,
) {
  for (const axis of AXES) {
    const hasTicks = svg.includes(`aria-label="${axis}-axis tick`);
    const hasLabel = svg.includes(`aria-label="${axis}-axis label"`);
    const scale = options[axis] as { label?: unknown } | undefined;
    if (hasTicks && !hasLabel && scale?.label !== null) {
      throw new Error(
        `figure "${name}": the ${axis} axis has no label; set ${axis}: { label: "…" } ` +
          `(or ${axis}: { label: null } to omit it on purpose)`,
      );
    }
  }
}
