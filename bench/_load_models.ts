// Child of the import benchmark: loads the models table and prints rows and in-process seconds as JSON.
import { loadTable } from "../lib/store/dataset.ts";

const started = performance.now();
const models = await loadTable(Deno.args[0], "models");
console.log(JSON.stringify({ rows: models.height, seconds: (performance.now() - started) / 1000 }));
