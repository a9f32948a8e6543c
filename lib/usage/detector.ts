/**
 * The usage detector: which pre-trained models a Python file or Jupyter notebook loads, found by parsing it
 * (tree-sitter) and matching its calls against the signature catalogue (`lib/usage/data/signatures.json`).
 *
 * A model argument that resolves to a local path or a URL (`./checkpoints/x`, `/abs`, `~/x`, `a/b/c`,
 * `model.pt`) gives a detection with resolution `path` and model_id null: the call is evidence that the
 * repository loads a model, but not which hub model.
 *
 * The detector sees one file at a time: an argument imported from another module (`from config import
 * MODEL`) is `unknown` here, listed in `FileResult.imported`; `scanPath` resolves it once the repository's
 * modules are known (`resolve_imports.ts`, through {@linkcode Detector.moduleExports}).
 *
 * @module
 */
import pl from "nodejs-polars";
import { detectCalls, type ImportedArgument, signaturesByName } from "./detect_calls.ts";
import { ModelIdNormalizer } from "./model_id.ts";
import { type ModuleExports, moduleExports } from "./module_exports.ts";
import { BadNotebookError, type NotebookCode, notebookCode } from "./notebook_code.ts";
import { prefilter } from "./prefilter.ts";
import { parsePython, pythonParser } from "./python_parser.ts";
import { indexPython } from "./python_scopes.ts";
import { loadSignatures } from "./signatures.ts";
import type { Detection, SkipReason } from "./types.ts";

/** Options of {@linkcode createDetector}. */
export interface DetectorOptions {
  /** Known hub ids: detected ids are normalised to their spelling. @default none: ids kept as written */
  modelIds?: Iterable<string>;
  /** The listing with `id` and `downloads` (preferred over `modelIds`: downloads choose legacy aliases). */
  models?: pl.DataFrame;
}

/** What the detector made of one file. */
export interface FileResult {
  detections: Detection[];
  /** Whether the file passed the text pre-filter and was parsed. */
  parsed: boolean;
  /**
   * Set when the file was bad: `bad-notebook` (nothing analysed), `syntax-error` (valid parts analysed) or
   * `analysis-error` (the detector failed on it).
   */
  skipped?: SkipReason;
  /**
   * The `unknown` detections (also in `detections`) whose model argument is a name imported from another
   * module, possibly of the same repository: `scanPath` resolves them through those modules
   * (`resolveImports`) and updates the detection.
   */
  imported?: { detection: Detection; argument: ImportedArgument }[];
}

/** Finds model-loading calls in files. */
export interface Detector {
  /** `.ipynb` files are read as notebooks, anything else as Python. */
  detectFile(repo: string, file: string, text: string): FileResult;
  /** The module-level names a Python module's text binds (parsed whatever it mentions); null if unparsable. */
  moduleExports(text: string): ModuleExports | null;
}

/**
 * A detector with the signature catalogue and the Python parser loaded.
 *
 * @example
 * ```ts
 * const detector = await createDetector({ modelIds: ["openai-community/gpt2"] });
 * detector.detectFile("me/app", "run.py", "from transformers import AutoModel as AM\nAM.from_pretrained('GPT2')\n");
 * // { parsed: true, detections: [{ repo: "me/app", file: "run.py", line: 2, library: "transformers",
 * //   call: "from_pretrained", argument: "'GPT2'", model_id: "openai-community/gpt2", resolution: "literal" }] }
 * ```
 */
export async function createDetector(options: DetectorOptions = {}): Promise<Detector> {
  const signatures = loadSignatures();
  const byName = signaturesByName(signatures);
  const mayHold = prefilter(signatures);
  const parser = await pythonParser();
  const listing = options.models ??
    (options.modelIds ? pl.DataFrame({ id: pl.Series("id", [...options.modelIds], pl.String) }) : null);
  const normalizer = listing && new ModelIdNormalizer(listing);
  const normalize = normalizer
    ? (id: string, o: { legacy: boolean }) => normalizer.normalize(id, o)
    : (id: string) => id;

  return {
    detectFile(repo: string, file: string, text: string): FileResult {
      if (!mayHold(text)) return { detections: [], parsed: false };
      let nb: NotebookCode | null = null;
      if (file.endsWith(".ipynb")) {
        try {
          nb = notebookCode(text);
        } catch (err) {
          if (err instanceof BadNotebookError) {
            return { detections: [], parsed: false, skipped: "bad-notebook" };
          }
          throw err;
        }
        if (!mayHold(nb.code)) return { detections: [], parsed: false };
      }
      const tree = parsePython(parser, nb?.code ?? text);
      if (!tree) return { detections: [], parsed: false, skipped: "syntax-error" };
      try {
        let found;
        try {
          found = detectCalls(indexPython(tree.rootNode), byName, normalize);
        } catch {
          // one odd file must not end a scan of thousands of repositories; the count shows it happened
          return { detections: [], parsed: true, skipped: "analysis-error" };
        }
        const imported: FileResult["imported"] = [];
        const detections = found.map(({ row, imported: argument, ...d }): Detection => {
          const line = nb ? nb.lineInCell[row] + 1 : row + 1;
          const placed: Detection = { repo, file, line, ...d };
          if (nb) placed.cell = nb.cellOfLine[row];
          if (argument) imported.push({ detection: placed, argument });
          return placed;
        });
        const result: FileResult = { detections, parsed: true };
        if (imported.length > 0) result.imported = imported;
        if (tree.rootNode.hasError) result.skipped = "syntax-error";
        return result;
      } finally {
        tree.delete();
      }
    },

    moduleExports(text: string): ModuleExports | null {
      const tree = parsePython(parser, text);
      if (!tree) return null;
      try {
        return moduleExports(indexPython(tree.rootNode));
      } catch {
        // as in detectFile: an odd module leaves its importers unresolved, it does not end the scan
        return null;
      } finally {
        tree.delete();
      }
    },
  };
}
