import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { saveTable } from "../../lib/figures/table.ts";

Deno.test("saveTable() writes <dir>/<name>.csv with a header and returns the path", async () => {
  const dir = join(await Deno.makeTempDir(), "tables");
  const df = pl.DataFrame({ tag: ["text-generation", 'say "hi", twice'], models: [120, 40] });
  const path = await saveTable(df, "01_counts", dir);
  assert.equal(path, join(dir, "01_counts.csv"));
  assert.equal(
    await Deno.readTextFile(path),
    'tag,models\ntext-generation,120.0\n"say ""hi"", twice",40.0\n',
  );
});

Deno.test("saveTable() names the nested columns CSV cannot hold", async () => {
  const df = pl.DataFrame({ id: ["a"], licenses: [["mit", "apache-2.0"]] });
  await assert.rejects(
    saveTable(df, "nested", await Deno.makeTempDir()),
    /cannot write table "nested" as CSV \(flatten the nested columns licenses first\)/,
  );
});

Deno.test("saveTable() rejects a name that is not a file stem", async () => {
  await assert.rejects(saveTable(pl.DataFrame({ a: [1] }), "a/b", await Deno.makeTempDir()), /file stem/);
});
