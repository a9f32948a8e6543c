/**
 * What a Python module offers to the files that import it: its module-level names, each resolved to a string
 * the way a call argument is (a constant, an `os.environ.get` default, an f-string of constants, ...) or to
 * the names it was imported as (`from constants import MODEL` re-exports `constants.MODEL`). The repository
 * pass (`resolve_imports.ts`) keeps one such small table per module it reads, never the tree.
 *
 * @module
 */
import type { Binding, PythonIndex } from "./python_scopes.ts";
import { importedName, type Resolved, resolveValue } from "./resolve_argument.ts";

/** One module-level name: a string value, or the imported names it stands for, or neither (a function...). */
export interface ModuleExport {
  /** 1-based line of the binding an importer sees (the last one of the module). */
  line: number;
  /** The string the name is bound to, when it resolves to one. */
  value?: string;
  /** How `value` was obtained (`constant` for a string literal, as for a name bound in the importing file). */
  resolution?: Resolved["resolution"];
  /** The dotted names the binding stands for (see `importedName`), read against this module's package. */
  refs?: string[];
}

/** The module-level names of a module (and `Class.name` for the names bound in its classes' bodies), and
 * its `from m import *` modules (where other names are found). */
export interface ModuleExports {
  /** Every module-level name, assigned or imported. */
  names: Map<string, ModuleExport>;
  /** The modules of `from m import *`, as written (relative ones with their dots). */
  stars: string[];
}

/**
 * The exports of an indexed module. A name both assigned and imported takes whichever comes last.
 *
 * @example
 * ```ts
 * // MODEL = os.getenv("MODEL", "gpt2")\nfrom constants import ORG
 * moduleExports(indexPython(tree.rootNode)).names;
 * // Map { "MODEL" => { line: 1, value: "gpt2", resolution: "environ" }, "ORG" => { line: 2, refs: ["constants.ORG"] }, ... }
 * ```
 */
export function moduleExports(index: PythonIndex): ModuleExports {
  const names = new Map<string, ModuleExport>();
  const module = index.module;
  const exported = ({ row, value }: Binding): ModuleExport => {
    const line = row + 1;
    const r = value && resolveValue(value, index, module, row);
    if (r) {
      return { line, value: r.value, resolution: r.resolution === "literal" ? "constant" : r.resolution };
    }
    const refs = value && importedName(value, index, module, row)?.refs;
    return refs ? { line, refs } : { line };
  };
  for (const [name, list] of module.bindings) {
    const binding = list.at(-1)!;
    const imported = index.imports.names.get(name)?.at(-1);
    if (!imported || imported.row < binding.row) names.set(name, exported(binding));
  }
  // `Config.MODEL`: a class body sees the module's names (its own earlier ones are not followed)
  for (const [name, list] of index.classFields) names.set(name, exported(list.at(-1)!));
  for (const [name, list] of index.imports.names) {
    if (names.has(name)) continue;
    const { row, target } = list.at(-1)!;
    names.set(name, { line: row + 1, refs: [target] });
  }
  return { names, stars: index.imports.starModules };
}
