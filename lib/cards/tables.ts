/**
 * Markdown pipe tables (GitHub flavour) of a card: evaluation results and hyper-parameters are often tables.
 *
 * @module
 */

/** One pipe table. Cells are trimmed, with markdown emphasis and links reduced to their text. */
export interface MarkdownTable {
  header: string[];
  rows: string[][];
  /** Index of the header line. */
  line: number;
}

const DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$/;

/**
 * Finds the pipe tables of some lines, skipping lines inside code blocks (`inCode`).
 *
 * @example
 * ```ts
 * const lines = ["| metric | value |", "|---|---|", "| f1 | 81.9 |"];
 * findTables(lines, new Uint8Array(3))[0].rows; // [["f1", "81.9"]]
 * ```
 */
export function findTables(lines: readonly string[], inCode: Uint8Array): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (inCode[i] || inCode[i + 1] || lines[i].indexOf("|") === -1) continue;
    const next = lines[i + 1];
    if (next.indexOf("-") === -1 || !DELIMITER.test(next)) continue;
    const header = splitRow(lines[i]);
    // a delimiter row without pipes only makes a table when the header has them (else it is a setext heading)
    if (header.length < 2 && next.indexOf("|") === -1) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && !inCode[j] && lines[j].indexOf("|") !== -1 && lines[j].trim() !== ""; j++) {
      rows.push(splitRow(lines[j]));
    }
    tables.push({ header, rows, line: i });
    i = j - 1;
  }
  return tables;
}

/**
 * Splits one table row into trimmed cells; `\|` is a literal pipe.
 *
 * @example
 * ```ts
 * splitRow("| **F1** | [81.9](https://x) |"); // ["F1", "81.9"]
 * ```
 */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => cleanCell(c.replace(/\\\|/g, "|")));
}

function cleanCell(cell: string): string {
  return cell
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
