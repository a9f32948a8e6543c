import assert from "node:assert/strict";
import { join } from "node:path";
import { loadSignatures } from "../../lib/usage/signatures.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const signatures = loadSignatures();

Deno.test("loadSignatures() gives every signature a code-search query naming its call", () => {
  for (const s of signatures) {
    assert.match(s.search, /language:python$/, s.id);
    assert.ok(s.names.some((n) => s.search.includes(n)) || s.search.includes(s.modules[0]), s.id);
  }
});

Deno.test("the catalogue covers the PeaTMOSS artifact's signature lists", {
  ignore: !SHARED_DATA,
}, async () => {
  const dir = join(SHARED_DATA!, "peatmoss-artifact", "derived", "signatures");
  const hf = (await Deno.readTextFile(join(dir, "Hugging_Face.csv"))).split("\n").slice(1);
  let checked = 0;
  for (const row of hf) {
    const [library, methods, note] = row.trim().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (!library || note === "N/A") continue; // huggingface_hub "load" is marked N/A by the artifact itself
    const names = methods.replaceAll('"', "").split(/[;,]\s*/).filter(Boolean);
    const mine = signatures.filter((s) => s.library === library || s.modules.includes(library));
    assert.ok(mine.length > 0, `no signature for ${library}`);
    for (const name of names) {
      const covered = mine.some((s) => s.names.includes(name) || s.note?.includes(`\`${name}\``));
      assert.ok(covered, `${library}.${name} is not in the catalogue`);
    }
    checked++;
  }
  assert.ok(checked >= 300, `${checked} artifact rows`); // 25 libraries + the spaCy pipeline packages
  const pytorch = (await Deno.readTextFile(join(dir, "PyTorch.csv"))).split("\n");
  const builders = new Set(signatures.find((s) => s.id === "torchvision.builder")!.names);
  for (const row of pytorch) {
    const [library, name] = row.trim().split(",");
    if (library === "torchvision") assert.ok(builders.has(name), `torchvision.${name}`);
  }
  assert.ok(signatures.some((s) => s.call === "torch.hub.load"));
});
