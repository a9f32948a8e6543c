/**
 * Figures and tables for the reports: Observable Plot charts rendered server-side to deterministic SVG and PNG,
 * shown inline in Jupyter (Deno kernel) and saved under `reports/`.
 *
 * - {@linkcode figure} / {@linkcode Figure}: a named chart with title, optional subtitle and a required source
 *   line, all drawn inside the SVG so a saved file explains itself. `save()` writes `<name>.svg` and `<name>.png`
 *   into `reports/figures` (override the root with `$PTMSCOPE_REPORTS`).
 * - {@linkcode saveTable}: a Polars DataFrame as `reports/tables/<name>.csv`.
 * - {@linkcode renderSvg}, {@linkcode svgToPng}: the two steps underneath, for other uses.
 *
 * Defaults make figures readable without tuning: width 720, DejaVu Sans 12px (the one font the PNG renderer
 * loads), left/bottom margins grown to fit long tick labels, crowded category labels on x rotated, and every axis
 * must have a label. The same options and data always give the same SVG and PNG bytes.
 *
 * @example Bar chart of counts from a Polars DataFrame, in a notebook cell
 * ```ts
 * import pl from "nodejs-polars";
 * import * as Plot from "@observablehq/plot";
 * import { figure, saveTable } from "../lib/figures/mod.ts";
 *
 * const models = pl.DataFrame({ pipeline_tag: ["text-generation", "fill-mask", "text-generation"] });
 * const byTag = models.groupBy("pipeline_tag").len().rename({ len: "models" }).sort("models", true);
 *
 * const fig = figure({
 *   name: "01_models_by_pipeline_tag",
 *   title: "Models by pipeline tag",
 *   subtitle: "Models without a tag are left out",
 *   source: "Hugging Face /api/models, 2024-07-11 (760,000 models)",
 *   marks: [
 *     Plot.barX(byTag.toRecords(), { x: "models", y: "pipeline_tag", sort: { y: "-x" } }),
 *     Plot.ruleX([0]),
 *   ],
 *   x: { label: "Models", grid: true },
 *   y: { label: "Pipeline tag" },
 * });
 * await fig.save(); // reports/figures/01_models_by_pipeline_tag.{svg,png}
 * await saveTable(byTag, "01_models_by_pipeline_tag"); // reports/tables/01_models_by_pipeline_tag.csv
 * fig; // last expression: shown inline as SVG
 * ```
 *
 * @module
 */
export { Figure, figure, type FigureOptions, type SavedFigure } from "./figure.ts";
export { dejavuFontFiles, type PngOptions, svgToPng } from "./png.ts";
export { DEFAULT_FONT_SIZE, DEFAULT_WIDTH, FONT_FAMILY, type RenderOptions, renderSvg } from "./render.ts";
export { reportsDir } from "../paths.ts";
export { saveTable } from "./table.ts";
