/**
 * readTarball() reads what real writers produce — codeload-shaped archives, GNU tar, pax — entry by entry, and
 * fails with an error naming the file on archives that are not gzip or tar, or are cut short.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { headCommit, repoTarball } from "../../lib/testing/_github_tarball.ts";
import {
  readTarball,
  safeEntryPath,
  TarballError,
  type TarEntry,
  type TarRecord,
} from "../../lib/usage/tarball.ts";

const dec = new TextDecoder();

async function entries(file: string, select: (e: TarEntry) => boolean = () => true): Promise<TarRecord[]> {
  const out: TarRecord[] = [];
  for await (const e of readTarball(file, select)) out.push(e);
  return out;
}

/** Runs GNU tar in `dir` with `args`. */
async function tar(dir: string, ...args: string[]) {
  const out = await new Deno.Command("tar", { args, cwd: dir, stderr: "piped" }).output();
  if (out.code !== 0) throw new Error(`tar ${args.join(" ")}: ${dec.decode(out.stderr)}`);
}

async function withTemp(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-tarball-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const LONG_DIR = "a-rather-long-directory-name-for-a-package/" + "nested/".repeat(14);
const files = [
  { path: "train.py", content: 'from transformers import AutoModel\nAutoModel.from_pretrained("gpt2")\n' },
  { path: "src/pkg/__init__.py", content: "" },
  // over 100 bytes: ustar's prefix field; over 255: a pax path record
  { path: `${LONG_DIR}deep.py`, content: "x = 1\n" },
  { path: `${"very-long-segment-".repeat(16)}/file.py`, content: "y = 2\n" },
];

Deno.test("readTarball() reads a codeload tarball: pax global header, top directory, long paths", async () => {
  await withTemp(async (dir) => {
    const file = join(dir, "acme-app.tar.gz");
    await Deno.writeFile(file, repoTarball("acme/app", headCommit("acme/app", "main"), files, 0));
    const got = await entries(file);
    const top = `acme-app-${headCommit("acme/app", "main").slice(0, 7)}/`;
    assert.equal(got[0].path, top);
    assert.equal(got[0].kind, "directory");
    const byPath = new Map(got.filter((e) => e.kind === "file").map((e) => [e.path, e]));
    assert.equal(byPath.size, files.length);
    for (const f of files) {
      const e = byPath.get(top + f.path);
      assert.ok(e, `missing ${f.path}; got ${[...byPath.keys()].join(", ")}`);
      assert.equal(e.size, f.content.length);
      assert.equal(dec.decode(e.data), f.content);
    }
  });
});

Deno.test("readTarball() reads GNU tar archives: long names, symlinks and hard links as such", async () => {
  await withTemp(async (dir) => {
    const src = join(dir, "repo");
    await Deno.mkdir(join(src, LONG_DIR), { recursive: true });
    await Deno.writeTextFile(join(src, LONG_DIR, "deep.py"), "x = 1\n");
    await Deno.writeTextFile(join(src, "a.py"), "a = 1\n");
    await Deno.symlink("a.py", join(src, "link.py"));
    await Deno.link(join(src, "a.py"), join(src, "hard.py"));
    for (const format of ["gnu", "pax"]) {
      const file = join(dir, `${format}.tgz`);
      await tar(dir, `--format=${format}`, "-czf", file, "repo");
      const got = await entries(file);
      const byPath = new Map(got.map((e) => [e.path, e]));
      assert.equal(dec.decode(byPath.get(`repo/${LONG_DIR}deep.py`)?.data), "x = 1\n", format);
      assert.deepEqual(
        { kind: byPath.get("repo/link.py")?.kind, target: byPath.get("repo/link.py")?.linkTarget },
        { kind: "symlink", target: "a.py" },
      );
      // tar stores the second name of a file as a hard link to the first it archived
      const links = got.filter((e) => e.kind === "hardlink");
      assert.equal(links.length, 1, format);
      assert.match(`${links[0].path} ${links[0].linkTarget}`, /^repo\/(a|hard)\.py repo\/(a|hard)\.py$/);
      assert.equal(links[0].data, undefined);
    }
  });
});

Deno.test("readTarball() reads only the selected entries' contents, and closes the file when stopped early", async () => {
  await withTemp(async (dir) => {
    const file = join(dir, "r.tar.gz");
    await Deno.writeFile(file, repoTarball("acme/app", headCommit("acme/app", "main"), files, 0));
    const got = await entries(file, (e) => e.path.endsWith("train.py"));
    assert.deepEqual(got.filter((e) => e.data).map((e) => e.path.split("/").pop()), ["train.py"]);
    // the test's resource sanitizer fails it if the early exit leaked the file
    for await (const _ of readTarball(file)) break;
  });
});

Deno.test("readTarball() reads an uncompressed tar as well", async () => {
  await withTemp(async (dir) => {
    await Deno.writeTextFile(join(dir, "m.py"), "m = 1\n");
    await tar(dir, "-cf", "plain.tar", "m.py");
    const got = await entries(join(dir, "plain.tar"));
    assert.deepEqual(got.map((e) => [e.path, dec.decode(e.data)]), [["m.py", "m = 1\n"]]);
  });
});

Deno.test("readTarball() names the file when it is not a tarball or is cut short", async (t) => {
  await withTemp(async (dir) => {
    const good = repoTarball("acme/app", headCommit("acme/app", "main"), files, 0);
    const cases: [string, Uint8Array, RegExp][] = [
      [
        "truncated.tar.gz",
        good.subarray(0, Math.floor(good.length / 2)),
        /truncated\.tar\.gz: corrupt or truncated gzip/,
      ],
      [
        "text.tgz",
        new TextEncoder().encode("just some text, not an archive\n"),
        /text\.tgz: not a tar archive/,
      ],
      ["gzipped-text.tgz", gzipSync(new Uint8Array(2048).fill(65)), /gzipped-text\.tgz: not a tar archive/],
      ["empty.tgz", new Uint8Array(0), /empty\.tgz: not a tar archive/],
    ];
    // a plain tar cut inside an entry's content: gzip cannot catch that one
    await Deno.writeTextFile(join(dir, "big.py"), "z = 0\n".repeat(1000));
    await tar(dir, "-cf", "whole.tar", "big.py");
    const whole = await Deno.readFile(join(dir, "whole.tar"));
    cases.push([
      "cut.tar",
      whole.subarray(0, 3000),
      /cut\.tar: truncated archive \(ends inside entry "big\.py"\)/,
    ]);
    const corrupt = whole.slice();
    corrupt[10] ^= 0xff;
    cases.push(["corrupt.tar", corrupt, /corrupt\.tar: not a tar archive \(bad header checksum\)/]);
    for (const [name, bytes, message] of cases) {
      await t.step(name, async () => {
        const file = join(dir, name);
        await Deno.writeFile(file, bytes);
        await assert.rejects(entries(file), (err: Error) => {
          assert.ok(err instanceof TarballError, `${name}: ${err}`);
          assert.match(err.message, message);
          assert.ok(err.message.startsWith(file), err.message);
          return true;
        });
      });
    }
  });
});

Deno.test("safeEntryPath() refuses absolute paths and `..`, drops `.` and empty components", () => {
  assert.deepEqual(safeEntryPath("./src//a.py"), ["src", "a.py"]);
  assert.deepEqual(safeEntryPath("repo-abc1234/"), ["repo-abc1234"]);
  assert.deepEqual(safeEntryPath("a..b/c.py"), ["a..b", "c.py"]);
  assert.equal(safeEntryPath("../evil.py"), null);
  assert.equal(safeEntryPath("repo/../../evil.py"), null);
  assert.equal(safeEntryPath("/etc/cron.d/evil"), null);
  assert.equal(safeEntryPath("C:\\Windows\\evil.py"), null);
  assert.equal(safeEntryPath("a\0b.py"), null);
});
