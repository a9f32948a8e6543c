/**
 * Monthly time series, one line per group (e.g. models created per month by domain), with labelled events.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import pl from "nodejs-polars";
import { Figure } from "./figure.ts";

/** A month marked by a dashed vertical rule and a label. */
export interface MonthNote {
  /** `YYYY-MM`. */
  month: string;
  label: string;
}

/** Options of {@linkcode monthlyLines}. */
export interface MonthlyLinesOptions {
  /** Rows with `month` (`YYYY-MM`), the `value` column and, with `series`, the group column. */
  table: pl.DataFrame;
  /** Column drawn on y, e.g. `models` or `cumulative`. */
  value: string;
  /** Column naming the line of each row; omit for a single line. */
  series?: string;
  /** Series in legend order. @default sorted names */
  order?: readonly string[];
  /** Colour of each series by name; a series not listed is grey. @default Plot's categorical scheme */
  colors?: Readonly<Record<string, string>>;
  /** Months to mark, e.g. a data artefact or a model release. */
  notes?: readonly MonthNote[];
  /** Label of the y axis, e.g. "Models created per month". */
  yLabel: string;
  name: string;
  title: string;
  subtitle?: string;
  source: string;
  /** @default 380 */
  height?: number;
}

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`);

/**
 * Lines of `value` per month, one per series, x as time. Rows flagged `partial` (an incomplete month, see
 * `monthlyCreations`) are left out, and the source line says so; rows with a `backfilled` count above 0 (a
 * bucket holding back-dated models) are circled. Notes inside the months shown are drawn as grey dashed
 * rules, labelled along the rule from the top.
 *
 * @example
 * ```ts
 * const fig = monthlyLines({
 *   table: monthlyCreations(withDomains, { retrievedAt: "2024-07-11" }), value: "models", series: "domain",
 *   yLabel: "Models created per month", notes: [{ month: "2022-11", label: "GPT-3.5" }],
 *   name: "02_monthly_by_domain", title: "Models created per month", source: "Hugging Face, 2024-07-11",
 * });
 * ```
 */
export function monthlyLines(options: MonthlyLinesOptions): Figure {
  const { table, value, series } = options;
  const hasPartial = table.columns.includes("partial");
  const shown = hasPartial ? table.filter(pl.col("partial").not()) : table;
  const left = hasPartial ? table.filter(pl.col("partial")).getColumn("month").unique().sort().toArray() : [];
  const rows = shown.toRecords().map((r) => ({
    date: monthStart(String(r.month)),
    y: Number(r[value]),
    series: series === undefined ? "" : String(r[series]),
    backfilled: Number(r.backfilled ?? 0) > 0,
  }));
  const months = shown.getColumn("month").toArray() as string[];
  const [first, last] = [
    months.reduce((a, b) => (b < a ? b : a), "9999"),
    months.reduce((a, b) => (b > a ? b : a), ""),
  ];
  const notes = (options.notes ?? []).filter((n) => n.month >= first && n.month <= last)
    .map((n) => ({ date: monthStart(n.month), label: n.label }));
  const order = options.order ?? [...new Set(rows.map((r) => r.series))].sort();
  const palette = options.colors;
  const stroke = series === undefined ? { stroke: "#4c78a8" } : { stroke: "series", z: "series" };
  const source = left.length === 0
    ? options.source
    : `${options.source}; incomplete month ${left.join(", ")} left out`;
  return new Figure({
    name: options.name,
    title: options.title,
    subtitle: options.subtitle,
    source,
    height: options.height ?? 380,
    marginTop: 30,
    x: { label: "Month", type: "utc" },
    y: { label: options.yLabel, grid: true, tickFormat: "~s", zero: true },
    marginRight: 20,
    color: series === undefined ? undefined : {
      legend: true,
      domain: order,
      ...(palette ? { range: order.map((s) => palette[s] ?? "#999") } : {}),
    },
    marks: [
      Plot.ruleX(notes, { x: "date", stroke: "#999", strokeDasharray: "4,3" }),
      Plot.text(notes, {
        x: "date",
        text: "label",
        frameAnchor: "top",
        rotate: -90,
        textAnchor: "end",
        dx: -4,
        fill: "#555",
        fontSize: 10,
      }),
      Plot.lineY(rows, { x: "date", y: "y", ...stroke, strokeWidth: 1.8 }),
      Plot.dot(rows.filter((r) => r.backfilled), { x: "date", y: "y", ...stroke, r: 5, strokeWidth: 1.5 }),
      Plot.ruleY([0]),
    ],
  });
}
