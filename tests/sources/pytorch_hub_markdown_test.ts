/**
 * parseHubPage() on the fixture pages, shaped like the real files at the root of pytorch/hub.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { HubPageError, parseHubPage } from "../../lib/sources/pytorch_hub_markdown.ts";

const PAGES = join(import.meta.dirname!, "testdata", "pytorch_hub", "files", "pytorch", "hub", "master");
const page = async (name: string) => parseHubPage(name, await Deno.readTextFile(join(PAGES, name)));
const models = (
  calls: { repo: string | null; ref: string | null; entry: string | null; commented: boolean }[],
) => calls.map((c) => `${c.repo}${c.ref ? `:${c.ref}` : ""} ${c.entry}${c.commented ? " #" : ""}`);

Deno.test("parseHubPage() reads the front matter and builds tags as PeaTMOSS did", async () => {
  const p = await page("pytorch_vision_resnet.md");
  assert.equal(p.title, "ResNet");
  assert.equal(p.githubId, "pytorch/vision");
  assert.equal(p.frontMatter.author, "Pytorch Team");
  assert.equal(p.frontMatter.order, 10);
  assert.deepEqual(p.tags, ["vision", "scriptable", "researchers", "cuda-optional"]);
  assert.equal(p.snippets, 2);
});

Deno.test("parseHubPage() finds every load of a page, commented-out variants included, with page lines", async () => {
  const p = await page("pytorch_vision_resnet.md");
  assert.deepEqual(models(p.calls), [
    "pytorch/vision:v0.10.0 resnet18",
    "pytorch/vision:v0.10.0 resnet34 #",
    "pytorch/vision:v0.10.0 resnet50 #",
  ]);
  // the first snippet opens on line 21, after 18 front-matter lines, the fixture's fmt-ignore line and a blank
  assert.deepEqual(p.calls.map((c) => c.line), [23, 25, 26]);
  const lines = (await Deno.readTextFile(join(PAGES, "pytorch_vision_resnet.md"))).split("\n");
  assert.match(lines[23 - 1], /'resnet18'/);
  assert.match(lines[26 - 1], /^# model = .*'resnet50'/);
});

Deno.test("parseHubPage() resolves a repository held in a variable across the snippets of a page", async () => {
  const p = await page("nvidia_deeplearningexamples_tacotron2.md");
  assert.deepEqual(models(p.calls), [
    "nvidia/DeepLearningExamples:torchhub nvidia_tacotron2",
    "nvidia/DeepLearningExamples:torchhub nvidia_waveglow",
    "nvidia/DeepLearningExamples:torchhub nvidia_tts_utils",
  ]);
  const ssd = await page("nvidia_deeplearningexamples_ssd.md");
  assert.deepEqual(models(ssd.calls), [
    "NVIDIA/DeepLearningExamples:torchhub nvidia_ssd",
    "NVIDIA/DeepLearningExamples:torchhub nvidia_ssd_processing_utils",
  ]);
  assert.deepEqual(ssd.tags, ["vision", "researchers", "cuda"]);
});

Deno.test("parseHubPage() resolves a model name variable and ignores inline ``` that is not a fence", async () => {
  const p = await page("intelisl_midas_v2.md");
  // "```python " (trailing space) opens a snippet; "```mean=[...]``` and ```std=[...]```" does not
  assert.equal(p.snippets, 3);
  assert.deepEqual(models(p.calls), ["intel-isl/MiDaS DPT_Large", "intel-isl/MiDaS transforms"]);
  assert.equal(p.githubId, "intel-isl/MiDaS");
});

Deno.test("parseHubPage() reads a multi-line commented-out call and keyword arguments", async () => {
  const gan = await page("facebookresearch_pytorch-gan-zoo_pgan.md");
  assert.deepEqual(models(gan.calls), [
    "facebookresearch/pytorch_GAN_zoo:hub PGAN",
    "facebookresearch/pytorch_GAN_zoo:hub PGAN #",
  ]);
  assert.deepEqual(gan.tags, ["vision", "generative", "researchers", "cuda-optional"]);
  const vad = await page("snakers4_silero-vad_vad.md");
  assert.deepEqual(models(vad.calls), ["snakers4/silero-vad silero_vad"]);
  assert.equal(vad.snippets, 1, "the ```bash snippet is not Python");
  assert.match(vad.calls[0].text, /force_reload=True\)$/);
});

Deno.test("parseHubPage() reads ```py snippets and several entrypoints of one repository", async () => {
  const p = await page("huggingface_pytorch-transformers.md");
  assert.equal(p.snippets, 4);
  assert.deepEqual(
    [...new Set(p.calls.map((c) => c.entry))],
    ["tokenizer", "model", "modelWithLMHead", "config"],
  );
  assert.equal(p.calls.length, 7);
  assert.ok(p.calls.every((c) => c.repo === "huggingface/pytorch-transformers" && c.ref === null));
});

Deno.test("parseHubPage() keeps unresolvable calls with the reason", async () => {
  const p = await page("ultralytics_yolov5.md");
  assert.deepEqual(
    p.calls.map((c) => [c.entry, c.problem]),
    [
      ["yolov5s", null],
      [null, "no repo_or_dir argument"],
      [null, "model is not a known string: f'yolov5{size}'"],
      ["custom", null],
      ["custom", null],
    ],
  );
  assert.deepEqual(p.calls.map((c) => c.commented), [false, false, false, false, true]);
});

Deno.test("parseHubPage() rejects a page without front matter, and one whose front matter is not YAML", async () => {
  await assert.rejects(() => page("example.md"), (err: unknown) => {
    assert.ok(err instanceof HubPageError);
    assert.equal(err.reason, "no front matter");
    assert.match(err.message, /^example\.md: no front matter/);
    return true;
  });
  assert.throws(
    () => parseHubPage("bad.md", "---\ntitle: a: b: c\n---\n"),
    (err: unknown) => err instanceof HubPageError && err.reason === "front matter is not valid YAML",
  );
  assert.throws(
    () => parseHubPage("list.md", "---\n- a\n- b\n---\n"),
    (err: unknown) => err instanceof HubPageError && err.reason === "front matter is not a mapping",
  );
});

Deno.test("parseHubPage() returns no calls for a page whose snippets load nothing", async () => {
  const p = await page("demo_no_snippet.md");
  assert.equal(p.snippets, 1);
  assert.deepEqual(p.calls, []);
  assert.equal(p.githubId, null);
  assert.deepEqual(p.tags, ["vision", "developers"]);
});

Deno.test("parseHubPage() accepts tags given as a comma-separated string", () => {
  const p = parseHubPage("x.md", "---\ntags: vision, audio\ncategory: researchers\n---\n");
  assert.deepEqual(p.tags, ["vision", "audio", "researchers"]);
});
