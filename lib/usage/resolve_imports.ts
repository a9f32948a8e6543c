/**
 * The repository pass of the usage detector: a call whose model argument is a name imported from another
 * module of the repository (`from config import MODEL`, `from .settings import MODEL`, `import config as C`
 * and `C.MODEL`) is resolved through that module once every file has been seen. Only the modules named are
 * read, each once, and only their small table of module-level names is kept; a chain of re-exports
 * (`config` importing from `constants`) is followed to a few levels, each level one more read of the files it
 * names, and a cycle ends unresolved.
 *
 * @module
 */
import type { FileResult } from "./detector.ts";
import type { ModuleFiles } from "./module_files.ts";
import type { ModuleExports } from "./module_exports.ts";
import { member } from "./python_imports.ts";
import type { Resolved } from "./resolve_argument.ts";

/** The imported arguments of the scanned files (`FileResult.imported`). */
export type ImportedCall = NonNullable<FileResult["imported"]>[number];

/** Reads the named `.py` files of the repository: path → text; a file it cannot read is left out. */
export type ReadModules = (files: string[]) => Promise<Map<string, string>>;

/** Re-exports followed beyond this are not worth it (or a cycle the `seen` set did not catch). */
const MAX_CHAIN = 6;

type Found = Resolved & { via: string };
/** Found, or the file still to read, or nothing. */
type Step = { found: Found } | { need: string } | null;

/**
 * Resolves `calls` in place: a call whose imported name reaches a module-level string of the repository
 * gets that value as model id (through the call's own checks), the binding's resolution (`constant`,
 * `environ`, `fstring`, ...) and `via` (`file:line` of the binding); the others stay `unknown`.
 * `exportsOf` parses a module (see `Detector.moduleExports`).
 *
 * @example
 * ```ts
 * // generate.py: from fetch import DIFFUSION ... from_pretrained(DIFFUSION)
 * await resolveImports(calls, new ModuleFiles(["fetch.py", "generate.py"]), read, (t) => detector.moduleExports(t));
 * calls[0].detection; // { ..., model_id: "stabilityai/stable-diffusion-2-1", resolution: "environ", via: "fetch.py:9" }
 * ```
 */
export async function resolveImports(
  calls: readonly ImportedCall[],
  files: ModuleFiles,
  read: ReadModules,
  exportsOf: (text: string) => ModuleExports | null,
): Promise<void> {
  const tables = new Map<string, ModuleExports | null>();
  const follow = (refs: readonly string[], importer: string, depth: number, seen: Set<string>): Step => {
    if (depth > MAX_CHAIN) return null;
    for (const ref of refs) {
      const at = files.locate(ref, importer);
      if (at === null) continue;
      const key = `${at.file}#${at.name}`;
      if (seen.has(key)) continue;
      const table = tables.get(at.file);
      if (table === undefined) return { need: at.file };
      if (table === null) continue;
      const entry = table.names.get(at.name);
      if (entry?.value !== undefined) {
        return {
          found: { value: entry.value, resolution: entry.resolution!, via: `${at.file}:${entry.line}` },
        };
      }
      const next = entry ? entry.refs ?? [] : table.stars.map((m) => member(m, at.name));
      const step = follow(next, at.file, depth + 1, new Set([...seen, key]));
      if (step !== null) return step;
    }
    return null;
  };
  let open = [...calls];
  for (let round = 0; round <= MAX_CHAIN && open.length > 0; round++) {
    const needed = new Set<string>();
    const waiting: ImportedCall[] = [];
    for (const call of open) {
      const step = follow(call.argument.refs, call.detection.file, 0, new Set());
      if (step === null) continue;
      if ("need" in step) {
        needed.add(step.need);
        waiting.push(call);
        continue;
      }
      const { model_id, resolution } = call.argument.complete(step.found);
      // a value the call cannot take (`invalid`) leaves the detection as it was
      if (resolution === "unknown") continue;
      Object.assign(call.detection, { model_id, resolution, via: step.found.via });
    }
    if (needed.size === 0) break;
    const texts = await read([...needed]);
    for (const file of needed) {
      const text = texts.get(file);
      tables.set(file, text === undefined ? null : exportsOf(text));
    }
    open = waiting;
  }
}
