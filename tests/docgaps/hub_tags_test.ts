import assert from "node:assert/strict";
import { frontMatterFromTags } from "../../lib/docgaps/hub_tags.ts";

Deno.test("frontMatterFromTags() reads license:, dataset: and task tags back, keeps the rest as tags", () => {
  assert.deepEqual(
    frontMatterFromTags([
      "license:apache-2.0",
      "dataset:squad",
      "dataset:glue",
      "pytorch",
      "en",
      "translation",
    ]),
    {
      license: "apache-2.0",
      datasets: ["squad", "glue"],
      pipeline_tag: "translation",
      tags: ["pytorch", "en", "translation"],
    },
  );
  assert.deepEqual(frontMatterFromTags(["license:mit", "license:cc-by-4.0"]).license, ["mit", "cc-by-4.0"]);
  assert.deepEqual(frontMatterFromTags(["region:us", "tf"]), { tags: ["region:us", "tf"] });
});
