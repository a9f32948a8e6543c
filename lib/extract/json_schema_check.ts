/**
 * A small JSON Schema validator for the keywords the extraction schemas use: `type` (one or several),
 * `properties`, `required`, `additionalProperties`, `items`, `pattern`, `enum`, `const`, `anyOf`, `oneOf`,
 * `minItems` and `maxItems`. Annotations (`description`, `title`, `$comment`, `x-*`, ...) are ignored. Any other
 * keyword throws, so a schema that grows a keyword this validator cannot honour fails loudly instead of letting
 * replies through unchecked.
 *
 * @module
 */

/** A JSON Schema node, as parsed from JSON. */
export type JsonSchema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "format",
]);
const CHECKED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "pattern",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "minItems",
  "maxItems",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(want: string, value: unknown): boolean {
  const got = typeOf(value);
  return got === want || (want === "number" && got === "integer");
}

/**
 * The ways `value` breaks `schema`, each as `<JSON path>: <what is wrong>`; empty when it conforms.
 *
 * @param schema the schema (a parsed JSON object)
 * @param value the value to check
 * @param path where `value` sits, for the messages
 * @returns the violations, at most one per node (a node's children are checked only when its type is right)
 * @throws Error when the schema uses a keyword this validator does not implement
 * @example
 * ```ts
 * schemaErrors({ type: "object", required: ["license"] }, {}); // ["$: missing required property \"license\""]
 * ```
 */
export function schemaErrors(schema: JsonSchema, value: unknown, path = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
      throw new Error(`json_schema_check: unsupported keyword "${key}" at ${path} of the schema`);
    }
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string];
    if (!types.some((t) => typeMatches(t, value))) {
      return [`${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
    }
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    return [`${path}: expected ${JSON.stringify(schema.const)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  }
  const errors: string[] = [];
  if (
    typeof value === "string" && typeof schema.pattern === "string" &&
    !new RegExp(schema.pattern, "u").test(value)
  ) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match /${schema.pattern}/`);
  }
  if (Array.isArray(value)) errors.push(...arrayErrors(schema, value, path));
  if (typeOf(value) === "object") {
    errors.push(...objectErrors(schema, value as Record<string, unknown>, path));
  }
  for (const [kw, exactlyOne] of [["anyOf", false], ["oneOf", true]] as const) {
    const options = schema[kw] as JsonSchema[] | undefined;
    if (!options) continue;
    const passing = options.filter((s) => schemaErrors(s, value, path).length === 0).length;
    if (passing === 0 || (exactlyOne && passing > 1)) {
      errors.push(`${path}: matches ${passing} of the ${options.length} ${kw} alternatives`);
    }
  }
  return errors;
}

function arrayErrors(schema: JsonSchema, value: unknown[], path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  }
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    errors.push(`${path}: more than ${schema.maxItems} items`);
  }
  const items = schema.items as JsonSchema | undefined;
  if (items) value.forEach((v, i) => errors.push(...schemaErrors(items, v, `${path}[${i}]`)));
  return errors;
}

function objectErrors(schema: JsonSchema, value: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) errors.push(`${path}: missing required property ${JSON.stringify(name)}`);
  }
  for (const [name, v] of Object.entries(value)) {
    const sub = `${path}.${name}`;
    if (props[name]) errors.push(...schemaErrors(props[name], v, sub));
    else if (schema.additionalProperties === false) errors.push(`${sub}: property not allowed`);
    else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null) {
      errors.push(...schemaErrors(schema.additionalProperties as JsonSchema, v, sub));
    }
  }
  return errors;
}
