/**
 * The text of a {@linkcode LicenseReport} file, as `deno task licenses --out` writes it.
 *
 * @module
 */
import type { LicenseReport } from "./report.ts";

/**
 * The report as JSON with one record per line (each pair, relation, skipped relation): a reader can grep and
 * diff it, and it is produced in about a third of the time of fully indented JSON, which counts in the 1 s
 * budget of `deno task licenses`. `JSON.parse` gives the report back unchanged.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("paper.json", reportJson(analyzePaper(relations, matrix)));
 * ```
 */
export function reportJson(report: LicenseReport): string {
  const fields = Object.entries(report).map(([key, value]) => {
    const body = Array.isArray(value) && value.length > 0
      ? `[\n  ${value.map((v) => JSON.stringify(v)).join(",\n  ")}\n ]`
      : JSON.stringify(value, null, 1).replaceAll("\n", "\n ");
    return ` ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(",\n")}\n}\n`;
}
