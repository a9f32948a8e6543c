import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { joinModels } from "../../lib/reuse/join_models.ts";
import { repoDomainsCleanRule, repoDomainsPaperRule } from "../../lib/reuse/repo_domains.ts";
import { realMapping, realModels, SHARED_DATA } from "./_real_data.ts";

const tags = (...t: string[]) => t;
// Worked out by hand from Plots/fig9.ipynb: the tags of all of a repository's PTMs are joined into one string and
// every task of Fig. 8's list is tested as a substring of it; two or more domains → Multimodal.
const joined = () =>
  pl.DataFrame({
    repo: ["a/nlp", "a/nlp", "b/mixed", "b/mixed", "c/embed", "d/gone", "e/dup", "e/dup", "f/notask"],
    model_id: ["bert", "gpt2", "bert", "resnet", "minilm", "deleted", "whisper", "whisper", "spacy"],
    tags: pl.Series("tags", [
      tags("pytorch", "fill-mask", "license:apache-2.0"),
      tags("text-generation"),
      tags("pytorch", "fill-mask"),
      tags("image-classification"),
      tags("sentence-transformers", "feature-extraction", "sentence-similarity"),
      null,
      tags("automatic-speech-recognition"),
      tags("automatic-speech-recognition"),
      tags("spacy", "token-classification-like", "en"),
    ], pl.List(pl.String)),
    pipeline_tag: [
      "fill-mask",
      "text-generation",
      "fill-mask",
      "image-classification",
      "sentence-similarity",
      null,
      "automatic-speech-recognition",
      "automatic-speech-recognition",
      null,
    ],
  });

Deno.test("repoDomainsPaperRule() applies Fig. 8's rule to the concatenated tags of a repository's PTMs", () => {
  assert.deepEqual(repoDomainsPaperRule(joined()).select("repo", "models", "domain").toRecords(), [
    { repo: "a/nlp", models: 2, domain: "NLP" },
    // NLP + Computer Vision in one repository → Multimodal
    { repo: "b/mixed", models: 2, domain: "Multimodal" },
    // feature-extraction (Multimodal) + sentence-similarity (NLP) → Multimodal, as in Fig. 8
    { repo: "c/embed", models: 1, domain: "Multimodal" },
    // no tags at all: the paper's HAVING tags IS NOT NULL drops it
    { repo: "d/gone", models: 1, domain: null },
    // the same PTM twice is one PTM
    { repo: "e/dup", models: 1, domain: "Audio" },
    // substring: "token-classification" is a task, so "token-classification-like" matches it
    { repo: "f/notask", models: 1, domain: "NLP" },
  ]);
  const d = repoDomainsPaperRule(joined()).filter(pl.col("repo").eq(pl.lit("d/gone")));
  assert.equal(d.getColumn("tag_string").toArray()[0], "");
});

Deno.test("repoDomainsCleanRule() uses the pipeline tags only: one domain per PTM, several → Multimodal", () => {
  assert.deepEqual(repoDomainsCleanRule(joined()).toRecords(), [
    { repo: "a/nlp", models: 2, domain: "NLP" },
    { repo: "b/mixed", models: 2, domain: "Multimodal" },
    // sentence-similarity is NLP: the embedding model is no longer Multimodal
    { repo: "c/embed", models: 1, domain: "NLP" },
    { repo: "d/gone", models: 1, domain: null },
    { repo: "e/dup", models: 1, domain: "Audio" },
    { repo: "f/notask", models: 1, domain: null },
  ]);
});

Deno.test({
  name: "repoDomainsPaperRule() on the mapping and the 2024 listing: NLP first, as in Fig. 9",
  ignore: !SHARED_DATA,
  fn: async () => {
    const [{ usages }, models] = await Promise.all([realMapping(), realModels()]);
    const j = joinModels(usages, models);
    const paper = repoDomainsPaperRule(j);
    const clean = repoDomainsCleanRule(j);
    assert.equal(paper.height, 7956);
    assert.equal(clean.height, 7956);
    const counts = (df: pl.DataFrame) =>
      Object.fromEntries(
        df.filter(pl.col("domain").isNotNull()).groupBy("domain").len().toRecords().map((
          r,
        ) => [r.domain, r.len]),
      );
    assert.deepEqual(counts(paper), { NLP: 6052, "Computer Vision": 457, Audio: 81, Multimodal: 1234 });
    assert.deepEqual(counts(clean), { NLP: 6556, "Computer Vision": 477, Audio: 82, Multimodal: 709 });
    // a repository whose PTMs all have tags but no task is left without a domain by the paper's rule
    assert.equal(paper.filter(pl.col("tag_string").str.lengths().gt(0)).height, 7915);
  },
});
