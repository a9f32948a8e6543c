/**
 * parseHubconf() on the fixture hubconf.py files (shaped like the real ones) and on the tricky cases.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHubconf } from "../../lib/sources/hubconf.ts";

const FILES = join(import.meta.dirname!, "testdata", "pytorch_hub", "files");
const hubconf = async (repo: string, ref: string) =>
  parseHubconf(await Deno.readTextFile(join(FILES, repo, ref, "hubconf.py")));

Deno.test("parseHubconf() lists names imported with from-imports (pytorch/vision)", async () => {
  assert.deepEqual((await hubconf("pytorch/vision", "v0.10.0")).entrypoints, [
    "alexnet",
    "resnet18",
    "resnet34",
    "resnet50",
    "resnet101",
    "resnet152",
    "resnext50_32x4d",
    "resnext101_32x8d",
    "wide_resnet50_2",
    "wide_resnet101_2",
    "mobilenet_v2",
    "fcn_resnet50",
    "fcn_resnet101",
    "deeplabv3_resnet50",
    "deeplabv3_resnet101",
    "deeplabv3_mobilenet_v3_large",
    "lraspp_mobilenet_v3_large",
  ]);
  const main = (await hubconf("pytorch/vision", "main")).entrypoints;
  assert.ok(main.includes("vit_base_16") && !main.includes("vit_b_16"), "`import a as b` binds b");
  assert.ok(main.includes("get_weight"), "imported helpers are callables torch.hub.list shows too");
});

Deno.test("parseHubconf() lists public top-level functions, not nested ones or docstring text (NVIDIA)", async () => {
  assert.deepEqual((await hubconf("NVIDIA/DeepLearningExamples", "torchhub")).entrypoints, [
    "checkpoint_from_distributed",
    "unwrap_distributed",
    "nvidia_ssd_processing_utils",
    "nvidia_ssd",
    "nvidia_tacotron2",
    "nvidia_waveglow",
  ]);
});

Deno.test("parseHubconf() handles decorators, module docstrings and the __main__ block", async () => {
  assert.deepEqual((await hubconf("huggingface/transformers", "main")).entrypoints, [
    "SRC_DIR", // a computed value: its type is unknown without running the file, so it counts
    "AutoConfig",
    "AutoModel",
    "AutoModelForCausalLM",
    "AutoModelForMaskedLM",
    "AutoTokenizer",
    "add_start_docstrings",
    "config",
    "tokenizer",
    "model",
    "modelForCausalLM",
    "modelForMaskedLM",
  ]);
  assert.deepEqual((await hubconf("facebookresearch/pytorch_GAN_zoo", "hub")).entrypoints, ["PGAN", "DCGAN"]);
  assert.deepEqual((await hubconf("ultralytics/yolov5", "master")).entrypoints, [
    "custom",
    "yolov5n",
    "yolov5s",
    "yolov5m",
  ]);
});

Deno.test("parseHubconf() looks into top-level try/if blocks and reports star imports", () => {
  const source = [
    "import torch",
    "try:",
    "    from fast import model_a",
    "except ImportError:",
    "    from slow import model_a, model_b",
    "if torch.cuda.is_available():",
    "    def gpu_model(): pass",
    "from zoo import *",
    "dependencies = ['torch']",
    "VERSION = '1.0'",
    "alias = model_a",
    "_private = model_a",
    "class Wrapper:",
    "    def method(self): pass",
    "async def remote(): pass",
  ].join("\n");
  assert.deepEqual(parseHubconf(source), {
    entrypoints: ["model_a", "model_b", "gpu_model", "alias", "Wrapper", "remote"],
    starImports: ["zoo"],
  });
});
