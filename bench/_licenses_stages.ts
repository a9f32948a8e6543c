// Child of the licenses benchmark: runs paper mode's stages one by one on the given inputs and prints the
// in-process seconds of each as JSON. The first stage is what happens before this module's body runs.
const startup = performance.now();
import { joinRelations, parseGhLicenses, parseMapping } from "../lib/licenses/inputs.ts";
import { parseLfMatrix } from "../lib/licenses/lf_matrix.ts";
import { analyzePaper } from "../lib/licenses/paper.ts";
import { reportJson } from "../lib/licenses/report_json.ts";
import { atomicWriteFile } from "../lib/store/atomic.ts";

const [mappingPath, ghPath, matrixPath, out] = Deno.args;
const seconds: Record<string, number> = { "Deno start-up and static imports": startup / 1000 };
async function stage<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  seconds[name] = (performance.now() - t) / 1000;
  return result;
}

const [csv, json, xlsx] = await stage(
  "read the three files",
  () => Promise.all([Deno.readTextFile(mappingPath), Deno.readTextFile(ghPath), Deno.readFile(matrixPath)]),
);
const relations = await stage(
  "parse mapping.csv + all_gh_licenses.json",
  () => joinRelations(parseMapping(csv, mappingPath), parseGhLicenses(json, ghPath)),
);
const first = await stage(
  "xlsx, first call (loads exceljs, parses cold)",
  () => parseLfMatrix(xlsx, matrixPath),
);
await stage("xlsx, second call (parse only, warm)", () => parseLfMatrix(xlsx, matrixPath));
const report = await stage("analyzePaper", () => analyzePaper(relations, first));
await stage("write the report JSON", () => atomicWriteFile(out, reportJson(report)));
console.log(JSON.stringify({ relations: relations.length, seconds }));
