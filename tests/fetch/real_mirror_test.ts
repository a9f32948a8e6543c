/**
 * Checks real catalog pins against ../shared/data (beside the repository) when it exists, and runs the CLI.
 * Without that directory the data tests are reported as ignored.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { catalogEntries, catalogGroups } from "../../lib/fetch/catalog.ts";
import { fetchGroups } from "../../lib/fetch/fetch.ts";
import { readCached } from "../../lib/fetch/cache.ts";
import { sha256Hex } from "../../lib/store/hash.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shared = resolve(root, "..", "shared", "data");
const hasShared = (() => {
  try {
    return Deno.statSync(shared).isDirectory;
  } catch {
    return false;
  }
})();

async function cli(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(root, "cli/fetch.ts"), ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test({
  name: "real pins (pages 1 and 760, mapping.csv, the signatures xlsx) verify against ../shared/data",
  ignore: !hasShared,
  async fn() {
    const wanted = [
      "stalnaker-hf-supply-chain/data/raw_data/model_lists/models_page1_07-11-2024.json",
      "stalnaker-hf-supply-chain/data/raw_data/model_lists/models_page760_07-11-2024.json",
      "peatmoss-artifact/License-Analysis/analyzeIncompatibilities/mapping.csv",
      "peatmoss-artifact/Data-Collection/List of signatures and GitHub CLI fields and command.xlsx",
    ];
    const entries = catalogEntries().filter((e) => wanted.includes(e.path));
    assert.equal(entries.length, wanted.length);
    const catalog = [{ ...catalogGroups()[0], name: "sample", entries }];
    const cacheDir = await Deno.makeTempDir();
    const report = await fetchGroups([], {
      cacheDir,
      mirror: shared,
      catalog,
      download: { retries: 0, fetchImpl: () => Promise.reject(new Error("the test made a network request")) },
    });
    assert.equal(report.fromMirror, 4);
    const page1 = JSON.parse(new TextDecoder().decode(await readCached(wanted[0], cacheDir)));
    assert.equal(page1.length, 1000);
    const mapping = await readCached(wanted[2], cacheDir);
    assert.equal(sha256Hex(mapping), entries.find((e) => e.path === wanted[2])!.sha256);
    await Deno.remove(cacheDir, { recursive: true });
  },
});

Deno.test({
  name: "`deno task fetch` copies groups from a mirror into a relative --cache, then finds them present",
  ignore: !hasShared,
  async fn() {
    const cwd = await Deno.makeTempDir();
    const args = [
      "--group",
      "peatmoss-license-analysis",
      "--group",
      "peatmoss-signatures",
      "--cache",
      "./c/",
    ];
    const first = await cli([...args, "--mirror", shared], cwd);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, new RegExp(`^using local mirror ${shared}$`, "m"));
    assert.match(
      first.stdout,
      /^6 files in .*: 0 already present, 6 from mirror, 0 downloaded \(4\.4 MB\) in /,
    );
    const wanted = catalogEntries(["peatmoss-license-analysis", "peatmoss-signatures"]).map((e) => e.path)
      .sort();
    assert.deepEqual(Object.keys(JSON.parse(await Deno.readTextFile(join(cwd, "c/.verified.json")))), wanted);
    const second = await cli([...args, "--mirror", shared], cwd);
    assert.match(
      second.stdout,
      /^6 files in .*: 6 already present, 0 from mirror, 0 downloaded \(0\.0 kB\) in /,
    );
    await Deno.remove(cwd, { recursive: true });
  },
});

Deno.test("`deno task fetch` reports a bad option with the usage and exits 2", async () => {
  const { code, stdout, stderr } = await cli(["--grup", "x"]);
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /^error: .*--grup.*\n\nUsage:\n {2}deno task fetch /);
});

Deno.test("`deno task fetch --mirror` on a missing directory fails in one line without touching the network", async () => {
  const cacheDir = await Deno.makeTempDir();
  const { code, stderr } = await cli(["--mirror", join(cacheDir, "nope"), "--cache", cacheDir]);
  assert.equal(code, 1);
  assert.match(
    stderr.trim(),
    /^error: --mirror names .*nope, which is not a directory; point it at a copy of shared\/data$/,
  );
});
