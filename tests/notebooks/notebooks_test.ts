/**
 * Every notebook of notebooks/ executed end to end on the real data (../shared/data as the mirror of the public
 * inputs), so a broken notebook cannot land. Skipped, visibly, without the data or without Jupyter.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { listNotebooks, runNotebook } from "../../lib/notebooks/run.ts";
import { jupyterAvailable } from "../../lib/notebooks/python.ts";
import { REPO_ROOT, SHARED_DATA } from "../_shared_data.ts";

const NOTEBOOKS = join(REPO_ROOT, "notebooks");
const jupyter = await jupyterAvailable();
const skip = !SHARED_DATA ? "../shared/data not found" : !jupyter ? "Jupyter (nbclient) not installed" : "";
if (skip) console.warn(`SKIPPING the notebooks end to end: ${skip}`);

const reports = await Deno.makeTempDir({ prefix: "ptmscope-reports-" });

function files(dir: string, prefix: string, ext: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
      n.startsWith(prefix) && n.endsWith(ext)
    );
  } catch {
    return [];
  }
}

for (const name of await listNotebooks(NOTEBOOKS)) {
  Deno.test({
    name: `notebook ${name} runs end to end on the real data and saves what it shows`,
    ignore: skip !== "",
    fn: async () => {
      const out = join(reports, "notebooks", name);
      await runNotebook(join(NOTEBOOKS, name), {
        outPath: out,
        env: { PTMSCOPE_REPORTS: reports, PTMSCOPE_MIRROR: SHARED_DATA! },
      });
      const executed = JSON.parse(await Deno.readTextFile(out));
      const shown = executed.cells
        .flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? [])
        .filter((o: { data?: Record<string, unknown> }) => o.data?.["image/svg+xml"]).length;
      const prefix = name.slice(0, name.indexOf("_") + 1);
      const svgs = files(join(reports, "figures"), prefix, ".svg");
      const pngs = files(join(reports, "figures"), prefix, ".png");
      assert.equal(svgs.length, shown, `figures shown in ${name} vs saved as SVG`);
      assert.equal(pngs.length, svgs.length, "every SVG has its PNG");
      assert.ok(files(join(reports, "tables"), prefix, ".csv").length > 0, `${name} saves its tables`);
    },
  });
}
