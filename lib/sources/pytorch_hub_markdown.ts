/**
 * Parsing one model page of the `pytorch/hub` repository: a markdown file with YAML front matter (title,
 * author, tags, category, accelerator, github-id, ...) and fenced Python snippets calling `torch.hub.load`.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";
import { findHubLoadCalls, type HubLoadCall } from "./hub_load_calls.ts";

/** What one hub page says. */
export interface HubPage {
  /** File name in the hub repository, e.g. `pytorch_vision_resnet.md`. */
  name: string;
  /** The YAML front matter as parsed. */
  frontMatter: Record<string, unknown>;
  /** Front-matter `title`, or null. */
  title: string | null;
  /** Front-matter `github-id` (`owner/name`), or null: older pages only carry `github-link`. */
  githubId: string | null;
  /** Front-matter `tags`, then `category` and `accelerator`, as PeaTMOSS built them; no duplicates. */
  tags: string[];
  /** Number of Python snippets (```python / ```py fences). */
  snippets: number;
  /** Every `torch.hub.load` call of the Python snippets, with lines counted in the page; unresolved ones too. */
  calls: HubLoadCall[];
}

/** A page that cannot be read as a hub page; `reason` is short enough to group skipped pages by. */
export class HubPageError extends Error {
  override name = "HubPageError";
  constructor(readonly page: string, readonly reason: string, detail?: string) {
    super(`${page}: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const PYTHON_FENCES = new Set(["python", "py", "python3"]);

/**
 * Parses a hub page. Throws {@linkcode HubPageError} when it has no front matter or the front matter is not
 * a YAML mapping; a page without any `torch.hub.load` call parses fine (with `calls` empty).
 *
 * @example
 * ```ts
 * const page = parseHubPage("pytorch_vision_resnet.md", await Deno.readTextFile("pytorch_vision_resnet.md"));
 * page.calls.map((c) => c.entry); // ["resnet18", "resnet34", ...]
 * page.tags; // ["vision", "scriptable", "researchers"]
 * ```
 */
export function parseHubPage(name: string, text: string): HubPage {
  const m = FRONT_MATTER.exec(text);
  if (!m) throw new HubPageError(name, "no front matter", "expected the page to start with a --- block");
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(m[1]);
  } catch (err) {
    throw new HubPageError(name, "front matter is not valid YAML", (err as Error).message.split("\n")[0]);
  }
  if (frontMatter === null || typeof frontMatter !== "object" || Array.isArray(frontMatter)) {
    throw new HubPageError(name, "front matter is not a mapping");
  }
  const fm = frontMatter as Record<string, unknown>;
  const bodyStart = lineCount(m[0]);
  let bindings = new Map<string, string>();
  const calls: HubLoadCall[] = [];
  const snippets = fencedBlocks(text.slice(m[0].length)).filter((b) => PYTHON_FENCES.has(b.lang));
  for (const snippet of snippets) {
    const found = findHubLoadCalls(snippet.code, { bindings, lineOffset: bodyStart + snippet.line - 1 });
    calls.push(...found.calls);
    bindings = found.bindings;
  }
  return {
    name,
    frontMatter: fm,
    title: text1(fm.title),
    githubId: text1(fm["github-id"]),
    tags: unique([...list(fm.tags), ...list(fm.category), ...list(fm.accelerator)]),
    snippets: snippets.length,
    calls,
  };
}

/** A fenced code block: its info-string language (lower case) and code; `line` is its first code line. */
interface Fenced {
  lang: string;
  code: string;
  line: number;
}

// CommonMark fences: an opening run of 3+ backticks whose info string holds no backtick (so a line like
// "```mean=[...]``` and ```std=[...]```" is inline code, not a fence), closed by a run at least as long.
// Any indentation is accepted: pages put fences inside list items.
function fencedBlocks(body: string): Fenced[] {
  const lines = body.split(/\r?\n/);
  const blocks: Fenced[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j])) j++;
    const code = lines.slice(i + 1, j).map((l) =>
      l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()
    );
    blocks.push({ lang: lang.toLowerCase(), code: code.join("\n"), line: i + 2 });
    i = j;
  }
  return blocks;
}

function lineCount(s: string): number {
  return s.split("\n").length - (s.endsWith("\n") ? 1 : 0);
}

function text1(v: unknown): string | null {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return typeof v === "number" ? String(v) : null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text1).filter((s): s is string => s !== null);
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [];
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
