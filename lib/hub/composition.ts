/**
 * What the hub is made of: models per domain (Fig. 8 style), how concentrated downloads are, and how many
 * models each author publishes. Counting by library or license is `countBy` (lib/overview/counts.ts).
 *
 * @module
 */
import pl from "nodejs-polars";
import { countBy } from "../overview/counts.ts";

/**
 * Models per domain among the models that have one (`domain` not null; the denominator of Fig. 8), in the
 * order of `domains`, a domain without models counting 0. Columns `domain`, `count`, `share`.
 *
 * @param models output of a domain rule (`hfDomainsPaperRule`, ...), with its `domain` column.
 * @param domains the domains to list, e.g. `PAPER_DOMAINS`.
 * @example
 * ```ts
 * domainShares(pl.DataFrame({ domain: ["NLP", "NLP", null, "Audio"] }), ["NLP", "Audio", "Other"]).toRecords();
 * // [{ domain: "NLP", count: 2, share: 0.667 }, { domain: "Audio", count: 1, share: 0.333 },
 * //  { domain: "Other", count: 0, share: 0 }]
 * ```
 */
export function domainShares(models: pl.DataFrame, domains: readonly string[]): pl.DataFrame {
  const mapped = models.select("domain").filter(pl.col("domain").isNotNull());
  const unknown = mapped.filter(pl.col("domain").isIn([...domains]).not()).getColumn("domain").unique();
  if (unknown.len() > 0) {
    throw new Error(
      `domainShares: domains ${unknown.toArray().join(", ")} are not among ${domains.join(", ")}; ` +
        `pass the domain list of the grouping the rule used`,
    );
  }
  const order = pl.DataFrame({ domain: pl.Series("domain", [...domains], pl.String) });
  return order.join(countBy(mapped, "domain"), { on: "domain", how: "left" })
    .withColumns(pl.col("count").fillNull(0), pl.col("share").fillNull(0));
}

/**
 * {@linkcode domainShares} of several rule outputs side by side: one row per domain of `domains`, then for each
 * entry of `ours` a count column named by its key and `<key>_share`.
 *
 * @example
 * ```ts
 * compareDomainShares({ paper_rule: hfDomainsPaperRule(models), clean_rule: hfDomainsCleanRule(models) }, PAPER_DOMAINS)
 *   .columns; // ["domain", "paper_rule", "paper_rule_share", "clean_rule", "clean_rule_share"]
 * ```
 */
export function compareDomainShares(
  ours: Record<string, pl.DataFrame>,
  domains: readonly string[],
): pl.DataFrame {
  let table: pl.DataFrame = pl.DataFrame({ domain: pl.Series("domain", [...domains], pl.String) });
  for (const [key, models] of Object.entries(ours)) {
    const shares = domainShares(models, domains).rename({ count: key, share: `${key}_share` });
    table = table.join(shares, { on: "domain", how: "left" });
  }
  return table;
}

/**
 * How two rules' domains cross: models per (`a` domain, `b` domain) pair, most frequent first, null domains
 * shown as `(none)`. Columns `<aName>`, `<bName>`, `models`, `agree`.
 *
 * @example
 * ```ts
 * domainCrosstab(hfDomainsPaperRule(models), hfDomainsCleanRule(models), ["paper_rule", "clean_rule"]).head(3);
 * ```
 */
export function domainCrosstab(
  a: pl.DataFrame,
  b: pl.DataFrame,
  [aName, bName]: readonly [string, string] = ["a", "b"],
): pl.DataFrame {
  if (a.height !== b.height) {
    throw new Error(
      `domainCrosstab: the rule outputs differ in length (${a.height} vs ${b.height}); pass the same models`,
    );
  }
  return pl.DataFrame({ [aName]: a.getColumn("domain"), [bName]: b.getColumn("domain") })
    .withColumns(pl.col(aName).fillNull(pl.lit("(none)")), pl.col(bName).fillNull(pl.lit("(none)")))
    .groupBy([aName, bName]).agg(pl.len().cast(pl.Int64).alias("models"))
    .withColumns(pl.col(aName).eq(pl.col(bName)).alias("agree"))
    .sort(["models", aName, bName], [true, false, false]);
}

/** Downloads of each model, largest first, missing counted as 0. */
function sortedDownloads(models: pl.DataFrame): Float64Array {
  return Float64Array.from(
    models.select(pl.col("downloads").fillNull(0).cast(pl.Float64).alias("d")).sort("d", true)
      .getColumn("d").toArray() as number[],
  );
}

function percent(fraction: number): string {
  return `${Number((100 * fraction).toPrecision(3))}%`;
}

/**
 * Share of all downloads held by the most downloaded models: one row per fraction in `tops` (`top`, e.g.
 * "top 1%", `fraction`, `models` = ⌈fraction × n⌉, `downloads`, `share`). Downloads are the hub's last-30-days counts;
 * a model without a count counts 0.
 *
 * @example
 * ```ts
 * downloadsConcentration(pl.DataFrame({ downloads: [90, 5, 3, 2] }), { tops: [0.25, 0.5] }).toRecords();
 * // [{ top: "top 25%", fraction: 0.25, models: 1, downloads: 90, share: 0.9 },
 * //  { top: "top 50%", fraction: 0.5, models: 2, downloads: 95, share: 0.95 }]
 * ```
 */
export function downloadsConcentration(
  models: pl.DataFrame,
  { tops = [0.01, 0.1] }: { tops?: readonly number[] } = {},
): pl.DataFrame {
  const d = sortedDownloads(models);
  const total = d.reduce((s, x) => s + x, 0);
  const rows = tops.map((fraction) => {
    const n = Math.min(d.length, Math.ceil(fraction * d.length));
    const downloads = d.subarray(0, n).reduce((s, x) => s + x, 0);
    return {
      top: `top ${percent(fraction)}`,
      fraction,
      models: n,
      downloads,
      share: total === 0 ? 0 : downloads / total,
    };
  });
  return pl.DataFrame({
    top: rows.map((r) => r.top),
    fraction: rows.map((r) => r.fraction),
    models: pl.Series("models", rows.map((r) => r.models), pl.Int64),
    downloads: pl.Series("downloads", rows.map((r) => r.downloads), pl.Int64),
    share: rows.map((r) => r.share),
  });
}

/**
 * Gini coefficient of downloads over models: 0 when every model has the same downloads, close to 1 when one
 * model has them all.
 *
 * @example
 * ```ts
 * downloadsGini(pl.DataFrame({ downloads: [1, 1, 1, 1] })); // 0
 * downloadsGini(pl.DataFrame({ downloads: [0, 0, 0, 4] })); // 0.75
 * ```
 */
export function downloadsGini(models: pl.DataFrame): number {
  const d = sortedDownloads(models).reverse();
  const n = d.length;
  let total = 0;
  let weighted = 0;
  d.forEach((x, i) => {
    total += x;
    weighted += (i + 1) * x;
  });
  return n === 0 || total === 0 ? 0 : (2 * weighted) / (n * total) - (n + 1) / n;
}

/**
 * The Lorenz curve of downloads read from the top: for `points` model counts spread evenly on a log scale from
 * one model to all, the share of all downloads the most downloaded models hold. Columns `top_share` (fraction
 * of models, most downloaded first) and `held`. The log scale keeps the head, where downloads are, readable.
 *
 * @example
 * ```ts
 * concentrationCurve(pl.DataFrame({ downloads: [0, 0, 0, 4] }), { points: 3 }).toRecords();
 * // [{ top_share: 0.25, held: 1 }, { top_share: 0.5, held: 1 }, { top_share: 1, held: 1 }]
 * ```
 */
export function concentrationCurve(
  models: pl.DataFrame,
  { points = 200 }: { points?: number } = {},
): pl.DataFrame {
  const d = sortedDownloads(models);
  const n = d.length;
  const cumulative = new Float64Array(n + 1);
  d.forEach((x, i) => cumulative[i + 1] = cumulative[i] + x);
  const total = cumulative[n];
  const steps = Math.max(1, points - 1);
  const counts = n === 0
    ? []
    : [...new Set(Array.from({ length: points }, (_, k) => Math.max(1, Math.round(n ** (k / steps)))))];
  return pl.DataFrame({
    top_share: pl.Series("top_share", counts.map((k) => k / n), pl.Float64),
    held: pl.Series("held", counts.map((k) => total === 0 ? k / n : cumulative[k] / total), pl.Float64),
  });
}

/**
 * How many models authors publish: authors bucketed by their number of models (bucket `k` holds the authors
 * with `edges[k]` up to `edges[k + 1] - 1` models, the last is open), with columns `bucket` (e.g. "2–10"),
 * `authors`, `authors_share`, `models`, `models_share`. Models without an author are left out.
 *
 * @param edges ascending lower bounds of the buckets, starting at 1.
 * @example
 * ```ts
 * authorSizes(pl.DataFrame({ author: ["a", "b", "b", "c", "c", "c"] }), { edges: [1, 2, 3] }).toRecords();
 * // [{ bucket: "1", authors: 1, authors_share: 0.333, models: 1, models_share: 0.167 },
 * //  { bucket: "2", authors: 1, ... }, { bucket: "3+", authors: 1, authors_share: 0.333, models: 3, models_share: 0.5 }]
 * ```
 */
export function authorSizes(
  models: pl.DataFrame,
  { edges = [1, 2, 11, 101, 1001] }: { edges?: readonly number[] } = {},
): pl.DataFrame {
  if (edges[0] !== 1 || edges.some((e, i) => i > 0 && e <= edges[i - 1])) {
    throw new Error(`authorSizes: edges must be ascending and start at 1, got [${edges.join(", ")}]`);
  }
  const perAuthor = models.filter(pl.col("author").isNotNull()).groupBy("author").len()
    .getColumn("len").toArray() as number[];
  const fmt = (n: number) => n.toLocaleString("en-US");
  const buckets = edges.map((low, k) => {
    const high = edges[k + 1];
    const label = high === undefined
      ? `${fmt(low)}+`
      : high - 1 === low
      ? fmt(low)
      : `${fmt(low)}–${fmt(high - 1)}`;
    const sizes = perAuthor.filter((n) => n >= low && (high === undefined || n < high));
    return { label, authors: sizes.length, models: sizes.reduce((s, n) => s + n, 0) };
  });
  const authors = Math.max(1, perAuthor.length);
  const total = Math.max(1, perAuthor.reduce((s, n) => s + n, 0));
  return pl.DataFrame({
    bucket: buckets.map((b) => b.label),
    authors: pl.Series("authors", buckets.map((b) => b.authors), pl.Int64),
    authors_share: buckets.map((b) => b.authors / authors),
    models: pl.Series("models", buckets.map((b) => b.models), pl.Int64),
    models_share: buckets.map((b) => b.models / total),
  });
}
