import assert from "node:assert/strict";
import { join } from "node:path";
import { renderReportsIndex, writeReportsIndex } from "../../lib/notebooks/report_index.ts";

async function fakeReports(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-reports-" });
  const files = [
    "figures/01_growth_monthly.svg",
    "figures/01_growth_monthly.png",
    "figures/10_licenses.svg",
    "figures/2_tasks & pipelines.svg",
    "figures/02_tasks_bar.svg",
    "figures/.01_growth_monthly.svg.tmp-1-x",
    "tables/01_growth.csv",
    "tables/10_licenses.csv",
    "tables/summary.csv",
    "notebooks/01_growth.ipynb",
    "notebooks/10_licenses.ipynb",
    "notebooks/2_tasks.ipynb",
  ];
  for (const f of files) {
    await Deno.mkdir(join(dir, f, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, f), "x");
  }
  return dir;
}

Deno.test("writeReportsIndex() links every figure, table and notebook, grouped by numeric prefix (1_ and 01_ together)", async () => {
  const dir = await fakeReports();
  const path = await writeReportsIndex(dir, { now: new Date("2024-07-11T12:00:00Z") });
  assert.equal(path, join(dir, "index.html"));
  const html = await Deno.readTextFile(path);
  const hrefs = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(hrefs, [
    "notebooks/01_growth.ipynb",
    "figures/01_growth_monthly.svg",
    "figures/01_growth_monthly.png",
    "tables/01_growth.csv",
    "notebooks/2_tasks.ipynb",
    "figures/02_tasks_bar.svg",
    "figures/2_tasks%20%26%20pipelines.svg",
    "notebooks/10_licenses.ipynb",
    "figures/10_licenses.svg",
    "tables/10_licenses.csv",
    "tables/summary.csv",
  ]);
  const imgs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(imgs, [
    "figures/01_growth_monthly.svg",
    "figures/02_tasks_bar.svg",
    "figures/2_tasks%20%26%20pipelines.svg",
    "figures/10_licenses.svg",
  ]);
  assert.match(html, /<h2>01_growth<\/h2>/);
  assert.match(html, /<h2>not from a numbered notebook<\/h2>/);
  assert.match(html, /2_tasks &amp; pipelines\.svg/);
  assert.match(html, /Generated 2024-07-11T12:00:00\.000Z/);
  assert.doesNotMatch(html, /\.tmp-/);
  assert.doesNotMatch(html, /https?:/, "no external assets");
});

Deno.test("renderReportsIndex() is deterministic apart from the time and handles an empty folder", async () => {
  const dir = await fakeReports();
  const now = new Date("2024-07-11T12:00:00Z");
  assert.equal(await renderReportsIndex(dir, { now }), await renderReportsIndex(dir, { now }));
  const empty = await renderReportsIndex(await Deno.makeTempDir(), { now });
  assert.match(empty, /0 figure\(s\), 0 table\(s\), 0 executed notebook\(s\)/);
});
