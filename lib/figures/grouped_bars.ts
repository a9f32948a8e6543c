/**
 * Grouped bars: for each category (a domain, a library, ...), one bar per measure side by side, e.g. a share now
 * and the share the paper reported.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { textWidth } from "./_text.ts";
import { Figure } from "./figure.ts";
import { DEFAULT_FONT_SIZE } from "./render.ts";

/** One bar of each group: the column holding its values and its legend label. */
export interface BarSpec {
  column: string;
  label: string;
}

/** Options of {@linkcode groupedBars}. */
export interface GroupedBarsOptions {
  /** One row per category (with `bars`), or per category and bar (with `series` and `value`). */
  table: pl.DataFrame;
  /** Column naming the categories, drawn in order of first appearance. */
  category: string;
  /** Categories in drawing order; those of the table not listed follow. */
  order?: readonly string[];
  /** Wide tables: the bars of each category, in legend order. A null value draws no bar. */
  bars?: readonly BarSpec[];
  /** Long tables: the column naming each row's bar, in order of first appearance (instead of `bars`). */
  series?: string;
  /** Long tables: the column of values. */
  value?: string;
  /** Label of the category axis, e.g. "Domain". */
  categoryLabel: string;
  /** Label of the value axis, e.g. "Share of models with a domain". */
  valueLabel: string;
  /** How values and bar labels read: `percent` for shares in [0, 1], `count` for numbers. @default "percent" */
  format?: "percent" | "count";
  /** Bar colours in `bars` order. */
  colors?: readonly string[];
  name: string;
  title: string;
  subtitle?: string;
  source: string;
}

const DEFAULT_COLORS = ["#4c78a8", "#f58518", "#54a24b", "#b279a2", "#9d755d", "#bab0ac"];

/**
 * Horizontal grouped bars, each labelled with its value (`61.2%` or `12.3k`), from a wide table (`bars`) or a
 * long one (`series` + `value`).
 *
 * @example Long table: each year's share per domain
 * ```ts
 * const fig = groupedBars({
 *   table: sharesByYear(monthly, "domain"), category: "domain", series: "year", value: "share",
 *   order: PAPER_DOMAINS, categoryLabel: "Domain", valueLabel: "Share of the year's new models",
 *   name: "02_domain_shares_by_year", title: "New models by domain and year", source: "Hugging Face, 2024-07-11",
 * });
 * ```
 * @example Wide table: the paper's shares beside ours
 * ```ts
 * const fig = groupedBars({
 *   table: domainSharesVsPaper(PEATMOSS_HF_DOMAINS, { paper_rule, clean_rule }), category: "domain",
 *   bars: [{ column: "peatmoss_2023_share", label: "PeaTMOSS 2023" }, { column: "paper_rule_share", label: "2024" }],
 *   categoryLabel: "Domain", valueLabel: "Share of models with a domain",
 *   name: "03_domains_vs_paper", title: "Models by domain", source: "Hugging Face, 2024-07-11; PeaTMOSS Fig. 8",
 * });
 * ```
 */
export function groupedBars(options: GroupedBarsOptions): Figure {
  const { table, category, format = "percent" } = options;
  const categories = [
    ...new Set([...(options.order ?? []), ...(table.getColumn(category).toArray() as unknown[]).map(String)]),
  ];
  const { bars, rows } = barRows(options);
  const label = format === "percent"
    ? (v: number) => (v > 0 && v < 0.0005 ? "<0.1%" : `${(100 * v).toFixed(1)}%`)
    : (v: number) => v >= 1000 ? `${(v / 1000).toFixed(1)}k` : v.toLocaleString("en-US");
  const max = Math.max(format === "percent" ? 0.01 : 1, ...rows.map((r) => r.value));
  return new Figure({
    name: options.name,
    title: options.title,
    subtitle: options.subtitle,
    source: options.source,
    height: 50 + categories.length * (bars.length * 14 + 12),
    // Facet labels are not measured by the automatic margins: make room for the longest one.
    marginLeft: 16 + Math.max(...categories.map((c) => textWidth(c, DEFAULT_FONT_SIZE))),
    marginRight: 60,
    fy: { label: options.categoryLabel, labelAnchor: "top", domain: categories },
    y: { axis: null, domain: bars },
    x: {
      label: options.valueLabel,
      grid: true,
      domain: [0, max * 1.1],
      tickFormat: format === "percent" ? "%" : "~s",
    },
    color: {
      legend: true,
      domain: bars,
      range: [...(options.colors ?? DEFAULT_COLORS.slice(0, bars.length))],
    },
    marks: [
      Plot.barX(rows, { fy: "category", y: "bar", x: "value", fill: "bar" }),
      Plot.text(rows, {
        fy: "category",
        y: "bar",
        x: "value",
        text: (d: { value: number }) => label(d.value),
        textAnchor: "start",
        dx: 4,
        fontSize: 10,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** The bar labels in legend order and one `{category, bar, value}` per bar drawn. */
function barRows(
  options: GroupedBarsOptions,
): { bars: string[]; rows: { category: string; bar: string; value: number }[] } {
  const { table, category, series, value } = options;
  const records = table.toRecords();
  if (options.bars !== undefined) {
    const specs = options.bars;
    const rows = records.flatMap((r) =>
      specs.filter((b) => r[b.column] !== null && r[b.column] !== undefined).map((b) => ({
        category: String(r[category]),
        bar: b.label,
        value: Number(r[b.column]),
      }))
    );
    return { bars: specs.map((b) => b.label), rows };
  }
  if (series === undefined || value === undefined) {
    throw new TypeError(
      `groupedBars "${options.name}": give either bars (wide table) or series and value (long table)`,
    );
  }
  const rows = records.filter((r) => r[value] !== null && r[value] !== undefined).map((r) => ({
    category: String(r[category]),
    bar: String(r[series]),
    value: Number(r[value]),
  }));
  return { bars: [...new Set(records.map((r) => String(r[series])))], rows };
}
