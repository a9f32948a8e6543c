import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDenoKernel } from "../../lib/notebooks/kernel.ts";
import { jupyterAvailable } from "../../lib/notebooks/python.ts";
import { listNotebooks, NotebookError, runNotebook, runNotebooks } from "../../lib/notebooks/run.ts";

const testdata = fileURLToPath(new URL("./testdata/", import.meta.url));
const fixture = (name: string) => join(testdata, name);

const jupyter = await jupyterAvailable();
if (!jupyter) {
  console.warn(
    "SKIPPING notebook runner tests: /usr/bin/python3 cannot import nbclient (bash scripts/setup_jupyter.sh)",
  );
}

/** Each code cell's outputs as text: stream text, or the text/plain of a result. */
async function outputsOf(path: string): Promise<string[][]> {
  const nb = JSON.parse(await Deno.readTextFile(path));
  const text = (v: string | string[]) => Array.isArray(v) ? v.join("") : v;
  return nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code").map(
    (c: { outputs: { output_type: string; text?: string[]; data?: Record<string, string[]> }[] }) =>
      c.outputs.map((o) => o.output_type === "stream" ? text(o.text!) : text(o.data?.["text/plain"] ?? "")),
  );
}

const GOOD_OUTPUTS = [
  ["hello, notebook\n"],
  ["12"],
  ['"read=granted write=granted env=granted run=granted ffi=granted sys=granted"'],
  [],
  ["last 2\n"],
];

/** A temporary folder holding copies of fixtures under new names, with the module they import. */
async function notebookDir(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-nb-" });
  await Deno.copyFile(fixture("helper.ts"), join(dir, "helper.ts"));
  for (const [name, source] of Object.entries(files)) await Deno.copyFile(fixture(source), join(dir, name));
  return dir;
}

const quiet = () => {};

Deno.test("ensureDenoKernel() writes a kernelspec named deno that runs the current deno", async () => {
  const dir = await Deno.makeTempDir();
  assert.equal(await ensureDenoKernel({ dir }), dir);
  const spec = JSON.parse(await Deno.readTextFile(join(dir, "kernels", "deno", "kernel.json")));
  assert.deepEqual(spec.argv, [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"]);
  assert.equal(spec.display_name, "Deno");
  await ensureDenoKernel({ dir, deno: "/opt/other/deno" });
  const other = JSON.parse(await Deno.readTextFile(join(dir, "kernels", "deno", "kernel.json")));
  assert.equal(other.argv[0], "/opt/other/deno");
});

Deno.test({
  name: "runNotebook() runs a notebook in its folder, with all permissions, and writes the executed copy",
  ignore: !jupyter,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "good.ipynb");
    const run = await runNotebook(fixture("good.ipynb"), { outPath: out });
    assert.equal(run.codeCells, 5);
    assert.equal(run.out, out);
    assert.ok(run.seconds > 0 && run.kernelStartSeconds <= run.seconds);
    assert.deepEqual(await outputsOf(out), GOOD_OUTPUTS);
    const source = JSON.parse(await Deno.readTextFile(fixture("good.ipynb")));
    assert.ok(
      source.cells.every((c: { outputs?: unknown[] }) => !c.outputs?.length),
      "fixture left unexecuted",
    );
  },
});

Deno.test({
  name: "runNotebook() rejects with NotebookError naming the cell that throws, and writes no copy",
  ignore: !jupyter,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "throws.ipynb");
    const err = await runNotebook(fixture("throws.ipynb"), { outPath: out }).catch((e) => e);
    assert.ok(err instanceof NotebookError, String(err));
    assert.equal(err.kind, "error");
    assert.equal(err.cell, 2);
    assert.equal(err.firstLine, "// the second code cell fails");
    assert.equal(err.ename, "RangeError");
    assert.equal(err.evalue, "fixture failure");
    assert.match(err.message, /throws\.ipynb, cell 2 .*RangeError: fixture failure/);
    assert.match(err.message, /hint:/);
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  },
});

Deno.test({
  name: "runNotebook() fails on a code cell without output unless it is tagged no-output",
  ignore: !jupyter,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "silent.ipynb");
    const err = await runNotebook(fixture("silent.ipynb"), { outPath: out }).catch((e) => e);
    assert.ok(err instanceof NotebookError, String(err));
    assert.equal(err.kind, "no-output");
    assert.equal(err.cell, 2);
    assert.equal(err.firstLine, "const nothing = 0;");
    assert.match(err.hint, /no-output/);
  },
});

Deno.test({
  name: "runNotebook() fails when the last cell is silent (the final drain of late output must not hide it)",
  ignore: !jupyter,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "silent_last.ipynb");
    const err = await runNotebook(fixture("silent_last.ipynb"), { outPath: out }).catch((e) => e);
    assert.ok(err instanceof NotebookError, String(err));
    assert.equal(err.kind, "no-output");
    assert.equal(err.cell, 2);
    assert.equal(err.firstLine, "const last = 0;");
  },
});

Deno.test({
  name: "runNotebook() stops a cell that runs longer than timeoutSeconds",
  ignore: !jupyter,
  fn: async () => {
    const out = join(await Deno.makeTempDir(), "slow.ipynb");
    const err = await runNotebook(fixture("slow.ipynb"), { outPath: out, timeoutSeconds: 2 }).catch((e) => e);
    assert.ok(err instanceof NotebookError, String(err));
    assert.equal(err.kind, "timeout");
    assert.equal(err.cell, 2);
    assert.match(err.evalue, /after 2 seconds/);
  },
});

Deno.test("listNotebooks() keeps NN_*.ipynb files in numeric order", async () => {
  const dir = await notebookDir({
    "10_c.ipynb": "good.ipynb",
    "2_b.ipynb": "good.ipynb",
    "01_a.ipynb": "good.ipynb",
  });
  await Deno.writeTextFile(join(dir, "scratch.ipynb"), "{}");
  assert.deepEqual(await listNotebooks(dir), ["01_a.ipynb", "2_b.ipynb", "10_c.ipynb"]);
  await assert.rejects(
    runNotebooks(dir, { outDir: dir, only: ["07"], onProgress: quiet }),
    /no notebook .* matches 07/,
  );
});

Deno.test({
  name: "runNotebooks() runs in numeric order and stops at the first failing notebook",
  ignore: !jupyter,
  fn: async () => {
    const dir = await notebookDir({
      "01_a.ipynb": "good.ipynb",
      "02_b.ipynb": "throws.ipynb",
      "03_c.ipynb": "good.ipynb",
    });
    const outDir = join(dir, "out");
    const events: string[] = [];
    const err = await runNotebooks(dir, {
      outDir,
      onProgress: (e) => events.push(`${e.kind} ${e.index + 1}/${e.total}`),
    }).catch((e) => e);
    assert.ok(err instanceof NotebookError);
    assert.match(err.notebook, /02_b\.ipynb$/);
    assert.deepEqual(events, ["start 1/3", "done 1/3", "start 2/3", "failed 2/3"]);
    assert.deepEqual([...Deno.readDirSync(outDir)].map((e) => e.name), ["01_a.ipynb"]);

    const runs = await runNotebooks(dir, { outDir, only: ["03_c"], onProgress: quiet });
    assert.deepEqual(runs.map((r) => r.out), [join(outDir, "03_c.ipynb")]);
  },
});

Deno.test({
  name:
    "runNotebook() loses no output over 20 runs, two at a time (the kernel may publish idle before output)",
  ignore: !jupyter,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    let late = 0;
    for (let round = 0; round < 10; round++) {
      await Promise.all([0, 1].map(async (lane) => {
        const out = join(dir, `good-${round}-${lane}.ipynb`);
        const run = await runNotebook(fixture("good.ipynb"), { outPath: out });
        assert.deepEqual(await outputsOf(out), GOOD_OUTPUTS, `round ${round}, lane ${lane}`);
        late += run.lateOutputs;
      }));
    }
    console.log(`20 runs of good.ipynb: ${late} late output(s) kept`);
  },
});
