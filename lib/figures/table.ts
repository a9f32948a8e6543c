/**
 * Result tables saved as CSV under reports/tables, next to the figures drawn from them.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";
import { reportsDir } from "../paths.ts";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Writes `df` to `<dir>/<name>.csv` atomically (header row, comma-separated, UTF-8). In a notebook, show the table
 * by ending the cell with `df` itself: a Polars DataFrame displays as an HTML table.
 *
 * @param df The table to save; list and struct columns must be flattened first (CSV holds scalars only).
 * @param name File stem, e.g. `01_models_by_pipeline_tag`.
 * @param dir Target folder; default `reports/tables` (or `$PTMSCOPE_REPORTS/tables`).
 * @returns The path written.
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * const path = await saveTable(pl.DataFrame({ tag: ["fill-mask"], n: [40] }), "01_counts");
 * ```
 */
export async function saveTable(
  df: pl.DataFrame,
  name: string,
  dir: string = reportsDir("tables"),
): Promise<string> {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new TypeError(
      `table name ${JSON.stringify(name)} is not a usable file stem: use letters, digits, "_", "-" or "."`,
    );
  }
  const path = join(dir, `${name}.csv`);
  let csv: Uint8Array;
  try {
    csv = new Uint8Array(df.writeCSV());
  } catch (err) {
    const nested = df.getColumns().filter((c) => ["List", "Struct", "Array"].includes(c.dtype.variant))
      .map((c) => c.name);
    const hint = nested.length > 0 ? ` (flatten the nested columns ${nested.join(", ")} first)` : "";
    throw new Error(`cannot write table "${name}" as CSV${hint}: ${(err as Error).message}`, { cause: err });
  }
  await atomicWriteFile(path, csv);
  return path;
}
