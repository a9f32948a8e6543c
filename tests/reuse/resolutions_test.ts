import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { readDetections } from "../../lib/reuse/detections_usages.ts";
import { literalShare, resolutionCounts } from "../../lib/reuse/resolutions.ts";

Deno.test("resolutionCounts() counts detections, repos and ids per resolution, most frequent first", () => {
  const detections = pl.DataFrame({
    repo: ["a/x", "a/x", "b/y", "b/y", "c/z"],
    model_id: ["gpt2", "gpt2", null, "t5-base", "gpt2"],
    resolution: ["literal", "constant", "unknown", "literal", null],
  });
  assert.deepEqual(resolutionCounts(detections).toRecords(), [
    // a null resolution counts as unknown
    { resolution: "literal", usages: 2, share: 0.4, repos: 2, model_ids: 2, literal: true },
    { resolution: "unknown", usages: 2, share: 0.4, repos: 2, model_ids: 1, literal: false },
    { resolution: "constant", usages: 1, share: 0.2, repos: 1, model_ids: 1, literal: false },
  ]);
});

Deno.test("resolutionCounts() reads a detector scan through readDetections()", async () => {
  const usages = await readDetections(join(import.meta.dirname!, "testdata", "scan.jsonl"));
  const counts = resolutionCounts(usages);
  assert.deepEqual(counts.select("resolution", "usages").toRecords(), [
    { resolution: "literal", usages: 2 },
    { resolution: "argparse", usages: 1 },
    { resolution: "constant", usages: 1 },
    { resolution: "unknown", usages: 1 },
  ]);
  assert.equal(resolutionCounts(usages.head(0)).height, 0);
});

Deno.test("literalShare() splits hub calls into literal, resolved elsewhere and unresolved; paths apart", () => {
  const detections = pl.DataFrame({
    resolution: ["literal", "literal", "constant", "fstring", "argparse", "unknown", null, "path", "path"],
  });
  assert.deepEqual(literalShare(detections).toRecords(), [
    { kind: "literal", usages: 2, share: 2 / 7 },
    { kind: "resolved elsewhere", usages: 3, share: 3 / 7 },
    { kind: "unresolved", usages: 2, share: 2 / 7 },
    { kind: "local path", usages: 2, share: null },
  ]);
  assert.deepEqual(literalShare(detections.head(0)).getColumn("usages").toArray(), [0, 0, 0, 0]);
});
