/**
 * How often the model id a repository loads is not written as a literal: the usage detector records, for every
 * loading call it finds, how it obtained the id (`resolution`: `literal`, `constant`, `default`, ...,
 * `unknown`). PeaTMOSS' static analysis matched literal strings only, so every other resolution is a usage it
 * could not have linked.
 *
 * @module
 */
import pl from "nodejs-polars";

/** The resolution of an id written in the call itself. */
export const LITERAL = "literal";

/**
 * Detections per `resolution`, most frequent first (ties by name): `usages` (detections), `share` (of all),
 * `repos` (distinct repositories), `model_ids` (distinct resolved ids; an unresolved detection has none) and
 * `literal` (whether the resolution is {@linkcode LITERAL}). A null resolution counts as `unknown`.
 *
 * @param detections needs `repo`, `model_id`, `resolution`: a `usages` table, e.g. from `readDetections`.
 * @example
 * ```ts
 * const detections = pl.DataFrame({
 *   repo: ["a/x", "a/x", "b/y"], model_id: ["gpt2", "gpt2", null], resolution: ["literal", "constant", "unknown"],
 * });
 * resolutionCounts(detections).toRecords()[0];
 * // { resolution: "constant", usages: 1, share: 0.333, repos: 1, model_ids: 1, literal: false }
 * ```
 */
export function resolutionCounts(detections: pl.DataFrame): pl.DataFrame {
  return detections.select(
    pl.col("repo"),
    pl.col("model_id"),
    pl.col("resolution").fillNull(pl.lit("unknown")),
  )
    .groupBy("resolution")
    .agg(
      pl.len().cast(pl.Int64).alias("usages"),
      pl.col("repo").nUnique().cast(pl.Int64).alias("repos"),
      pl.col("model_id").dropNulls().nUnique().cast(pl.Int64).alias("model_ids"),
    )
    .sort(["usages", "resolution"], [true, false])
    .select(
      pl.col("resolution"),
      pl.col("usages"),
      pl.col("usages").div(Math.max(1, detections.height)).alias("share"),
      pl.col("repos"),
      pl.col("model_ids"),
      pl.col("resolution").eq(pl.lit(LITERAL)).alias("literal"),
    );
}

/** Resolutions of a hub id found in the code around the call rather than in it. */
const RESOLVED_ELSEWHERE = ["constant", "default", "fstring", "environ", "argparse"];

/**
 * The question PeaTMOSS' literal matching raises, in three numbers: of the loading calls that name a hub model
 * (all but `path`, a local checkpoint or URL), how many give the id as a literal, how many build it elsewhere
 * in the code (a constant, a default, an f-string, an environment variable or argparse default), and how many
 * cannot be resolved statically (`unknown`, or no resolution). Rows `kind` (`literal`, `resolved elsewhere`,
 * `unresolved`, `local path`), `usages`, `share` (of the hub calls; null for `local path`).
 *
 * @param detections needs `resolution`.
 * @example
 * ```ts
 * const detections = pl.DataFrame({ resolution: ["literal", "constant", "unknown", "path"] });
 * literalShare(detections).toRecords();
 * // [{ kind: "literal", usages: 1, share: 0.333 }, { kind: "resolved elsewhere", usages: 1, share: 0.333 },
 * //  { kind: "unresolved", usages: 1, share: 0.333 }, { kind: "local path", usages: 1, share: null }]
 * ```
 */
export function literalShare(detections: pl.DataFrame): pl.DataFrame {
  const resolution = detections.getColumn("resolution").toArray() as (string | null)[];
  const count = (test: (r: string | null) => boolean) => resolution.filter(test).length;
  const literal = count((r) => r === LITERAL);
  const elsewhere = count((r) => r !== null && RESOLVED_ELSEWHERE.includes(r));
  const path = count((r) => r === "path");
  const unresolved = resolution.length - literal - elsewhere - path;
  const hubCalls = Math.max(1, resolution.length - path);
  const usages = [literal, elsewhere, unresolved, path];
  return pl.DataFrame({
    kind: ["literal", "resolved elsewhere", "unresolved", "local path"],
    usages: pl.Series("usages", usages, pl.Int64),
    share: pl.Series("share", [...usages.slice(0, 3).map((n) => n / hubCalls), null], pl.Float64),
  });
}
