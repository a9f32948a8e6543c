import assert from "node:assert/strict";
import { prefilter } from "../../lib/usage/prefilter.ts";
import { loadSignatures } from "../../lib/usage/signatures.ts";

const signatures = loadSignatures();
const mayHold = prefilter(signatures);

Deno.test("prefilter() passes every way a signature's module can be imported", () => {
  for (const s of signatures) {
    for (const m of s.modules) {
      const [root, ...rest] = m.split(".");
      const last = rest.at(-1) ?? root;
      const call = s.names[0];
      for (
        const code of [
          `import ${m}\n${m}.${call}()`,
          `import ${m} as x\nx.${call}()`,
          `from ${m} import ${call}`,
        ]
      ) {
        assert.ok(mayHold(code), `${s.id}: ${code}`);
      }
      if (rest.length) {
        assert.ok(
          mayHold(`from ${[root, ...rest.slice(0, -1)].join(".")} import ${last}\n${last}.${call}()`),
          m,
        );
      }
    }
  }
});

Deno.test("prefilter() rules out code that names no signature module", () => {
  assert.equal(mayHold("import numpy as np\nimport torch\nmodel = torch.load('x.pt')\n"), false);
  assert.equal(mayHold(""), false);
});

Deno.test("prefilter() needs every segment of a dotted module, as whole words", () => {
  assert.equal(
    mayHold("import torch\nfrom torchvision import transforms\nhub_url = 'https://github.com'\n"),
    false,
  );
  assert.equal(mayHold("from huggingface_hub_extras import x\nimport torch\n"), false);
  assert.ok(mayHold("import torch\nm = torch.hub.load('pytorch/vision', 'resnet18')\n"));
  assert.ok(mayHold("from torchvision import models\nm = models.resnet50()\n"));
});

Deno.test("prefilter() needs one of the signature's called names", () => {
  assert.equal(mayHold("from transformers import logging\nlogging.set_verbosity_error()\n"), false);
  assert.ok(mayHold("from transformers import pipeline as make\nnlp = make('ner')\n"));
});
