import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { createDetector, type Detector } from "../../lib/usage/detector.ts";
import { blankCommentLines } from "../../lib/usage/python_parser.ts";
import type { Detection } from "../../lib/usage/types.ts";

const detector: Detector = await createDetector();

/** The detections of `code` as `[line, model_id, resolution]`, for short assertions. */
function found(code: string, file = "x.py", d: Detector = detector): [number, string | null, string][] {
  return d.detectFile("me/repo", file, code).detections.map((x) => [x.line, x.model_id, x.resolution]);
}

const notebook = (...cells: (string | [string, string])[]) =>
  JSON.stringify({
    nbformat: 4,
    cells: cells.map((c) =>
      typeof c === "string" ? { cell_type: "code", source: c } : { cell_type: c[0], source: c[1] }
    ),
  });

Deno.test("detectFile() reports a literal with every Detection field", () => {
  const r = detector.detectFile(
    "me/repo",
    "src/a.py",
    'import timm\nm = timm.create_model("resnet50", True)\n',
  );
  assert.deepEqual(r, {
    parsed: true,
    detections: [
      {
        repo: "me/repo",
        file: "src/a.py",
        line: 2,
        library: "timm",
        call: "create_model",
        argument: '"resnet50"',
        model_id: "resnet50",
        resolution: "literal",
      } satisfies Detection,
    ],
  });
});

Deno.test("detectFile() resolves import aliases", async (t) => {
  await t.step("from-import with alias, any class of the library", () => {
    assert.deepEqual(found("from transformers import AutoModel as AM\nAM.from_pretrained('gpt2')"), [
      [2, "gpt2", "literal"],
    ]);
  });
  await t.step("module alias", () => {
    assert.deepEqual(found("import timm as t\nt.create_model('vit_small_patch16_224')"), [
      [2, "vit_small_patch16_224", "literal"],
    ]);
  });
  await t.step("a function imported by name, and under an alias", () => {
    assert.deepEqual(found("from transformers import pipeline\npipeline('ner', 'dslim/bert-base-NER')"), [
      [2, "dslim/bert-base-NER", "literal"],
    ]);
    assert.deepEqual(
      found("from transformers import pipeline as pl\npl('ner', model='dslim/bert-base-NER')"),
      [
        [2, "dslim/bert-base-NER", "literal"],
      ],
    );
  });
  await t.step("a full attribute chain and a sub-module import", () => {
    assert.deepEqual(
      found(
        "import transformers\nimport nemo.collections.asr as asr\n" +
          "transformers.models.bert.BertModel.from_pretrained('bert-base-cased')\n" +
          "asr.models.ASRModel.from_pretrained(model_name='nvidia/parakeet-ctc-0.6b')",
      ),
      [[3, "bert-base-cased", "literal"], [4, "nvidia/parakeet-ctc-0.6b", "literal"]],
    );
  });
  await t.step("a star import", () => {
    assert.deepEqual(found("from sentence_transformers import *\nSentenceTransformer('all-mpnet-base-v2')"), [
      [2, "all-mpnet-base-v2", "literal"],
    ]);
  });
  await t.step("a name means what it was last imported as above the call", () => {
    assert.deepEqual(
      found(
        "from gliner import GLiNER\nGLiNER.from_pretrained('urchade/gliner_base')\n" +
          "from other import GLiNER\nGLiNER.from_pretrained('x/y')",
      ),
      [[2, "urchade/gliner_base", "literal"]],
    );
  });
  await t.step("a method of any object, in a file importing the library", () => {
    const code = "pipe = make()\npipe.load_lora_weights('ByteDance/Hyper-SD')";
    assert.deepEqual(found("import diffusers\n" + code), [[3, "ByteDance/Hyper-SD", "literal"]]);
    assert.deepEqual(found("import transformers\n" + code), []);
  });
  await t.step("a partial application of a library function", () => {
    assert.deepEqual(
      found(
        "import functools\nfrom huggingface_hub import hf_hub_download as dl\n" +
          "get = functools.partial(dl, filename='config.json')\nget('bigscience/bloom')",
      ),
      [[4, "bigscience/bloom", "literal"]],
    );
  });
  await t.step("a subclass of a library class", () => {
    assert.deepEqual(
      found(
        "import transformers\nclass M(transformers.BertModel):\n    pass\nM.from_pretrained('bert-base-cased')",
      ),
      [[4, "bert-base-cased", "literal"]],
    );
  });
  await t.step("from torch import hub; torchvision builders and get_model", () => {
    assert.deepEqual(
      found(
        "from torch import hub\nfrom torchvision import models\n" +
          "hub.load('pytorch/vision:v0.10.0', 'resnet18', pretrained=True)\n" +
          "models.detection.fasterrcnn_resnet50_fpn(weights='DEFAULT')\nmodels.get_model('vit_b_16')",
      ),
      [
        [3, "pytorch/vision:resnet18", "literal"],
        [4, "pytorch/vision:fasterrcnn_resnet50_fpn", "literal"],
        [5, "pytorch/vision:vit_b_16", "literal"],
      ],
    );
  });
});

Deno.test("detectFile() resolves each kind of model argument", async (t) => {
  const head = "import os, argparse\nfrom transformers import AutoModel, pipeline\n";
  const cases: [string, string, string | null, string][] = [
    [
      "literal, keyword",
      "AutoModel.from_pretrained(pretrained_model_name_or_path='gpt2')",
      "gpt2",
      "literal",
    ],
    ["constant", "NAME = 'gpt2'\nAutoModel.from_pretrained(NAME)", "gpt2", "constant"],
    ["constant through two names", "A = 'gpt2'\nB = A\nAutoModel.from_pretrained(B)", "gpt2", "constant"],
    ["constant in a dict", "M = {'s': 'gpt2'}\nAutoModel.from_pretrained(M['s'])", "gpt2", "constant"],
    [
      "module constant read in a function",
      "def f():\n    return AutoModel.from_pretrained(N)\nN = 'gpt2'",
      "gpt2",
      "constant",
    ],
    ["default", "def f(name='gpt2'):\n    AutoModel.from_pretrained(name)", "gpt2", "default"],
    [
      "f-string",
      "ORG = 'openai'\nAutoModel.from_pretrained(f'{ORG}/clip-vit-base-patch32')",
      "openai/clip-vit-base-patch32",
      "fstring",
    ],
    [
      "concatenation",
      "S = 'base'\nAutoModel.from_pretrained('bert-' + S + '-cased')",
      "bert-base-cased",
      "fstring",
    ],
    [
      ".format",
      "AutoModel.from_pretrained('{}/{}'.format('google', 'vit-base-patch16-224'))",
      "google/vit-base-patch16-224",
      "fstring",
    ],
    [
      "f-string with a number",
      "N = 50\nAutoModel.from_pretrained(f'microsoft/resnet-{N}')",
      "microsoft/resnet-50",
      "fstring",
    ],
    ["os.environ.get", "AutoModel.from_pretrained(os.environ.get('M', 'gpt2'))", "gpt2", "environ"],
    [
      "os.getenv via a constant",
      "M = os.getenv('M', default='gpt2')\nAutoModel.from_pretrained(M)",
      "gpt2",
      "environ",
    ],
    [
      "argparse",
      "p = argparse.ArgumentParser()\np.add_argument('--model-name', default='gpt2')\na = p.parse_args()\nAutoModel.from_pretrained(a.model_name)",
      "gpt2",
      "argparse",
    ],
    [
      "argparse dest",
      "p = argparse.ArgumentParser()\np.add_argument('-m', dest='m', default='gpt2')\nAutoModel.from_pretrained(p.parse_args().m)",
      null,
      "unknown",
    ],
    [
      "argparse set_defaults",
      "p = argparse.ArgumentParser()\np.set_defaults(model='gpt2')\nargs = p.parse_args()\nAutoModel.from_pretrained(args.model)",
      "gpt2",
      "argparse",
    ],
    [
      "dataclass field (HfArgumentParser)",
      "from dataclasses import dataclass, field\n@dataclass\nclass A:\n    model_name_or_path: str = field(default='gpt2')\nAutoModel.from_pretrained(margs.model_name_or_path)",
      "gpt2",
      "argparse",
    ],
    [
      "pipeline model keyword",
      "pipeline(task='ner', model='dslim/bert-base-NER')",
      "dslim/bert-base-NER",
      "literal",
    ],
    ["pipeline without a model", "pipeline('ner')", null, "unknown"],
    ["os.environ[...] has no default", "AutoModel.from_pretrained(os.environ['M'])", null, "unknown"],
    ["a parameter without default", "def f(name):\n    AutoModel.from_pretrained(name)", null, "unknown"],
    [
      "a loop variable shadows a constant",
      "m = 'gpt2'\nfor m in ['a', 'b']:\n    AutoModel.from_pretrained(m)",
      null,
      "unknown",
    ],
    [
      "an assignment after the call",
      "def f():\n    AutoModel.from_pretrained(n)\n    n = 'gpt2'",
      null,
      "unknown",
    ],
    ["a conditional", "AutoModel.from_pretrained('a' if x else 'b')", null, "unknown"],
  ];
  for (const [name, code, model, resolution] of cases) {
    await t.step(name, () => {
      const got = found(head + code);
      assert.equal(got.length, 1, JSON.stringify(got));
      assert.deepEqual(got[0].slice(1), [model, resolution]);
    });
  }
});

Deno.test("detectFile() gives local paths and URLs model_id null, resolution path", () => {
  const code = [
    "from transformers import AutoModel",
    "import spacy, torch",
    "AutoModel.from_pretrained('./checkpoints/x')",
    "AutoModel.from_pretrained('/abs/model')",
    "AutoModel.from_pretrained('~/models/bert')",
    "AutoModel.from_pretrained('runs/exp1/best')",
    "AutoModel.from_pretrained('weights.pt')",
    "AutoModel.from_pretrained(args.output_dir)",
    "spacy.load('training/model-best')",
    "torch.hub.load('ultralytics/yolov5', 'custom', source='local')",
    "AutoModel.from_pretrained('https://example.com/model.tar.gz')",
    "AutoModel.from_pretrained('https://huggingface.co/openai/whisper-tiny')",
  ].join("\n");
  assert.deepEqual(found(code), [
    ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((line) => [line, null, "path"]),
    [12, "openai/whisper-tiny", "literal"],
  ]);
});

Deno.test("detectFile() ignores what only looks like a model load", () => {
  const code = [
    "import transformers",
    "from mylib import AutoModel",
    "# transformers.AutoModel.from_pretrained('gpt2')",
    "s = 'transformers.AutoModel.from_pretrained(\"gpt2\")'",
    "MODEL = 'bert-base-uncased'  # not loaded",
    "AutoModel.from_pretrained('gpt2')  # a class of another library",
    "model.from_pretrained('gpt2')  # a local object",
    "transformers.from_pretrained('gpt2')  # no class between module and method",
    "def pipeline(x): return x",
    "pipeline('gpt2')",
  ].join("\n");
  assert.deepEqual(found(code), []);
});

Deno.test("detectFile() does not parse files the pre-filter rules out", () => {
  assert.deepEqual(detector.detectFile("r", "a.py", "import numpy\nprint('bert-base-uncased')\n"), {
    detections: [],
    parsed: false,
  });
});

Deno.test("detectFile() reads notebooks cell by cell, skipping magics", () => {
  const text = notebook(
    ["markdown", "# Demo\nAutoModel.from_pretrained('not-code')"],
    "!pip install transformers\n%load_ext autoreload\nfrom transformers import AutoModel",
    "%%bash\necho AutoModel.from_pretrained('bash')",
    "x = 1\nm = AutoModel.from_pretrained(\n    'gpt2')\nm?",
    "%%time\nif True:  # why?\n    AutoModel.from_pretrained('distilgpt2')",
  );
  const r = detector.detectFile("r", "nb/demo.ipynb", text);
  assert.equal(r.parsed, true);
  assert.equal(r.skipped, undefined);
  assert.deepEqual(r.detections.map((d) => [d.cell, d.line, d.model_id]), [[3, 2, "gpt2"], [
    4,
    3,
    "distilgpt2",
  ]]);
});

Deno.test("detectFile() reads nbformat 3 notebooks", () => {
  const text = JSON.stringify({
    nbformat: 3,
    worksheets: [{
      cells: [{ cell_type: "code", input: ["import spacy\n", "spacy.load('en_core_web_sm')"] }],
    }],
  });
  assert.deepEqual(
    detector.detectFile("r", "old.ipynb", text).detections.map((d) => [d.cell, d.line, d.model_id]),
    [[0, 2, "spacy/en_core_web_sm"]],
  );
});

Deno.test("detectFile() counts bad notebooks and syntax errors, never throws", async (t) => {
  await t.step("not JSON", () => {
    assert.deepEqual(
      detector.detectFile("r", "a.ipynb", '{"cells": [{"source": "import timm; timm.create_model"'),
      {
        detections: [],
        parsed: false,
        skipped: "bad-notebook",
      },
    );
  });
  await t.step("JSON without cells", () => {
    assert.equal(detector.detectFile("r", "a.ipynb", '{"timm": "create_model"}').skipped, "bad-notebook");
  });
  await t.step("a syntax error: counted, valid parts still analysed", () => {
    const r = detector.detectFile(
      "r",
      "py2.py",
      "import timm\nprint 'hello'\nm = timm.create_model('resnet18')\ndef broken(:\n",
    );
    assert.equal(r.skipped, "syntax-error");
    assert.deepEqual(r.detections.map((d) => [d.line, d.model_id]), [[3, "resnet18"]]);
  });
  await t.step("binary garbage", () => {
    const r = detector.detectFile("r", "x.py", "transformers.pipeline\u0000\u0001\u00ff((((");
    assert.equal(r.parsed, true);
    assert.deepEqual(r.detections, []);
  });
  await t.step("deep nesting", () => {
    const r = detector.detectFile(
      "r",
      "x.py",
      "import timm\ntimm.create_model\nx = " + "[".repeat(5000) + "]".repeat(5000),
    );
    assert.equal(r.parsed, true);
  });
});

Deno.test("createDetector({modelIds}) normalises ids to the listing", async () => {
  const d = await createDetector({
    modelIds: [
      "google-bert/bert-base-uncased",
      "openai-community/gpt2",
      "spacy/en_core_web_sm",
      "amd/resnet50",
    ],
  });
  const code = "import spacy, timm\nfrom transformers import AutoModel as A\n" +
    "A.from_pretrained('bert-base-uncased')\nA.from_pretrained('OpenAI-Community/GPT2')\n" +
    "spacy.load('en_core_web_sm')\nA.from_pretrained('gone/model')\ntimm.create_model('resnet50')";
  assert.deepEqual(found(code, "x.py", d).map((x) => x[1]), [
    "google-bert/bert-base-uncased",
    "openai-community/gpt2",
    "spacy/en_core_web_sm",
    "gone/model",
    "resnet50", // an architecture name: no legacy alias
  ]);
});

Deno.test("createDetector({models}) picks the most downloaded legacy alias", async () => {
  const models = pl.DataFrame({
    id: ["someone/bert-base-uncased", "google-bert/bert-base-uncased"],
    downloads: [10, 5_000_000],
  });
  const d = await createDetector({ models });
  assert.deepEqual(
    found("import transformers\ntransformers.BertModel.from_pretrained('bert-base-uncased')", "a.py", d),
    [
      [2, "google-bert/bert-base-uncased", "literal"],
    ],
  );
});

Deno.test("detectFile() survives every truncation of the corpus files without an analysis error", async () => {
  const corpus = new URL("./corpus/", import.meta.url).pathname;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isDirectory) walk(`${dir}${e.name}/`);
      else if (/\.(py|ipynb)$/.test(e.name)) files.push(`${dir}${e.name}`);
    }
  };
  walk(corpus);
  let runs = 0;
  for (const path of files) {
    const text = await Deno.readTextFile(path);
    // every 7th cut: mid-token, mid-string, mid-call, inside notebook JSON
    for (let cut = 0; cut <= text.length; cut += 7) {
      const r = detector.detectFile("r", path, text.slice(0, cut));
      assert.notEqual(r.skipped, "analysis-error", `${path} cut at ${cut}`);
      runs++;
    }
  }
  assert.ok(runs > 1000, `${runs} runs`);
});

Deno.test("blankCommentLines() empties comment-only lines and keeps every line", () => {
  const code = "import timm\n  # m = timm.create_model('old')\nm = timm.create_model('new')  # keep\n#\n";
  const blank = blankCommentLines(code);
  assert.equal(blank, "import timm\n\nm = timm.create_model('new')  # keep\n\n");
  assert.equal(blank.split("\n").length, code.split("\n").length);
  const found = detector.detectFile("r", "c.py", code + "# filler\n".repeat(20_000)).detections;
  assert.deepEqual(found.map((d) => [d.line, d.model_id]), [[3, "new"]]);
});
