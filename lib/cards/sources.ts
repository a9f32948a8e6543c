/**
 * Where model cards come from (`--cards <spec>`): a directory of cards, a ptmscope dataset (its `cards`
 * table), a JSON index `{model_id: card path}`, or the hn5318 sample file.
 *
 * Directory layouts recognised, by file:
 * - `<owner>/<name>/README.md` (the hub's layout; deeper prefixes such as `model_cards/` are ignored) and
 *   `<name>/README.md` for the hub's legacy models without an owner;
 * - `<owner>@<name>/1_raw.md` (asgaardlab-mctidy: the raw card, front matter included);
 * - flat `<owner>_<name>.md` (yinan-hf-readme: the id with `/` replaced by the first `_`; a file name without
 *   `_` is a legacy id). Ambiguous only for owners containing `_`, which the hub does not allow for users.
 *
 * @module
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { loadDataset, resolveDatasetDir } from "../store/dataset.ts";

/** One card to process. */
export interface CardInput {
  model_id: string;
  text: string;
  /** Hub tags, when the source has them apart from the text (`license:mit`, `pytorch`, `dataset:squad`). */
  tags?: string[];
}

/** An opened source of cards. */
export interface CardSource {
  kind: "directory" | "dataset" | "index" | "samples";
  /** Number of cards `cards` will yield. */
  total: number;
  /** The cards, in a stable order; files are read one at a time. */
  cards: AsyncIterable<CardInput>;
}

/** Options of {@linkcode openCards}. */
export interface OpenCardsOptions {
  /** Directory the paths of a JSON index are relative to. @default the index file's directory */
  cardsRoot?: string;
}

/** A source that cannot be read; the message names the file and what was expected. */
export class CardSourceError extends Error {
  override name = "CardSourceError";
}

/**
 * Opens `spec` as a source of cards.
 *
 * @example
 * ```ts
 * const src = await openCards("../shared/data/_derived/groundtruth_card_index.json", {
 *   cardsRoot: "../shared/data",
 * });
 * src.total; // 21
 * for await (const card of src.cards) console.log(card.model_id, card.text.length);
 * ```
 */
export async function openCards(spec: string, options: OpenCardsOptions = {}): Promise<CardSource> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(spec);
  } catch {
    throw new CardSourceError(
      `${spec}: no such file or directory (expected a card directory, dataset or index)`,
    );
  }
  if (info.isFile) return await openJson(spec, options);
  if (isDataset(spec)) return await openDataset(spec);
  return openDirectory(spec);
}

function isDataset(dir: string): boolean {
  try {
    resolveDatasetDir(dir);
    return true;
  } catch {
    return false;
  }
}

async function openDataset(dir: string): Promise<CardSource> {
  const ds = await loadDataset(dir, { tables: ["cards", "models"] });
  const tags = new Map<string, string[]>();
  if (ds.models.height > 0 && ds.models.columns.includes("tags")) {
    const ids = ds.models.getColumn("id").toArray() as string[];
    const lists = ds.models.getColumn("tags").toArray() as unknown as (string[] | null)[];
    ids.forEach((id, i) => lists[i] && tags.set(id, [...lists[i]!]));
  }
  const ids = ds.cards.getColumn("model_id").toArray() as string[];
  const texts = ds.cards.getColumn("text").toArray() as (string | null)[];
  const cards = ids.map((model_id, i) => ({ model_id, text: texts[i] ?? "", tags: tags.get(model_id) }));
  return { kind: "dataset", total: cards.length, cards: fromArray(cards) };
}

async function openJson(file: string, options: OpenCardsOptions): Promise<CardSource> {
  let json: unknown;
  try {
    json = JSON.parse(await Deno.readTextFile(file));
  } catch (err) {
    throw new CardSourceError(`${file}: not a JSON card index (${(err as Error).message})`);
  }
  if (!isRecord(json)) throw new CardSourceError(`${file}: expected a JSON object`);
  const samples = Object.values(json);
  if (samples.length > 0 && samples.every((v) => isRecord(v) && typeof v.modelcard_text === "string")) {
    const cards = samples.map((v) => {
      const r = v as Record<string, unknown>;
      return { model_id: String(r.modelId), text: r.modelcard_text as string, tags: strings(r.tags) };
    });
    return { kind: "samples", total: cards.length, cards: fromArray(cards) };
  }
  // `{model_id: path}`, or that object under "index" (with coverage notes beside it, as _derived writes it)
  const index = isRecord(json.index) ? json.index : json;
  const entries = Object.entries(index);
  const bad = entries.find(([, v]) => typeof v !== "string");
  if (bad) {
    throw new CardSourceError(
      `${file}: entry "${
        bad[0]
      }" is not a card path; expected {model_id: path} or {"index": {model_id: path}}`,
    );
  }
  const root = options.cardsRoot ?? dirname(file);
  const refs = entries.map(([id, path]) => ({ id, path: resolve(root, path as string) }));
  return {
    kind: "index",
    total: refs.length,
    cards: readFiles(refs, `index ${file} (paths relative to ${root})`),
  };
}

function openDirectory(dir: string): CardSource {
  const refs: { id: string; path: string }[] = [];
  walk(dir, (path) => refs.push({ id: idOfFile(relative(dir, path).split(sep)), path }));
  refs.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  if (refs.length === 0) {
    throw new CardSourceError(
      `${dir}: no model cards found (expected <owner>/<name>/README.md, <owner>@<name>/1_raw.md or ` +
        `<owner>_<name>.md files, a dataset with manifest.json, or pass a JSON index)`,
    );
  }
  return { kind: "directory", total: refs.length, cards: readFiles(refs, `directory ${dir}`) };
}

/**
 * The model id of a card file, from its path relative to the card directory (see the module doc for layouts).
 *
 * @example
 * ```ts
 * idOfFile(["model_cards", "valhalla", "t5-base-e2e-qg", "README.md"]); // "valhalla/t5-base-e2e-qg"
 * idOfFile(["BAAI@bge-m3", "1_raw.md"]); // "BAAI/bge-m3"
 * idOfFile(["readme_files", "tiiuae_falcon-7b-instruct.md"]); // "tiiuae/falcon-7b-instruct"
 * ```
 */
export function idOfFile(parts: string[]): string {
  const file = parts[parts.length - 1];
  const dirs = parts.slice(0, -1);
  if (file.toLowerCase() === "readme.md" || file === "1_raw.md") {
    const last = dirs[dirs.length - 1] ?? "";
    return last.includes("@") ? last.replace("@", "/") : dirs.slice(-2).join("/");
  }
  const stem = file.replace(/\.md$/i, "");
  const cut = stem.indexOf("_");
  return cut > 0 ? `${stem.slice(0, cut)}/${stem.slice(cut + 1)}` : stem;
}

// In each directory the card is README.md (hub layout; not at the top, where it documents the folder), else
// 1_raw.md (mctidy, whose other stages sit beside it), else every .md file is a card of the flat layout, except
// upper-case documentation files (PROVENANCE.md, LICENSE.md).
function walk(dir: string, visit: (path: string) => void, top = true): void {
  const files: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith(".")) continue;
    if (e.isDirectory) walk(join(dir, e.name), visit, false);
    else if (e.isFile && /\.md$/i.test(e.name)) files.push(e.name);
  }
  const readme = files.find((f) => f.toLowerCase() === "readme.md");
  if (readme && !top) return visit(join(dir, readme));
  if (files.includes("1_raw.md")) return visit(join(dir, "1_raw.md"));
  for (const f of files) {
    if (f === readme || /^[A-Z_]+\.md$/.test(f)) continue;
    visit(join(dir, f));
  }
}

async function* readFiles(refs: { id: string; path: string }[], where: string): AsyncGenerator<CardInput> {
  for (const { id, path } of refs) {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (err) {
      throw new CardSourceError(
        `${where}: cannot read the card of ${id} at ${path} (${(err as Error).message}); ` +
          `check the path, or --cards-root for an index`,
      );
    }
    yield { model_id: id, text };
  }
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}
