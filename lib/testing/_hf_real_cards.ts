/**
 * Real model cards and repository metadata from the shared data, looked up by model id, so the replay hub serves
 * real READMEs (and, for the model trees, real config architectures and file lists) where it has them.
 *
 * Sources, most complete first: `yinan-hf-readme` (3,433 full READMEs), `hamidah-model-trees` (1,663 full
 * READMEs with the HF API's config and file list), `hn5318-model-card-quality` (758 card bodies without their
 * YAML front matter).
 *
 * @module
 */
import { join } from "node:path";
import { csvParse } from "d3-dsv";

/** A real card. */
export interface RealCard {
  text: string;
  /** Whether `text` starts with its YAML front matter (hn5318 cards do not). */
  hasFrontMatter: boolean;
  source: string;
}

/** What the model trees record about a repository besides its card. */
export interface RealRepo {
  architectures?: string[];
  modelType?: string;
  files?: string[];
}

interface TreeEntry {
  card: string;
  repo: RealRepo;
}

const YINAN = "yinan-hf-readme/training_and_application/readme_files";
const HN5318 = "hn5318-model-card-quality/Dataset/Sample_modelcard/samples_data.json";
const TREES = "hamidah-model-trees/v2_datasets";

/**
 * Lookup of real cards under a shared-data directory; every source is read on first use only.
 *
 * @example
 * ```ts
 * new RealCards("../shared/data").card("openai/whisper-large-v3")?.source; // "yinan-hf-readme"
 * ```
 */
export class RealCards {
  #root: string;
  #yinan: Set<string> | null = null;
  #trees: Map<string, TreeEntry> | null = null;
  #hn: Map<string, string> | null = null;

  constructor(sharedData: string) {
    this.#root = sharedData;
  }

  /** The real card of `id`, or null. */
  card(id: string): RealCard | null {
    const name = `${id.replace("/", "_")}.md`;
    if (this.#yinanNames().has(name)) {
      return {
        text: Deno.readTextFileSync(join(this.#root, YINAN, name)),
        hasFrontMatter: true,
        source: "yinan-hf-readme",
      };
    }
    const tree = this.#treeEntries().get(id);
    if (tree && tree.card !== "") {
      return { text: tree.card, hasFrontMatter: tree.card.startsWith("---"), source: "hamidah-model-trees" };
    }
    const body = this.#hnCards().get(id);
    return body === undefined
      ? null
      : { text: body, hasFrontMatter: false, source: "hn5318-model-card-quality" };
  }

  /** Real config facts and file list of `id` (model trees only), or null. */
  repo(id: string): RealRepo | null {
    return this.#treeEntries().get(id)?.repo ?? null;
  }

  #yinanNames(): Set<string> {
    this.#yinan ??= new Set(readDirNames(join(this.#root, YINAN)));
    return this.#yinan;
  }

  #hnCards(): Map<string, string> {
    if (this.#hn) return this.#hn;
    this.#hn = new Map();
    const text = readOptional(join(this.#root, HN5318));
    if (text !== null) {
      const samples = JSON.parse(text) as Record<string, { modelId: string; modelcard_text: string }>;
      for (const s of Object.values(samples)) this.#hn.set(s.modelId, s.modelcard_text);
    }
    return this.#hn;
  }

  #treeEntries(): Map<string, TreeEntry> {
    if (this.#trees) return this.#trees;
    this.#trees = new Map();
    for (const dir of readDirNames(join(this.#root, TREES))) {
      for (const file of readDirNames(join(this.#root, TREES, dir))) {
        const text = readOptional(join(this.#root, TREES, dir, file));
        if (text === null) continue;
        const rows = file.endsWith(".csv")
          ? csvParse(text)
          : file.endsWith(".json")
          ? (JSON.parse(text) as { models: Record<string, string>[] }).models
          : [];
        for (const row of rows) {
          if (row.model_id && !this.#trees.has(row.model_id)) {
            this.#trees.set(row.model_id, { card: row.card ?? "", repo: repoOf(row.metadata) });
          }
        }
      }
    }
    return this.#trees;
  }
}

// `metadata` is the HF API ModelInfo as JSON; its siblings were stringified by Python as
// "RepoSibling(rfilename='x', ...)".
function repoOf(metadata: string | undefined): RealRepo {
  try {
    const m = JSON.parse(metadata ?? "");
    const files = (m.siblings ?? [])
      .map((s: unknown) => typeof s === "string" ? /rfilename='([^']*)'/.exec(s)?.[1] : undefined)
      .filter((f: string | undefined): f is string => f !== undefined);
    return {
      architectures: Array.isArray(m.config?.architectures) ? m.config.architectures : undefined,
      modelType: typeof m.config?.model_type === "string" ? m.config.model_type : undefined,
      files: files.length > 0 ? files : undefined,
    };
  } catch {
    return {};
  }
}

function readDirNames(dir: string): string[] {
  try {
    return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  } catch {
    return [];
  }
}

function readOptional(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}
