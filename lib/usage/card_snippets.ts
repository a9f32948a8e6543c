/**
 * Measuring the detector on real code: the Python snippets of Hugging Face model cards ("how to use"). A
 * card's snippets are read together, as the cells of one notebook, since later snippets use the imports of
 * earlier ones; snippets indented as a whole (inside list items) are dedented, and interactive sessions
 * (`>>> ` prompts) reduced to their code.
 *
 * @module
 */
import { scanFences } from "../cards/code_blocks.ts";
import type { Detector } from "./detector.ts";
import type { Signature } from "./signatures.ts";

/** A model card: `name` is its file name without `.md` (`<owner>_<name>`), `text` its markdown. */
export interface Card {
  name: string;
  text: string;
}

/** What {@linkcode cardSnippetStats} measured. */
export interface SnippetStats {
  cards: number;
  /** Python code blocks. */
  snippets: number;
  /** Snippets with at least one detection. */
  withDetection: number;
  /** Detections by resolution kind. */
  resolutions: Record<string, number>;
  /** Snippets where the card's own id appears as a string literal anywhere (in any call, or none). */
  idLiteral: number;
  /** Of those, the snippets where the detector reports the card's id. */
  idLiteralFound: number;
  /**
   * Snippets where the card's own id is a string literal passed straight to a call of a signature's name
   * (`from_pretrained("owner/name")`) in a card whose code imports that signature's library: the links
   * PeaTMOSS's literal matching finds. Found with regular expressions, independently of the detector.
   */
  literalCalls: number;
  /** Of those, the snippets where the detector reports the card's id. */
  found: number;
  /** found / literalCalls (null when there is none). */
  recall: number | null;
  /** `<card>#<snippet index>` of the snippets missed, for inspection. */
  missed: string[];
}

const PYTHON = new Set(["python", "py", "python3", "ipython", "ipython3", "pycon"]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `code` without the indentation all its lines share (blocks inside list items are indented). */
function dedent(code: string): string {
  const lines = code.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return cut === 0 ? code : lines.map((l) => l.slice(cut)).join("\n");
}

/**
 * The code of an interactive-session snippet (its first line starts with `>>> `): prompts removed, outputs
 * dropped. Other snippets sometimes show an output as `>>> [...]`: they stay as they are.
 */
function unprompt(code: string): string {
  const lines = code.split("\n");
  if (!/^\s*>>>/.test(lines.find((l) => l.trim() !== "") ?? "")) return code;
  return lines.map((l) => /^\s*(>>>|\.\.\.)( |$)/.test(l) ? l.replace(/^\s*(>>>|\.\.\.) ?/, "") : "").join(
    "\n",
  );
}

/** The card's own id: a quoted `owner/name` in the code whose `owner_name` is the card's name. */
function ownId(card: string, code: string): string | null {
  for (const m of code.matchAll(/["']([\w.-]+)\/([\w.-]+)["']/g)) {
    if (`${m[1]}_${m[2]}` === card) return `${m[1]}/${m[2]}`;
  }
  return null;
}

/** Whether `id`, quoted, is the first argument of a call that one of `callBefore` recognises. */
function literalCall(code: string, id: string, callBefore: readonly RegExp[]): boolean {
  for (const quoted of [`"${id}"`, `'${id}'`]) {
    for (let i = code.indexOf(quoted); i !== -1; i = code.indexOf(quoted, i + 1)) {
      const before = code.slice(Math.max(0, i - 200), i);
      if (callBefore.some((re) => re.test(before))) return true;
    }
  }
  return false;
}

/**
 * Runs `detector` over the Python snippets of `cards` and measures how often the card's own id is found.
 * `signatures` define the baseline (`literalCalls`): pass the PeaTMOSS ones to approximate its literal matching.
 *
 * @example
 * ```ts
 * const stats = cardSnippetStats([{ name: "acme_bert", text: "```python\nfrom transformers import AutoModel\n" +
 *   "AutoModel.from_pretrained('acme/bert')\n```\n" }], await createDetector(), loadSignatures());
 * stats.recall; // 1
 * ```
 */
export function cardSnippetStats(
  cards: Iterable<Card>,
  detector: Detector,
  signatures: readonly Signature[],
): SnippetStats {
  // per library root: the regex of its import and the regex of a call of one of its names with a literal
  const roots = new Map<string, Set<string>>();
  for (const s of signatures) {
    for (const m of s.modules) {
      const root = m.split(".")[0];
      roots.set(root, new Set([...roots.get(root) ?? [], ...s.names]));
    }
  }
  const libraries = [...roots].map(([root, names]) => ({
    imported: new RegExp(`^\\s*(?:from|import)\\s+${escape(root)}\\b`, "m"),
    // a call of one of the names, open up to its first argument (possibly a keyword)
    callBefore: new RegExp(`\\b(?:${[...names].map(escape).join("|")})\\s*\\(\\s*(?:\\w+\\s*=\\s*)?$`),
  }));
  const stats: SnippetStats = {
    cards: 0,
    snippets: 0,
    withDetection: 0,
    resolutions: {},
    idLiteral: 0,
    idLiteralFound: 0,
    literalCalls: 0,
    found: 0,
    recall: null,
    missed: [],
  };
  for (const card of cards) {
    stats.cards++;
    const blocks = scanFences(card.text.split("\n")).blocks.filter((b) => PYTHON.has(b.lang));
    if (blocks.length === 0) continue;
    stats.snippets += blocks.length;
    const notebook = {
      nbformat: 4,
      cells: blocks.map((b) => ({ cell_type: "code", source: unprompt(dedent(b.code)) })),
    };
    const { detections } = detector.detectFile(card.name, "README.ipynb", JSON.stringify(notebook));
    const allCode = blocks.map((b) => b.code).join("\n");
    const used = libraries.filter((l) => l.imported.test(allCode));
    for (const d of detections) stats.resolutions[d.resolution] = (stats.resolutions[d.resolution] ?? 0) + 1;
    blocks.forEach((b, i) => {
      const mine = detections.filter((d) => d.cell === i);
      if (mine.length > 0) stats.withDetection++;
      const id = ownId(card.name, b.code);
      if (!id) return;
      const hit = mine.some((d) => d.model_id?.toLowerCase() === id.toLowerCase());
      stats.idLiteral++;
      if (hit) stats.idLiteralFound++;
      if (!literalCall(b.code, id, used.map((l) => l.callBefore))) return;
      stats.literalCalls++;
      if (hit) stats.found++;
      else stats.missed.push(`${card.name}#${i}`);
    });
  }
  stats.recall = stats.literalCalls === 0 ? null : stats.found / stats.literalCalls;
  return stats;
}
