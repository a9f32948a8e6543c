/**
 * The shapes the usage detector shares with its callers: one detection per model-loading call found in a
 * repository's code (one JSON line of `deno task usage scan`), and the report of a scan.
 *
 * @module
 */

/** How the detector obtained the model id of a call. */
export type Resolution =
  /** A string literal in the call: `from_pretrained("gpt2")`. */
  | "literal"
  /** A module- or function-level name bound once to a string: `MODEL = "gpt2"`, then `from_pretrained(MODEL)`. */
  | "constant"
  /** The default of a parameter of the enclosing function: `def load(name="gpt2"): ...from_pretrained(name)`. */
  | "default"
  /** An f-string (or `+` / `.format`) whose parts are all constant: `f"{ORG}/bert-base"`. */
  | "fstring"
  /** The default of `os.environ.get("X", "gpt2")` / `os.getenv("X", "gpt2")`. */
  | "environ"
  /** The `default=` of an argparse `add_argument`, read through `args.<dest>`. */
  | "argparse"
  /** The argument resolved to a local path or URL (`./ckpt`, `/abs`, `~/x`, `a/b/c`, `x.pt`): model_id is null. */
  | "path"
  /** The call was found but its model argument could not be resolved to a string. */
  | "unknown";

/** Every {@linkcode Resolution}, in the order reports list them. */
export const RESOLUTIONS: readonly Resolution[] = [
  "literal",
  "constant",
  "default",
  "fstring",
  "environ",
  "argparse",
  "path",
  "unknown",
];

/** One model-loading call found in code. */
export interface Detection {
  /** `owner/name` of the repository, or the scanned directory's name. */
  repo: string;
  /** `/`-separated path inside the repository. */
  file: string;
  /** 1-based line of the call (for notebooks: the line inside the cell's source, see `cell`). */
  line: number;
  /** Library of the signature, as in the signature catalogue: `transformers`, `timm`, `torch.hub`, ... */
  library: string;
  /** The signature matched, e.g. `from_pretrained`, `pipeline`, `SentenceTransformer`, `torch.hub.load`. */
  call: string;
  /** Source text of the model argument as written (`"gpt2"`, `MODEL`, `args.model`). */
  argument: string;
  /** The resolved model id, normalised against known hub ids when a models table was given; null if unknown. */
  model_id: string | null;
  /**
   * How `model_id` was found. For an argument imported from another module of the repository
   * (`from config import MODEL`), the kind of the binding there (`constant`, `environ`, `fstring`, ...), or
   * `default` / `argparse` when this file passes it through a parameter's or an option's default; `via` is
   * then set.
   */
  resolution: Resolution;
  /** For `.ipynb` files: 0-based index of the code cell. */
  cell?: number;
  /**
   * Set when the model argument was imported from another module of the repository: `file:line` of the
   * binding that gave its value (`"config.py:3"`, path relative to the repository), the last one of a chain
   * of re-exports. Absent for anything resolved inside the file.
   */
  via?: string;
}

/** Why a file was not analysed (counted in the scan report, never an error). */
export type SkipReason =
  | "binary"
  | "too-large"
  | "symlink"
  | "too-deep"
  | "syntax-error"
  | "bad-notebook"
  | "not-utf8"
  | "unsafe-path"
  /** The detector failed on the file (a bug: please report the file); the scan goes on. */
  | "analysis-error";

/** What a scan of a directory or tarball did. */
export interface ScanReport {
  repo: string;
  /** Python and notebook files seen. */
  files: number;
  /** Bytes of those files. */
  bytes: number;
  /**
   * Files that passed the text pre-filter and were parsed with tree-sitter (not counting the modules parsed
   * again only for the names other files import from them).
   */
  parsed: number;
  /** Files not analysed, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  detections: Detection[];
}
