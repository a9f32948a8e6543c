/**
 * Fenced code blocks of a markdown text. Headings, tables and placeholders must be looked for outside them: a
 * Python comment `# load the model` in a snippet is not a section.
 *
 * @module
 */

/** One fenced code block. */
export interface CodeBlock {
  /** Info-string language, lower case ("" when none). */
  lang: string;
  code: string;
  /** Index of the opening fence line. */
  start: number;
  /** Index of the closing fence line (lines.length when the block is never closed). */
  end: number;
}

/** The code blocks of some lines, and which lines lie inside one (fences included). */
export interface Fences {
  blocks: CodeBlock[];
  /** 1 for each line inside a block, fence lines included. */
  inCode: Uint8Array;
}

// CommonMark: an opening run of 3+ backticks or tildes whose info string holds no backtick, closed by a run of
// the same character at least as long. Any indentation is accepted: cards put fences inside list items.
const OPEN = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

/**
 * Finds the fenced code blocks of `lines` (one markdown line each).
 *
 * @example
 * ```ts
 * const { blocks, inCode } = scanFences(["text", "```python", "# not a heading", "```"]);
 * blocks[0].lang; // "python"
 * inCode[2]; // 1
 * ```
 */
export function scanFences(lines: readonly string[]): Fences {
  const blocks: CodeBlock[] = [];
  const inCode = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.indexOf("``") === -1 && line.indexOf("~~") === -1) continue;
    const open = OPEN.exec(line);
    if (!open) continue;
    const fence = open[1];
    let j = i + 1;
    while (j < lines.length && !closes(lines[j], fence)) j++;
    blocks.push({ lang: open[2].toLowerCase(), code: lines.slice(i + 1, j).join("\n"), start: i, end: j });
    inCode.fill(1, i, Math.min(j + 1, lines.length));
    i = j;
  }
  return { blocks, inCode };
}

function closes(line: string, fence: string): boolean {
  const t = line.trim();
  if (t.length < fence.length || t[0] !== fence[0]) return false;
  for (let k = 1; k < t.length; k++) if (t[k] !== fence[0]) return false;
  return true;
}
