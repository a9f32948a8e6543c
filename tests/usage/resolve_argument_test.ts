/**
 * What detectFile() records of a model argument imported from another module (`importedName` in
 * resolve_argument.ts), for the repository pass to resolve.
 */
import assert from "node:assert/strict";
import { createDetector } from "../../lib/usage/detector.ts";

const detector = await createDetector();

Deno.test("detectFile() leaves an imported argument unknown and says which module members it may be", () => {
  const refs = (code: string, file = "pkg/run.py") =>
    detector.detectFile("me/repo", file, `from transformers import AutoModel\n${code}`).imported?.map((i) => [
      i.detection.line,
      i.detection.resolution,
      i.argument.refs,
    ]);
  assert.deepEqual(refs("from config import MODEL\nAutoModel.from_pretrained(MODEL)\n"), [
    [3, "unknown", ["config.MODEL"]],
  ]);
  assert.deepEqual(refs("import config as C\nAutoModel.from_pretrained(C.MODEL)\n"), [
    [3, "unknown", ["config.MODEL"]],
  ]);
  assert.deepEqual(
    refs("from ..settings import M as N\ndef f(name=N):\n    AutoModel.from_pretrained(name)\n"),
    [
      [4, "unknown", ["..settings.M"]],
    ],
  );
  assert.deepEqual(refs("from consts import *\nAutoModel.from_pretrained(MODEL)\n"), [
    [3, "unknown", ["consts.MODEL"]],
  ]);
  // re-bound in the file: the file's own value, or nothing to look up
  assert.equal(
    refs('from config import MODEL\nMODEL = "gpt2"\nAutoModel.from_pretrained(MODEL)\n'),
    undefined,
  );
  assert.equal(
    refs("from config import MODEL\nMODEL = ask()\nAutoModel.from_pretrained(MODEL)\n"),
    undefined,
  );
  assert.equal(refs("import config\nAutoModel.from_pretrained(config)\n"), undefined);
  assert.equal(refs("AutoModel.from_pretrained(args.model)\n"), undefined);
  // the detection as written out carries nothing of this
  const result = detector.detectFile(
    "me/repo",
    "a.py",
    "from transformers import AutoModel\nfrom c import M\nAutoModel.from_pretrained(M)\n",
  );
  assert.deepEqual(Object.keys(result.detections[0]).sort(), [
    "argument",
    "call",
    "file",
    "library",
    "line",
    "model_id",
    "repo",
    "resolution",
  ]);
});

Deno.test("detectFile() gives an imported argument the kind of the file's own wrapping, if any", () => {
  const kind = (code: string) => {
    const [i] =
      detector.detectFile("me/repo", "run.py", `from transformers import AutoModel\n${code}`).imported ??
        [];
    return i && [i.argument.refs, i.argument.complete({ value: "gpt2", resolution: "environ" })];
  };
  const environ = { model_id: "gpt2", resolution: "environ" };
  assert.deepEqual(kind("from c import M\nAutoModel.from_pretrained(M)\n"), [["c.M"], environ]);
  assert.deepEqual(kind("from c import M\nname = M\nAutoModel.from_pretrained(name)\n"), [["c.M"], environ]);
  assert.deepEqual(kind("from c import M\ndef f(n=M):\n    AutoModel.from_pretrained(n)\n"), [
    ["c.M"],
    { model_id: "gpt2", resolution: "default" },
  ]);
  const argparse = [
    "import argparse",
    "from c import M, OTHER",
    "p = argparse.ArgumentParser()",
    'p.add_argument("--model", default=M)',
    "args = p.parse_args()",
    "class T:",
    "    def __init__(self):",
    "        self.model = OTHER",
    "    def load(self):",
    "        return AutoModel.from_pretrained(self.model)",
    "AutoModel.from_pretrained(args.model)",
    "",
  ].join("\n");
  const both = detector.detectFile("me/repo", "run.py", `from transformers import AutoModel\n${argparse}`);
  assert.deepEqual(
    both.imported!.map((
      i,
    ) => [
      i.detection.argument,
      i.argument.refs,
      i.argument.complete({ value: "gpt2", resolution: "constant" }).resolution,
    ]),
    [["self.model", ["c.OTHER"], "constant"], ["args.model", ["c.M"], "argparse"]],
  );
  // a value the call cannot take as an id stays unknown; a local path is a path
  const [i] = detector.detectFile(
    "me/repo",
    "run.py",
    "from transformers import AutoModel\nfrom c import M\nAutoModel.from_pretrained(M)\n",
  ).imported!;
  assert.deepEqual(i.argument.complete({ value: "./ckpt/best", resolution: "constant" }), {
    model_id: null,
    resolution: "path",
  });
  assert.deepEqual(i.argument.complete({ value: "not an id!", resolution: "constant" }), {
    model_id: null,
    resolution: "unknown",
  });
});
