/**
 * End to end on real pages: `deno task import hf-dump` then `deno task summary --json`, checked against counts
 * computed here straight from the JSON, and against the descriptive oracle of the shared data.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadDataset, readManifest } from "../../lib/store/dataset.ts";
import { readHfDump } from "../../lib/sources/hf_dump.ts";
import { summarize } from "../../lib/overview/summary.ts";
import { HF_PAGES, REPO_ROOT, SHARED_DATA } from "../_shared_data.ts";

const page = (n: number) => `models_page${n}_07-11-2024.json.gz`;

async function cli(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function slice(pages: number[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const n of pages) await Deno.symlink(join(HF_PAGES!, page(n)), join(dir, page(n)));
  return dir;
}

function tally(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

Deno.test({
  name: "import hf-dump + summary on real pages match counts computed from the raw JSON",
  ignore: !HF_PAGES,
  fn: async () => {
    const pages = [1, 2, 760];
    const dir = await slice(pages);
    const expected = {
      models: 0,
      pipeline: {} as Record<string, number>,
      library: {} as Record<string, number>,
      license: {} as Record<string, number>,
      downloads: 0,
    };
    for (const n of pages) {
      const records = JSON.parse(
        new TextDecoder().decode(gunzipSync(await Deno.readFile(join(dir, page(n))))),
      );
      for (const r of records) {
        expected.models++;
        expected.downloads += r.downloads;
        tally(expected.pipeline, r.pipeline_tag ?? "null");
        tally(expected.library, r.library_name ?? "null");
        const lic = r.tags.filter((t: string) => t.startsWith("license:")).map((t: string) =>
          t.slice(8).toLowerCase()
        );
        tally(expected.license, lic.length ? lic.join(",") : "null");
      }
    }

    const out = join(await Deno.makeTempDir(), "hf");
    const run = await cli("cli/import.ts", "hf-dump", dir, "--out", out);
    assert.equal(run.code, 0, run.stderr);
    const ds = await loadDataset(out);
    assert.equal(ds.models.height, expected.models);
    assert.equal(ds.models.getColumn("downloads").sum(), expected.downloads);
    assert.equal(ds.manifest.retrieved_at, "2024-07-11");
    assert.equal(ds.manifest.inputs.length, 3);

    const summary = JSON.parse((await cli("cli/summary.ts", out, "--json")).stdout);
    assert.equal(summary.models, expected.models);
    assert.deepEqual(summary.by_hub, { huggingface: expected.models });
    assert.deepEqual(summary.by_pipeline_tag, expected.pipeline);
    assert.deepEqual(summary.by_library, expected.library);
    assert.deepEqual(summary.by_license, expected.license);

    // idempotent: same inputs → nothing rewritten; --force rewrites identical Parquet bytes
    const before = await readManifest(out);
    assert.match((await cli("cli/import.ts", "hf-dump", dir, "--out", out)).stdout, /up to date/);
    assert.equal((await readManifest(out)).created_at, before.created_at);
    assert.equal((await cli("cli/import.ts", "hf-dump", dir, "--out", out, "--force")).code, 0);
    assert.equal((await readManifest(out)).tables.models?.sha256, before.tables.models?.sha256);

    // a malformed page: clear error naming the file, previous dataset intact
    await Deno.writeTextFile(join(dir, "models_page3_07-11-2024.json"), '[{"id": "a/b", "downloads": 1},');
    const bad = await cli("cli/import.ts", "hf-dump", dir, "--out", out, "--force");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /models_page3_07-11-2024\.json: malformed JSON \(the file looks truncated\)/);
    assert.equal((await readManifest(out)).tables.models?.sha256, before.tables.models?.sha256);
    assert.equal((await loadDataset(out)).models.height, expected.models);
  },
});

Deno.test({
  name: "the 50,000 most downloaded models of 2024-07-11 match the shared data's descriptive oracle",
  ignore: !HF_PAGES,
  fn: async () => {
    const oracle = JSON.parse(
      await Deno.readTextFile(join(SHARED_DATA!, "_derived", "oracles", "other_datasets_oracle.json")),
    )["stalnaker_top50k_2024-07-11"];
    const { tables } = await readHfDump(await slice(Array.from({ length: 50 }, (_, i) => i + 1)));
    const s = summarize(tables.models);
    assert.equal(s.models, oracle.models);
    assert.equal(tables.models.getColumn("downloads").max(), oracle.downloads_max);
    assert.equal(tables.models.getColumn("downloads").min(), oracle.downloads_min);
    const key = (k: string) => (k === "<none>" ? "null" : k);
    for (const [k, v] of Object.entries(oracle.license_tag_top25)) assert.equal(s.by_license[key(k)], v, k);
    for (const [k, v] of Object.entries(oracle.pipeline_tag_top15)) {
      assert.equal(s.by_pipeline_tag[key(k)], v, k);
    }
    for (const [k, v] of Object.entries(oracle.library_name_top15)) assert.equal(s.by_library[key(k)], v, k);
  },
});
