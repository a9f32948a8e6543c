/**
 * How fast the hub grows: models created per month, by domain or any other column, with cumulative counts.
 *
 * Hugging Face reports `createdAt` = 2022-03-02 for every model created before that day (the date the field was
 * back-filled), so a monthly series from `created_at` starts with one huge bucket that is really "all earlier
 * models". {@linkcode monthlyCreations} counts those models apart (`backfilled`); first-commit dates
 * (`first_commit_at`, from a harvest with the snapshot tier) place them in their true months.
 *
 * @module
 */
import pl from "nodejs-polars";
import { PEATMOSS } from "../paper/peatmoss_numbers.ts";

/** The day Hugging Face back-filled `createdAt` with for every model created before it. */
export const HF_BACKFILL_DATE = "2022-03-02";

/** Options of {@linkcode monthlyCreations}. */
export interface MonthlyOptions {
  /** Datetime column dating each model. @default "created_at" */
  date?: string;
  /** Column to split by (e.g. `domain`), or null for one series. @default "domain" */
  by?: string | null;
  /** Group name of models whose `by` value is null. @default "(none)" */
  nullLabel?: string;
  /** Day (`YYYY-MM-DD`) whose models are counted as back-filled; default {@linkcode HF_BACKFILL_DATE} for `created_at`, none otherwise. */
  backfillDate?: string | null;
  /** Retrieval day of the listing (`YYYY-MM-DD`): its month is flagged `partial`. */
  retrievedAt?: string | null;
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/**
 * Models created per month (`YYYY-MM`) and group, every month between the first and the last present (zero
 * when none), with columns `month`, the `by` column, `models`, `backfilled` (how many of them carry the
 * back-fill date), `cumulative` (models up to and including the month, per group) and `partial` (the month
 * of `retrievedAt`, not complete). Models without a date are left out. Sorted by group, then month.
 *
 * @example
 * ```ts
 * const models = pl.DataFrame({
 *   created_at: [new Date("2022-03-02T23:29:04Z"), new Date("2022-05-10T00:00:00Z")],
 *   domain: ["NLP", "NLP"],
 * }).withColumns(pl.col("created_at").cast(pl.Datetime("ms")));
 * monthlyCreations(models).toRecords();
 * // [{ month: "2022-03", domain: "NLP", models: 1, backfilled: 1, cumulative: 1, partial: false },
 * //  { month: "2022-04", domain: "NLP", models: 0, backfilled: 0, cumulative: 1, partial: false },
 * //  { month: "2022-05", domain: "NLP", models: 1, backfilled: 0, cumulative: 2, partial: false }]
 * ```
 */
export function monthlyCreations(models: pl.DataFrame, options: MonthlyOptions = {}): pl.DataFrame {
  const { date = "created_at", by = "domain", nullLabel = "(none)", retrievedAt = null } = options;
  const backfillDate = options.backfillDate !== undefined
    ? options.backfillDate
    : date === "created_at"
    ? HF_BACKFILL_DATE
    : null;
  const keys = by === null ? ["month"] : ["month", by];
  const dated = models.filter(pl.col(date).isNotNull()).select(
    pl.col(date).dt.strftime("%Y-%m").alias("month"),
    ...(by === null ? [] : [pl.col(by).cast(pl.String).fillNull(pl.lit(nullLabel)).alias(by)]),
    (backfillDate === null
      ? pl.lit(0)
      : pl.col(date).dt.strftime("%Y-%m-%d").eq(pl.lit(backfillDate)).cast(pl.Int64)).alias("bf"),
  );
  const counts: pl.DataFrame = dated.groupBy(keys).agg(
    pl.len().cast(pl.Int64).alias("models"),
    pl.col("bf").sum().cast(pl.Int64).alias("backfilled"),
  );
  const present = counts.getColumn("month").sort();
  const months = present.len() === 0 ? [] : monthsBetween(present.get(0), present.get(present.len() - 1));
  let grid: pl.DataFrame = pl.DataFrame({ month: pl.Series("month", months, pl.String) });
  if (by !== null) {
    const groups = counts.select(by).unique().sort(by);
    grid = grid.join(groups, { how: "cross" });
  }
  const partialMonth = retrievedAt === null ? null : retrievedAt.slice(0, 7);
  return grid.join(counts, { on: keys, how: "left" })
    .withColumns(pl.col("models").fillNull(0), pl.col("backfilled").fillNull(0))
    .sort(by === null ? ["month"] : [by, "month"])
    .withColumns(
      (by === null ? pl.col("models").cumSum() : pl.col("models").cumSum().over(by)).alias("cumulative"),
      pl.col("month").eq(pl.lit(partialMonth ?? "")).alias("partial"),
    );
}

/**
 * Share of each group among the models created in each calendar year, from {@linkcode monthlyCreations}
 * output: back-filled models (whose year is unknown) and the groups in `exclude` are left out. Columns `year`,
 * the `by` column, `models`, `share`, `partial` (the year includes a partial month).
 *
 * @example
 * ```ts
 * sharesByYear(monthlyCreations(models), "domain", { exclude: ["(none)"] }).toRecords();
 * // [{ year: "2022", domain: "NLP", models: 1, share: 1, partial: false }, ...]
 * ```
 */
export function sharesByYear(
  monthly: pl.DataFrame,
  by: string,
  { exclude = [] }: { exclude?: readonly string[] } = {},
): pl.DataFrame {
  return monthly.filter(pl.col(by).isIn([...exclude]).not())
    .select(
      pl.col("month").str.slice(0, 4).alias("year"),
      pl.col(by),
      pl.col("models").sub(pl.col("backfilled")).alias("models"),
      pl.col("partial"),
    )
    .groupBy(["year", by]).agg(pl.col("models").sum(), pl.col("partial").any())
    .withColumns(pl.col("models").div(pl.col("models").sum().over("year")).alias("share"))
    .select("year", by, "models", "share", "partial")
    .sort(["year", by]);
}

/**
 * Headline numbers of a one-series monthly table (`monthlyCreations(models, { by: null, retrievedAt })`), as
 * rows `measure`, `month` (the month a row is about, if any), `value`, `peatmoss_2023` (null where the paper
 * has no counterpart): back-filled models and
 * their share, models created in the first month after the back-fill and in the last complete month, the
 * growth factor between them, the busiest complete month (back-filled models aside; the earliest on ties), and the models created before `snapshotMonth` that are still
 * listed, beside the 281,276 PeaTMOSS listed around then.
 *
 * @param snapshotMonth first month after the PeaTMOSS snapshot (mid-2023; Fig. 10 ends with 2023-05).
 * @example
 * ```ts
 * growthHighlights(monthlyCreations(models, { by: null, retrievedAt: "2024-07-11" })).toRecords()[0];
 * // { measure: "models dated", month: null, value: 760000, peatmoss_2023: null }
 * ```
 */
export function growthHighlights(monthly: pl.DataFrame, { snapshotMonth = "2023-06" } = {}): pl.DataFrame {
  const rows = monthly.sort("month").toRecords().map((r) => ({
    month: String(r.month),
    models: Number(r.models),
    backfilled: Number(r.backfilled),
    partial: Boolean(r.partial),
  }));
  if (rows.length === 0) throw new Error("growthHighlights: the monthly table is empty (no dated models)");
  const total = rows.reduce((s, r) => s + r.models, 0);
  const backfilled = rows.reduce((s, r) => s + r.backfilled, 0);
  const lastBackfilled = rows.findLastIndex((r) => r.backfilled > 0);
  const first = rows[Math.min(lastBackfilled + 1, rows.length - 1)];
  const complete = rows.filter((r) => !r.partial);
  const last = complete[complete.length - 1] ?? rows[rows.length - 1];
  // Back-filled models were not created in their bucket's month.
  const genuine = (r: { models: number; backfilled: number }) => r.models - r.backfilled;
  const busiest = complete.reduce((a, b) => (genuine(b) > genuine(a) ? b : a), complete[0] ?? last);
  const before = rows.filter((r) => r.month < snapshotMonth).reduce((s, r) => s + r.models, 0);
  const table: [string, string | null, number, number | null][] = [
    ["models dated", null, total, null],
    [`models dated ${HF_BACKFILL_DATE} (back-filled)`, null, backfilled, null],
    ["share of models back-filled", null, total === 0 ? 0 : backfilled / total, null],
    ["models created in the first month after the back-fill", first.month, first.models, null],
    ["models created in the last complete month", last.month, last.models, null],
    [
      "growth factor, last complete month vs first month after the back-fill",
      null,
      first.models === 0 ? 0 : last.models / first.models,
      null,
    ],
    ["models created in the busiest complete month", busiest.month, genuine(busiest), null],
    [`models created before ${snapshotMonth} and still listed`, null, before, PEATMOSS.hfModels.value],
  ];
  return pl.DataFrame({
    measure: table.map((r) => r[0]),
    month: pl.Series("month", table.map((r) => r[1]), pl.String),
    value: table.map((r) => r[2]),
    peatmoss_2023: pl.Series("peatmoss_2023", table.map((r) => r[3]), pl.Float64),
  });
}
