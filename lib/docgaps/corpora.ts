/**
 * The model-card corpora of the documentation-gap analysis, read from their pinned copies (fetch catalog groups
 * `model-cards-*`, fetched into data/cache on first use) into one frame of cards.
 *
 * @module
 */
import pl from "nodejs-polars";
import { idOfFile } from "../cards/sources.ts";
import { readCached } from "../fetch/cache.ts";
import { catalogEntries } from "../fetch/catalog.ts";
import { fetchGroups } from "../fetch/fetch.ts";
import { type CorpusCard, parseHamidahTree, parseHn5318Samples } from "./corpus_formats.ts";

/** One corpus: its name in the tables, its catalog group, what it is and how its files read. */
export interface CardCorpus {
  name: string;
  group: string;
  description: string;
  /** `files`: one card per file (id from the path); `hn5318` / `hamidah`: the formats of corpus_formats.ts. */
  format: "files" | "hn5318" | "hamidah";
}

/** The corpora, largest first. */
export const CARD_CORPORA: readonly CardCorpus[] = [
  {
    name: "yinan",
    group: "model-cards-yinan",
    description: "raw README.md of top-liked HF models, late 2024",
    format: "files",
  },
  {
    name: "hamidah",
    group: "model-cards-hamidah",
    description:
      "five HF model trees (phi-2, Llama-2-7b-chat, gemma-7b, DeepSeek-R1, SD-2.1 and derivatives), 2025-04",
    format: "hamidah",
  },
  {
    name: "hn5318",
    group: "model-cards-hn5318",
    description: "sample of HF cards with downloads and likes (text without YAML; tags hold it), 2024",
    format: "hn5318",
  },
  {
    name: "mctidy",
    group: "model-cards-mctidy",
    description: "raw README.md of 48 popular HF models (MCTidy), 2025",
    format: "files",
  },
  {
    name: "transformers",
    group: "model-cards-transformers",
    description: "a 2020 card kept in huggingface/transformers model_cards/",
    format: "files",
  },
];

/** Catalog group of weixin's model_info.parquet (74,970 models with `has_modelcard` and downloads). */
export const MODEL_INFO_GROUP = "model-cards-weixin";

const SCHEMA = {
  corpus: pl.Utf8,
  model_id: pl.Utf8,
  text: pl.Utf8,
  tags: pl.List(pl.Utf8),
  downloads: pl.Float64,
  likes: pl.Float64,
};

/**
 * The cards of one corpus as a frame: `corpus`, `model_id`, `text`, `tags` (list, null when the corpus has
 * none), `downloads`, `likes` (null when unknown).
 *
 * @example
 * ```ts
 * cardsFrame("x", [{ model_id: "o/m", text: "# M", tags: null, downloads: 3, likes: null }]).height; // 1
 * ```
 */
export function cardsFrame(corpus: string, cards: readonly CorpusCard[]): pl.DataFrame {
  return pl.DataFrame({
    corpus: pl.Series("corpus", cards.map(() => corpus), SCHEMA.corpus),
    model_id: pl.Series("model_id", cards.map((c) => c.model_id), SCHEMA.model_id),
    text: pl.Series("text", cards.map((c) => c.text), SCHEMA.text),
    // a list Series built with its dtype fails when every value is null: cast after building instead
    tags: pl.Series("tags", cards.map((c) => c.tags)).cast(SCHEMA.tags),
    downloads: pl.Series("downloads", cards.map((c) => c.downloads), SCHEMA.downloads),
    likes: pl.Series("likes", cards.map((c) => c.likes), SCHEMA.likes),
  });
}

async function readCorpus(corpus: CardCorpus, cacheDir: string | undefined): Promise<CorpusCard[]> {
  const text = new TextDecoder();
  const cards: CorpusCard[] = [];
  for (const entry of catalogEntries([corpus.group])) {
    const content = text.decode(await readCached(entry.path, cacheDir));
    if (corpus.format === "hn5318") cards.push(...parseHn5318Samples(content));
    else if (corpus.format === "hamidah") {
      cards.push(...parseHamidahTree(content, entry.path.endsWith(".json") ? "json" : "csv"));
    } else {
      const model_id = idOfFile(entry.path.split("/"));
      cards.push({ model_id, text: content, tags: null, downloads: null, likes: null });
    }
  }
  return cards;
}

/**
 * The cards of the named corpora (all of {@linkcode CARD_CORPORA} by default) in one frame (see
 * {@linkcode cardsFrame}), fetching their catalog groups first when needed (from `$PTMSCOPE_MIRROR` or
 * ../shared/data when present, else the network).
 *
 * @example
 * ```ts
 * const cards = await loadCardCorpora({ corpora: ["yinan", "hn5318"] });
 * cards.groupBy("corpus").len();
 * ```
 */
export async function loadCardCorpora(
  { corpora, cacheDir }: { corpora?: readonly string[]; cacheDir?: string } = {},
): Promise<pl.DataFrame> {
  const wanted = corpora === undefined ? CARD_CORPORA : corpora.map((name) => {
    const c = CARD_CORPORA.find((c) => c.name === name);
    if (!c) {
      throw new Error(`unknown card corpus ${name}; known: ${CARD_CORPORA.map((c) => c.name).join(", ")}`);
    }
    return c;
  });
  await fetchGroups(wanted.map((c) => c.group), {
    cacheDir,
    progress: true,
    log: (line) => console.error(line),
  });
  const frames = [];
  for (const c of wanted) frames.push(cardsFrame(c.name, await readCorpus(c, cacheDir)));
  return pl.concat(frames);
}

/**
 * weixin's model_info.parquet (74,970 HF models of about Oct 2022: `modelId`, `author`, `creation_time`,
 * `downloads`, `has_modelcard`, `task_category`, `task_domain`), fetched first when needed.
 *
 * @example
 * ```ts
 * cardPresenceByPopularity(await loadModelInfo());
 * ```
 */
export async function loadModelInfo({ cacheDir }: { cacheDir?: string } = {}): Promise<pl.DataFrame> {
  await fetchGroups([MODEL_INFO_GROUP], { cacheDir, progress: true, log: (line) => console.error(line) });
  const [entry] = catalogEntries([MODEL_INFO_GROUP]);
  return pl.readParquet(Buffer.from(await readCached(entry.path, cacheDir)));
}
