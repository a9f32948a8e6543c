/**
 * Problem domains of models (NLP, Computer Vision, Audio, Multimodal, Other): the task → domain grouping of the
 * PeaTMOSS figure notebooks (Fig. 8, `Plots/fig8.ipynb`), the rules the paper used to apply it, and a clean rule.
 *
 * - {@linkcode hfDomainsPaperRule}: the paper's rule, exactly: a substring test of every task on the
 *   comma-joined tag string. It inherits the paper's artefacts (`text-generation-inference` counts as NLP; a
 *   `sentence-similarity` + `feature-extraction` embedding model matches two domains and becomes Multimodal).
 * - {@linkcode hfDomainsCleanRule}: one domain per model, from its `pipeline_tag` alone, matched exactly.
 * - {@linkcode pytorchDomainsPaperRule}: the paper's rule for PyTorch Hub, whose tags are not tasks.
 *
 * Every task list lives here, as data: {@linkcode HF_DOMAINS_PAPER} (the paper's five domains, reinforcement
 * learning inside Other as in Fig. 8), {@linkcode HF_DOMAINS_RL_SEPARATE} (six domains, RL on its own) and
 * {@linkcode PYTORCH_DOMAINS_PAPER}.
 *
 * @module
 */
import pl from "nodejs-polars";

/** Domain → the tasks (HF) or tags (PyTorch Hub) that put a model in it. */
export type TaskGrouping = Readonly<Record<string, readonly string[]>>;

/** The five domains of Fig. 8, in the order of its axis. */
export const PAPER_DOMAINS = ["NLP", "Computer Vision", "Audio", "Multimodal", "Other"] as const;

/** The six domains of {@linkcode HF_DOMAINS_RL_SEPARATE}, in axis order. */
export const RL_SEPARATE_DOMAINS = [
  "NLP",
  "Computer Vision",
  "Audio",
  "Multimodal",
  "Reinforcement Learning",
  "Other",
] as const;

/** Line and bar colours per domain, those of the paper's Fig. 10 (matplotlib's), RL in orange. */
export const DOMAIN_COLORS: Readonly<Record<string, string>> = {
  NLP: "#d62728",
  "Computer Vision": "#2ca02c",
  Audio: "#9467bd",
  Multimodal: "#1f77b4",
  "Reinforcement Learning": "#ff7f0e",
  Other: "#333333",
};

const RL_TASKS = ["reinforcement-learning", "robotics"] as const;

/**
 * The paper's `hf_domains` (fig8.ipynb; the same list drives Fig. 9 and Fig. 10), reinforcement learning and
 * robotics inside Other.
 */
export const HF_DOMAINS_PAPER: TaskGrouping = {
  Multimodal: [
    "feature-extraction",
    "text-to-image",
    "image-to-text",
    "text-to-video",
    "visual-question-answering",
    "graph-machine-learning",
  ],
  "Computer Vision": [
    "depth-estimation",
    "image-classification",
    "object-detection",
    "image-segmentation",
    "image-to-image",
    "unconditional-image-generation",
    "video-classification",
    "zero-shot-image-classification",
  ],
  NLP: [
    "text-classification",
    "token-classification",
    "table-question-answering",
    "question-answering",
    "zero-shot-classification",
    "translation",
    "summarization",
    "conversational",
    "text-generation",
    "text2text-generation",
    "fill-mask",
    "sentence-similarity",
    "table-to-text",
    "multiple-choice",
    "text-retrieval",
  ],
  Audio: [
    "text-to-speech",
    "text-to-audio",
    "automatic-speech-recognition",
    "audio-to-audio",
    "audio-classification",
    "voice-activity-detection",
  ],
  Other: [
    ...RL_TASKS,
    "tabular-classification",
    "tabular-regression",
    "tabular-to-text",
    "time-series-forecasting",
  ],
};

/** {@linkcode HF_DOMAINS_PAPER} with reinforcement learning and robotics as a sixth domain. */
export const HF_DOMAINS_RL_SEPARATE: TaskGrouping = {
  ...HF_DOMAINS_PAPER,
  Other: HF_DOMAINS_PAPER.Other.filter((t) => !(RL_TASKS as readonly string[]).includes(t)),
  "Reinforcement Learning": RL_TASKS,
};

/**
 * Pipeline tasks Hugging Face introduced after the paper's notebooks (all seen in the 2024-07-11 listing), with
 * the domain ptmscope gives them; only the clean rule uses them. Tasks that read text and another modality are
 * Multimodal (document-question-answering is, in the paper's LLM pipeline), vision-only tasks Computer Vision,
 * and `graph-ml` is the new name of `graph-machine-learning`. The catch-all task `other` stays unmapped.
 */
export const HF_TASKS_ADDED_SINCE_PAPER: Readonly<Record<string, (typeof PAPER_DOMAINS)[number]>> = {
  "image-text-to-text": "Multimodal",
  "document-question-answering": "Multimodal",
  "text-to-3d": "Multimodal",
  "graph-ml": "Multimodal",
  "image-feature-extraction": "Computer Vision",
  "mask-generation": "Computer Vision",
  "zero-shot-object-detection": "Computer Vision",
  "image-to-3d": "Computer Vision",
  "image-to-video": "Computer Vision",
};

/** The paper's PyTorch Hub tag → domain grouping (fig8.ipynb, the notebook version; not `script_plot.py`'s). */
export const PYTORCH_DOMAINS_PAPER: TaskGrouping = {
  NLP: ["nlp"],
  "Computer Vision": ["generative", "video", "object_detection", "segmentation", "vision", "optical_flow"],
  Audio: ["audio"],
  Multimodal: [],
  Other: ["researchers", "cuda-optional", "cuda", "quantization", "scriptable"],
};

/** One boolean column per domain: does any of its tasks occur as a substring of `text`? */
function substringMatches(text: pl.Expr, grouping: TaskGrouping): pl.Expr[] {
  // One regex alternation of the escaped tasks per domain: the same test as a loop of literal substring
  // tests, in one pass over the strings instead of one per task.
  const escape = (task: string) => task.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return Object.entries(grouping).map(([domain, tasks]) =>
    (tasks.length === 0 ? pl.lit(false) : text.str.contains(tasks.map(escape).join("|"))).alias(domain)
  );
}

/** The single matched domain, by the order of `domains`; `fallback` when none matched. */
function firstMatched(domains: readonly string[], fallback: pl.Expr): pl.Expr {
  let expr = pl.when(pl.col(domains[0])).then(pl.lit(domains[0]));
  for (const d of domains.slice(1)) expr = expr.when(pl.col(d)).then(pl.lit(d));
  return expr.otherwise(fallback);
}

function matchedCount(domains: readonly string[]): pl.Expr {
  return domains.map((d) => pl.col(d).cast(pl.Int32)).reduce((a, b) => a.add(b), pl.lit(0));
}

/** `models` with `domain` (and `tag_string`, the text matched) computed by `assign` from the matches. */
function withMatches(
  models: pl.DataFrame,
  tagString: pl.Expr,
  grouping: TaskGrouping,
  assign: (domains: string[]) => pl.Expr,
): pl.DataFrame {
  // The per-domain match columns live in a frame of their own, so domain names cannot clash with model columns.
  const matches = models.select(tagString.alias("tag_string"))
    .select(pl.col("tag_string"), ...substringMatches(pl.col("tag_string"), grouping))
    .select(assign(Object.keys(grouping)).alias("domain"), pl.col("tag_string"));
  const kept = models.columns.filter((c) => c !== "domain" && c !== "tag_string");
  return pl.concat([models.select(...kept), matches], { how: "horizontal" });
}

/**
 * Adds `domain` by the paper's Fig. 8 rule for Hugging Face: join the model's tags without a `:` prefix
 * (`license:`, `dataset:`, ... are not in PeaTMOSS' tag table) and its `pipeline_tag` with ",", test every
 * task of `grouping` as a substring of that string, then: two or more matched domains → `Multimodal`, one →
 * that domain, none → null (not counted by the paper). Also adds `tag_string`, the string tested: a model is
 * "tagged" in the paper's sense when it is not empty.
 *
 * @param models needs `tags` (list of strings) and `pipeline_tag`.
 * @param grouping {@linkcode HF_DOMAINS_PAPER} (Fig. 8) or {@linkcode HF_DOMAINS_RL_SEPARATE}.
 * @example
 * ```ts
 * const models = pl.DataFrame({
 *   tags: [["pytorch", "text-generation-inference", "license:mit"], ["feature-extraction", "sentence-similarity"]],
 *   pipeline_tag: ["image-text-to-text", null],
 * });
 * hfDomainsPaperRule(models).getColumn("domain").toArray(); // ["NLP", "Multimodal"]
 * ```
 */
export function hfDomainsPaperRule(
  models: pl.DataFrame,
  grouping: TaskGrouping = HF_DOMAINS_PAPER,
): pl.DataFrame {
  const unprefixed = pl.col("tags").lst.eval(pl.element().filter(pl.element().str.contains(":", true).not()))
    .lst.join(",");
  const tagString = pl.concatString(
    [pl.when(unprefixed.eq(pl.lit(""))).then(pl.lit(null)).otherwise(unprefixed), pl.col("pipeline_tag")],
    ",",
    true,
  ).fillNull(pl.lit(""));
  return withMatches(
    models,
    tagString,
    grouping,
    (domains) =>
      pl.when(matchedCount(domains).gt(1)).then(pl.lit("Multimodal")).otherwise(
        firstMatched(domains, pl.lit(null)),
      ),
  );
}

/**
 * Adds `domain` from `pipeline_tag` alone, matched exactly against `grouping`'s tasks, so a model has one
 * domain and no tag can pull it elsewhere. Tasks HF added after the paper count through
 * {@linkcode HF_TASKS_ADDED_SINCE_PAPER} unless `addedTasks` is false. No pipeline tag, or an unknown one → null.
 *
 * @param models needs `pipeline_tag`.
 * @param grouping {@linkcode HF_DOMAINS_PAPER} or {@linkcode HF_DOMAINS_RL_SEPARATE}.
 * @example
 * ```ts
 * const models = pl.DataFrame({ pipeline_tag: ["sentence-similarity", "image-text-to-text", null] });
 * hfDomainsCleanRule(models).getColumn("domain").toArray(); // ["NLP", "Multimodal", null]
 * ```
 */
export function hfDomainsCleanRule(
  models: pl.DataFrame,
  grouping: TaskGrouping = HF_DOMAINS_PAPER,
  { addedTasks = true }: { addedTasks?: boolean } = {},
): pl.DataFrame {
  const byDomain = new Map(Object.entries(grouping).map(([d, tasks]) => [d, [...tasks]]));
  if (addedTasks) {
    for (const [task, domain] of Object.entries(HF_TASKS_ADDED_SINCE_PAPER)) byDomain.get(domain)?.push(task);
  }
  const task = pl.col("pipeline_tag");
  let expr: pl.Expr = pl.lit(null);
  for (const [domain, tasks] of [...byDomain].reverse()) {
    expr = pl.when(task.isIn(tasks)).then(pl.lit(domain)).otherwise(expr);
  }
  return models.withColumns(expr.cast(pl.String).alias("domain"));
}

/**
 * Adds `domain` by the paper's PyTorch Hub rule (fig8.ipynb): substring test on the comma-joined tags, drop
 * `Other` from the matched domains, then none left → `Other`, two or more → `Multimodal`, one → that domain.
 * A model without tags gets null (the paper's query only saw tagged models). Also adds `tag_string`.
 *
 * @param models needs `tags`.
 * @example
 * ```ts
 * const models = pl.DataFrame({ tags: [["vision", "researchers", "cuda"], ["scriptable"], ["nlp", "audio"]] });
 * pytorchDomainsPaperRule(models).getColumn("domain").toArray(); // ["Computer Vision", "Other", "Multimodal"]
 * ```
 */
export function pytorchDomainsPaperRule(
  models: pl.DataFrame,
  grouping: TaskGrouping = PYTORCH_DOMAINS_PAPER,
): pl.DataFrame {
  return withMatches(models, pl.col("tags").lst.join(","), grouping, (domains) => {
    const kept = domains.filter((d) => d !== "Other");
    const tagged = pl.col("tag_string").str.lengths().gt(0);
    return pl.when(tagged.not()).then(pl.lit(null))
      .when(matchedCount(kept).gt(1)).then(pl.lit("Multimodal"))
      .otherwise(firstMatched(kept, pl.lit("Other")));
  });
}

/**
 * Counts the two artefacts of the paper's rule the clean rule avoids (shared/PAPER.md §8 item 3), as rows
 * `artefact`, `models`: models NLP by the paper's rule but not by their pipeline tag that carry the
 * `text-generation-inference` tag, and Multimodal models by the paper's rule whose pipeline tag is
 * `sentence-similarity` (embedding models also tagged `feature-extraction`).
 *
 * @param paperRule output of {@linkcode hfDomainsPaperRule}.
 * @param cleanRule output of {@linkcode hfDomainsCleanRule} on the same models.
 * @example
 * ```ts
 * paperRuleArtefacts(hfDomainsPaperRule(models), hfDomainsCleanRule(models)).toRecords();
 * // [{ artefact: "NLP by the paper's rule, not by the pipeline tag, ...", models: 8497 }, { ..., models: 5254 }]
 * ```
 */
export function paperRuleArtefacts(paperRule: pl.DataFrame, cleanRule: pl.DataFrame): pl.DataFrame {
  const both = pl.concat([
    paperRule.select(pl.col("tags"), pl.col("pipeline_tag"), pl.col("domain").alias("paper")),
    cleanRule.select(pl.col("domain").alias("clean")),
  ], { how: "horizontal" });
  const count = (cond: pl.Expr) => both.filter(cond).height;
  const paper = pl.col("paper");
  return pl.DataFrame({
    artefact: [
      "NLP by the paper's rule, not by the pipeline tag, tagged text-generation-inference",
      "Multimodal by the paper's rule, pipeline tag sentence-similarity",
    ],
    models: pl.Series("models", [
      count(
        paper.eq(pl.lit("NLP")).and(pl.col("clean").fillNull(pl.lit("")).neq(pl.lit("NLP")))
          .and(pl.col("tags").lst.contains("text-generation-inference")),
      ),
      count(paper.eq(pl.lit("Multimodal")).and(pl.col("pipeline_tag").eq(pl.lit("sentence-similarity")))),
    ], pl.Int64),
  });
}
