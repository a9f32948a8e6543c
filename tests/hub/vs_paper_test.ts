import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { hfDomainsCleanRule, hfDomainsPaperRule } from "../../lib/hub/domains.ts";
import {
  domainPopulations,
  domainSharesVsPaper,
  librariesVs2023,
  licensesVs2023,
} from "../../lib/hub/vs_paper.ts";
import { PEATMOSS_HF_DOMAINS, PEATMOSS_PYTORCH_DOMAINS } from "../../lib/paper/peatmoss_numbers.ts";

const models = () =>
  pl.DataFrame({
    id: ["a", "b", "c", "d"],
    tags: pl.Series("tags", [
      ["text-generation-inference", "license:mit"],
      ["feature-extraction", "sentence-similarity"],
      ["license:apache-2.0"],
      ["audio-classification"],
    ], pl.List(pl.String)),
    pipeline_tag: ["text-generation", "sentence-similarity", null, "audio-classification"],
    library: ["transformers", "sentence-transformers", null, "flair"],
    licenses: pl.Series("licenses", [["mit"], [], ["apache-2.0"], ["apache-2.0", "mit"]], pl.List(pl.String)),
  });

Deno.test("domainSharesVsPaper() puts the paper's Fig. 8 beside each rule's counts and shares", () => {
  const t = domainSharesVsPaper(PEATMOSS_HF_DOMAINS, {
    paper_rule: hfDomainsPaperRule(models()),
    clean_rule: hfDomainsCleanRule(models()),
  });
  assert.deepEqual(t.columns, [
    "domain",
    "peatmoss_2023",
    "peatmoss_2023_share",
    "paper_rule",
    "paper_rule_share",
    "clean_rule",
    "clean_rule_share",
  ]);
  const nlp = t.row(0);
  assert.deepEqual(nlp.slice(0, 2), ["NLP", 94_320]);
  assert.equal(Number(nlp[2]).toFixed(4), "0.6033");
  assert.deepEqual(t.getColumn("paper_rule").toArray(), [1, 0, 1, 1, 0]); // a NLP, b Multimodal, d Audio
  assert.deepEqual(t.getColumn("clean_rule").toArray(), [2, 0, 1, 0, 0]); // a, b NLP; d Audio
  assert.deepEqual(t.getColumn("clean_rule_share").toArray(), [2 / 3, 0, 1 / 3, 0, 0]);
  const pt = domainSharesVsPaper(PEATMOSS_PYTORCH_DOMAINS, {});
  assert.equal(Number(pt.getColumn("peatmoss_2023_share").get(1)).toFixed(4), "0.5608");
});

Deno.test("domainPopulations() lists models, tagged models and mapped models beside Fig. 8's", () => {
  const t = domainPopulations(hfDomainsPaperRule(models()), hfDomainsCleanRule(models()));
  assert.deepEqual(t.toRecords().map((r) => [r.ours, r.peatmoss_2023]), [
    [4, 281_276],
    [3, 167_810], // c has prefixed tags only
    [3, 156_336],
    [3, null],
  ]);
});

Deno.test("librariesVs2023() our shares beside the 2023 dump's, (none) for no library", () => {
  const t = librariesVs2023(models(), { top: 2 });
  const byName = Object.fromEntries(t.toRecords().map((r) => [r.library, [r.models, r.share, r.share_2023]]));
  // our top 2 by count, ties by name: flair, sentence-transformers; then the ten libraries of 2023
  assert.deepEqual(t.getColumn("library").toArray().slice(0, 3), [
    "flair",
    "sentence-transformers",
    "transformers",
  ]);
  assert.equal(t.height, 11);
  assert.deepEqual(byName["flair"], [1, 0.25, null], "no 2023 share reported");
  assert.deepEqual(byName["transformers"], [1, 0.25, 0.4475]);
  assert.deepEqual(byName["(none)"], [1, 0.25, 0.4176]);
  assert.deepEqual(
    byName["stable-baselines3"],
    [0, 0, 0.0357],
    "2023's libraries are listed even when absent",
  );
});

Deno.test("licensesVs2023() no-license share, then single-license shares beside the reused PTMs of 2023", () => {
  const t = licensesVs2023(models()).toRecords();
  assert.deepEqual(t[0], { license: "(none declared)", models: 1, share: 0.25, share_2023: 0.6715 });
  assert.deepEqual(t[1].license, "apache-2.0");
  assert.deepEqual([t[1].models, t[1].share], [1, 0.5]); // c; d declares two licenses and is left out
  assert.equal(Number(t[1].share_2023).toFixed(4), (858 / 1512).toFixed(4));
  assert.deepEqual([t[2].license, t[2].models, t[2].share], ["mit", 1, 0.5]);
  assert.equal(t.length, 7);
});
