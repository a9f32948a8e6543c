/** Compaction of card text before it is sent to an LLM. */
import assert from "node:assert/strict";
import { compactMarkdown } from "../../lib/extract/llm_compact.ts";

Deno.test("long tables keep their head and the model's own row; the cut is stated", () => {
  const rows = Array.from({ length: 30 }, (_, k) => `| model-${k} | ${k} |`);
  const text = ["| model | top1 |", "|---|---|", ...rows, "", "After."].join("\n");
  const out = compactMarkdown(text, ["model-25"], { tableRows: 3 });
  assert.equal(
    out,
    [
      "| model | top1 |",
      "|---|---|",
      "| model-0 | 0 |",
      "| model-1 | 1 |",
      "| model-2 | 2 |",
      "| model-25 | 25 |",
      "(… 26 more rows)",
      "",
      "After.",
    ].join("\n"),
  );
});

Deno.test("long code blocks keep their first lines", () => {
  const code = Array.from({ length: 20 }, (_, k) => `line${k}`);
  const out = compactMarkdown(["```python", ...code, "```"].join("\n"), [], { codeLines: 2 });
  assert.equal(out, "```python\nline0\nline1\n(… 18 more lines)\n```");
});

Deno.test("images, badges, comments and layout tags go; links and text stay", () => {
  const text =
    '[![badge](https://img.shields.io/x.svg)](https://ci)\n<p align="center"><img src="a.png"/></p>\n' +
    "<!-- hidden -->\nSee [the repo](https://github.com/o/r) <b>now</b>.";
  assert.equal(compactMarkdown(text, []), "See [the repo](https://github.com/o/r) now.");
});

Deno.test("a token budget keeps the first prose and code, closes a cut code block, and keeps tables", () => {
  const prose = Array.from({ length: 20 }, (_, k) => `Line ${k} of prose.`);
  const code = Array.from({ length: 8 }, (_, k) => `x${k} = ${k}`);
  const text = [
    ...prose.slice(0, 2),
    "```python",
    ...code,
    "```",
    ...prose.slice(2),
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
  ]
    .join("\n");
  const out = compactMarkdown(text, [], { tokens: 30 });
  assert.match(out, /^Line 0 of prose\.\nLine 1 of prose\.\n```python\nx0 = 0\n/);
  assert.match(
    out,
    /\n\(… \d+ more lines\)\n```\n\(… 18 more lines\)\n\| a \| b \|\n\|---\|---\|\n\| 1 \| 2 \|$/,
  );
  assert.equal(compactMarkdown(text, [], { tokens: 10_000 }), compactMarkdown(text, []));
});
