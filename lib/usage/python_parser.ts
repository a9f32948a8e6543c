/**
 * The tree-sitter Python parser (web-tree-sitter + the tree-sitter-python grammar), loaded once per process.
 *
 * @module
 */
import { join } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import { REPO_ROOT } from "../paths.ts";

let loading: Promise<Language> | null = null;

/**
 * A new parser for Python. The WebAssembly runtime and grammar are loaded on the first call only.
 * Trees it returns must be freed with `tree.delete()`.
 *
 * @example
 * ```ts
 * const parser = await pythonParser();
 * const tree = parser.parse("import timm\n")!;
 * tree.rootNode.type; // "module"
 * tree.delete();
 * ```
 */
export async function pythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    return await Language.load(
      join(REPO_ROOT, "node_modules", "tree-sitter-python", "tree-sitter-python.wasm"),
    );
  })();
  const language = await loading;
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
