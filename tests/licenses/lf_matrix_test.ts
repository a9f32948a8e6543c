import assert from "node:assert/strict";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { LicenseInputError } from "../../lib/licenses/inputs.ts";
import { lfMatrix, readLfMatrix } from "../../lib/licenses/lf_matrix.ts";

type Sheet = (string | number | null)[][];

/** The LF layout in small: header row, derivative rows, a trailing column repeating each row's label. */
const GOOD: Sheet = [
  ["Compatibility", "mit", "gpl-3.0-only", "bls-1.0", "Compatibility"],
  ["mit", null, "no", "?", "mit"],
  ["gpl-3.0-only", "yes", null, "?", "gpl-3.0-only"],
  ["bsl-1.0", "?", "?", null, "bsl-1.0"],
];

async function xlsx(sheets: Record<string, Sheet>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  const path = join(await Deno.makeTempDir({ prefix: "ptmscope-lf-" }), "lf.xlsx");
  await workbook.xlsx.writeFile(path);
  return path;
}

/** GOOD with one cell replaced (row and column 0-based, as in the array). */
function edit(row: number, col: number, value: string | number | null): Sheet {
  return GOOD.map((r, i) => r.map((v, j) => (i === row && j === col ? value : v)));
}

async function rejects(sheets: Record<string, Sheet>, ...parts: (string | RegExp)[]) {
  const path = await xlsx(sheets);
  await assert.rejects(readLfMatrix(path), (err: Error) => {
    assert.ok(err instanceof LicenseInputError, `${err}`);
    assert.ok(err.message.startsWith(path), err.message);
    for (const p of parts) {
      if (typeof p === "string") assert.ok(err.message.includes(p), `"${p}" not in: ${err.message}`);
      else assert.match(err.message, p);
    }
    return true;
  });
}

Deno.test("readLfMatrix() reads labels as written and cells by (derivative row, original column)", async () => {
  const m = await readLfMatrix(await xlsx({ Sheet1: GOOD }));
  assert.deepEqual(m.originals, ["mit", "gpl-3.0-only", "bls-1.0"]);
  assert.deepEqual(m.derivatives, ["mit", "gpl-3.0-only", "bsl-1.0"]);
  assert.deepEqual(m.extraColumns, ["Compatibility"]);
  assert.equal(m.cell("mit", "gpl-3.0-only"), "no");
  assert.equal(m.cell("gpl-3.0-only", "mit"), "yes");
  assert.equal(m.cell("mit", "bls-1.0"), "?");
  assert.equal(m.cell("mit", "mit"), "");
  assert.equal(m.cell("bsl-1.0", "bls-1.0"), "");
  // the misspellings are kept: each label exists on one side only
  assert.equal(m.cell("bls-1.0", "mit"), undefined);
  assert.equal(m.cell("mit", "bsl-1.0"), undefined);
  assert.equal(m.cell("apache-2.0", "mit"), undefined);
});

Deno.test("readLfMatrix() accepts a matrix without the trailing label column", async () => {
  const m = await readLfMatrix(await xlsx({ Sheet1: GOOD.map((r) => r.slice(0, -1)) }));
  assert.deepEqual(m.originals, ["mit", "gpl-3.0-only", "bls-1.0"]);
  assert.deepEqual(m.extraColumns, []);
  assert.equal(m.cell("gpl-3.0-only", "mit"), "yes");
});

Deno.test("readLfMatrix() names file, sheet, cell and what was expected for another layout", async (t) => {
  await t.step(
    "corner cell",
    () => rejects({ Sheet1: edit(0, 0, "License") }, 'sheet "Sheet1"', "cell A1", '"Compatibility"'),
  );
  await t.step(
    "a value other than yes/no/?/empty",
    () => rejects({ Sheet1: edit(2, 3, "maybe") }, "cell D3", '"maybe"', "yes, no, ? or an empty cell"),
  );
  await t.step(
    "a number in a cell",
    () => rejects({ Sheet1: edit(1, 2, 1) }, "cell C2", "yes, no, ? or an empty cell"),
  );
  await t.step(
    "duplicate original label",
    () => rejects({ Sheet1: edit(0, 3, "mit") }, "cell D1", "not already in row 1"),
  );
  await t.step(
    "duplicate derivative label",
    () =>
      rejects(
        { Sheet1: edit(3, 0, "mit").map((r, i) => i === 3 ? [...r.slice(0, -1), "mit"] : r) },
        "cell A4",
        "not already in column A",
      ),
  );
  await t.step("empty header label", () => rejects({ Sheet1: edit(0, 2, null) }, "cell C1", "a license id"));
  await t.step(
    "trailing column not repeating the row label",
    () => rejects({ Sheet1: edit(2, 4, "mit") }, "cell E3", '"gpl-3.0-only" or nothing'),
  );
  await t.step(
    "a value right of the matrix",
    () =>
      rejects(
        { Sheet1: GOOD.map((r, i) => i === 1 ? [...r, "x"] : r) },
        "cell F2",
        "an empty cell right of the matrix",
      ),
  );
  await t.step("no rows", () => rejects({ Sheet1: [GOOD[0]] }, "the matrix has no rows"));
  await t.step("no sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    const path = join(await Deno.makeTempDir(), "empty.xlsx");
    await workbook.xlsx.writeFile(path);
    await assert.rejects(readLfMatrix(path), (err: Error) => {
      assert.ok(err instanceof LicenseInputError);
      assert.equal(err.message, `${path}: the workbook has no sheet; expected one holding the matrix`);
      return true;
    });
  });
  await t.step("not an xlsx file", async () => {
    const path = join(await Deno.makeTempDir(), "lf.xlsx");
    await Deno.writeTextFile(path, "Compatibility,mit\nmit,\n");
    await assert.rejects(readLfMatrix(path), new RegExp(`^LicenseInputError: ${path}: not a readable xlsx`));
  });
});

Deno.test("readLfMatrix() reads the first sheet, as pandas does", async () => {
  const m = await readLfMatrix(await xlsx({ Matrix: GOOD, Notes: [["anything"]] }));
  assert.equal(m.cell("mit", "gpl-3.0-only"), "no");
  await rejects({ Matrix: edit(1, 1, "nope"), Notes: GOOD }, 'sheet "Matrix"', "cell B2");
});

Deno.test("lfMatrix() builds the same lookup from plain rows", () => {
  const m = lfMatrix(["mit", "gpl-3.0-only"], ["mit", "gpl-3.0-only"], [["", "no"], ["yes", ""]]);
  assert.equal(m.cell("mit", "gpl-3.0-only"), "no");
  assert.equal(m.cell("gpl-3.0-only", "mit"), "yes");
  assert.equal(m.cell("x", "mit"), undefined);
  assert.deepEqual(m.extraColumns, []);
});
