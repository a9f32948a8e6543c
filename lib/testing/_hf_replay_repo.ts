/**
 * The git side of a replayed model repository: its files, README, config.json, commits and card metadata.
 *
 * The pages of 2024-07-11 hold none of this. A README comes from the real cards of the shared data where the
 * model has one (see {@linkcode RealCards}), otherwise it is a minimal generated card whose front matter restates
 * the model's tags. Everything else is synthesised deterministically from the model id: same id, same repo.
 *
 * @module
 */
import { stringify as stringifyYaml } from "yaml";
import { tagFacets } from "../sources/hf_tags.ts";
import type { ReplayModel } from "./_hf_replay_catalog.ts";
import { gitBlobId, hash32, hex40, unit } from "./_hf_replay_hash.ts";
import type { RealCards } from "./_hf_real_cards.ts";

/** An entry of `/api/models/{id}/tree/main`. */
export interface TreeEntry {
  type: "file";
  oid: string;
  size: number;
  path: string;
  lfs?: { oid: string; size: number; pointerSize: number };
}

/** An entry of `/api/models/{id}/commits/main`. */
export interface CommitEntry {
  id: string;
  title: string;
  message: string;
  authors: { user: string; avatar: string }[];
  date: string;
}

interface Repo {
  readme: string | null;
  cardData: Record<string, unknown> | null;
  config: string | null;
  files: TreeEntry[];
}

const enc = new TextEncoder();
// HF back-filled createdAt = 2022-03-02 for every older model; their first commits are spread before that.
const BACKFILLED = "2022-03-02";
const OLDEST = Date.parse("2019-01-01T00:00:00Z");

const MODEL_TYPES = [
  "bert",
  "gpt2",
  "llama",
  "t5",
  "roberta",
  "wav2vec2",
  "vit",
  "whisper",
  "mistral",
  "bart",
];
const HEADS: Record<string, string> = {
  "text-classification": "ForSequenceClassification",
  "token-classification": "ForTokenClassification",
  "text-generation": "ForCausalLM",
  "fill-mask": "ForMaskedLM",
  "question-answering": "ForQuestionAnswering",
  "automatic-speech-recognition": "ForCTC",
  "image-classification": "ForImageClassification",
  "text2text-generation": "ForConditionalGeneration",
};

/**
 * Repository content of replayed models; recently built repos are cached (the snapshot tier asks 4-6 times).
 *
 * @example
 * ```ts
 * const repos = new ReplayRepos(new RealCards("../shared/data"));
 * repos.commits(model).at(-1)?.date; // the first commit
 * ```
 */
export class ReplayRepos {
  #cards: RealCards | null;
  #cache = new Map<string, Repo>();

  constructor(cards: RealCards | null) {
    this.#cards = cards;
  }

  /** README.md text, or null when the repo has none. */
  readme(model: ReplayModel): string | null {
    return this.#repo(model).readme;
  }

  /** The YAML front matter of the README as an object (the API's `cardData`), or null. */
  cardData(model: ReplayModel): Record<string, unknown> | null {
    // listings ask this for every model: answer it without building the whole repo
    const real = this.#cards?.card(model.id) ?? null;
    if (real?.hasFrontMatter) return this.#repo(model).cardData;
    if (real === null && unit(model.id, "has-card") >= 0.85) return null;
    const r = model.record;
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === "string") : [];
    return frontMatterOf(tags, r.pipeline_tag, typeof r.library_name === "string" ? r.library_name : null);
  }

  /** config.json text, or null when the repo has none. */
  config(model: ReplayModel): string | null {
    return this.#repo(model).config;
  }

  /** Every file of the repo, as the tree endpoint lists them (recursive). */
  files(model: ReplayModel): TreeEntry[] {
    return this.#repo(model).files;
  }

  /** Commits of the main branch, newest first; the newest is the model's sha at its lastModified. */
  commits(model: ReplayModel): CommitEntry[] {
    const id = model.id;
    const last = Date.parse(model.lastModified);
    const created = String(model.record.createdAt ?? model.lastModified);
    const first = created.startsWith(BACKFILLED)
      ? OLDEST + unit(id, "first-commit") * (Date.parse(created) - OLDEST)
      : Math.min(Date.parse(created), last);
    // about 1% of repos get a long history, so that clients have to follow the commits' paging
    const n = unit(id, "long-history") < 0.01
      ? 150 + hash32(id, "commits") % 100
      : 1 + hash32(id, "commits") % 8;
    const user = id.includes("/") ? id.slice(0, id.indexOf("/")) : "hf-user";
    return Array.from({ length: n }, (_, k) => {
      const at = n === 1 ? last : first + (last - first) * (n - 1 - k) / (n - 1);
      const title = k === n - 1
        ? "initial commit"
        : k === 0
        ? "Update README.md"
        : `Upload files (${n - 1 - k})`;
      return {
        id: k === 0 ? model.sha : hex40(`${id}#${k}`),
        title,
        message: `${title}\n`,
        authors: [{ user, avatar: `https://cdn-avatars.huggingface.co/${user}.png` }],
        date: new Date(Math.floor(at / 1000) * 1000).toISOString(),
      };
    });
  }

  #repo(model: ReplayModel): Repo {
    const key = `${model.id}@${model.sha}`;
    let repo = this.#cache.get(key);
    if (repo) return repo;
    repo = this.#build(model);
    if (this.#cache.size >= 2000) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, repo);
    return repo;
  }

  #build(model: ReplayModel): Repo {
    const id = model.id;
    const r = model.record;
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === "string") : [];
    const library = typeof r.library_name === "string" ? r.library_name : null;
    const real = this.#cards?.card(id) ?? null;
    const realRepo = this.#cards?.repo(id) ?? null;

    const generatedMatter = frontMatterOf(tags, r.pipeline_tag, library);
    let readme: string | null = null;
    let cardData: Record<string, unknown> | null = null;
    if (real?.hasFrontMatter) {
      readme = real.text;
      cardData = parseFrontMatter(real.text);
    } else if (real || unit(id, "has-card") < 0.85) {
      const body = real?.text ??
        `# ${id.slice(id.indexOf("/") + 1)}\n\nA model card generated by the ptmscope ` +
          `replay hub: the real card of this model is not in the shared data.\n`;
      readme = `---\n${stringifyYaml(generatedMatter)}---\n\n${body}`;
      cardData = generatedMatter;
    }

    const hasConfig = realRepo?.architectures !== undefined ||
      (library !== null && ["transformers", "sentence-transformers"].includes(library)) ||
      tags.includes("transformers") || unit(id, "has-config") < 0.2;
    const config = hasConfig ? configOf(id, tags, r.pipeline_tag, realRepo) : null;

    const names = new Set(realRepo?.files ?? syntheticFiles(id, tags));
    if (readme !== null) names.add("README.md");
    else names.delete("README.md");
    if (config !== null) names.add("config.json");
    else names.delete("config.json");
    const files = [...names].sort().map((path): TreeEntry => {
      const text = path === "README.md" ? readme : path === "config.json" ? config : null;
      if (text !== null) {
        const bytes = enc.encode(text);
        return { type: "file", oid: gitBlobId(bytes), size: bytes.length, path };
      }
      if (!/\.(safetensors|bin|h5|gguf|onnx|msgpack|ckpt|pt|pth)$/.test(path)) {
        return {
          type: "file",
          oid: hex40(`${id}/${path}`),
          size: 200 + hash32(`${id}/${path}`, "size") % 20_000,
          path,
        };
      }
      const size = 50_000_000 + hash32(`${id}/${path}`, "size") * 2;
      return {
        type: "file",
        oid: hex40(`${id}/${path}:pointer`),
        size,
        path,
        lfs: {
          oid: hex40(`${id}/${path}:lfs`) + hex40(`${id}/${path}`).slice(0, 24),
          size,
          pointerSize: 134,
        },
      };
    });
    return { readme, cardData, config, files };
  }
}

function frontMatterOf(tags: string[], pipeline: unknown, library: string | null): Record<string, unknown> {
  const f = tagFacets(tags);
  const matter: Record<string, unknown> = {};
  if (f.licenses.length > 0) matter.license = f.licenses.length === 1 ? f.licenses[0] : f.licenses;
  if (f.datasets.length > 0) matter.datasets = f.datasets;
  if (f.baseModels.length > 0) matter.base_model = f.baseModels.length === 1 ? f.baseModels[0] : f.baseModels;
  if (typeof pipeline === "string") matter.pipeline_tag = pipeline;
  if (library !== null) matter.library_name = library;
  return matter;
}

/**
 * The top-level scalars and lists of scalars of a card's YAML front matter. A full YAML parse costs ~4 ms per
 * real card, which would dominate listings that expand cardData; nested blocks (model-index, widget, ...) are
 * left out.
 */
function parseFrontMatter(text: string): Record<string, unknown> | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return null;
  const data: Record<string, unknown> = {};
  let list: string[] | null = null;
  let listKey = "";
  for (const line of m[1].split(/\r?\n/)) {
    const item = /^\s*- +(.+)$/.exec(line);
    if (item && list) {
      if (/^[\w-]+:( |$)/.test(item[1])) {
        // a list of mappings (widget, ...): nested, left out
        delete data[listKey];
        list = null;
      } else list.push(unquote(item[1]));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*):(?: +(.*))?$/.exec(line);
    if (!kv) {
      if (/^\S/.test(line)) list = null;
      continue;
    }
    const value = kv[2]?.trim() ?? "";
    list = null;
    if (value === "") {
      listKey = kv[1];
      data[listKey] = list = [];
    } else if (value.startsWith("[") && value.endsWith("]")) {
      data[kv[1]] = value.slice(1, -1).split(",").map((v) => unquote(v.trim())).filter((v) => v !== "");
    } else if (!/^[|>&*{]/.test(value)) data[kv[1]] = unquote(value);
  }
  for (const [k, v] of Object.entries(data)) if (Array.isArray(v) && v.length === 0) delete data[k];
  return data;
}

function unquote(value: string): string {
  const v = value.replace(/\s+#.*$/, "");
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

function configOf(
  id: string,
  tags: string[],
  pipeline: unknown,
  real: { architectures?: string[]; modelType?: string } | null,
): string {
  const modelType = real?.modelType ?? tags.find((t) => MODEL_TYPES.includes(t)) ??
    MODEL_TYPES[hash32(id, "model-type") % MODEL_TYPES.length];
  const pascal = modelType.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
  const architectures = real?.architectures ??
    [`${pascal}${HEADS[typeof pipeline === "string" ? pipeline : ""] ?? "Model"}`];
  return JSON.stringify(
    {
      architectures,
      model_type: modelType,
      hidden_size: 256 * (1 + hash32(id, "hidden") % 16),
      num_hidden_layers: 2 + hash32(id, "layers") % 46,
      torch_dtype: hash32(id, "dtype") % 2 === 0 ? "float32" : "bfloat16",
    },
    null,
    2,
  ) + "\n";
}

function syntheticFiles(id: string, tags: string[]): string[] {
  const files = [".gitattributes"];
  if (tags.includes("safetensors")) files.push("model.safetensors");
  if (
    tags.includes("pytorch") || !tags.some((t) => ["safetensors", "tf", "jax", "gguf", "onnx"].includes(t))
  ) {
    files.push("pytorch_model.bin");
  }
  if (tags.includes("tf")) files.push("tf_model.h5");
  if (tags.includes("jax")) files.push("flax_model.msgpack");
  if (tags.includes("gguf")) files.push(`${id.slice(id.indexOf("/") + 1)}.Q4_K_M.gguf`);
  if (tags.includes("onnx")) files.push("onnx/model.onnx");
  if (tags.includes("transformers")) {
    files.push("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
  }
  if (unit(id, "training-args") < 0.3) files.push("training_args.bin");
  return files;
}
