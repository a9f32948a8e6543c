/**
 * The entrypoints of a `hubconf.py`: what `torch.hub.list(repo)` would show, read from the source without
 * running it.
 *
 * @module
 */
import { logicalLines, type Token, tokenize } from "./_python_tokens.ts";

/** What a `hubconf.py` exposes. */
export interface Hubconf {
  /** Public entrypoint names in order of appearance, without duplicates. */
  entrypoints: string[];
  /** Modules imported with `from <module> import *`: their names are unknown here. */
  starImports: string[];
}

const COMPOUND = new Set(["if", "elif", "else", "try", "except", "finally", "with", "for", "while"]);
const LITERAL_START = new Set(["True", "False", "None"]);

/**
 * Lists the entrypoints of a `hubconf.py`. `torch.hub.list` returns every public (not `_`-prefixed) callable
 * attribute of the module, so besides top-level `def`s and `class`es this counts names bound by
 * `from ... import ...` (pytorch/vision's hubconf is nothing but imports) and by top-level assignments whose
 * value is not a literal (`resnet50 = partial(...)`). Bodies of functions, classes and the
 * `if __name__ == "__main__":` block are not module attributes and are skipped; other compound statements at
 * the top level (`try:`/`if:`) do bind module attributes and are looked into.
 *
 * @example
 * ```ts
 * parseHubconf("dependencies = ['torch']\nfrom torchvision.models import resnet18\ndef _load(): pass\n");
 * // { entrypoints: ["resnet18"], starImports: [] }
 * ```
 */
export function parseHubconf(source: string): Hubconf {
  const names: string[] = [];
  const starImports: string[] = [];
  // indentation of the enclosing blocks, and whether each hides its body from the module namespace
  const blocks: { indent: number; hides: boolean }[] = [];
  for (const { indent, tokens } of logicalLines(tokenize(source))) {
    while (blocks.length > 0 && blocks[blocks.length - 1].indent >= indent) blocks.pop();
    const hidden = blocks.some((b) => b.hides);
    const head = tokens[0].text === "async" ? tokens[1]?.text : tokens[0].text;
    if (head === "def" || head === "class") {
      const name = tokens[tokens[0].text === "async" ? 2 : 1];
      if (!hidden && name?.kind === "name") names.push(name.text);
      blocks.push({ indent, hides: true });
    } else if (head === "if" && isMainGuard(tokens)) {
      blocks.push({ indent, hides: true });
    } else if (COMPOUND.has(head) && tokens[tokens.length - 1].text === ":") {
      blocks.push({ indent, hides: false });
    } else if (hidden || tokens[0].kind !== "name") {
      continue;
    } else if (head === "from") {
      const imported = importedNames(tokens);
      if (imported === "*") {
        starImports.push(
          tokens.slice(1, tokens.findIndex((t) => t.text === "import")).map((t) => t.text).join(""),
        );
      } else names.push(...imported);
    } else if (tokens[1]?.text === "=" && !isLiteral(tokens[2])) {
      names.push(tokens[0].text);
    }
  }
  return { entrypoints: [...new Set(names)].filter((n) => !n.startsWith("_")), starImports };
}

/** Names bound by `from m import a, b as c, (d, e)`, or `*`. */
function importedNames(tokens: readonly Token[]): string[] | "*" {
  const at = tokens.findIndex((t) => t.kind === "name" && t.text === "import");
  if (at === -1) return [];
  const rest = tokens.slice(at + 1).filter((t) => t.text !== "(" && t.text !== ")");
  if (rest[0]?.text === "*") return "*";
  const names: string[] = [];
  let current: string[] = [];
  for (const t of [...rest, { kind: "op", text: "," } as Token]) {
    if (t.text === ",") {
      // `a` binds a, `a as b` binds b
      if (current.length > 0) names.push(current[current.length - 1]);
      current = [];
    } else if (t.kind === "name" && t.text !== "as") current.push(t.text);
  }
  return names;
}

function isMainGuard(tokens: readonly Token[]): boolean {
  const text = tokens.map((t) => t.text).join(" ");
  return /^if __name__ == ['"]__main__['"] :$/.test(text) || /^if ['"]__main__['"] == __name__ :$/.test(text);
}

function isLiteral(t: Token | undefined): boolean {
  if (!t) return true;
  if (t.kind === "string" || t.kind === "number") return true;
  if (t.kind === "name") return LITERAL_START.has(t.text);
  return t.text === "[" || t.text === "{" || t.text === "(" || t.text === "-";
}
