/**
 * Which properties of a model the replay hub returns, following the real `/api/models` rules: the page record by
 * default, more with `full`, and with `expand` exactly `_id`, `id` and the expanded properties.
 *
 * @module
 */
import type { ReplayModel } from "./_hf_replay_catalog.ts";
import type { ReplayRepos } from "./_hf_replay_repo.ts";

/** Properties the real API accepts in `expand` (hub docs, 2025). */
export const EXPANDABLE = new Set([
  "author",
  "baseModels",
  "cardData",
  "childrenModelCount",
  "config",
  "createdAt",
  "disabled",
  "downloads",
  "downloadsAllTime",
  "gated",
  "gguf",
  "inference",
  "inferenceProviderMapping",
  "lastModified",
  "library_name",
  "likes",
  "mask_token",
  "model-index",
  "pipeline_tag",
  "private",
  "resourceGroup",
  "safetensors",
  "sha",
  "siblings",
  "spaces",
  "tags",
  "transformersInfo",
  "trendingScore",
  "widgetData",
  "xetEnabled",
]);

/** What a request asks for: the default fields, `full`, or an explicit `expand` list. */
export type FieldSelection = "default" | "full" | "info" | ReadonlySet<string>;

type Raw = Record<string, unknown>;

/**
 * The JSON object served for `model`. Properties the replay hub does not model (`gguf`, `inference`, ...) are
 * left out even when expanded; an injected unknown field is always kept, as a newer hub would send it.
 *
 * @example
 * ```ts
 * renderModel(model, new Set(["downloads"]), repos); // { _id: "...", id: "gpt2", downloads: 123 }
 * ```
 */
export function renderModel(model: ReplayModel, fields: FieldSelection, repos: ReplayRepos): Raw {
  const r = model.record;
  if (fields === "default") return r;
  const keys = fields === "full"
    ? ["author", "lastModified", "sha", "gated", "disabled", "siblings"]
    : fields === "info"
    ? ["author", "sha", "lastModified", "gated", "disabled", "cardData", "config", "siblings", "spaces"]
    : [...fields];
  const out: Raw = typeof fields === "string" ? { ...r } : { _id: r._id, id: r.id };
  for (const key of keys) {
    const value = property(model, key, repos);
    if (value !== undefined) out[key] = value;
  }
  if (r.surpriseField !== undefined) out.surpriseField = r.surpriseField;
  return out;
}

function property(model: ReplayModel, key: string, repos: ReplayRepos): unknown {
  const r = model.record;
  switch (key) {
    case "author":
      return model.id.includes("/") ? model.id.slice(0, model.id.indexOf("/")) : undefined;
    case "lastModified":
      return model.lastModified;
    case "sha":
      return model.sha;
    case "downloadsAllTime":
      return model.downloadsAllTime;
    case "gated":
    case "disabled":
      return false;
    case "spaces":
      return [];
    case "siblings":
      return repos.files(model).map((f) => ({ rfilename: f.path }));
    case "cardData":
      return repos.cardData(model) ?? undefined;
    case "config": {
      const text = repos.config(model);
      if (text === null) return undefined;
      const { architectures, model_type } = JSON.parse(text);
      return { architectures, model_type };
    }
    case "transformersInfo":
      return r.library_name === "transformers"
        ? { auto_model: "AutoModel", pipeline_tag: r.pipeline_tag, processor: "AutoTokenizer" }
        : undefined;
    case "createdAt":
    case "downloads":
    case "likes":
    case "tags":
    case "pipeline_tag":
    case "library_name":
    case "private":
      return r[key];
    default:
      return undefined;
  }
}
