/**
 * Finding `torch.hub.load(repo_or_dir, model, ...)` calls in Python code, the way PeaTMOSS listed PyTorch Hub
 * models: each call names one model; a string variable assigned earlier is resolved to its value, and calls in
 * commented-out code count too (hub pages list variants as `# model = torch.hub.load(...)` lines).
 *
 * @module
 */
import { logicalLines, stringValue, type Token, tokenize } from "./_python_tokens.ts";

/** One `torch.hub.load` call. `problem` says why `repo`/`entry` could not be resolved, else null. */
export interface HubLoadCall {
  /** `owner/name` of the GitHub repository (without `:ref`), or null when unresolved. */
  repo: string | null;
  /** The ref after `:` in `owner/name:ref`, or null for the default branch. */
  ref: string | null;
  /** The entrypoint (model) name, or null when unresolved. */
  entry: string | null;
  /** 1-based line of the call (offset by `lineOffset`). */
  line: number;
  /** Whether the call sits in a comment. */
  commented: boolean;
  /** Value of the `source` argument: `github` unless the call says otherwise. */
  source: string;
  /** Why the call names no model (an f-string, an unknown variable, no repository argument, ...), or null. */
  problem: string | null;
  /** The call's source text, for messages. */
  text: string;
}

/** Options of {@linkcode findHubLoadCalls}. */
export interface FindHubLoadCallsOptions {
  /** String variables bound before this code (earlier snippets of the same page). @default empty */
  bindings?: ReadonlyMap<string, string>;
  /** Added to line numbers, e.g. the snippet's first line in its page. @default 0 */
  lineOffset?: number;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * Finds the `torch.hub.load` calls in `code`, in source order, and returns them with the string bindings
 * in force at the end of `code` (pass them on to the next snippet of the page).
 *
 * @example
 * ```ts
 * const { calls } = findHubLoadCalls("v = 'pytorch/vision:v0.10.0'\nm = torch.hub.load(v, 'resnet18')\n");
 * calls[0]; // { repo: "pytorch/vision", ref: "v0.10.0", entry: "resnet18", line: 2, commented: false, ... }
 * ```
 */
export function findHubLoadCalls(
  code: string,
  options: FindHubLoadCallsOptions = {},
): { calls: HubLoadCall[]; bindings: Map<string, string> } {
  const bindings = new Map(options.bindings ?? []);
  const offset = options.lineOffset ?? 0;
  const tokens = tokenize(code);
  // code lines and commented-out blocks in source order, so each call sees the bindings made before it
  const steps = [
    ...logicalLines(tokens).map((l) => ({ line: l.tokens[0].line, code: l.tokens, comment: null })),
    ...commentBlocks(tokens).map((b) => ({ line: b.line, code: null, comment: b.text })),
  ].sort((a, b) => a.line - b.line);
  const calls: HubLoadCall[] = [];
  for (const step of steps) {
    if (step.code) {
      calls.push(...callsIn(step.code, code, bindings, offset, false));
      bind(step.code, bindings);
    } else {
      // commented-out code is tokenized on its own; its assignments bind nothing
      calls.push(...callsIn(tokenize(step.comment), step.comment, bindings, offset + step.line - 1, true));
    }
  }
  return { calls, bindings };
}

/** Consecutive full-line comments, `#` removed, with the line of the first. */
function commentBlocks(tokens: readonly Token[]): { line: number; text: string }[] {
  const codeLines = new Set(
    tokens.filter((t) => t.kind !== "comment" && t.kind !== "newline").map((t) => t.line),
  );
  const blocks: { line: number; text: string; last: number }[] = [];
  for (const t of tokens) {
    if (t.kind !== "comment" || codeLines.has(t.line)) continue;
    const text = t.text.replace(/^#+/, "");
    const prev = blocks.at(-1);
    if (prev && prev.last === t.line - 1) {
      prev.text += "\n" + text;
      prev.last = t.line;
    } else blocks.push({ line: t.line, text, last: t.line });
  }
  return blocks;
}

/** Records `NAME = 'literal'` (and forgets NAME on any other assignment). */
function bind(tokens: readonly Token[], bindings: Map<string, string>): void {
  let depth = 0;
  const eq = tokens.findIndex((t) => {
    if (t.kind === "op" && "([{".includes(t.text)) depth++;
    if (t.kind === "op" && ")]}".includes(t.text)) depth--;
    return depth === 0 && t.kind === "op" && t.text === "=";
  });
  if (eq < 1) return;
  const targets = tokens.slice(0, eq).filter((t) => t.kind === "name").map((t) => t.text);
  const simple = eq === 1 && tokens[0].kind === "name";
  const value = simple ? literal(tokens.slice(eq + 1), bindings) : null;
  for (const name of targets) bindings.delete(name);
  if (simple && value !== null) bindings.set(tokens[0].text, value);
}

/** The string value of an expression made only of string literals, or of a bound name; else null. */
function literal(tokens: readonly Token[], bindings: ReadonlyMap<string, string>): string | null {
  if (tokens.length === 1 && tokens[0].kind === "name") return bindings.get(tokens[0].text) ?? null;
  if (tokens.length === 0 || tokens.some((t) => t.kind !== "string")) return null;
  const parts = tokens.map((t) => stringValue(t.text));
  return parts.some((p) => p === null) ? null : parts.join("");
}

function callsIn(
  tokens: readonly Token[],
  source: string,
  bindings: ReadonlyMap<string, string>,
  lineOffset: number,
  commented: boolean,
): HubLoadCall[] {
  const calls: HubLoadCall[] = [];
  const isOp = (i: number, op: string) => tokens[i]?.kind === "op" && tokens[i].text === op;
  const isName = (i: number, name: string) => tokens[i]?.kind === "name" && tokens[i].text === name;
  for (let i = 0; i < tokens.length; i++) {
    if (
      !(isName(i, "torch") && isOp(i + 1, ".") && isName(i + 2, "hub") && isOp(i + 3, ".") &&
        isName(i + 4, "load") && isOp(i + 5, "(")) || isOp(i - 1, ".")
    ) continue;
    const args = splitArguments(tokens, i + 6);
    calls.push(
      resolveCall(args.args, bindings, {
        line: tokens[i].line + lineOffset,
        commented,
        text: callText(source, tokens[i], args.end),
      }),
    );
  }
  return calls;
}

interface Argument {
  keyword: string | null;
  tokens: Token[];
}

/** Top-level arguments from the token after `(` to the matching `)`; `end` is that `)` (or the last token). */
function splitArguments(tokens: readonly Token[], start: number): { args: Argument[]; end: Token } {
  const args: Argument[] = [];
  let current: Token[] = [];
  let depth = 0;
  let i = start;
  const flush = () => {
    if (current.length === 0) return;
    const kw = current.length > 2 && current[0].kind === "name" && current[1].kind === "op" &&
      current[1].text === "=";
    args.push(
      kw ? { keyword: current[0].text, tokens: current.slice(2) } : { keyword: null, tokens: current },
    );
    current = [];
  };
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "comment" || t.kind === "newline") continue;
    if (t.kind === "op" && "([{".includes(t.text)) depth++;
    if (t.kind === "op" && ")]}".includes(t.text)) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && t.kind === "op" && t.text === ",") flush();
    else current.push(t);
  }
  flush();
  return { args, end: tokens[Math.min(i, tokens.length - 1)] };
}

function callText(source: string, first: Token, last: Token): string {
  const lines = source.split("\n");
  const from = lines.slice(0, first.line - 1).join("\n").length + (first.line > 1 ? 1 : 0) + first.col;
  const to = lines.slice(0, last.line - 1).join("\n").length + (last.line > 1 ? 1 : 0) + last.col +
    last.text.length;
  return source.slice(from, to).replace(/\s+/g, " ");
}

// torch.hub.load(repo_or_dir, model, *args, source='github', ...); torch < 1.9 called the first one `github`
function resolveCall(
  args: readonly Argument[],
  bindings: ReadonlyMap<string, string>,
  where: { line: number; commented: boolean; text: string },
): HubLoadCall {
  const positional = args.filter((a) => a.keyword === null && !isStarred(a));
  const named = (...names: string[]) => args.find((a) => a.keyword !== null && names.includes(a.keyword));
  const repoArg = positional[0] ?? named("repo_or_dir", "github");
  const entryArg = positional[1] ?? named("model");
  const sourceArg = named("source");
  const source = sourceArg ? literal(sourceArg.tokens, bindings) ?? "unknown" : "github";
  const call: HubLoadCall = { repo: null, ref: null, entry: null, ...where, source, problem: null };
  const describe = (a: Argument) => a.tokens.map((t) => t.text).join("");
  if (!repoArg) return { ...call, problem: "no repo_or_dir argument" };
  if (!entryArg) return { ...call, problem: "no model argument" };
  const repo = literal(repoArg.tokens, bindings);
  const entry = literal(entryArg.tokens, bindings);
  if (repo === null) return { ...call, problem: `repo_or_dir is not a known string: ${describe(repoArg)}` };
  if (entry === null) return { ...call, problem: `model is not a known string: ${describe(entryArg)}` };
  if (source !== "github") return { ...call, entry, problem: `source is ${source}, not github` };
  const colon = repo.indexOf(":");
  const name = colon === -1 ? repo : repo.slice(0, colon);
  if (!REPO.test(name)) return { ...call, entry, problem: `repo_or_dir is not owner/name[:ref]: ${repo}` };
  return { ...call, repo: name, ref: colon === -1 ? null : repo.slice(colon + 1) || null, entry };
}

function isStarred(a: Argument): boolean {
  return a.tokens[0]?.kind === "op" && (a.tokens[0].text === "*" || a.tokens[0].text === "**");
}
