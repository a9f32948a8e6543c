/**
 * One walk over a Python syntax tree collecting what resolving a model argument needs: the imports, the
 * names each scope binds (assignments, parameters with their defaults, loop targets), argparse options and
 * dataclass fields with their defaults, and every call with the scope it sits in.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import { ImportTable } from "./python_imports.ts";

/** One binding of a name: the bound expression, or null when it cannot be a constant (a loop target). */
export interface Binding {
  /** 0-based row of the binding. */
  row: number;
  value: Node | null;
}

/** A module or function scope. */
export interface Scope {
  parent: Scope | null;
  /** Assignments in this scope (not in nested functions or classes), in source order. */
  bindings: Map<string, Binding[]>;
  /** Parameters of a function scope → their default expression, or null. */
  params: Map<string, Node | null>;
}

/** What {@linkcode indexPython} found in a file. */
export interface PythonIndex {
  imports: ImportTable;
  module: Scope;
  /** argparse options (`add_argument("--model-name", default=...)`, `set_defaults(x=...)`) and dataclass
   * fields (`model_name: str = field(default=...)`, read by `HfArgumentParser`), by destination name. */
  options: Map<string, Node | null>;
  /** Attributes set as `self.name = value` in a method, or as `name = value` in a class body: every binding
   * of each attribute name in the file (a name bound more than once is not resolved). */
  attributes: Map<string, (Binding & { scope: Scope })[]>;
  /** Names bound in the body of a module-level class, as `Class.name` (`class Config: MODEL = "gpt2"`), each
   * with its bindings in source order: what another module reads as `Config.MODEL`. */
  classFields: Map<string, Binding[]>;
  calls: { node: Node; scope: Scope }[];
}

// Subtrees that hold no call, binding or import worth indexing: not walked (each child visit is a call into
// the WebAssembly tree). f-string interpolations are resolved separately, from the string node.
const OPAQUE = new Set([
  "string",
  "concatenated_string",
  "comment",
  "identifier",
  "integer",
  "float",
  "true",
  "false",
  "none",
  "dotted_name",
  "escape_sequence",
]);

const newScope = (parent: Scope | null): Scope => ({ parent, bindings: new Map(), params: new Map() });

function bind(scope: Scope, target: Node | null, value: Node | null): void {
  if (!target) return;
  if (target.type === "identifier") {
    const list = scope.bindings.get(target.text) ?? [];
    list.push({ row: target.startPosition.row, value });
    scope.bindings.set(target.text, list);
  } else if (
    target.type === "pattern_list" || target.type === "tuple_pattern" || target.type === "list_pattern"
  ) {
    for (const t of target.namedChildren) bind(scope, t, null);
  }
}

function addParams(scope: Scope, params: Node | null): void {
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === "identifier") scope.params.set(p.text, null);
    else if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
      const name = p.childForFieldName("name");
      if (name) scope.params.set(name.text, p.childForFieldName("value"));
    } else if (p.type === "typed_parameter") {
      const name = p.namedChildren.find((c) => c?.type === "identifier");
      if (name) scope.params.set(name.text, null);
    }
  }
}

/** The string value of a plain literal option name, e.g. `"--model-name"`; null for anything else. */
function plainString(node: Node | null | undefined): string | null {
  if (!node || node.type !== "string") return null;
  const content = node.namedChildren.filter((c) => c?.type === "string_content");
  return node.namedChildren.some((c) => c?.type === "interpolation")
    ? null
    : content.map((c) => c!.text).join("");
}

function keyword(call: Node, name: string): Node | null | undefined {
  const args = call.childForFieldName("arguments");
  for (const a of args?.namedChildren ?? []) {
    if (a?.type === "keyword_argument" && a.childForFieldName("name")?.text === name) {
      return a.childForFieldName("value");
    }
  }
  return undefined;
}

function addOption(options: Map<string, Node | null>, call: Node, method: string): void {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  if (method === "set_defaults") {
    for (const a of args) {
      const name = a?.type === "keyword_argument" ? a.childForFieldName("name")?.text : undefined;
      if (name) options.set(name, a!.childForFieldName("value"));
    }
    return;
  }
  const flags = args.filter((a) => a?.type === "string").map((a) => plainString(a)).filter((s) => s !== null);
  const dest = plainString(keyword(call, "dest")) ??
    (flags.find((f) => f.startsWith("--")) ?? flags.find((f) => !f.startsWith("-")) ?? flags[0])
      ?.replace(/^-+/, "").replaceAll("-", "_");
  if (dest) options.set(dest, keyword(call, "default") ?? null);
}

function isDataclass(node: Node): boolean {
  const decorated = node.parent?.type === "decorated_definition" ? node.parent : null;
  return !!decorated?.namedChildren.some((d) => d?.type === "decorator" && d.text.includes("dataclass"));
}

/** Fields of a dataclass body: `name: T = default` or `name: T = field(default=...)`. */
function addFields(options: Map<string, Node | null>, body: Node | null): void {
  for (const stmt of body?.namedChildren ?? []) {
    const a = stmt?.type === "expression_statement" ? stmt.namedChild(0) : null;
    if (a?.type !== "assignment" || !a.childForFieldName("type")) continue;
    const name = a.childForFieldName("left");
    let value = a.childForFieldName("right");
    if (value?.type === "call" && /(^|\.)field$/.test(value.childForFieldName("function")?.text ?? "")) {
      value = keyword(value, "default") ?? null;
    }
    if (name?.type === "identifier" && !options.has(name.text)) options.set(name.text, value);
  }
}

/**
 * Indexes a parsed Python module.
 *
 * @example
 * ```ts
 * const index = indexPython(tree.rootNode);
 * index.module.bindings.get("MODEL"); // [{ row: 3, value: <string node> }]
 * ```
 */
export function indexPython(root: Node): PythonIndex {
  const imports = new ImportTable();
  const module = newScope(null);
  const options = new Map<string, Node | null>();
  const attributes: PythonIndex["attributes"] = new Map();
  const setAttribute = (name: string, value: Node | null, row: number, scope: Scope) =>
    attributes.set(name, [...attributes.get(name) ?? [], { row, value, scope }]);
  const calls: PythonIndex["calls"] = [];
  const classes: Node[] = [];
  const partials: { name: string; target: Node; row: number }[] = [];
  // explicit stack: deep nesting in generated code must not overflow the JS call stack
  const classFields: PythonIndex["classFields"] = new Map();
  // `cls`: the name of the module-level class whose body is being walked
  const stack: { node: Node; scope: Scope; inClass: boolean; cls?: string }[] = [{
    node: root,
    scope: module,
    inClass: false,
  }];
  while (stack.length > 0) {
    const { node, scope, inClass, cls } = stack.pop()!;
    // names bound in a class body are invisible to its methods: not recorded
    const here = inClass ? null : scope;
    let childInClass = inClass;
    let childCls = cls;
    switch (node.type) {
      case "import_statement":
      case "import_from_statement":
        imports.add(node);
        continue;
      case "function_definition": {
        const own = newScope(scope);
        addParams(own, node.childForFieldName("parameters"));
        if (here) bind(here, node.childForFieldName("name"), null);
        // defaults are evaluated in the enclosing scope
        const params = node.childForFieldName("parameters");
        const body = node.childForFieldName("body");
        if (params) stack.push({ node: params, scope, inClass });
        if (body) stack.push({ node: body, scope: own, inClass: false });
        continue;
      }
      case "class_definition":
        classes.push(node);
        if (isDataclass(node)) addFields(options, node.childForFieldName("body"));
        if (here) bind(here, node.childForFieldName("name"), null);
        childInClass = true;
        childCls = here === module ? node.childForFieldName("name")?.text : undefined;
        break;
      case "assignment": {
        const target = node.childForFieldName("left");
        const object = target?.type === "attribute" ? target.childForFieldName("object") : null;
        const attribute = target?.childForFieldName("attribute");
        if (object?.type === "identifier" && object.text === "self" && attribute) {
          setAttribute(attribute.text, node.childForFieldName("right"), node.startPosition.row, scope);
        } else if (inClass && target?.type === "identifier") {
          setAttribute(target.text, node.childForFieldName("right"), node.startPosition.row, scope);
          if (cls) {
            const key = `${cls}.${target.text}`;
            const binding = { row: node.startPosition.row, value: node.childForFieldName("right") };
            classFields.set(key, [...classFields.get(key) ?? [], binding]);
          }
        }
        if (here) {
          let right = node.childForFieldName("right");
          const targets = [node.childForFieldName("left")];
          while (right?.type === "assignment") {
            targets.push(right.childForFieldName("left"));
            right = right.childForFieldName("right");
          }
          for (const t of targets) bind(here, t, right);
        }
        // `load = functools.partial(hf_hub_download, filename=...)`: `load(...)` is that function
        const fn = node.childForFieldName("right");
        const left = node.childForFieldName("left");
        if (
          fn?.type === "call" && /^(functools\.)?partial$/.test(fn.childForFieldName("function")?.text ?? "")
        ) {
          const target = fn.childForFieldName("arguments")?.namedChild(0);
          if (left?.type === "identifier" && target) {
            partials.push({ name: left.text, target, row: node.startPosition.row });
          }
        }
        break;
      }
      case "augmented_assignment":
        if (here) bind(here, node.childForFieldName("left"), null);
        break;
      case "for_statement":
      case "for_in_clause":
        if (here) bind(here, node.childForFieldName("left"), null);
        break;
      case "as_pattern_target":
        if (here) bind(here, node.namedChild(0), null);
        break;
      case "call": {
        calls.push({ node, scope });
        const method = node.childForFieldName("function");
        const name = method?.type === "attribute" ? method.childForFieldName("attribute")?.text : undefined;
        if (name === "add_argument" || name === "set_defaults") addOption(options, node, name);
        break;
      }
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c && !OPAQUE.has(c.type)) stack.push({ node: c, scope, inClass: childInClass, cls: childCls });
    }
  }
  // `class Mine(AutoModel): ...` then `Mine.from_pretrained(...)`: the subclass inherits the loader, so it is
  // bound like an import (as are partial applications of imported functions, below)
  for (const c of classes) {
    const name = c.childForFieldName("name")?.text;
    const base = c.childForFieldName("superclasses")?.namedChild(0);
    const q = base && imports.qualify(base)[0];
    if (name && q) imports.bind(name, q, c.startPosition.row);
  }
  for (const p of partials) {
    const q = imports.qualify(p.target)[0];
    if (q) imports.bind(p.name, q, p.row);
  }
  return {
    imports,
    module,
    options,
    attributes,
    classFields,
    calls: calls.sort((a, b) => a.node.startIndex - b.node.startIndex),
  };
}
