/** The JSON Schema subset validator, on the project's metadata schema. */
import assert from "node:assert/strict";
import { schemaErrors } from "../../lib/extract/json_schema_check.ts";
import { loadPrompt } from "../../lib/extract/llm_prompt.ts";
import { FIELDS } from "../../lib/extract/record.ts";

const schema = loadPrompt().schema;
const empty = () =>
  Object.fromEntries(
    FIELDS.map((
      f,
    ) => [f, (schema.properties as Record<string, { type: string }>)[f].type === "array" ? [] : ""]),
  );

Deno.test("a complete record of empty values follows the metadata schema", () => {
  assert.deepEqual(schemaErrors(schema, empty()), []);
  const full = {
    ...empty(),
    license: "mit",
    parameter_count: "1.3B",
    hyper_parameters: [{ name: "epochs", value: "3" }],
    evaluation: [{ metric: "accuracy", dataset: "sst2", result: "0.91" }],
  };
  assert.deepEqual(schemaErrors(schema, full), []);
});

Deno.test("violations are reported with their JSON path", () => {
  const { grant: _, ...missing } = empty();
  assert.deepEqual(schemaErrors(schema, missing), ['$: missing required property "grant"']);
  assert.deepEqual(schemaErrors(schema, { ...empty(), license: 42 }), [
    "$.license: expected string, got integer",
  ]);
  assert.deepEqual(schemaErrors(schema, { ...empty(), extra: 1 }), ["$.extra: property not allowed"]);
  assert.deepEqual(schemaErrors(schema, { ...empty(), parameter_count: "7 billion" }), [
    '$.parameter_count: "7 billion" does not match /^(|[0-9]+(\\.[0-9]+)?[KMBT])$/',
  ]);
  assert.deepEqual(schemaErrors(schema, { ...empty(), evaluation: [{ metric: "acc", dataset: "x" }] }), [
    '$.evaluation[0]: missing required property "result"',
  ]);
  assert.deepEqual(schemaErrors(schema, [1]), ["$: expected object, got array"]);
});

Deno.test("enum, const, anyOf, oneOf and item counts", () => {
  assert.deepEqual(schemaErrors({ enum: ["a", "b"] }, "c"), ['$: "c" is not one of ["a","b"]']);
  assert.deepEqual(schemaErrors({ const: 1 }, 1), []);
  assert.equal(schemaErrors({ anyOf: [{ type: "string" }, { type: "null" }] }, null).length, 0);
  assert.equal(schemaErrors({ oneOf: [{ type: "number" }, { type: "integer" }] }, 3).length, 1, "both match");
  assert.deepEqual(schemaErrors({ type: "array", minItems: 1 }, []), ["$: fewer than 1 items"]);
});

Deno.test("a keyword the validator does not implement is an error, not a silent pass", () => {
  assert.throws(
    () => schemaErrors({ type: "string", maxLength: 3 }, "abcd"),
    /unsupported keyword "maxLength"/,
  );
});
