/**
 * A lenient Python tokenizer: enough to find calls, string literals, assignments and top-level definitions in
 * snippets and `hubconf.py` files without a parser. It never throws: hub pages hold snippets that are not valid
 * Python (shell lines, `...`, half-edited examples), and a best-effort token stream is what callers want.
 *
 * @module
 */

/** Kind of a {@linkcode Token}. `newline` ends a logical line (not emitted inside brackets). */
export type TokenKind = "name" | "number" | "string" | "op" | "comment" | "newline";

/** One token with its 1-based line and 0-based column. */
export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  col: number;
}

/** A logical line without its comments: `indent` is the column of its first token. */
export interface LogicalLine {
  indent: number;
  tokens: Token[];
}

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_PART = /[A-Za-z0-9_\u00C0-\uFFFF]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?['"]/;
const THREE_CHAR_OPS = new Set(["**=", "//=", ">>=", "<<=", "..."]);
const TWO_CHAR_OPS = new Set([
  "==",
  "!=",
  "<=",
  ">=",
  "**",
  "//",
  "->",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  ":=",
  "<<",
  ">>",
]);

/**
 * Splits Python source into tokens. Comments are kept as `comment` tokens (their text starts with `#`);
 * an unterminated string runs to the end of its line (or of the source, for triple quotes).
 *
 * @example
 * ```ts
 * tokenize("m = torch.hub.load('a/b', 'c')  # note").map((t) => t.kind);
 * // ["name", "op", "name", "op", "name", "op", "name", "op", "string", "op", "string", "op", "comment", "newline"]
 * ```
 */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let lineHasCode = false;
  const push = (
    kind: TokenKind,
    start: number,
    end: number,
    startLine = line,
    startCol = start - lineStart,
  ) => {
    tokens.push({ kind, text: src.slice(start, end), line: startLine, col: startCol });
  };
  const endLogicalLine = () => {
    if (lineHasCode && depth === 0) {
      tokens.push({ kind: "newline", text: "\n", line, col: i - lineStart });
      lineHasCode = false;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      endLogicalLine();
      i++;
      line++;
      lineStart = i;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
    } else if (c === "\\" && (src[i + 1] === "\n" || (src[i + 1] === "\r" && src[i + 2] === "\n"))) {
      // explicit line joining: the logical line goes on
      i += src[i + 1] === "\n" ? 2 : 3;
      line++;
      lineStart = i;
    } else if (c === "#") {
      const end = src.indexOf("\n", i);
      const stop = end === -1 ? src.length : end;
      push("comment", i, stop);
      i = stop;
    } else if (STRING_PREFIX.test(src.slice(i, i + 3))) {
      const startLine = line;
      const startCol = i - lineStart;
      const start = i;
      while (src[i] !== "'" && src[i] !== '"') i++;
      const quote = src.startsWith(src[i].repeat(3), i) ? src[i].repeat(3) : src[i];
      i += quote.length;
      while (i < src.length) {
        if (src[i] === "\\") {
          if (src[i + 1] === "\n") {
            line++;
            lineStart = i + 2;
          }
          i += 2;
        } else if (src.startsWith(quote, i)) {
          i += quote.length;
          break;
        } else if (src[i] === "\n") {
          if (quote.length === 1) break; // unterminated: stop at the end of the line
          i++;
          line++;
          lineStart = i;
        } else i++;
      }
      push("string", start, Math.min(i, src.length), startLine, startCol);
      lineHasCode = true;
    } else if (NAME_START.test(c)) {
      const start = i;
      while (i < src.length && NAME_PART.test(src[i])) i++;
      push("name", start, i);
      lineHasCode = true;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const start = i;
      while (i < src.length && /[0-9A-Za-z_.]/.test(src[i])) i++;
      push("number", start, i);
      lineHasCode = true;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const len = THREE_CHAR_OPS.has(three) ? 3 : TWO_CHAR_OPS.has(two) ? 2 : 1;
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) depth = Math.max(0, depth - 1);
      push("op", i, i + len);
      i += len;
      lineHasCode = true;
    }
  }
  endLogicalLine();
  return tokens;
}

/**
 * Groups tokens into logical lines, leaving comments out.
 *
 * @example
 * ```ts
 * logicalLines(tokenize("def f(a,\n      b):\n    pass\n")).map((l) => l.indent); // [0, 4]
 * ```
 */
export function logicalLines(tokens: readonly Token[]): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === "comment") continue;
    if (t.kind === "newline") {
      if (current.length > 0) lines.push({ indent: current[0].col, tokens: current });
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) lines.push({ indent: current[0].col, tokens: current });
  return lines;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
};

/**
 * The value of a string literal token, or null when it has no fixed value (an f-string with replacement
 * fields, a bytes literal, an unterminated string).
 *
 * @example
 * ```ts
 * stringValue("'pytorch/vision'"); // "pytorch/vision"
 * stringValue("f'yolov5{size}'"); // null
 * ```
 */
export function stringValue(text: string): string | null {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text);
  if (!m) return null;
  const prefix = m[1].toLowerCase();
  const quote = m[2];
  if (prefix.includes("b")) return null;
  if (text.length < 2 * quote.length + m[1].length || !text.endsWith(quote)) return null;
  const body = text.slice(m[1].length + quote.length, text.length - quote.length);
  if (prefix.includes("f") && /\{(?!\{)/.test(body.replaceAll("{{", ""))) return null;
  const unbraced = prefix.includes("f") ? body.replaceAll("{{", "{").replaceAll("}}", "}") : body;
  if (prefix.includes("r")) return unbraced;
  return unbraced.replace(/\\(\n|.)/g, (all, ch: string) => ch === "\n" ? "" : SIMPLE_ESCAPES[ch] ?? all);
}
