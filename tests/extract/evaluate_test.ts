import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluateExtraction } from "../../lib/extract/evaluate.ts";
import {
  GroundTruthError,
  groundTruthFromJson,
  LABELLED_FIELDS,
  readGroundTruth,
} from "../../lib/extract/ground_truth.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const TRUTH = groundTruthFromJson({
  "o/a": {
    model_type: "nlp",
    model_tasks: "text generation",
    frameworks: ["pytorch", "transformers"],
    license: "apache-2.0",
    parameter_count: "7B",
    hyper_parameters: { epochs: "", learning_rate: "2e-5" },
    evaluation: { "": "" },
    paper: [""],
    upstream_model: " ",
  },
  "o/b": { model_type: "cv", license: "", evaluation: { top1: { imagenet: "80.4" } } },
}, "fixture.json");

Deno.test("ground truth: keys and shapes are mapped; empty values mean not documented", () => {
  const a = TRUTH.get("o/a")!;
  assert.deepEqual(a.domain, ["natural-language-processing"]);
  assert.deepEqual(a.model_task, ["text-generation"]);
  assert.deepEqual(a.hyper_parameters, [{ name: "learning_rate", value: "2e-5" }]);
  assert.deepEqual([a.evaluation, a.paper, a.base_model, a.github_repo], [[], [], "", ""]);
  assert.deepEqual(TRUTH.get("o/b")!.evaluation, [{ metric: "top1", dataset: "imagenet", result: "80.4" }]);
  assert.throws(() => groundTruthFromJson([{ license: "mit" }], "x.json"), GroundTruthError);
  assert.throws(
    () => groundTruthFromJson({ "o/m": "mit" }, "x.json"),
    /x\.json: labels of "o\/m" are not an object/,
  );
  assert.deepEqual([...groundTruthFromJson([{ model_id: "o/m", license: "mit" }], "l.json").keys()], ["o/m"]);
});

Deno.test("evaluate: per-field means over models in both files, overall the mean of fields", () => {
  const report = evaluateExtraction(TRUTH, [
    {
      model_id: "o/a",
      extractor: "heuristic",
      fields: {
        domain: ["natural-language-processing"],
        model_task: ["text-generation"],
        frameworks: ["pytorch"],
        libraries: ["transformers"],
        license: "Apache 2.0",
        parameter_count: "7B",
        hyper_parameters: [{ name: "lr", value: "2e-05" }],
      },
    },
    {
      model_id: "o/b",
      extractor: "heuristic",
      fields: { license: "mit", evaluation: [{ metric: "acc", dataset: "", result: "80.4" }] },
    },
    { model_id: "o/not-labelled", extractor: "heuristic", fields: { license: "mit" } },
  ]);
  assert.equal(report.models, 2);
  assert.deepEqual(Object.keys(report.fields), LABELLED_FIELDS);
  assert.equal(report.fields.license, 0.5, "o/a right, o/b wrong (its truth is empty)");
  assert.equal(report.fields.domain, 0.5, "o/b's domain missing");
  assert.equal(report.fields.frameworks, 1, "transformers is a library: frameworks + libraries are compared");
  assert.equal(report.fields.hyper_parameters, 1);
  assert.equal(report.fields.evaluation, 1);
  assert.equal(report.fields.github_repo, 1, "both empty");
  const mean = Object.values(report.fields).reduce((s, v) => s + v, 0) / LABELLED_FIELDS.length;
  assert.ok(Math.abs(report.overall - mean) < 1e-4);
  assert.equal(evaluateExtraction(TRUTH, []).models, 0);
});

Deno.test("evaluate: values of the wrong type are coerced, not fatal", () => {
  const report = evaluateExtraction(TRUTH, [{
    model_id: "o/a",
    extractor: "llm:x",
    fields: {
      model_task: "text-generation",
      license: ["apache-2.0"],
      evaluation: "none",
      hyper_parameters: {},
    },
  }]);
  assert.equal(report.fields.model_task, 1);
  assert.equal(report.fields.license, 1);
  assert.equal(report.fields.evaluation, 1);
});

Deno.test({
  name: "ground truth: both real files read, 30 models each, differing in one label",
  ignore: SHARED_DATA === null,
  async fn() {
    const dir = join(SHARED_DATA!, "peatmoss-artifact", "LLM-Pipeline");
    const acc = await readGroundTruth(join(dir, "Accurate_Pipeline", "groundTruth.json"));
    const cheap = await readGroundTruth(join(dir, "Cheap_Pipeline", "groundTruth.json"));
    assert.equal(acc.size, 30);
    assert.deepEqual([...acc.keys()], [...cheap.keys()]);
    const diffs = [...acc].filter(([id, r]) => JSON.stringify(r) !== JSON.stringify(cheap.get(id)));
    assert.deepEqual(diffs.map(([id]) => id), ["sonoisa/sentence-bert-base-ja-mean-tokens-v2"]);
    const falcon = acc.get("tiiuae/falcon-7b-instruct")!;
    assert.equal(falcon.parameter_count, "7B");
    assert.deepEqual(falcon.paper, ["https://arxiv.org/abs/2306.01116"]);
    assert.deepEqual(acc.get("facebook/bart-large-cnn")!.evaluation[0], {
      metric: "ROUGE-1",
      dataset: "",
      result: "42.9486",
    });
    await assert.rejects(
      () => readGroundTruth(join(dir, "nope.json")),
      /nope\.json: cannot read the ground truth/,
    );
  },
});
