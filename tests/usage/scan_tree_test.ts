/**
 * scanPath() walks a directory or a tarball with the real detector: it reads only `.py` and `.ipynb` files,
 * never follows a symlink, counts what it skips and why, and gives the same report for a repository whether it
 * comes as a checkout or as a codeload tarball.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { headCommit, repoTarball, type TarFile } from "../../lib/testing/_github_tarball.ts";
import { createDetector } from "../../lib/usage/detector.ts";
import { ScanError, scanPath } from "../../lib/usage/scan_tree.ts";
import { TarballError } from "../../lib/usage/tarball.ts";
import { tar, withTemp, writeTree } from "./_tree.ts";
import type { ScanReport } from "../../lib/usage/types.ts";

const detector = await createDetector();

const LOADS_GPT2 = 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("gpt2")\n';
const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: "markdown", metadata: {}, source: ["# Demo\n"] },
    {
      cell_type: "code",
      metadata: {},
      outputs: [],
      source: ["import timm\n", 'm = timm.create_model("resnet50")\n'],
    },
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});
const REPO: TarFile[] = [
  { path: "train.py", content: LOADS_GPT2 },
  { path: "src/app/__init__.py", content: "" },
  { path: "src/app/utils.py", content: "import os\n\ndef here():\n    return os.getcwd()\n" },
  { path: "notebooks/demo.ipynb", content: NOTEBOOK },
  // cut short: the detector reports it once its text mentions a signature's module
  {
    path: "notebooks/broken.ipynb",
    content: '{"cells": [{"cell_type": "code", "source": ["import timm; timm.create_model',
  },
  { path: "README.md", content: 'AutoModel.from_pretrained("not-python")\n' },
];

/** Where each detection is and what it loads, in a form that compares. */
const found = (r: ScanReport) =>
  r.detections.map((d) => `${d.repo} ${d.file}:${d.line} ${d.model_id}`).sort();

Deno.test("scanPath() scans a checkout: .py and .ipynb only, paths relative to the repository", async () => {
  await withTemp(async (dir) => {
    const root = join(dir, "app");
    await writeTree(root, REPO);
    // git's own files are not the repository's content
    await writeTree(root, [{ path: ".git/hooks/loader.py", content: LOADS_GPT2 }]);
    const progress: number[] = [];
    const report = await scanPath(root, { detector, onProgress: (files) => progress.push(files) });
    assert.deepEqual(found(report), ["app notebooks/demo.ipynb:2 resnet50", "app train.py:3 gpt2"]);
    const sources = REPO.filter((f) => /\.(py|ipynb)$/.test(f.path));
    assert.equal(report.files, sources.length);
    assert.equal(report.bytes, sources.reduce((n, f) => n + new TextEncoder().encode(f.content).length, 0));
    assert.deepEqual(report.skipped, { "bad-notebook": 1 });
    assert.equal(report.parsed, 2);
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
    assert.deepEqual(report.detections.map((d) => d.file), ["notebooks/demo.ipynb", "train.py"]);
    assert.equal((await scanPath(root, { detector, repo: "acme/app" })).detections[0].repo, "acme/app");
  });
});

Deno.test("scanPath() gives the same report for a codeload tarball as for the checkout", async () => {
  await withTemp(async (dir) => {
    const long = `${"long-directory-name/".repeat(14)}model.py`;
    const files = [...REPO, { path: long, content: LOADS_GPT2 }];
    await writeTree(join(dir, "app"), files);
    const file = join(dir, "app.tar.gz");
    await Deno.writeFile(file, repoTarball("acme/app", headCommit("acme/app", "main"), files, 0));
    const fromTar = await scanPath(file, { detector });
    const fromDir = await scanPath(join(dir, "app"), { detector });
    assert.deepEqual(fromTar, fromDir);
    assert.ok(found(fromTar).includes(`app ${long}:3 gpt2`));
  });
});

Deno.test("scanPath() never follows symlinks, and a symlink loop ends", async () => {
  await withTemp(async (dir) => {
    const root = join(dir, "repo");
    await writeTree(root, [{ path: "train.py", content: LOADS_GPT2 }]);
    await Deno.symlink(".", join(root, "loop"));
    await Deno.symlink("train.py", join(root, "again.py"));
    await Deno.symlink(dir, join(root, "outside"));
    const report = await scanPath(root, { detector });
    assert.deepEqual(found(report), ["repo train.py:3 gpt2"]);
    assert.deepEqual({ files: report.files, skipped: report.skipped }, { files: 1, skipped: { symlink: 3 } });
    await tar(dir, "-czf", "repo.tgz", "repo");
    assert.deepEqual(await scanPath(join(dir, "repo.tgz"), { detector }), report);
  });
});

Deno.test("scanPath() does not enter directories deeper than maxDepth, in a checkout or a tarball", async () => {
  await withTemp(async (dir) => {
    const deep = `${"d/".repeat(40)}deep.py`;
    await writeTree(join(dir, "repo"), [{ path: "top.py", content: LOADS_GPT2 }, {
      path: deep,
      content: LOADS_GPT2,
    }]);
    await tar(dir, "-czf", "repo.tgz", "repo");
    for (const path of [join(dir, "repo"), join(dir, "repo.tgz")]) {
      const cut = await scanPath(path, { detector });
      assert.deepEqual(found(cut), ["repo top.py:3 gpt2"], path);
      assert.deepEqual(cut.skipped, { "too-deep": 1 }, path);
      const all = await scanPath(path, { detector, maxDepth: 40 });
      assert.deepEqual(found(all), [`repo ${deep}:3 gpt2`, "repo top.py:3 gpt2"], path);
    }
  });
});

Deno.test("scanPath() skips binary, oversized and non-UTF-8 files, counting them", async () => {
  await withTemp(async (dir) => {
    const root = join(dir, "repo");
    await writeTree(root, [{ path: "ok.py", content: LOADS_GPT2 }]);
    const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    await Deno.writeFile(join(root, "compiled.py"), Uint8Array.of(0x42, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0));
    await Deno.writeFile(join(root, "legacy.py"), latin1(`# café\n${LOADS_GPT2}`));
    // PEP 263: a declared encoding is honoured
    await Deno.writeFile(
      join(root, "declared.py"),
      latin1(`# -*- coding: latin-1 -*-\n# café\n${LOADS_GPT2}`),
    );
    await Deno.writeTextFile(join(root, "big.py"), `${LOADS_GPT2}${"# padding\n".repeat(200)}`);
    // sparse: 11 MiB on paper, over the default limit, never read
    await Deno.writeFile(join(root, "huge.py"), new Uint8Array(0));
    await Deno.truncate(join(root, "huge.py"), 11 * 1024 * 1024);
    const report = await scanPath(root, { detector, maxFileBytes: 1024 });
    assert.deepEqual(found(report), ["repo declared.py:5 gpt2", "repo ok.py:3 gpt2"]);
    assert.deepEqual(report.skipped, { binary: 1, "not-utf8": 1, "too-large": 2 });
    assert.equal(report.files, 6);
    const byDefault = await scanPath(root, { detector });
    assert.deepEqual(byDefault.skipped, { binary: 1, "not-utf8": 1, "too-large": 1 });
    assert.ok(found(byDefault).includes("repo big.py:3 gpt2"));
  });
});

Deno.test("scanPath() counts files and directories whose names are not UTF-8 instead of failing", async () => {
  await withTemp(async (dir) => {
    await writeTree(join(dir, "repo"), [{ path: "ok.py", content: LOADS_GPT2 }]);
    // Deno cannot spell such names; the shell can
    const script = `mkdir $'d\\xe9r' && printf 'import timm\\n' > $'caf\\xe9.py' && cp ok.py $'d\\xe9r/x.py'`;
    const made = await new Deno.Command("bash", { args: ["-c", script], cwd: join(dir, "repo") }).output();
    assert.equal(made.code, 0);
    const report = await scanPath(join(dir, "repo"), { detector });
    assert.deepEqual(found(report), ["repo ok.py:3 gpt2"]);
    assert.deepEqual(report.skipped, { "not-utf8": 2 });
    // in a tarball the name is only a label: the file is read
    await tar(dir, "-czf", "repo.tgz", "repo");
    const fromTar = await scanPath(join(dir, "repo.tgz"), { detector });
    assert.deepEqual(found(fromTar), ["repo d\uFFFDr/x.py:3 gpt2", "repo ok.py:3 gpt2"]);
  });
});

Deno.test("scanPath() skips tarball entries that escape or link: `..`, absolute paths, sym- and hard links", async () => {
  await withTemp(async (dir) => {
    await writeTree(dir, [
      { path: "evil.py", content: LOADS_GPT2 },
      { path: "repo/train.py", content: LOADS_GPT2 },
    ]);
    await Deno.symlink("/etc/passwd", join(dir, "repo", "passwd.py"));
    await Deno.link(join(dir, "repo", "train.py"), join(dir, "repo", "hard.py"));
    // -P keeps `../` and leading `/` in member names, as a hostile archive would have them
    await tar(
      join(dir, "repo"),
      "-czPf",
      "../hostile.tgz",
      "train.py",
      "hard.py",
      "passwd.py",
      "../evil.py",
      `${dir}/evil.py`,
    );
    const before = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    const report = await scanPath(join(dir, "hostile.tgz"), { detector, repo: "x/y" });
    assert.deepEqual(found(report), ["x/y train.py:3 gpt2"]);
    assert.deepEqual(report.skipped, { "unsafe-path": 3, symlink: 1 });
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), before);
  });
});

Deno.test("scanPath() keeps the first directory in paths when an archive has several at its top", async () => {
  await withTemp(async (dir) => {
    await writeTree(dir, [{ path: "src/a.py", content: LOADS_GPT2 }, {
      path: "tests/b.py",
      content: LOADS_GPT2,
    }]);
    await tar(dir, "-czf", "two.tar.gz", "src", "tests");
    const report = await scanPath(join(dir, "two.tar.gz"), { detector });
    assert.deepEqual(found(report), ["two src/a.py:3 gpt2", "two tests/b.py:3 gpt2"]);
  });
});

Deno.test("scanPath() names the path it cannot scan", async () => {
  await withTemp(async (dir) => {
    const good = repoTarball("acme/app", headCommit("acme/app", "main"), REPO, 0);
    const cut = join(dir, "cut.tar.gz");
    await Deno.writeFile(cut, good.subarray(0, good.length - 100));
    await assert.rejects(scanPath(cut, { detector }), TarballError, `${cut}: corrupt or truncated gzip data`);
    const text = join(dir, "notes.txt");
    await Deno.writeTextFile(text, "hello");
    await assert.rejects(
      scanPath(text, { detector }),
      ScanError,
      `${text}: expected a directory or a .tar.gz`,
    );
    await assert.rejects(
      scanPath(join(dir, "missing"), { detector }),
      ScanError,
      `${dir}/missing: cannot scan`,
    );
  });
});
