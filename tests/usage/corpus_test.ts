import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";
import { createDetector } from "../../lib/usage/detector.ts";
import { evaluateCorpus } from "../../lib/usage/evaluate_corpus.ts";
import { readLabels } from "../../lib/usage/evaluate.ts";
import { loadSignatures } from "../../lib/usage/signatures.ts";
import { RESOLUTIONS } from "../../lib/usage/types.ts";

const CORPUS = join(REPO_ROOT, "tests", "usage", "corpus");

Deno.test("the corpus labels every resolution kind and every library of the catalogue", async () => {
  const labels = await readLabels(join(CORPUS, "labels.jsonl"));
  for (const kind of RESOLUTIONS) assert.ok(labels.some((l) => l.resolution === kind), `no ${kind} label`);
  for (const s of loadSignatures()) {
    assert.ok(labels.some((l) => l.library === s.library), `no ${s.library} label`);
  }
  assert.ok(labels.filter((l) => l.file.endsWith(".ipynb")).length >= 2, "labels in notebooks");
});

Deno.test("the detector finds the corpus's labelled loads (precision and recall per kind)", async () => {
  const { scores, reports } = await evaluateCorpus(CORPUS, await createDetector());
  const by = Object.fromEntries(scores.map((s) => [s.resolution, s]));
  // measured: 84 labels, all P 0.988 R 0.988, every kind 1.000/1.000 but environ (recall 0.667) and unknown
  // (precision 0.800): the one miss is a known limit, a constant imported from another module of the
  // repository (`from fetch import DIFFUSION`), reported as unknown.
  assert.ok(by.all.precision! >= 0.95, `overall precision ${by.all.precision}`);
  assert.ok(by.all.recall! >= 0.95, `overall recall ${by.all.recall}`);
  for (const kind of ["literal", "constant", "default", "fstring", "argparse", "path"] as const) {
    assert.ok(
      by[kind].precision! >= 0.95 && by[kind].recall! >= 0.95,
      `${kind}: ${JSON.stringify(by[kind])}`,
    );
  }
  const broken = reports.find((r) => r.repo === "broken-repo")!;
  // (a bad notebook is in usage_cli_test.ts: the corpus must stay valid for `deno fmt --check`)
  assert.deepEqual(broken.skipped, { "syntax-error": 1 });
  // parsed: old_train.py (with its syntax error) and utils.py (its docstring names transformers); the
  // pre-filter keeps no_signatures.py from the parser
  assert.equal(broken.parsed, 2);
  assert.equal(broken.files, 3);
});
