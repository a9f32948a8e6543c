/**
 * The repository pass of scanPath(): model arguments imported from the repository's own modules, resolved
 * the same from a checkout and from tarballs of every shape, within the scan's limits.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { headCommit, repoTarball, type TarFile } from "../../lib/testing/_github_tarball.ts";
import { REPO_ROOT } from "../../lib/paths.ts";
import { createDetector } from "../../lib/usage/detector.ts";
import { scanPath } from "../../lib/usage/scan_tree.ts";
import type { ScanReport } from "../../lib/usage/types.ts";
import { tar, withTemp, writeTree } from "./_tree.ts";

const detector = await createDetector();
const LAB = join(REPO_ROOT, "tests", "usage", "corpus", "research-lab");

/** The corpus repository research-lab as files. */
function labFiles(): TarFile[] {
  const files: TarFile[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isDirectory) walk(join(dir, e.name), `${rel}${e.name}/`);
      else files.push({ path: rel + e.name, content: Deno.readTextFileSync(join(dir, e.name)) });
    }
  };
  walk(LAB, "");
  return files.sort((a, b) => a.path < b.path ? -1 : 1);
}

const found = (r: ScanReport) =>
  r.detections.map((d) => `${d.file}:${d.line} ${d.model_id} ${d.resolution}${d.via ? ` via ${d.via}` : ""}`);

const LOADER = (name: string, from: string) =>
  `from transformers import AutoModel\nfrom ${from} import ${name}\n\nm = AutoModel.from_pretrained(${name})\n`;

Deno.test("scanPath() resolves imported arguments the same in a checkout and in tarballs", async () => {
  const fromDir = await scanPath(LAB, { detector });
  assert.ok(found(fromDir).includes("train.py:9 roberta-base constant via config.py:6"));
  // config.py and constants.py name no library: read for the repository pass, not counted as parsed
  assert.equal(fromDir.parsed, 6);
  await withTemp(async (dir) => {
    const codeload = join(dir, "research-lab.tar.gz");
    await Deno.writeFile(codeload, repoTarball("lab/x", headCommit("lab/x", "main"), labFiles(), 0));
    assert.deepEqual(await scanPath(codeload, { detector }), fromDir);

    // several directories and files at the top: their names are part of the paths (and of the modules')
    await writeTree(join(dir, "flat"), labFiles());
    const top = [
      "src",
      "scripts",
      "legacy",
      "config.py",
      "constants.py",
      "cycle_a.py",
      "cycle_b.py",
      "train.py",
    ];
    await tar(join(dir, "flat"), "-czf", join(dir, "research-lab.tgz"), ...top);
    assert.deepEqual(found(await scanPath(join(dir, "research-lab.tgz"), { detector })), found(fromDir));
  });
});

Deno.test("scanPath() follows re-exports a few modules deep, not further", async () => {
  const chain = (n: number, prefix: string): TarFile[] => [
    { path: `${prefix}0.py`, content: LOADER("MODEL", `${prefix}1`) },
    ...Array.from({ length: n - 1 }, (_, i) => ({
      path: `${prefix}${i + 1}.py`,
      content: `from ${prefix}${i + 2} import MODEL\n`,
    })),
    { path: `${prefix}${n}.py`, content: '# the end of the chain\nMODEL = "gpt2"\n' },
  ];
  await withTemp(async (dir) => {
    await writeTree(dir, [...chain(5, "short"), ...chain(9, "long")]);
    const report = await scanPath(dir, { detector, repo: "x" });
    assert.deepEqual(found(report), [
      "long0.py:4 null unknown",
      "short0.py:4 gpt2 constant via short5.py:2",
    ]);
  });
});

Deno.test("scanPath() resolves a notebook's imports from its directory up, and never reads past the size limit", async () => {
  await withTemp(async (dir) => {
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, outputs: [], source });
    await writeTree(dir, [
      { path: "config.py", content: 'MODEL = "bert-base-uncased"\n' },
      { path: "big.py", content: `MODEL = "gpt2"\n${"# padding\n".repeat(100)}` },
      { path: "run.py", content: LOADER("MODEL", "big") },
      {
        path: "notebooks/explore.ipynb",
        content: JSON.stringify({ nbformat: 4, cells: [cell(LOADER("MODEL", "config"))] }),
      },
    ]);
    const report = await scanPath(dir, { detector, repo: "x", maxFileBytes: 500 });
    assert.deepEqual(found(report), [
      "notebooks/explore.ipynb:4 bert-base-uncased constant via config.py:1",
      "run.py:4 null unknown",
    ]);
    assert.deepEqual(report.skipped, { "too-large": 1 });
  });
});
