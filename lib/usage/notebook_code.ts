/**
 * The Python code of a Jupyter notebook: its code cells joined into one module (so an import in the first
 * cell is seen by a call in a later one), with IPython magics and shell escapes blanked out.
 *
 * @module
 */

/** The code of a notebook and where each of its lines came from. */
export interface NotebookCode {
  code: string;
  /** For each 0-based line of `code`: the index of its cell in the notebook's `cells` list. */
  cellOfLine: number[];
  /** For each 0-based line of `code`: its 0-based line inside the cell. */
  lineInCell: number[];
}

/** A notebook that is not JSON or has no cells. */
export class BadNotebookError extends Error {
  override name = "BadNotebookError";
}

function sourceOf(cell: Record<string, unknown>): string {
  const source = cell.source ?? cell.input; // nbformat 4 / 3
  if (typeof source === "string") return source;
  if (Array.isArray(source)) return source.join("");
  throw new BadNotebookError("a code cell has no source");
}

// `%time x = f()`, `!pip install ...`, `?obj`, `obj?`: IPython, not Python; the line stays, blank, so
// line numbers still point into the cell.
const MAGIC = /^\s*[%!?]|^\s*[\w.]+\?{1,2}\s*$/;
// Cell magics whose body is still Python (`%%time` ...); any other (`%%bash`, `%%html`) leaves the cell out.
const PYTHON_CELL_MAGIC = /^\s*%%(time|timeit|capture|prun|memit|debug)\b/;

/**
 * Extracts the code of notebook `text` (nbformat 3 or 4). Cells run by another language's cell magic
 * (`%%bash`, `%%html`) are left out; `%%time` and the like keep their Python.
 *
 * @throws {BadNotebookError} when `text` is not a notebook.
 * @example
 * ```ts
 * const nb = notebookCode('{"cells":[{"cell_type":"code","source":["!pip install timm\\n","import timm"]}]}');
 * nb.code; // "\nimport timm\n"
 * nb.lineInCell; // [0, 1]
 * ```
 */
export function notebookCode(text: string): NotebookCode {
  let nb: Record<string, unknown>;
  try {
    nb = JSON.parse(text);
  } catch (err) {
    throw new BadNotebookError(`not JSON: ${(err as Error).message}`);
  }
  const worksheets = nb?.worksheets as { cells?: unknown }[] | undefined;
  const cells = nb?.cells ?? worksheets?.[0]?.cells;
  if (!Array.isArray(cells)) throw new BadNotebookError("no cells list");
  const lines: string[] = [];
  const cellOfLine: number[] = [];
  const lineInCell: number[] = [];
  cells.forEach((cell, index) => {
    if (!cell || typeof cell !== "object" || (cell as { cell_type?: string }).cell_type !== "code") return;
    const source = sourceOf(cell as Record<string, unknown>);
    if (/^\s*%%/.test(source) && !PYTHON_CELL_MAGIC.test(source)) return;
    source.split(/\r?\n/).forEach((line, i) => {
      lines.push(MAGIC.test(line) ? "" : line);
      cellOfLine.push(index);
      lineInCell.push(i);
    });
  });
  return { code: lines.join("\n") + "\n", cellOfLine, lineInCell };
}
