import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { PEATMOSS_REPO_DOMAINS_VIA_HF } from "../../lib/paper/peatmoss_numbers.ts";
import { repoDomainPopulations } from "../../lib/reuse/vs_paper.ts";

Deno.test("repoDomainPopulations() counts repositories at each step of Fig. 9 beside the paper's 8,384", () => {
  const paperRule = pl.DataFrame({
    repo: ["a/x", "b/y", "c/z", "d/w"],
    domain: ["NLP", null, "Audio", null],
    tag_string: ["fill-mask", "spacy,en", "automatic-speech-recognition", ""],
  });
  const cleanRule = pl.DataFrame({ repo: ["a/x", "b/y", "c/z", "d/w"], domain: ["NLP", null, null, null] });
  const paperTotal = Object.values(PEATMOSS_REPO_DOMAINS_VIA_HF).reduce((s, n) => s + n.value, 0);
  assert.equal(paperTotal, 8384);
  assert.deepEqual(repoDomainPopulations(paperRule, cleanRule).toRecords(), [
    { population: "repositories using a Hugging Face PTM", ours: 4, peatmoss_2023: null },
    { population: "repositories whose PTMs have at least one tag", ours: 3, peatmoss_2023: null },
    { population: "repositories with a domain, paper's rule", ours: 2, peatmoss_2023: 8384 },
    { population: "repositories with a domain, clean rule (pipeline tags)", ours: 1, peatmoss_2023: null },
  ]);
});
