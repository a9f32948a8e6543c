// Child of the hub benchmark: loads the models table of the dataset in Deno.args[0], runs each analysis of
// lib/hub once and prints the rows and the in-process seconds of each step as JSON.
import { loadTable } from "../lib/store/dataset.ts";
import { countBy } from "../lib/overview/counts.ts";
import { HF_DOMAINS_RL_SEPARATE, hfDomainsCleanRule, hfDomainsPaperRule } from "../lib/hub/domains.ts";
import { growthHighlights, monthlyCreations, sharesByYear } from "../lib/hub/growth.ts";
import {
  authorSizes,
  concentrationCurve,
  domainCrosstab,
  downloadsConcentration,
  downloadsGini,
} from "../lib/hub/composition.ts";
import { domainSharesVsPaper, librariesVs2023, licensesVs2023 } from "../lib/hub/vs_paper.ts";
import { PEATMOSS_HF_DOMAINS } from "../lib/paper/peatmoss_numbers.ts";

const seconds: Record<string, number> = {};
async function step<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  seconds[name] = (performance.now() - t) / 1000;
  return result;
}

const models = await step("load the models table (Parquet)", () => loadTable(Deno.args[0], "models"));
const paperRule = await step("domains, paper's rule (5 domains)", () => hfDomainsPaperRule(models));
await step(
  "domains, paper's rule (6 domains, RL apart)",
  () => hfDomainsPaperRule(models, HF_DOMAINS_RL_SEPARATE),
);
const cleanRule = await step(
  "domains, clean rule (6 domains)",
  () => hfDomainsCleanRule(models, HF_DOMAINS_RL_SEPARATE),
);
await step(
  "domain shares vs Fig. 8 (both rules, 5 domains)",
  () =>
    domainSharesVsPaper(PEATMOSS_HF_DOMAINS, {
      paper_rule: paperRule,
      clean_rule: hfDomainsCleanRule(models),
    }),
);
await step("domain crosstab of the two rules", () => domainCrosstab(paperRule, hfDomainsCleanRule(models)));
const monthly = await step(
  "models per month by domain",
  () => monthlyCreations(cleanRule, { retrievedAt: "2024-07-11" }),
);
await step(
  "models per month (one series) + highlights",
  () => growthHighlights(monthlyCreations(models, { by: null, retrievedAt: "2024-07-11" })),
);
await step("domain shares by year", () => sharesByYear(monthly, "domain"));
await step("libraries vs 2023", () => librariesVs2023(models));
await step("licenses vs 2023", () => licensesVs2023(models));
await step("downloads: top 0.1/1/10%, Gini, curve", () => {
  downloadsConcentration(models, { tops: [0.001, 0.01, 0.1] });
  downloadsGini(models);
  return concentrationCurve(models);
});
await step("models per author + top authors", () => {
  authorSizes(models);
  return countBy(models, "author").head(20);
});
console.log(JSON.stringify({ rows: models.height, seconds }));
