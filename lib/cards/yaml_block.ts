/**
 * A fast reader for the plain block YAML that nearly all card front matter is written in (mappings, sequences,
 * one-line scalars), with the `yaml` library's core-schema results. The `yaml` library reads about half a
 * megabyte a second, and benchmark cards carry model-index blocks of up to 750 kB; this reader is some fifty
 * times faster on them. Anything beyond its subset (one-line flow sequences of plain scalars are in it) — flow
 * mappings, nested flow collections, anchors, tags, block or multi-line
 * scalars, complex keys, escapes other than the common ones — makes it give up (`undefined`), and the caller
 * falls back to the `yaml` library, which also reports the errors. A test checks the two agree on every real
 * card of the shared corpora.
 *
 * @module
 */

interface Line {
  indent: number;
  /** The line without indentation and trailing comment/space. */
  text: string;
}

class Unsupported extends Error {}

/**
 * Reads `yaml` when it stays within the subset, else returns undefined.
 *
 * @example
 * ```ts
 * readBlockYaml("license: mit\ntags:\n- a\n- b\nn: 1.5\n"); // { license: "mit", tags: ["a", "b"], n: 1.5 }
 * readBlockYaml("tags: [a, b]"); // undefined: flow sequences are left to the yaml library
 * ```
 */
export function readBlockYaml(yaml: string): unknown {
  const lines: Line[] = [];
  for (const raw of yaml.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    const c = line[indent];
    if (c === undefined || c === "#") continue;
    if (c === "\t" || (indent === 0 && (c === "%" || line.startsWith("---") || line.startsWith("...")))) {
      return undefined;
    }
    lines.push({ indent, text: line.slice(indent).trimEnd() });
  }
  if (lines.length === 0) return null;
  try {
    const reader = new Reader(lines);
    const value = reader.node(lines[0].indent);
    return reader.pos === lines.length ? value : undefined;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

class Reader {
  pos = 0;
  constructor(private lines: Line[]) {}

  /** A block node whose first line is at `indent`. */
  node(indent: number): unknown {
    const line = this.lines[this.pos];
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      // a key at this indent ends a same-level sequence (`tags:\n- a\nlicense: mit`); elsewhere the caller rejects it
      if (line.indent < indent || (line.indent === indent && !isItem(line.text))) break;
      if (line.indent > indent) throw new Unsupported();
      const rest = line.text.slice(1);
      const content = rest.trimStart();
      if (content === "" || content.startsWith("#")) {
        this.pos++;
        out.push(this.nested(indent, false));
        continue;
      }
      // "- key: value" opens a mapping whose keys sit where "key" does; "- x" is a scalar
      const contentIndent = indent + 1 + (rest.length - content.length);
      if (isItem(content)) throw new Unsupported();
      if (keyOf(content) !== null) {
        line.indent = contentIndent;
        line.text = content;
        out.push(this.mapping(contentIndent));
      } else {
        this.pos++;
        out.push(scalar(content));
        this.noContinuation(indent);
      }
    }
    return out;
  }

  mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.indent < indent) break;
      if (line.indent > indent) throw new Unsupported();
      const kv = keyOf(line.text);
      if (kv === null) throw new Unsupported();
      const [key, rest] = kv;
      // keys the core schema would type (1.0, null, true) stringify differently in JS: leave them to yaml
      if (key === "<<" || key === "__proto__" || typeof scalar(key) !== "string") throw new Unsupported();
      this.pos++;
      const empty = rest === "" || rest.startsWith("#");
      out[key] = empty ? this.nested(indent, true) : scalar(rest);
      if (!empty) this.noContinuation(indent);
    }
    return out;
  }

  /** The value of an empty `key:` or `-`: a deeper block, a same-level sequence (`key:\n- a`), or null. */
  nested(indent: number, sameLevelSequence: boolean): unknown {
    const next = this.lines[this.pos];
    if (next === undefined) return null;
    if (next.indent > indent) return this.node(next.indent);
    if (sameLevelSequence && next.indent === indent && isItem(next.text)) return this.sequence(indent);
    return null;
  }

  // a deeper line after a scalar would continue it (a multi-line plain scalar): not in the subset
  noContinuation(indent: number): void {
    const next = this.lines[this.pos];
    if (next !== undefined && next.indent > indent) throw new Unsupported();
  }
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** `[key, rest]` of a `key: rest` line, or null when the line is no mapping entry. */
function keyOf(text: string): [string, string] | null {
  const c = text[0];
  if (c === '"' || c === "'") {
    const end = quotedEnd(text);
    if (end < 0 || text[end + 1] !== ":" || (end + 2 < text.length && text[end + 2] !== " ")) return null;
    return [scalar(text.slice(0, end + 1)) as string, text.slice(end + 2).trim()];
  }
  if (c === "?" || c === "[" || c === "{" || c === "&" || c === "*" || c === "!" || c === "|" || c === ">") {
    throw new Unsupported();
  }
  const at = text.indexOf(": ");
  const colon = at >= 0 ? at : text.endsWith(":") ? text.length - 1 : -1;
  if (colon <= 0) return null;
  const key = text.slice(0, colon).trimEnd();
  if (key.includes(" #") || key.includes("\t")) throw new Unsupported();
  return [key, text.slice(colon + 1).trim()];
}

function quotedEnd(text: string): number {
  const q = text[0];
  for (let i = 1; i < text.length; i++) {
    if (q === "'" && text[i] === "'") {
      if (text[i + 1] === "'") i++;
      else return i;
    } else if (q === '"') {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return i;
    }
  }
  return -1;
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
};

/** A one-line scalar with its trailing comment, typed by the YAML 1.2 core schema. */
function scalar(text: string): unknown {
  const c = text[0];
  if (c === '"' || c === "'") {
    const end = quotedEnd(text);
    if (end < 0) throw new Unsupported(); // multi-line quoted scalar
    const after = text.slice(end + 1).trim();
    if (after !== "" && !after.startsWith("#")) throw new Unsupported();
    const body = text.slice(1, end);
    if (c === "'") return body.replaceAll("''", "'");
    return body.replace(/\\(.)/g, (_, e: string) => {
      const v = SIMPLE_ESCAPES[e];
      if (v === undefined) throw new Unsupported();
      return v;
    });
  }
  if (c === "[") return flowSequence(text);
  if ("{&*!|>%@`#".includes(c) || (c === "-" && (text.length === 1 || text[1] === " ")) || c === "?") {
    throw new Unsupported();
  }
  let s = text;
  const hash = s.indexOf(" #");
  if (hash >= 0) s = s.slice(0, hash).trimEnd();
  if (s.includes(": ") || s.endsWith(":") || s.includes("\t")) throw new Unsupported();
  switch (s) {
    case "":
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  // only text opening with a digit, sign or dot can be a number
  const d = s.charCodeAt(0);
  if (!((d >= 48 && d <= 57) || d === 43 || d === 45 || d === 46)) return s;
  if (INT.test(s)) {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw new Unsupported();
    return n;
  }
  if (FLOAT.test(s)) return Number(s);
  const inf = /^([-+]?)\.(?:inf|Inf|INF)$/.exec(s);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  return s;
}

/** A one-line flow sequence of plain scalars (`[en, fr]`, `[0.48, 0.47]`); anything richer is unsupported. */
function flowSequence(text: string): unknown[] {
  const end = text.indexOf("]");
  const after = text.slice(end + 1).trim();
  if (end < 0 || (after !== "" && !after.startsWith("#"))) throw new Unsupported();
  const inner = text.slice(1, end);
  if (/["'\[{}#]|:(?:\s|$)|^\s*[-?](?:\s|$)/.test(inner)) throw new Unsupported();
  if (inner.trim() === "") return [];
  const items = inner.split(",").map((x) => x.trim());
  if (items[items.length - 1] === "") items.pop(); // a trailing comma is allowed
  if (items.some((x) => x === "" || /^[-?](?:\s|$)/.test(x))) throw new Unsupported();
  return items.map(scalar);
}
