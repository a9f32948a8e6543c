/**
 * harvestPytorchHub() end to end against the GitHub replay server serving the fixture: the tables (computed by
 * hand from the fixture files), conditional requests on a second run, rate-limit storms, skipped input, and a
 * token that never leaves the request headers.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { harvestPytorchHub, type PytorchHubOptions } from "../../lib/sources/pytorch_hub.ts";
import { loadDataset } from "../../lib/store/dataset.ts";
import { loadGitHubFixture } from "../../lib/testing/github_fixture.ts";
import { type GitHubReplay, startGitHubReplay } from "../../lib/testing/github_replay_server.ts";

const fixture = await loadGitHubFixture(join(import.meta.dirname!, "testdata", "pytorch_hub"));
const NOW = new Date("2024-07-11T12:00:00Z");

const temps: string[] = [];
async function tempDir(): Promise<string> {
  temps.push(await Deno.makeTempDir({ prefix: "ptmscope-pytorch-hub-" }));
  return temps[temps.length - 1];
}

async function harvest(gh: GitHubReplay, options: Partial<PytorchHubOptions> = {}) {
  const out = options.out ?? await tempDir();
  const report = await harvestPytorchHub({ out, githubUrl: gh.url, now: NOW, retryBaseMs: 5, ...options });
  return { out, report, data: await loadDataset(report.dir) };
}

async function withServer(
  options: Parameters<typeof startGitHubReplay>[1],
  fn: (gh: GitHubReplay) => Promise<void>,
) {
  const gh = startGitHubReplay(fixture, options);
  try {
    await fn(gh);
  } finally {
    await gh.close();
    for (const dir of temps.splice(0)) await Deno.remove(dir, { recursive: true });
  }
}

const iso = (d: unknown) => d === null ? null : (d as Date).toISOString().replace(".000Z", "Z");
type Row = Record<string, unknown>;
const modelRows = (rows: Row[]) =>
  rows.map((r) => [r.id, iso(r.created_at), iso(r.last_modified), r.likes, r.licenses, r.tags].join(" | "));

// By hand from the fixture: pages in name order, calls in page order; created_at/last_modified are the first and
// last commit of the page(s) in pytorch/hub (repos.json history); likes and licenses come from the repository.
const T = {
  gan: ["vision", "generative", "researchers", "cuda-optional"],
  hf: ["nlp", "researchers", "cuda-optional"],
  midas: ["vision", "researchers", "cuda-optional"],
  ssd: ["vision", "researchers", "cuda"],
  tts: ["audio", "researchers", "cuda"],
  deeplab: ["vision", "segmentation", "researchers", "cuda-optional"],
  resnet: ["vision", "scriptable", "researchers", "cuda-optional"],
  vad: ["audio", "scriptable", "researchers", "cuda-optional"],
};
const EXPECTED_MODELS = [
  ["facebookresearch/pytorch_GAN_zoo:PGAN", "2019-06-10T18:00:00Z", "2021-06-01T00:00:00Z", 1600, [], T.gan],
  ...["tokenizer", "model", "modelWithLMHead", "config"].map((e) => [
    `huggingface/pytorch-transformers:${e}`,
    "2019-07-23T00:00:00Z",
    "2020-07-01T00:00:00Z",
    128000,
    ["apache-2.0"],
    T.hf,
  ]),
  ...["DPT_Large", "transforms"].map((e) => [
    `intel-isl/MiDaS:${e}`,
    "2020-11-17T10:00:00Z",
    "2022-05-05T05:05:05Z",
    4200,
    ["mit"],
    T.midas,
  ]),
  ...["nvidia_ssd", "nvidia_ssd_processing_utils"].map((e) => [
    `NVIDIA/DeepLearningExamples:${e}`,
    "2019-09-25T10:00:00Z",
    "2023-01-10T00:00:00Z",
    13000,
    ["other"],
    T.ssd,
  ]),
  // the tacotron2 page spells the repository `nvidia/...`: the first spelling met (ssd page) names it
  ...["nvidia_tacotron2", "nvidia_waveglow", "nvidia_tts_utils"].map((e) => [
    `NVIDIA/DeepLearningExamples:${e}`,
    "2019-06-10T18:00:00Z",
    "2021-02-02T00:00:00Z",
    13000,
    ["other"],
    T.tts,
  ]),
  ...["deeplabv3_resnet50", "deeplabv3_resnet101", "deeplabv3_mobilenet_v3_large"].map((e) => [
    `pytorch/vision:${e}`,
    "2019-06-10T18:00:00Z",
    "2022-03-01T09:00:00Z",
    15500,
    ["bsd-3-clause"],
    T.deeplab,
  ]),
  // on the deeplab page and (commented out) on the resnet page: tags united, dates widened
  ["pytorch/vision:resnet50", "2019-06-10T18:00:00Z", "2023-12-05T12:00:00Z", 15500, ["bsd-3-clause"], [
    ...T.deeplab,
    "scriptable",
  ]],
  ...["resnet18", "resnet34"].map((e) => [
    `pytorch/vision:${e}`,
    "2019-06-10T18:00:00Z",
    "2023-12-05T12:00:00Z",
    15500,
    ["bsd-3-clause"],
    T.resnet,
  ]),
  ...["wide_resnet50_2", "wide_resnet101_2"].map((e) => [
    `pytorch/vision:${e}`,
    "2019-07-01T12:00:00Z",
    "2019-07-01T12:00:00Z",
    15500,
    ["bsd-3-clause"],
    T.resnet,
  ]),
  ["snakers4/silero-vad:silero_vad", "2020-12-15T14:00:00Z", "2024-01-15T08:30:00Z", 3500, ["mit"], T.vad],
  ...["yolov5s", "custom"].map((e) => [
    `ultralytics/yolov5:${e}`,
    "2020-06-29T00:00:00Z",
    "2024-02-20T00:00:00Z",
    48000,
    ["agpl-3.0"],
    T.resnet,
  ]),
].map((r) => r.join(" | "));

const EXPECTED_REPOS = [
  "facebookresearch/pytorch_GAN_zoo | https://github.com/facebookresearch/pytorch_GAN_zoo | 1600 | 270 |  | 2018-11-21T10:00:00Z | 2020-01-27T10:00:00Z | master",
  "huggingface/pytorch-transformers | https://github.com/huggingface/transformers | 128000 | 25000 | Apache-2.0 | 2018-10-29T13:56:00Z | 2024-07-10T18:00:00Z | main",
  "intel-isl/MiDaS | https://github.com/isl-org/MiDaS | 4200 | 580 | MIT | 2019-07-02T10:00:00Z | 2023-03-01T10:00:00Z | master",
  "NVIDIA/DeepLearningExamples | https://github.com/NVIDIA/DeepLearningExamples | 13000 | 3100 | other | 2018-05-02T19:32:53Z | 2024-04-01T08:00:00Z | master",
  "pytorch/vision | https://github.com/pytorch/vision | 15500 | 6800 | BSD-3-Clause | 2016-11-09T23:11:43Z | 2024-06-01T10:00:00Z | main",
  "snakers4/silero-vad | https://github.com/snakers4/silero-vad | 3500 | 350 | MIT | 2020-12-15T13:00:00Z | 2024-06-20T09:00:00Z | master",
  "ultralytics/yolov5 | https://github.com/ultralytics/yolov5 | 48000 | 16000 | AGPL-3.0 | 2020-05-18T00:00:00Z | 2024-07-01T00:00:00Z | master",
];
const repoRows = (rows: Row[]) =>
  rows.map((r) =>
    [r.repo, r.url, r.stars, r.forks, r.licenses, iso(r.created_at), iso(r.pushed_at), r.default_branch].join(
      " | ",
    )
  );

Deno.test("harvestPytorchHub() builds the models and repos tables expected from the fixture", async () => {
  await withServer({}, async (gh) => {
    const { out, report, data } = await harvest(gh);
    assert.equal(report.dir, join(out, "2024-07-11"));
    assert.deepEqual(modelRows(data.models.toRecords()), EXPECTED_MODELS);
    assert.ok(data.models.toRecords().every((r) => r.hub === "pytorch" && r.library === "pytorch"));
    assert.deepEqual(data.models.getColumn("author").toArray().slice(0, 2), [
      "facebookresearch",
      "huggingface",
    ]);
    assert.deepEqual(repoRows(data.repos.toRecords()), EXPECTED_REPOS);
    const m = report.manifest;
    assert.equal(m.source.kind, "pytorch-hub");
    assert.equal(m.source.location, `${gh.url}/repos/pytorch/hub`);
    assert.equal(m.retrieved_at, "2024-07-11");
    // 13 pages (README, CONTRIBUTING, CODE_OF_CONDUCT, docs/ and non-markdown files left out) + 8 hubconf.py
    assert.equal(m.inputs.length, 21);
    assert.ok(m.inputs.some((i) => i.path === "pytorch/vision@v0.10.0/hubconf.py"));
    assert.ok(!m.inputs.some((i) => /README|CONTRIBUTING|CODE_OF_CONDUCT|template/.test(i.path)));
    assert.ok(m.notes.includes("repository intel-isl/MiDaS is now isl-org/MiDaS"));
  });
});

Deno.test("harvestPytorchHub() records pages, refs, commented-out loads and hubconf membership", async () => {
  await withServer({}, async (gh) => {
    const { data } = await harvest(gh);
    const meta = new Map<string, unknown>();
    for (const r of data.metadata.toRecords()) {
      assert.equal(r.extractor, "pytorch-hub");
      meta.set(`${r.model_id} ${r.field}`, JSON.parse(r.value as string));
    }
    assert.equal(data.metadata.height, 23 * 4 + 21, "github_id is missing for the two wide_resnet models");
    assert.deepEqual(meta.get("pytorch/vision:resnet50 pages"), [
      "pytorch_vision_deeplabv3_resnet101.md",
      "pytorch_vision_resnet.md",
    ]);
    assert.deepEqual(meta.get("pytorch/vision:wide_resnet50_2 refs"), ["main"]);
    assert.equal(meta.get("pytorch/vision:wide_resnet50_2 github_id"), undefined);
    assert.equal(meta.get("intel-isl/MiDaS:DPT_Large github_id"), "intel-isl/MiDaS");
    const commented = [...meta].filter(([k, v]) => k.endsWith(" commented_out") && v === true).map(([k]) =>
      k
    );
    assert.deepEqual(commented.map((k) => k.split(" ")[0]), [
      "pytorch/vision:deeplabv3_resnet101",
      "pytorch/vision:deeplabv3_mobilenet_v3_large",
      "pytorch/vision:resnet34",
    ]);
    const missing = [...meta].filter(([k, v]) => k.endsWith(" in_hubconf") && v !== true).map(([k]) => k);
    assert.deepEqual(missing.map((k) => k.split(" ")[0]), [
      "huggingface/pytorch-transformers:modelWithLMHead",
      "NVIDIA/DeepLearningExamples:nvidia_tts_utils",
    ]);
  });
});

Deno.test("harvestPytorchHub() skips and counts bad input: pages, calls, a repository that 404s", async () => {
  await withServer({}, async (gh) => {
    const { report, data } = await harvest(gh);
    assert.deepEqual(report.skipped.map((s) => `${s.kind} ${s.name}: ${s.reason}`).sort(), [
      "call ultralytics_yolov5.md:41: no repo_or_dir argument",
      "call ultralytics_yolov5.md:48: model is not a known string: f'yolov5{size}'",
      "page demo_no_snippet.md: no torch.hub.load call",
      "page example.md: no front matter",
      "repo acme/vanished-models: repository unavailable (HTTP 404)",
    ]);
    assert.ok(!data.models.getColumn("id").toArray().some((id) => String(id).startsWith("acme/")));
    assert.ok(
      report.manifest.notes.includes(
        "skipped 1 repo: repository unavailable (HTTP 404) (acme/vanished-models)",
      ),
    );
    assert.equal(gh.counts["repos.get"].notFound, 1);
  });
});

Deno.test("harvestPytorchHub() sends conditional requests on a second run, and 304s keep the quota", async () => {
  await withServer({ rateLimit: 1000 }, async (gh) => {
    const first = await harvest(gh);
    const sent = first.report.stats.requests;
    assert.equal(first.report.stats.notModified, 0);
    gh.resetCounts();
    const remaining = Number(gh.quota.headers()["x-ratelimit-remaining"]);
    const second = await harvest(gh, { out: first.out });
    assert.equal(second.report.stats.requests, sent);
    // every answer but the 404 (which has no ETag) was cached; renamed repositories still cost their 301
    assert.equal(second.report.stats.notModified, sent - 1);
    assert.equal(gh.total("notModified"), sent - 1);
    assert.equal(gh.total("redirected"), 2);
    assert.equal(Number(gh.quota.headers()["x-ratelimit-remaining"]), remaining - 1 - 2);
    assert.deepEqual(second.data.models.toRecords(), first.data.models.toRecords());
    assert.deepEqual(second.data.repos.toRecords(), first.data.repos.toRecords());
    assert.deepEqual(second.data.metadata.toRecords(), first.data.metadata.toRecords());
  });
});

Deno.test("harvestPytorchHub() ends with the same dataset through primary and secondary rate-limit storms", async () => {
  let calm: Awaited<ReturnType<typeof harvest>>["data"] | undefined;
  await withServer({}, async (gh) => {
    calm = (await harvest(gh)).data;
  });
  // ~44 requests against 24 per second: the quota runs out while 4 requests are in flight
  await withServer({ rateLimit: 24, windowSeconds: 1 }, async (gh) => {
    gh.faults.primaryStatus = 429;
    gh.faults.serverErrors = 4;
    gh.faults.secondary = 2;
    const log: string[] = [];
    const { report, data } = await harvest(gh, { log: (l) => log.push(l) });
    assert.ok(
      gh.total("primaryLimited") > 0 && gh.total("secondaryLimited") === 2 && gh.total("serverErrors") === 4,
    );
    assert.ok(
      report.stats.primaryLimited > 0 && report.stats.secondaryLimited === 2 && report.stats.retries === 4,
    );
    assert.ok(log.some((l) => /primary rate limit: waiting/.test(l)));
    assert.ok(log.some((l) => /secondary rate limit: waiting/.test(l)));
    assert.deepEqual(data.models.toRecords(), calm!.models.toRecords());
    assert.deepEqual(data.repos.toRecords(), calm!.repos.toRecords());
    assert.deepEqual(data.metadata.toRecords(), calm!.metadata.toRecords());
  });
});

Deno.test("harvestPytorchHub() never writes or says the token, and writes nothing when it fails", async () => {
  const token = "ghp_TESTTOKEN0123456789abcdef";
  await withServer({}, async (gh) => {
    gh.faults.secondary = 1;
    gh.faults.serverErrors = 1;
    const log: string[] = [];
    const { out, report } = await harvest(gh, { token, log: (l) => log.push(l) });
    assert.ok(gh.requests.length > 0 && gh.requests.every((r) => r.authorization === `token ${token}`));
    const bytes = new TextEncoder().encode(token);
    const files = await walk(out);
    assert.ok(
      files.some((f) => f.includes(".harvest-cache")) && files.some((f) => f.endsWith("models.parquet")),
    );
    for (const file of files) {
      assert.ok(!contains(await Deno.readFile(file), bytes), `${file} holds the token`);
    }
    assert.ok(!JSON.stringify({ report, log }).includes(token));
  });
  await withServer({ windowSeconds: 3600 }, async (gh) => {
    gh.quota.exhaust();
    const failed = await tempDir();
    await assert.rejects(
      () => harvestPytorchHub({ out: failed, githubUrl: gh.url, token, maxWaitSeconds: 2, now: NOW }),
      (err: Error) => {
        assert.match(err.message, /pytorch\/hub@master: .*rate limit holds until .*set GITHUB_TOKEN/);
        assert.ok(!err.message.includes(token));
        return true;
      },
    );
    assert.deepEqual([...Deno.readDirSync(failed)].map((e) => e.name), [], "no dataset, no cache entry");
  });
});

Deno.test("harvestPytorchHub() keeps a password of --github-url out of the manifest and the cache", async () => {
  await withServer({}, async (gh) => {
    const url = gh.url.replace("//", "//someone:pa55word@");
    const { out, report } = await harvest(gh, { githubUrl: url });
    assert.equal(report.manifest.source.location, `${gh.url}/repos/pytorch/hub`);
    assert.match(gh.requests[0].authorization ?? "", /^Basic /, "the credentials were used");
    const bytes = new TextEncoder().encode("pa55word");
    for (const file of await walk(out)) assert.ok(!contains(await Deno.readFile(file), bytes), file);
  });
});

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...await walk(path));
    else out.push(path);
  }
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
