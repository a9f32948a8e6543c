/**
 * The tree-sitter Python parser (web-tree-sitter + the tree-sitter-python grammar), loaded once per process.
 *
 * @module
 */
import { join } from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";
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

/**
 * Parses Python source, comment-only lines blanked first (see {@linkcode blankCommentLines}): every parse of
 * repository code goes through here. Null when tree-sitter gives up; the tree must be freed with `delete()`.
 *
 * @example
 * ```ts
 * const tree = parsePython(await pythonParser(), "import timm\n# a comment\n")!;
 * tree.rootNode.type; // "module"
 * tree.delete();
 * ```
 */
export function parsePython(parser: Parser, code: string): Tree | null {
  return parser.parse(blankCommentLines(code));
}

/**
 * The code with every comment-only line emptied, line numbers kept. tree-sitter-python takes quadratic time
 * over a long run of comment lines after a statement (1,000 lines: 0.5 s; 10,000: about a minute), and big
 * commented-out blocks are common; comments never load a model, so the parser need not see them.
 *
 * @example
 * ```ts
 * blankCommentLines("import timm\n  # old = timm.create_model('x')\n"); // "import timm\n\n"
 * ```
 */
export function blankCommentLines(code: string): string {
  return code.replace(/^[ \t]*#[^\n]*/gm, "");
}
