/**
 * A synthetic Python corpus for `deno task bench usage`, shaped like machine-learning projects on GitHub:
 * projects of packages, tests, scripts and notebooks (plus READMEs and data files the scan must pass over);
 * most files load no model, a few percent do (transformers, timm, spaCy, torch.hub, sentence-transformers,
 * torchvision), and some more mention those libraries or words like `pipeline` and `load` without loading one.
 * Deterministic: the same seed and size give the same bytes, and a smaller corpus is a prefix of a larger one.
 *
 * @module
 */
import { join } from "node:path";
import { seededRandom } from "../lib/testing/seeded_random.ts";

/** What {@linkcode writeCorpus} wrote. */
export interface CorpusStats {
  /** Python and notebook files, and their bytes. */
  files: number;
  bytes: number;
  /** Files holding at least one model-loading call. */
  loading: number;
  notebooks: number;
}

const MODELS = [
  "bert-base-uncased",
  "gpt2",
  "roberta-base",
  "distilbert-base-uncased",
  "t5-small",
  "facebook/bart-large-cnn",
  "openai/clip-vit-base-patch32",
  "google/vit-base-patch16-224",
  "microsoft/deberta-v3-base",
  "sentence-transformers/all-MiniLM-L6-v2",
  "xlm-roberta-large",
  "EleutherAI/gpt-neo-125m",
];
const TIMM = [
  "resnet50",
  "efficientnet_b0",
  "vit_base_patch16_224",
  "convnext_tiny",
  "hf_hub:timm/resnet18.a1_in1k",
];
const SPACY = ["en_core_web_sm", "en_core_web_trf", "de_core_news_sm"];
const HUB = [["pytorch/vision", "resnet18"], ["facebookresearch/dino:main", "dino_vits16"], [
  "ultralytics/yolov5",
  "yolov5s",
]];
const WORDS = (
  "data model batch loader config path value index result item key cache feature label sample score loss " +
  "metric record token vector matrix frame table node edge graph state step epoch weight layer input output " +
  "buffer stream request response client server handler worker queue task job file line text image mask"
).split(" ");
const STDLIB = [
  "import os",
  "import sys",
  "import json",
  "import re",
  "import logging",
  "import math",
  "import random",
  "import time",
  "from pathlib import Path",
  "from typing import Any, Dict, List, Optional, Tuple",
  "from dataclasses import dataclass, field",
  "from collections import defaultdict, Counter",
  "import itertools",
  "import functools",
  "import argparse",
];
const THIRD = [
  "import numpy as np",
  "import pandas as pd",
  "import torch",
  "import torch.nn as nn",
  "import torch.nn.functional as F",
  "from torch.utils.data import DataLoader, Dataset",
  "from tqdm import tqdm",
  "import yaml",
  "import requests",
  "from sklearn.pipeline import Pipeline",
  "from sklearn.metrics import f1_score",
  "import matplotlib.pyplot as plt",
  // ML projects keep their networks in a `models` package: the word alone does not load a pre-trained model
  "from .models import build_model",
  "from models.layers import ResidualBlock",
];
/** Library names and loader-like words without a model load: what a text pre-filter cannot tell apart. */
const MENTIONS = [
  "from transformers import PreTrainedTokenizerBase  # type hints only",
  "from torchvision import transforms",
  "import timm  # noqa: F401  (optional backbone registry)",
  "# weights are loaded with torch.hub.load_state_dict_from_url elsewhere",
  "from transformers.optimization import get_linear_schedule_with_warmup",
  "import spacy.tokens",
];

class Gen {
  rand: () => number;
  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }
  int(lo: number, hi: number) {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  chance(p: number) {
    return this.rand() < p;
  }
  name(parts = 2) {
    return Array.from({ length: parts }, () => this.pick(WORDS)).join("_");
  }
  cls() {
    return Array.from({ length: 2 }, () => this.pick(WORDS)).map((w) => w[0].toUpperCase() + w.slice(1)).join(
      "",
    );
  }
  sentence() {
    const s = Array.from({ length: this.int(5, 14) }, () => this.pick(WORDS)).join(" ");
    return s[0].toUpperCase() + s.slice(1) + ".";
  }

  statement(indent: string, depth: number): string {
    const v = this.name();
    switch (depth < 2 ? this.int(0, 9) : this.int(0, 4)) {
      case 0:
        return `${indent}${v} = [${this.name(1)} * 2 for ${this.name(1)} in range(${this.int(1, 64)})]\n`;
      case 1:
        return `${indent}logger.debug(f"${this.pick(WORDS)} {${v}!r} after %d steps", ${this.int(1, 9)})\n`;
      case 2:
        return `${indent}${v} = self_check(${this.name()}, key="${this.name()}", limit=${
          this.int(1, 999)
        })\n`;
      case 3:
        return `${indent}# ${this.sentence()}\n${indent}${v} += ${this.int(1, 7)}\n`;
      case 4:
        return `${indent}${v} = {"${this.pick(WORDS)}": ${this.name()}, "${this.pick(WORDS)}": None}\n`;
      case 5:
        return `${indent}for ${this.name(1)} in ${this.name()}:\n${this.block(indent + "    ", depth + 1)}`;
      case 6:
        return `${indent}if ${this.name()} is not None and len(${this.name()}) > ${this.int(0, 9)}:\n` +
          this.block(indent + "    ", depth + 1) +
          `${indent}else:\n${this.block(indent + "    ", depth + 1)}`;
      case 7:
        return `${indent}try:\n${
          this.block(indent + "    ", depth + 1)
        }${indent}except (KeyError, ValueError) as err:\n` +
          `${indent}    raise RuntimeError(f"cannot ${this.pick(WORDS)} {err}") from err\n`;
      case 8:
        return `${indent}with open(${this.name()}, "r", encoding="utf-8") as fh:\n` +
          `${indent}    ${v} = [line.strip() for line in fh if line and not line.startswith("#")]\n`;
      default:
        return `${indent}while ${v} < ${this.int(2, 100)}:\n${this.block(indent + "    ", depth + 1)}`;
    }
  }
  block(indent: string, depth: number) {
    let out = "";
    for (let i = this.int(1, depth === 0 ? 8 : 3); i > 0; i--) out += this.statement(indent, depth);
    return out;
  }
  fn(indent: string, method: boolean) {
    const args = Array.from({ length: this.int(0, 3) }, () => this.name(1));
    if (method) args.unshift("self");
    return `${indent}def ${this.name()}(${args.join(", ")}):\n${indent}    """${this.sentence()}"""\n` +
      this.block(indent + "    ", 0) + `${indent}    return ${this.name()}\n\n`;
  }
  klass() {
    let out = `class ${this.cls()}(${this.pick(["object", "nn.Module", "Dataset", "Exception"])}):\n` +
      `    """${this.sentence()}\n\n    ${this.sentence()}\n    """\n\n` +
      `    def __init__(self, ${this.name(1)}, ${this.name(1)}=None):\n` + this.block("        ", 1) + "\n";
    for (let i = this.int(1, 5); i > 0; i--) out += this.fn("    ", true);
    return out;
  }
  test() {
    return `def test_${this.name()}():\n    ${this.name()} = ${this.cls()}()\n` +
      `    assert ${this.name()} == ${this.int(0, 99)}, "${this.sentence()}"\n\n`;
  }

  /** A model-loading snippet in one of the shapes real code uses: literal, constant, argparse default, ... */
  loader(): { imports: string; body: string } {
    const m = this.pick(MODELS);
    switch (this.int(0, 7)) {
      case 0:
        return {
          imports: "from transformers import AutoModel, AutoTokenizer",
          body:
            `tokenizer = AutoTokenizer.from_pretrained("${m}")\nmodel = AutoModel.from_pretrained("${m}")\n`,
        };
      case 1:
        return {
          imports: `from transformers import pipeline\n\nMODEL_NAME = "${m}"`,
          body: `classifier = pipeline("text-classification", model=MODEL_NAME)\n`,
        };
      case 2:
        return {
          imports: "import timm",
          body: `backbone = timm.create_model("${this.pick(TIMM)}", pretrained=True, num_classes=0)\n`,
        };
      case 3:
        return { imports: "import spacy", body: `nlp = spacy.load("${this.pick(SPACY)}")\n` };
      case 4: {
        const [repo, name] = this.pick(HUB);
        return {
          imports: "import torch",
          body: `net = torch.hub.load("${repo}", "${name}", pretrained=True)\n`,
        };
      }
      case 5:
        return {
          imports: "from sentence_transformers import SentenceTransformer",
          body: `encoder = SentenceTransformer("${m}")\n`,
        };
      case 6:
        return {
          imports: "import argparse\nfrom transformers import AutoModelForSequenceClassification",
          body: `parser = argparse.ArgumentParser()\nparser.add_argument("--model", default="${m}")\n` +
            `args = parser.parse_args()\nmodel = AutoModelForSequenceClassification.from_pretrained(args.model)\n`,
        };
      default:
        return {
          imports: "import torchvision",
          body: "model = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights.DEFAULT)\n",
        };
    }
  }

  /** A Python module of about `size` bytes. */
  module(size: number, kind: "module" | "test" | "script", load: boolean, mention: boolean): string {
    const imports = new Set<string>(["import logging"]);
    for (let i = this.int(2, 6); i > 0; i--) imports.add(this.pick(STDLIB));
    for (let i = this.int(0, 4); i > 0; i--) imports.add(this.pick(THIRD));
    if (mention) imports.add(this.pick(MENTIONS));
    const loader = load ? this.loader() : null;
    if (loader) imports.add(loader.imports);
    let out = `"""${this.sentence()}\n\n${this.sentence()} ${this.sentence()}\n"""\n` +
      [...imports].join("\n") + "\n\nlogger = logging.getLogger(__name__)\n" +
      `${this.name().toUpperCase()} = ${this.int(1, 4096)}\n\n\n`;
    const insertAt = this.int(0, 3);
    // a small file may end before `insertAt`: the loader then comes last
    for (let i = 0; out.length < size || (loader && i <= insertAt); i++) {
      if (loader && i === insertAt) {
        out += `def load_${this.name()}():\n` + loader.body.replace(/^/gm, "    ").replace(/ +$/gm, "") +
          `    return ${loader.body.split(" = ")[0].split("\n").pop()}\n\n\n`;
      } else if (kind === "test") out += this.test();
      else out += this.chance(0.35) ? this.klass() : this.fn("", false);
    }
    if (kind === "script") {
      out += `if __name__ == "__main__":\n    ${this.name()} = main(sys.argv[1:])\n`;
    }
    return out;
  }

  /** A notebook: markdown and code cells, text outputs, now and then a plot as base64 PNG. */
  notebook(size: number, load: boolean): string {
    const cells: unknown[] = [];
    let length = 0;
    const loader = load ? this.loader() : null;
    for (let i = 0; length < size || (loader && i <= 1); i++) {
      let cell;
      if (loader && i === 1) {
        cell = code(`${loader.imports}\n${loader.body}`, []);
      } else if (this.chance(0.3)) {
        cell = {
          cell_type: "markdown",
          metadata: {},
          source: lines(`## ${this.sentence()}\n${this.sentence()}`),
        };
      } else {
        const outputs = this.chance(0.1)
          ? [{
            output_type: "display_data",
            data: { "image/png": this.base64(this.int(2_000, 30_000)), "text/plain": ["<Figure>"] },
            metadata: {},
          }]
          : [{ output_type: "stream", name: "stdout", text: lines(this.sentence()) }];
        cell = code(this.block("", 1), outputs);
      }
      cells.push(cell);
      length += JSON.stringify(cell).length;
    }
    return JSON.stringify(
      {
        cells,
        metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + "\n";
  }
  base64(n: number) {
    const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let s = "";
    for (let i = 0; i < n; i++) s += abc[Math.floor(this.rand() * 64)];
    return s;
  }
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function code(source: string, outputs: unknown[]) {
  return { cell_type: "code", execution_count: 1, metadata: {}, outputs, source: lines(source) };
}

/**
 * Writes a corpus of at least `mib` MiB of Python and notebooks under `dir` (which must not exist), from `seed`.
 *
 * @example
 * ```ts
 * const stats = await writeCorpus("data/cache/bench/usage-50mib", 50, 5);
 * stats.files; // ~4,000
 * ```
 */
export async function writeCorpus(dir: string, mib: number, seed = 5): Promise<CorpusStats> {
  const g = new Gen(seed);
  const enc = new TextEncoder();
  const stats: CorpusStats = { files: 0, bytes: 0, loading: 0, notebooks: 0 };
  const target = mib * 1024 * 1024;
  for (let p = 0; stats.bytes < target; p++) {
    const project = join(dir, `project-${String(p).padStart(3, "0")}`);
    const pkg = g.name(1);
    await Deno.mkdir(join(project, pkg, g.name(1)), { recursive: true });
    await Deno.mkdir(join(project, "tests"));
    await Deno.mkdir(join(project, "scripts"));
    await Deno.mkdir(join(project, "notebooks"));
    await Deno.writeTextFile(join(project, "README.md"), `# ${g.cls()}\n\n${g.sentence()}\n`.repeat(20));
    await Deno.writeTextFile(join(project, "requirements.txt"), "numpy\ntorch\ntransformers\ntqdm\n");
    await Deno.writeTextFile(join(project, pkg, "__init__.py"), "");
    for (let f = g.int(20, 120); f > 0 && stats.bytes < target; f--) {
      // 1-40 KB, log-uniform: many small modules, a few large ones
      const size = Math.round(1024 * Math.exp(g.rand() * Math.log(40)));
      const load = g.chance(0.04);
      const where = g.rand();
      let path: string;
      let text: string;
      if (where < 0.04) {
        path = join(project, "notebooks", `${g.name()}_${f}.ipynb`);
        text = g.notebook(size * 2, load);
        stats.notebooks++;
      } else {
        const kind = where < 0.3 ? "test" : where < 0.4 ? "script" : "module";
        const sub = kind === "test"
          ? "tests"
          : kind === "script"
          ? "scripts"
          : join(pkg, g.chance(0.5) ? g.name(1) : "");
        await Deno.mkdir(join(project, sub), { recursive: true });
        path = join(project, sub, `${kind === "test" ? "test_" : ""}${g.name()}_${f}.py`);
        text = g.module(size, kind, load, g.chance(0.1));
      }
      const bytes = enc.encode(text);
      await Deno.writeFile(path, bytes);
      stats.files++;
      stats.bytes += bytes.length;
      if (load) stats.loading++;
    }
  }
  return stats;
}
