/**
 * The YAML front matter of a Hugging Face model card (the `---` block at the top of README.md that holds
 * license, datasets, tags, base_model, model-index, ...).
 *
 * @module
 */
import { parseDocument } from "yaml";
import { readBlockYaml } from "./yaml_block.ts";

/** A card split into its front matter and its markdown body. */
export interface FrontMatter {
  /** The front matter as a mapping; null when the card has none or it cannot be read. */
  data: Record<string, unknown> | null;
  /** Why the front matter could not be read (YAML error, not a mapping, unterminated block); else null. */
  error: string | null;
  /** The markdown after the front matter (the whole text when there is none). */
  body: string;
  /** Number of lines before `body`, so body line numbers can be mapped back to the card. */
  bodyLine: number;
}

// The opening `---` may follow a BOM or blank lines (the hub tolerates both); the block closes at the next line
// that is exactly `---` or `...`.
const OPEN = /^\uFEFF?(?:[ \t]*\r?\n)*---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/m;

/**
 * Splits a card into front matter and body. Never throws: a card whose YAML is broken still yields its body,
 * with the reason in `error` (first line of the parser's message).
 *
 * @example
 * ```ts
 * const fm = splitFrontMatter("---\nlicense: mit\n---\n# My model\n");
 * fm.data; // { license: "mit" }
 * fm.body; // "# My model\n"
 * splitFrontMatter("---\nlicense: [mit\n---\ntext").error; // "YAML: Flow sequence in block collection ..."
 * ```
 */
export function splitFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) return { data: null, error: null, body: text, bodyLine: 0 };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    return { data: null, error: "front matter has no closing --- line", body: text, bodyLine: 0 };
  }
  const yaml = rest.slice(0, close.index);
  let bodyStart = close.index + close[0].length;
  if (rest[bodyStart] === "\n") bodyStart++;
  const head = text.slice(0, open[0].length) + rest.slice(0, bodyStart);
  const bodyLine = countLines(head);
  const body = rest.slice(bodyStart);
  const { data, error } = parseYamlMapping(yaml);
  return { data, error, body, bodyLine };
}

function parseYamlMapping(yaml: string): { data: Record<string, unknown> | null; error: string | null } {
  if (yaml.trim() === "") return { data: {}, error: null };
  const fast = readBlockYaml(yaml) ?? readByEntries(yaml);
  if (isMapping(fast)) return { data: fast, error: null };
  // Cards repeat keys often enough (two `tags:` blocks) that rejecting them would lose real metadata; the hub
  // itself keeps the last one, as does this parser with uniqueKeys off.
  const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return { data: null, error: `YAML: ${firstLine(doc.errors[0].message)}` };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return { data: null, error: `YAML: ${firstLine((err as Error).message)}` };
  }
  if (value === null || value === undefined) return { data: {}, error: null };
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      data: null,
      error: `front matter is a ${Array.isArray(value) ? "list" : typeof value}, not a mapping`,
    };
  }
  return { data: value as Record<string, unknown>, error: null };
}

// The yaml library is slow on the 100-750 kB model-index blocks of benchmark cards, and one block scalar
// (a widget's text, a gating prompt) is enough to keep the fast reader off the whole front matter. Top-level
// entries are independent, so each is read on its own: the fast reader where it can, the library for the
// rest. Anything that ties entries together or fails (directives, aliases, errors, an entry that is no
// mapping) returns undefined, and the whole front matter goes to the library, which reports the errors.
function readByEntries(yaml: string): Record<string, unknown> | undefined {
  const lines = yaml.split(/\r?\n/);
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i][0];
    if (c === undefined || c === " " || c === "\t" || c === "#" || c === "-") continue;
    if (c === "%" || lines[i].startsWith("...")) return undefined;
    starts.push(i);
  }
  if (starts.length < 2) return undefined;
  const out: Record<string, unknown> = {};
  for (let k = 0; k < starts.length; k++) {
    const chunk = lines.slice(k === 0 ? 0 : starts[k], starts[k + 1] ?? lines.length).join("\n");
    let value = readBlockYaml(chunk);
    if (value === undefined) {
      const doc = parseDocument(chunk, { uniqueKeys: false, prettyErrors: false });
      if (doc.errors.length > 0) return undefined;
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch {
        return undefined;
      }
    }
    if (!isMapping(value) || Object.hasOwn(value, "__proto__")) return undefined;
    Object.assign(out, value);
  }
  return out;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
