/**
 * Resolving a call's model argument to a string, and saying how: a literal, a constant bound earlier, a
 * parameter's default, an f-string of constants, an `os.environ.get` default or an argparse default.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import type { Resolution } from "./types.ts";
import type { Binding, PythonIndex, Scope } from "./python_scopes.ts";

/** A resolved value and how it was obtained. */
export interface Resolved {
  value: string;
  resolution: Exclude<Resolution, "unknown" | "path">;
}

// Chains longer than this are cycles (`a = b; b = a`) or not worth following.
const MAX_DEPTH = 12;

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' };

/** Text of a string node's literal part, escapes decoded unless it is a raw string. */
function stringText(node: Node, index: PythonIndex, scope: Scope, depth: number): Resolved | null {
  const start = node.namedChildren.find((c) => c?.type === "string_start")?.text ?? "";
  const raw = /r/i.test(start);
  if (/b/i.test(start)) return null;
  let value = "";
  let fstring = false;
  for (const part of node.namedChildren) {
    if (!part) continue;
    if (part.type === "string_content") {
      value += raw ? part.text : part.text.replace(/\\(.)/g, (m, c: string) => ESCAPES[c] ?? m);
    } else if (part.type === "interpolation") {
      fstring = true;
      const expr = part.childForFieldName("expression");
      const inner = expr && resolveValue(expr, index, scope, part.startPosition.row, depth + 1, true);
      if (!inner) return null;
      value += inner.value;
    }
  }
  return { value, resolution: fstring ? "fstring" : "literal" };
}

function positional(call: Node, i: number): Node | null {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  const plain = args.filter((a) => a !== null && a.type !== "keyword_argument" && a.type !== "comment");
  return plain[i] ?? null;
}

/**
 * A keyword argument's value; undefined when the call has no such keyword.
 *
 * @example
 * ```ts
 * keywordArgument(callNode, ["model"])?.text; // '"gpt2"' for pipeline("ner", model="gpt2")
 * ```
 */
export function keywordArgument(call: Node, names: readonly string[]): Node | undefined {
  for (const a of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (a?.type === "keyword_argument" && names.includes(a.childForFieldName("name")?.text ?? "")) {
      return a.childForFieldName("value") ?? undefined;
    }
  }
  return undefined;
}

/**
 * A call's argument given by position or by one of the keywords; null when absent.
 *
 * @example
 * ```ts
 * callArgument(callNode, 1, ["model"])?.text; // '"gpt2"' for pipeline("ner", "gpt2") and pipeline("ner", model="gpt2")
 * ```
 */
export function callArgument(call: Node, position: number, keywords: readonly string[]): Node | null {
  return keywordArgument(call, keywords) ?? positional(call, position);
}

/** Where `name`, used at `row` in `scope`, is bound: an assignment, a parameter, or (`binding` and `param`
 * both absent) a scope that assigns it only below the use. Null when no scope binds it (a builtin, an import). */
interface Visible {
  scope: Scope;
  binding?: Binding;
  /** The parameter's default expression, or null for a parameter without one. */
  param?: Node | null;
}

function visible(name: string, scope: Scope, row: number): Visible | null {
  for (let s: Scope | null = scope, inner = true; s; s = s.parent, inner = false) {
    const list = s.bindings.get(name);
    // in the scope of the use, the last assignment above it; in an outer scope (read later, when the
    // function runs) the last one of the whole scope
    const binding = list && (inner ? list.findLast((b) => b.row < row) : list.at(-1));
    if (binding) return { scope: s, binding };
    if (s.params.has(name)) return { scope: s, param: s.params.get(name) ?? null };
    if (list) return { scope: s };
  }
  return null;
}

/** The binding of `name` visible at `row` in `scope`: an assignment before it, else a parameter, else outer. */
function lookup(
  name: string,
  scope: Scope,
  row: number,
  index: PythonIndex,
  depth: number,
  scalar: boolean,
): Resolved | null {
  const v = visible(name, scope, row);
  if (v?.binding?.value) {
    const r = resolveValue(v.binding.value, index, v.scope, v.binding.row, depth + 1, scalar);
    return r && { value: r.value, resolution: r.resolution === "literal" ? "constant" : r.resolution };
  }
  const def = v?.param;
  const r = def &&
    resolveValue(def, index, v.scope.parent ?? v.scope, def.startPosition.row, depth + 1, scalar);
  return r ? { value: r.value, resolution: "default" } : null;
}

/** What an argument imported from another module stands for; see {@linkcode importedName}. */
export interface ImportedName {
  /** Candidates, in order: `config.MODEL`, `.settings.MODEL` (one per `from m import *` for a bare name). */
  refs: string[];
  /** Set when the file wraps the imported value, as it would a value of its own: a parameter's default
   * (`def load(name=MODEL)`), an argparse default (`add_argument("--model", default=MODEL)`). */
  resolution?: "default" | "argparse";
}

/**
 * The module members an unresolved expression stands for, when it is a name bound by an import (`from config
 * import MODEL` → `config.MODEL`; `import config as C` and `C.MODEL` → `config.MODEL`; relative ones keep
 * their dots: `.settings.MODEL`), directly or through what the file binds to it: a local name, a parameter's
 * default, an attribute bound once (`self.name = MODEL`), an argparse option's default. Null for anything
 * else. A name re-bound in the file is the file's, not the import's.
 *
 * @example
 * ```ts
 * // from fetch import DIFFUSION ... from_pretrained(DIFFUSION)
 * importedName(argNode, index, scope, 15); // { refs: ["fetch.DIFFUSION"] }
 * ```
 */
export function importedName(
  node: Node,
  index: PythonIndex,
  scope: Scope,
  row: number,
  depth = 0,
): ImportedName | null {
  if (depth > MAX_DEPTH) return null;
  if (node.type === "parenthesized_expression") {
    const inner = node.namedChild(0);
    return inner && importedName(inner, index, scope, row, depth + 1);
  }
  let head: Node | null = node;
  while (head?.type === "attribute") head = head.childForFieldName("object");
  if (head?.type !== "identifier") return null;
  const v = visible(head.text, scope, row);
  // a module-level name assigned only further down is, until then, whatever it was imported as; a module
  // (`import config`, then `config` itself) is not a member
  if (!v || (v.scope.parent === null && !v.binding)) {
    const refs = index.imports.qualify(node).filter((q) => q.includes("."));
    return refs.length > 0 ? { refs } : null;
  }
  if (node !== head) return node.type === "attribute" ? importedAttribute(node, index, depth) : null;
  if (v.binding?.value) return importedName(v.binding.value, index, v.scope, v.binding.row, depth + 1);
  const def = v.param;
  const r = def && importedName(def, index, v.scope.parent ?? v.scope, def.startPosition.row, depth + 1);
  return r ? { refs: r.refs, resolution: "default" } : null;
}

/** `self.name` / `args.name` of a local object: an attribute bound once in the file or an argparse option,
 * as in {@linkcode resolveValue}; the option first unless the object is `self` (`self.model_name =
 * args.model_name` is common, and both are then bound). */
function importedAttribute(node: Node, index: PythonIndex, depth: number): ImportedName | null {
  const name = node.childForFieldName("attribute")?.text ?? "";
  const object = node.childForFieldName("object");
  const attribute = () => {
    const bound = index.attributes.get(name);
    if (bound?.length !== 1 || !bound[0].value || object?.type !== "identifier") return null;
    return importedName(bound[0].value, index, bound[0].scope, bound[0].row, depth + 1);
  };
  const option = () => {
    const def = index.options.get(name);
    const r = def && object?.type !== "call" &&
      importedName(def, index, index.module, def.startPosition.row, depth + 1);
    return r ? { refs: r.refs, resolution: "argparse" as const } : null;
  };
  return object?.text === "self" ? attribute() ?? option() : option() ?? attribute();
}

function qualified(node: Node | null, index: PythonIndex): string[] {
  return node ? index.imports.qualify(node) : [];
}

const ENVIRON = new Set(["os.getenv", "os.environ.get"]);

function resolveCall(
  node: Node,
  index: PythonIndex,
  scope: Scope,
  row: number,
  depth: number,
): Resolved | null {
  const fn = node.childForFieldName("function");
  if (qualified(fn, index).some((q) => ENVIRON.has(q))) {
    const def = callArgument(node, 1, ["default"]);
    const r = def && resolveValue(def, index, scope, row, depth + 1);
    return r && { value: r.value, resolution: "environ" };
  }
  if (fn?.type === "identifier" && fn.text === "str") {
    const arg = positional(node, 0);
    return arg && resolveValue(arg, index, scope, row, depth + 1);
  }
  // "{}/{}".format(a, b) and "{org}/x".format(org=...)
  const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
  if (object?.type === "string" && fn!.childForFieldName("attribute")?.text === "format") {
    const template = resolveValue(object, index, scope, row, depth + 1);
    if (!template) return null;
    let next = 0;
    let failed = false;
    const value = template.value.replace(/\{([^{}]*)\}/g, (_m, key: string) => {
      const arg = key === ""
        ? positional(node, next++)
        : /^\d+$/.test(key)
        ? positional(node, Number(key))
        : keywordArgument(node, [key]) ?? null;
      const r = arg && resolveValue(arg, index, scope, row, depth + 1, true);
      if (!r) failed = true;
      return r?.value ?? "";
    });
    return failed ? null : { value, resolution: "fstring" };
  }
  return null;
}

/**
 * Resolves expression `node`, used at 0-based `row` in `scope`, to a string; null when it cannot be.
 * `scalar` also accepts numbers (as f-string parts: `f"resnet{DEPTH}"`).
 *
 * @example
 * ```ts
 * // MODEL = os.getenv("MODEL", "gpt2") ... from_pretrained(MODEL)
 * resolveValue(argNode, index, scope, 12); // { value: "gpt2", resolution: "environ" }
 * ```
 */
export function resolveValue(
  node: Node,
  index: PythonIndex,
  scope: Scope,
  row: number,
  depth = 0,
  scalar = false,
): Resolved | null {
  if (depth > MAX_DEPTH) return null;
  switch (node.type) {
    case "string":
      return stringText(node, index, scope, depth);
    case "concatenated_string": {
      const parts = node.namedChildren.map((p) => p && stringText(p, index, scope, depth));
      if (parts.some((p) => !p)) return null;
      const fstring = parts.some((p) => p!.resolution !== "literal");
      return { value: parts.map((p) => p!.value).join(""), resolution: fstring ? "fstring" : "literal" };
    }
    case "integer":
    case "float":
      return scalar ? { value: node.text, resolution: "literal" } : null;
    case "parenthesized_expression": {
      const inner = node.namedChild(0);
      return inner && resolveValue(inner, index, scope, row, depth + 1, scalar);
    }
    case "identifier":
      return lookup(node.text, scope, row, index, depth, scalar);
    case "attribute": {
      const name = node.childForFieldName("attribute")?.text ?? "";
      const object = node.childForFieldName("object");
      // self.model_name / Config.MODEL: an attribute bound once in the file, to what it was bound to
      const bound = index.attributes.get(name);
      if (bound?.length === 1 && (object?.text === "self" || object?.type === "identifier")) {
        const { value, scope: s, row: r } = bound[0];
        const v = value && resolveValue(value, index, s, r, depth + 1, scalar);
        if (v) return { value: v.value, resolution: v.resolution === "literal" ? "constant" : v.resolution };
      }
      // args.model_name / model_args.model_name_or_path: an argparse option or a dataclass field
      const def = index.options.get(name);
      if (def === undefined || object?.type === "call") return null;
      const r = def && resolveValue(def, index, index.module, def.startPosition.row, depth + 1);
      return r && { value: r.value, resolution: "argparse" };
    }
    case "binary_operator": {
      if (node.childForFieldName("operator")?.text !== "+") return null;
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const l = left && resolveValue(left, index, scope, row, depth + 1);
      const r = right && resolveValue(right, index, scope, row, depth + 1);
      return l && r ? { value: l.value + r.value, resolution: "fstring" } : null;
    }
    case "subscript": {
      // MODELS["base"] with MODELS a dict literal of constants
      const value = node.childForFieldName("value");
      const key = node.childForFieldName("subscript");
      const dict = value?.type === "identifier" ? bindingOf(value.text, scope, row) : null;
      const k = key && resolveValue(key, index, scope, row, depth + 1, true);
      if (dict?.type !== "dictionary" || !k) return null;
      for (const pair of dict.namedChildren) {
        const pk = pair?.type === "pair" ? pair.childForFieldName("key") : null;
        const pv = pair?.childForFieldName("value");
        const kr = pk && resolveValue(pk, index, scope, row, depth + 1, true);
        if (kr?.value === k.value && pv) {
          const r = resolveValue(pv, index, scope, row, depth + 1);
          return r && { value: r.value, resolution: r.resolution === "literal" ? "constant" : r.resolution };
        }
      }
      return null;
    }
    case "call":
      return resolveCall(node, index, scope, row, depth);
  }
  return null;
}

/** The expression last bound to `name` as seen from `row` in `scope`, without resolving it. */
function bindingOf(name: string, scope: Scope, row: number): Node | null {
  return visible(name, scope, row)?.binding?.value ?? null;
}
