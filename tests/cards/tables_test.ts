import assert from "node:assert/strict";
import { scanFences } from "../../lib/cards/code_blocks.ts";
import { findTables, splitRow } from "../../lib/cards/tables.ts";

Deno.test("tables: cells lose emphasis and links; escaped pipes stay; tables in code are not tables", () => {
  assert.deepEqual(splitRow("| **F1** | [81.9](https://x) | a \\| b | <br>x |"), [
    "F1",
    "81.9",
    "a | b",
    "x",
  ]);
  const lines = [
    "```",
    "| a | b |",
    "|---|---|",
    "```",
    "| m | v |",
    "| :-- | --: |",
    "| f1 | 1 |",
    "",
    "| x |",
  ];
  const { inCode } = scanFences(lines);
  const tables = findTables(lines, inCode);
  assert.equal(tables.length, 1);
  assert.deepEqual(tables[0], { header: ["m", "v"], rows: [["f1", "1"]], line: 4 });
  assert.deepEqual(findTables(["Title", "---"], new Uint8Array(2)), [], "a setext heading is no table");
});

Deno.test("code blocks: languages, tildes, longer closing fences and a block never closed", () => {
  const lines = [
    "~~~py",
    "x = 1",
    "~~~~",
    "text",
    "````",
    "```",
    "still code",
    "````",
    "```bash",
    "unclosed",
  ];
  const { blocks, inCode } = scanFences(lines);
  assert.deepEqual(blocks.map((b) => [b.lang, b.code, b.start, b.end]), [
    ["py", "x = 1", 0, 2],
    ["", "```\nstill code", 4, 7],
    ["bash", "unclosed", 8, 10],
  ]);
  assert.deepEqual([...inCode], [1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
});
