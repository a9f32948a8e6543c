/**
 * Bringing a DataFrame into the shape of a canonical table.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type ColumnSpec, type TableName, TABLES } from "./schema.ts";

/** A table that does not fit its canonical schema. */
export class SchemaError extends Error {
  override name = "SchemaError";
}

/**
 * Returns `df` with exactly the columns of canonical table `table`, in schema order and with schema types.
 * Missing optional columns are added as nulls; a missing required column, a required null or an unknown
 * column is an error that names them.
 *
 * @example
 * ```ts
 * const models = conform("models", pl.DataFrame({ id: ["gpt2"], hub: ["huggingface"], downloads: [10] }));
 * models.getColumn("downloads").dtype; // Int64
 * ```
 */
export function conform(table: TableName, df: pl.DataFrame): pl.DataFrame {
  const specs: readonly ColumnSpec[] = TABLES[table];
  const known = new Set(specs.map((c) => c.name));
  const unknown = df.columns.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new SchemaError(
      `table ${table}: unknown column(s) ${unknown.join(", ")}; expected some of ${[...known].join(", ")}`,
    );
  }
  const present = new Set(df.columns);
  const exprs = specs.map((c) => {
    if (present.has(c.name)) return pl.col(c.name).cast(c.dtype).alias(c.name);
    if (c.required) throw new SchemaError(`table ${table}: required column ${c.name} is missing`);
    return pl.lit(null).cast(c.dtype).alias(c.name);
  });
  const out = df.height === 0 && df.width === 0 ? emptyTable(table) : df.select(...exprs);
  for (const c of specs) {
    if (c.required && out.getColumn(c.name).nullCount() > 0) {
      throw new SchemaError(`table ${table}: column ${c.name} must not be null`);
    }
  }
  return out;
}

/**
 * An empty DataFrame with the columns and types of canonical table `table`.
 *
 * @example
 * ```ts
 * emptyTable("usages").columns; // ["repo", "model_id", ...]
 * ```
 */
export function emptyTable(table: TableName): pl.DataFrame {
  const specs: readonly ColumnSpec[] = TABLES[table];
  return pl.DataFrame({ _: [0] })
    .select(...specs.map((c) => pl.lit(null).cast(c.dtype).alias(c.name)))
    .head(0);
}
