import assert from "node:assert/strict";
import { join } from "node:path";
import { scanRepos } from "../../lib/reuse/scan_repos.ts";
import { createDetector } from "../../lib/usage/detector.ts";

async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

Deno.test("scanRepos() scans each sub-directory as one repository and gathers the usages", async () => {
  const root = await tree({
    "beta/train.py": 'from transformers import AutoModel\nMODEL = "gpt2"\nAutoModel.from_pretrained(MODEL)\n',
    "alpha/app/main.py":
      'from transformers import pipeline\npipeline("text-classification", model="distilbert-base-uncased")\n',
    "alpha/README.md": "from_pretrained('not code')\n",
    ".hidden/x.py": 'from transformers import AutoModel\nAutoModel.from_pretrained("bert-base-uncased")\n',
    "empty/notes.txt": "nothing\n",
  });
  const { usages, repos } = await scanRepos(root, { detector: await createDetector() });
  assert.deepEqual(repos.toRecords(), [
    { repo: "alpha", files: 1, parsed: 1, skipped: 0, detections: 1 },
    { repo: "beta", files: 1, parsed: 1, skipped: 0, detections: 1 },
    { repo: "empty", files: 0, parsed: 0, skipped: 0, detections: 0 },
  ]);
  assert.deepEqual(usages.select("repo", "file", "line", "model_id", "hub", "resolution").toRecords(), [
    {
      repo: "alpha",
      file: "app/main.py",
      line: 2,
      model_id: "distilbert-base-uncased",
      hub: "huggingface",
      resolution: "literal",
    },
    { repo: "beta", file: "train.py", line: 3, model_id: "gpt2", hub: "huggingface", resolution: "constant" },
  ]);
});

Deno.test("scanRepos() names a root it cannot list", async () => {
  const missing = join(await Deno.makeTempDir(), "none");
  await assert.rejects(
    async () => scanRepos(missing, { detector: await createDetector() }),
    (e: Error) => e.message.startsWith(`${missing}: cannot list`),
  );
});
