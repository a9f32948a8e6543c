/**
 * Matching the calls of an indexed Python file against the signature catalogue and turning each match into a
 * detection: which model it loads and how that was found.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";
import { classifyArgument } from "./model_id.ts";
import type { PythonIndex, Scope } from "./python_scopes.ts";
import {
  callArgument,
  type ImportedName,
  importedName,
  keywordArgument,
  type Resolved,
  resolveValue,
} from "./resolve_argument.ts";
import type { ArgumentSpec, Signature } from "./signatures.ts";
import type { Detection, Resolution } from "./types.ts";

/** A detection before it is placed in a repository and file; `row` is 0-based in the parsed code. */
export type CallDetection = Omit<Detection, "repo" | "file" | "line" | "cell" | "via"> & {
  row: number;
  /** Set on an `unknown` detection whose argument is an imported name. */
  imported?: ImportedArgument;
};

/**
 * Signatures by called name, for a quick first test of every call.
 *
 * @example
 * ```ts
 * signaturesByName(loadSignatures()).get("create_model")!.map((s) => s.id);
 * // ["timm.create_model", "open_clip.create_model_and_transforms"]
 * ```
 */
export function signaturesByName(signatures: readonly Signature[]): Map<string, Signature[]> {
  const byName = new Map<string, Signature[]>();
  for (const s of signatures) for (const n of s.names) byName.set(n, [...byName.get(n) ?? [], s]);
  return byName;
}

/** The matched module and, for methods, the class between it and the name; null when `q` is not `sig`. */
function match(sig: Signature, q: string, name: string): { module: string; className: string } | null {
  for (const module of sig.modules) {
    if (!q.startsWith(module + ".")) continue;
    const rest = q.slice(module.length + 1).split(".");
    if (rest.at(-1) !== name) continue;
    if (sig.kind === "method" && rest.length < 2) continue;
    return { module, className: rest.at(-2) ?? "" };
  }
  return null;
}

const MAX_ARGUMENT = 200;
// `args.output_dir`, `save_folder`: a variable named for a directory holds a path even when its value
// (`out/run1`) would pass for an `owner/name` id.
const DIRECTORY_NAME = /(^|[._])(\w*dir|directory|folder)$/i;
const shown = (node: Node | null) => (node?.text ?? "").slice(0, MAX_ARGUMENT);

function stripped(sig: Signature, value: string): string {
  for (const p of sig.strip_prefixes ?? []) if (value.startsWith(p)) return value.slice(p.length);
  return value;
}

interface Arg {
  node: Node | null;
  resolved: Resolved | null;
}

function argumentOf(call: Node, spec: ArgumentSpec, position: number, index: PythonIndex, scope: Scope): Arg {
  const node = callArgument(call, position, spec.keywords);
  const resolved = node && resolveValue(node, index, scope, call.startPosition.row);
  return { node, resolved };
}

/** A model id with its resolution, or a null id with `unknown` / `path`. */
export interface ModelOf {
  model_id: string | null;
  resolution: Resolution;
}

/**
 * A call whose model argument is a name imported from elsewhere (`from config import MODEL`), to be resolved
 * once the repository's modules are read: the dotted names it may stand for (see `importedName`) and how a
 * value found there becomes the call's model id (the call's own checks and normalisation, holding no tree).
 */
export interface ImportedArgument extends Pick<ImportedName, "refs"> {
  /** The call's model id and resolution for the value found for the argument. */
  complete(value: Resolved): ModelOf;
}

type Normalize = (id: string, options: { legacy: boolean }) => string;

/** The model a matched call names, and the argument as written; `imported` when it awaits the repository. */
function modelOf(
  sig: Signature,
  call: Node,
  matched: { module: string; className: string; name: string },
  index: PythonIndex,
  scope: Scope,
  normalize: Normalize,
): ModelOf & { argument: string; imported?: ImportedArgument } {
  const template = sig.model_id ?? "{}";
  const fill = (first: string, second = "") =>
    template.replace("{module}", matched.module).replace("{name}", matched.name).replace("{second}", second)
      .replace("{}", first);
  const normalized = (id: string) => normalize(id, { legacy: sig.legacy_ids !== false });
  if (!sig.argument) {
    return {
      argument: shown(call.childForFieldName("function")),
      model_id: normalized(fill("")),
      resolution: "literal",
    };
  }
  const position = sig.position_by_class?.[matched.className] ?? sig.argument.position;
  const first = argumentOf(call, sig.argument, position, index, scope);
  const second = sig.second_argument &&
    argumentOf(call, sig.second_argument, sig.second_argument.position, index, scope);
  const argument = [first, ...second ? [second] : []].map((a) => shown(a.node)).join(", ");
  const unknown: ModelOf = { model_id: null, resolution: "unknown" };
  const path: ModelOf = { model_id: null, resolution: "path" };
  if (DIRECTORY_NAME.test(first.node?.text ?? "")) return { argument, ...path };
  if (second && !second.resolved) return { argument, ...unknown };
  const local = !!sig.second_argument &&
    /^["']local["']$/.test(keywordArgument(call, ["source"])?.text ?? "");
  const secondValue = second?.resolved ?? null;
  // no tree node may be captured here: an imported argument outlives the file's tree
  const complete = (resolved: Resolved): ModelOf => {
    if (local) return path;
    let value = stripped(sig, resolved.value);
    if (sig.strip_ref) value = value.replace(/:[^/:]*$/, "");
    const kind = classifyArgument(value);
    if ("path" in kind) return path;
    if ("invalid" in kind) return unknown;
    // a templated id (`spacy/{}`) takes a bare name; `a/b` there is a directory
    if (template !== "{}" && !template.startsWith("{}") && kind.id.includes("/")) return path;
    let resolution: Resolution = resolved.resolution;
    if (secondValue) {
      if (!/^[\w.-]+$/.test(secondValue.value)) return unknown;
      if (secondValue.resolution !== "literal") resolution = secondValue.resolution;
      return { model_id: normalized(fill(kind.id, secondValue.value)), resolution };
    }
    return { model_id: normalized(fill(kind.id)), resolution };
  };
  if (first.resolved) return { argument, ...complete(first.resolved) };
  const name = first.node && importedName(first.node, index, scope, call.startPosition.row);
  if (!name) return { argument, ...unknown };
  const wrapped = name.resolution;
  const imported: ImportedArgument = {
    refs: name.refs,
    complete: (v) => complete(wrapped ? { value: v.value, resolution: wrapped } : v),
  };
  return { argument, ...unknown, imported };
}

/** Whether the file imports `module` or something inside it. */
function imports(index: PythonIndex, module: string): boolean {
  const inside = (q: string) => q === module || q.startsWith(module + ".");
  return index.imports.targets().some(inside) || index.imports.starModules.some(inside);
}

/**
 * The first signature a call matches, and the name it matched: by the call's qualified name, else (`object`
 * kind) by the file's imports. `written` is the called name as written.
 */
function firstMatch(
  byName: ReadonlyMap<string, Signature[]>,
  written: string,
  fn: Node,
  index: PythonIndex,
): { sig: Signature; module: string; className: string; name: string } | null {
  // an imported alias (`from transformers import pipeline as pl`) is called by another name than its own
  const imported = fn.type === "identifier" && index.imports.names.has(written);
  if (byName.has(written) || imported) {
    for (const q of index.imports.qualify(fn)) {
      const name = q.slice(q.lastIndexOf(".") + 1);
      for (const sig of byName.get(name) ?? []) {
        if (sig.kind === "object") continue;
        const m = match(sig, q, name);
        if (m) return { sig, ...m, name };
      }
    }
  }
  if (fn.type !== "attribute") return null;
  for (const sig of byName.get(written) ?? []) {
    if (sig.kind !== "object") continue;
    const module = sig.modules.find((m) => imports(index, m));
    if (module) return { sig, module, className: "", name: written };
  }
  return null;
}

/**
 * The detections of an indexed file, in source order. `normalize` maps a model id to the listing's spelling
 * (`legacy`: whether an owner-less id may be a legacy id).
 *
 * @example
 * ```ts
 * detectCalls(indexPython(tree.rootNode), signaturesByName(loadSignatures()), (id) => id);
 * // [{ row: 2, library: "timm", call: "create_model", argument: '"resnet50"', model_id: "resnet50", resolution: "literal" }]
 * ```
 */
export function detectCalls(
  index: PythonIndex,
  byName: ReadonlyMap<string, Signature[]>,
  normalize: Normalize,
): CallDetection[] {
  const out: CallDetection[] = [];
  for (const { node, scope } of index.calls) {
    const fn = node.childForFieldName("function");
    const written = fn?.type === "identifier"
      ? fn.text
      : fn?.type === "attribute"
      ? fn.childForFieldName("attribute")?.text
      : undefined;
    if (!fn || written === undefined) continue;
    const matched = firstMatch(byName, written, fn, index);
    if (!matched) continue;
    const { sig, name } = matched;
    const { imported, ...model } = modelOf(sig, node, matched, index, scope, normalize);
    const found: CallDetection = {
      row: node.startPosition.row,
      library: sig.library,
      call: sig.call ?? name,
      argument: model.argument,
      model_id: model.model_id,
      resolution: model.resolution,
    };
    if (imported) found.imported = imported;
    out.push(found);
  }
  return out;
}
