/**
 * From the string a call passes to the model id it names: local paths and URLs are not ids, signature
 * templates (`spacy/{}`, `pytorch/vision:{name}`) are applied, and ids are normalised to the listing's
 * spelling (case, legacy ids moved into organisations) with {@linkcode legacyAliases}.
 *
 * @module
 */
import pl from "nodejs-polars";
import { legacyAliases } from "../reuse/legacy_aliases.ts";

/** Hugging Face repo ids: `name` or `owner/name`, letters, digits, `-`, `_`, `.`. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;
/** Weights, archives and configs: a file on disk, not a hub id. */
const FILE_EXT =
  /\.(pt|pth|bin|ckpt|safetensors|onnx|h5|hdf5|pb|pkl|pickle|joblib|json|ya?ml|zip|tar|gz|tgz|npz|npy|msgpack|model|tflite)$/i;
const HF_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/([\w.-]+\/[\w.-]+)\/?$/;

/** What a model argument's value is. */
export type ArgumentKind = { id: string } | { path: true } | { invalid: true };

/**
 * Classifies a model argument's value: a hub id, a local path or URL (`./ckpt`, `/abs`, `~/x`, `a/b/c`,
 * `model.pt`, `https://...`; a `huggingface.co/<id>` URL is the id), or not an id at all (empty, spaces).
 *
 * @example
 * ```ts
 * classifyArgument("google-bert/bert-base-uncased"); // { id: "google-bert/bert-base-uncased" }
 * classifyArgument("./checkpoints/best"); // { path: true }
 * ```
 */
export function classifyArgument(value: string): ArgumentKind {
  const v = value.trim();
  const url = HF_URL.exec(v);
  if (url) return { id: url[1] };
  if (/^[a-z][\w+.-]*:\/\//i.test(v)) return { path: true };
  if (
    /^(\.|\/|~|[A-Za-z]:[\\/])/.test(v) || v.includes("\\") || v.split("/").length > 2 || FILE_EXT.test(v)
  ) {
    return { path: true };
  }
  return HUB_ID.test(v) ? { id: v } : { invalid: true };
}

/**
 * Maps ids as written to the listing's ids: the same id, else the listed id equal but for case (the first in
 * sort order when several, as `joinModels` does), else the legacy alias of an owner-less id
 * (`bert-base-uncased` → `google-bert/bert-base-uncased`, chosen by {@linkcode legacyAliases} among the
 * listed ids with that name), else the id unchanged.
 */
export class ModelIdNormalizer {
  #ids: string[];
  #downloads: number[];
  #byLower = new Map<string, string>();
  /** Listed ids that another listed id equals but for case (rare): kept as written when used exactly. */
  #caseTwins = new Set<string>();
  /** Lower-case name (after `owner/`) → indexes of the listed ids with an owner and that name; built on the
   * first owner-less id not listed. */
  #byName: Map<string, number[]> | null = null;
  #legacy = new Map<string, string>();

  /**
   * @param models the listing: `id`, and `downloads` to choose among legacy candidates (all 0 when absent).
   */
  constructor(models: pl.DataFrame) {
    this.#ids = models.getColumn("id").toArray() as string[];
    this.#downloads = models.columns.includes("downloads")
      ? (models.getColumn("downloads").toArray() as (number | bigint | null)[]).map((d) => Number(d ?? 0))
      : this.#ids.map(() => 0);
    for (const id of this.#ids) {
      const key = id.toLowerCase();
      const seen = this.#byLower.get(key);
      if (seen === undefined) this.#byLower.set(key, id);
      else {
        this.#caseTwins.add(id).add(seen);
        if (id < seen) this.#byLower.set(key, id);
      }
    }
  }

  #candidates(name: string): number[] {
    if (!this.#byName) {
      this.#byName = new Map();
      this.#ids.forEach((id, i) => {
        const slash = id.indexOf("/");
        if (slash === -1) return;
        const key = id.slice(slash + 1).toLowerCase();
        const list = this.#byName!.get(key);
        if (list) list.push(i);
        else this.#byName!.set(key, [i]);
      });
    }
    return this.#byName.get(name) ?? [];
  }

  /**
   * The listed spelling of `id`.
   *
   * @example
   * ```ts
   * const n = new ModelIdNormalizer(pl.DataFrame({ id: ["google-bert/bert-base-uncased"], downloads: [9] }));
   * n.normalize("BERT-base-uncased"); // "google-bert/bert-base-uncased"
   * ```
   */
  normalize(id: string, { legacy = true }: { legacy?: boolean } = {}): string {
    const key = id.toLowerCase();
    const listed = this.#byLower.get(key);
    if (listed !== undefined) return this.#caseTwins.has(id) ? id : listed;
    if (!legacy || key.includes("/")) return id;
    let alias = this.#legacy.get(key);
    if (alias === undefined) {
      // the candidates only: legacyAliases over the whole listing costs seconds, over a few rows nothing
      const rows = this.#candidates(key);
      const candidates = pl.DataFrame({
        id: pl.Series("id", rows.map((i) => this.#ids[i]), pl.String),
        downloads: pl.Series("downloads", rows.map((i) => this.#downloads[i]), pl.Float64),
      });
      const found = rows.length === 0 ? [] : legacyAliases([id], candidates).getColumn("alias").toArray();
      alias = (found[0] as string | undefined) ?? id;
      this.#legacy.set(key, alias);
    }
    return alias;
  }
}
