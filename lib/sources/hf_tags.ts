/**
 * What Hugging Face encodes in prefixed model tags (`license:mit`, `dataset:squad`, `base_model:gpt2`, ...).
 *
 * @module
 */

/** The prefixed tags of one model, split by kind. */
export interface TagFacets {
  licenses: string[];
  datasets: string[];
  baseModels: string[];
  arxivIds: string[];
}

// Newer API responses qualify base models with the relation (`base_model:finetune:org/name`); the relation is
// not part of the model id.
const BASE_MODEL_RELATIONS = new Set(["adapter", "finetune", "merge", "quantized"]);

/**
 * Splits the prefixed tags of a model into licenses, datasets, base models and arXiv ids.
 * Licenses are lower-cased (HF ids are case-insensitive); other values are kept as written.
 *
 * @example
 * ```ts
 * tagFacets(["license:MIT", "dataset:squad", "base_model:finetune:gpt2", "arxiv:1910.09700"]);
 * // { licenses: ["mit"], datasets: ["squad"], baseModels: ["gpt2"], arxivIds: ["1910.09700"] }
 * ```
 */
export function tagFacets(tags: readonly string[]): TagFacets {
  const facets: TagFacets = { licenses: [], datasets: [], baseModels: [], arxivIds: [] };
  for (const tag of tags) {
    const colon = tag.indexOf(":");
    if (colon <= 0) continue;
    const value = tag.slice(colon + 1);
    if (value === "") continue;
    switch (tag.slice(0, colon)) {
      case "license":
        facets.licenses.push(value.toLowerCase());
        break;
      case "dataset":
        facets.datasets.push(value);
        break;
      case "base_model": {
        const inner = value.indexOf(":");
        const relation = inner > 0 ? value.slice(0, inner) : "";
        const id = BASE_MODEL_RELATIONS.has(relation) ? value.slice(inner + 1) : value;
        if (!facets.baseModels.includes(id)) facets.baseModels.push(id);
        break;
      }
      case "arxiv":
        facets.arxivIds.push(value);
        break;
    }
  }
  return facets;
}
