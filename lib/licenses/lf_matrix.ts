/**
 * The Linux Foundation license compatibility matrix (`Linux-Foundation-OSS-License-Compatibility.xlsx` in the
 * PeaTMOSS artifact): may a work under the row's license (the derivative, the GitHub project) include a work
 * under the column's license (the original, the Hugging Face model)?
 *
 * @module
 */
import { LicenseInputError } from "./inputs.ts";

/** A cell of the matrix: `yes`, `no`, `?` (undecided), or empty (the diagonal). */
export type LfCell = "yes" | "no" | "?" | "";

/** The matrix, with its labels exactly as written (misspellings included: paper mode depends on them). */
export interface LfMatrix {
  /** Column labels: licenses of the original (upstream, Hugging Face) work, in sheet order. */
  originals: string[];
  /** Row labels: licenses of the derivative (downstream, GitHub) work, in sheet order. */
  derivatives: string[];
  /**
   * Header labels of columns that hold no verdicts (the file's trailing `Compatibility` column, which repeats
   * each row's label). pandas counts them among the columns, and the artifact's coverage percentage with it.
   */
  extraColumns?: string[];
  /** The cell at (`derivative` row, `original` column); undefined when either label is not in the matrix. */
  cell(derivative: string, original: string): LfCell | undefined;
}

const CORNER = "Compatibility";
const VALUES: ReadonlySet<string> = new Set(["yes", "no", "?", ""]);

/**
 * Builds an {@linkcode LfMatrix} from plain rows (`cells[i][j]` = row `derivatives[i]`, column `originals[j]`).
 *
 * @example
 * ```ts
 * const m = lfMatrix(["mit", "gpl-3.0-only"], ["mit", "gpl-3.0-only"], [["", "no"], ["yes", ""]]);
 * m.cell("mit", "gpl-3.0-only"); // "no"
 * ```
 */
export function lfMatrix(
  originals: string[],
  derivatives: string[],
  cells: LfCell[][],
  extraColumns: string[] = [],
): LfMatrix {
  const col = new Map(originals.map((l, j) => [l, j]));
  const row = new Map(derivatives.map((l, i) => [l, i]));
  return {
    originals,
    derivatives,
    extraColumns,
    cell(derivative, original) {
      const i = row.get(derivative);
      const j = col.get(original);
      return i === undefined || j === undefined ? undefined : cells[i][j];
    },
  };
}

/** The text of a cell; null for an empty cell, undefined for anything that is not plain text. */
function text(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads the matrix from an xlsx file laid out like the Linux Foundation's; see {@linkcode parseLfMatrix}.
 *
 * @example
 * ```ts
 * const m = await readLfMatrix("Linux-Foundation-OSS-License-Compatibility.xlsx");
 * m.cell("mit", "gpl-3.0-only"); // "no"
 * ```
 */
export async function readLfMatrix(path: string): Promise<LfMatrix> {
  return parseLfMatrix(await Deno.readFile(path), path);
}

/**
 * Parses the bytes of an xlsx file laid out like the Linux Foundation's matrix: on the first sheet, cell A1
 * reads `Compatibility`, the rest of row 1 holds the original licenses (optionally ending with a second
 * `Compatibility` column that repeats each row's label), column A holds the derivative licenses, and every
 * other cell is `yes`, `no`, `?` or empty. Anything else is a {@linkcode LicenseInputError} naming `where`,
 * the sheet and the cell. exceljs is loaded only here, as loading it takes a noticeable part of a second.
 *
 * @example
 * ```ts
 * const m = await parseLfMatrix(await Deno.readFile("lf.xlsx"), "lf.xlsx");
 * m.derivatives.length; // 43
 * ```
 */
export async function parseLfMatrix(bytes: Uint8Array, where: string): Promise<LfMatrix> {
  // exceljs's package entry also loads its streaming reader and writer (archiver, unzipper...): ~0.3 s of the
  // 1 s budget of `deno task licenses`. Its Workbook module alone reads xlsx in half that (exceljs is pinned).
  const { default: Workbook } = await import("exceljs/lib/doc/workbook.js") as unknown as {
    default: typeof import("exceljs").Workbook;
  };
  const workbook = new Workbook();
  try {
    // exceljs's typings want a Node Buffer; it reads any ArrayBuffer view
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new LicenseInputError(`${where}: not a readable xlsx workbook (${(err as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new LicenseInputError(`${where}: the workbook has no sheet; expected one holding the matrix`);
  }
  const fail = (address: string, found: unknown, expected: string) =>
    new LicenseInputError(
      `${where}, sheet "${sheet.name}", cell ${address}: found ${
        JSON.stringify(found ?? "")
      }, expected ${expected} (is this the Linux Foundation compatibility matrix?)`,
    );

  const header = sheet.getRow(1);
  const corner = header.getCell(1);
  if (text(corner.value) !== CORNER) throw fail(corner.address, corner.value, `"${CORNER}"`);
  let width = header.cellCount;
  const extraColumns: string[] = [];
  const last = header.getCell(width);
  if (width > 1 && text(last.value) === CORNER) {
    extraColumns.push(CORNER);
    width--;
  }
  const originals: string[] = [];
  for (let c = 2; c <= width; c++) {
    const cell = header.getCell(c);
    const label = text(cell.value);
    if (!label) throw fail(cell.address, cell.value, "a license id (original license)");
    if (originals.includes(label)) throw fail(cell.address, label, "a license id not already in row 1");
    originals.push(label);
  }

  const derivatives: string[] = [];
  const cells: LfCell[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const head = row.getCell(1);
    const label = text(head.value);
    if (!label) throw fail(head.address, head.value, "a license id (derivative license)");
    if (derivatives.includes(label)) throw fail(head.address, label, "a license id not already in column A");
    const values: LfCell[] = [];
    for (let c = 2; c <= width; c++) {
      const cell = row.getCell(c);
      const value = text(cell.value);
      if (value === undefined || !VALUES.has(value ?? "")) {
        throw fail(cell.address, cell.value, "yes, no, ? or an empty cell");
      }
      values.push((value ?? "") as LfCell);
    }
    if (extraColumns.length) {
      const cell = row.getCell(width + 1);
      const repeated = text(cell.value);
      if (repeated !== null && repeated !== label) {
        throw fail(cell.address, cell.value, `"${label}" or nothing`);
      }
    }
    for (let c = width + extraColumns.length + 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      if (cell.value !== null) throw fail(cell.address, cell.value, "an empty cell right of the matrix");
    }
    derivatives.push(label);
    cells.push(values);
  }
  if (derivatives.length === 0) throw fail("A2", null, "a derivative license id (the matrix has no rows)");
  return lfMatrix(originals, derivatives, cells, extraColumns);
}
