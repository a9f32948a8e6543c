/**
 * What the names of a Python file stand for after its imports: `import timm as t` makes `t` mean `timm`,
 * `from transformers import AutoModel as AM` makes `AM` mean `transformers.AutoModel`.
 *
 * @module
 */
import type { Node } from "web-tree-sitter";

/** The import bindings of one file. */
export class ImportTable {
  /** Local name → the dotted module paths or objects it was bound to, with the 0-based row, in file order. */
  readonly names = new Map<string, { row: number; target: string }[]>();
  /** Modules imported with `from m import *`. */
  readonly starModules: string[] = [];

  /**
   * Binds `name` to `target` from `row` on.
   *
   * @example
   * ```ts
   * table.bind("AM", "transformers.AutoModel", 0); // as `from transformers import AutoModel as AM` on line 1
   * ```
   */
  bind(name: string, target: string, row: number): void {
    const list = this.names.get(name);
    if (list) list.push({ row, target });
    else this.names.set(name, [{ row, target }]);
  }

  /**
   * Every dotted path some name is bound to.
   *
   * @example
   * ```ts
   * table.targets(); // ["transformers.AutoModel", "timm"]
   * ```
   */
  targets(): string[] {
    return [...this.names.values()].flatMap((list) => list.map((b) => b.target));
  }

  /** What `name` means at `row`: its last binding above, else (a function defined before the imports it
   * uses) its first binding. */
  #at(name: string, row: number): string | undefined {
    const list = this.names.get(name);
    return list && (list.findLast((b) => b.row <= row) ?? list[0]).target;
  }

  /**
   * Records one `import_statement` or `import_from_statement` node. A relative import keeps its leading dots
   * (`from .config import MODEL` binds `MODEL` to `.config.MODEL`): no library signature starts with a dot,
   * and the repository pass (`resolve_imports.ts`) reads them against the importing file's package.
   *
   * @example
   * ```ts
   * table.add(importNode); // import timm as t → t means timm
   * ```
   */
  add(node: Node): void {
    const row = node.startPosition.row;
    if (node.type === "import_statement") {
      for (const item of node.childrenForFieldName("name")) {
        if (item.type === "aliased_import") {
          const alias = item.childForFieldName("alias");
          const name = item.childForFieldName("name");
          if (alias && name) this.bind(alias.text, name.text, row);
        } else {
          // `import a.b.c` binds `a`, through which `a.b.c` is reached
          const root = item.text.split(".")[0];
          this.bind(root, root, row);
        }
      }
      return;
    }
    const module = node.childForFieldName("module_name");
    if (!module || (module.type !== "dotted_name" && module.type !== "relative_import")) return;
    const from = module.text.replace(/\s+/g, "");
    if (node.namedChildren.some((c) => c?.type === "wildcard_import")) {
      this.starModules.push(from);
      return;
    }
    for (const item of node.childrenForFieldName("name")) {
      if (item.type === "aliased_import") {
        const alias = item.childForFieldName("alias");
        const name = item.childForFieldName("name");
        if (alias && name) this.bind(alias.text, member(from, name.text), row);
      } else {
        this.bind(item.text, member(from, item.text), row);
      }
    }
  }

  /**
   * The dotted names an expression may stand for: `AM.from_pretrained` → `transformers.AutoModel.from_pretrained`.
   * Empty when its leftmost name is not imported (a local variable, a call result); one candidate per
   * star-imported module for a name bound by `from m import *`. Names mean what they were last imported as
   * above `node`.
   *
   * @example
   * ```ts
   * table.qualify(callNode.childForFieldName("function")!); // ["timm.create_model"]
   * ```
   */
  qualify(node: Node): string[] {
    // iterative: generated code can chain attributes deeper than the call stack
    const attributes: string[] = [];
    let head: Node | null = node;
    while (head?.type === "attribute") {
      const attribute = head.childForFieldName("attribute");
      if (!attribute) return [];
      attributes.push(attribute.text);
      head = head.childForFieldName("object");
    }
    if (head?.type !== "identifier") return [];
    const bound = this.#at(head.text, head.startPosition.row);
    const roots = bound !== undefined ? [bound] : this.starModules.map((m) => member(m, head!.text));
    const tail = attributes.reverse().map((a) => `.${a}`).join("");
    return roots.map((r) => r + tail);
  }
}

/**
 * The dotted name of `name` inside `module`, relative modules included (`from . import x` is `.x`).
 *
 * @example
 * ```ts
 * member("config", "MODEL"); // "config.MODEL"
 * member("..", "MODEL"); // "..MODEL"
 * ```
 */
export function member(module: string, name: string): string {
  return module.endsWith(".") ? module + name : `${module}.${name}`;
}
