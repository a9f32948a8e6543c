/**
 * Which file of a repository a Python import names, the way Python would find it when the repository is run
 * from a checkout rather than installed: `a.b.c` is `a/b/c.py` or the package `a/b/c/__init__.py`, looked up
 * first beside the importing file (a script's own directory is `sys.path[0]`), then in each directory above
 * it up to the repository's root, then under `src/` and the other top-level directories (a source root put on
 * the path by hand or by an editable install). Relative imports (`.x`, `..x`) are read against the
 * importing file's package. The first file found is the module, as on `sys.path`: a same-named module
 * elsewhere is never a fallback.
 *
 * @module
 */

/** The `.py` files of a repository, by `/`-separated path. */
export class ModuleFiles {
  readonly #files: ReadonlySet<string>;
  readonly #topDirs: string[];

  /** `files`: every `.py` file of the repository, by its `/`-separated path. */
  constructor(files: Iterable<string>) {
    const set = new Set(files);
    this.#files = set;
    const tops = new Set<string>();
    for (const f of set) {
      const slash = f.indexOf("/");
      if (slash > 0) tops.add(f.slice(0, slash));
    }
    // `src/` is the usual source root; the others in a stable order
    this.#topDirs = [...tops].sort((a, b) => a === "src" ? -1 : b === "src" ? 1 : a < b ? -1 : a > b ? 1 : 0);
  }

  /**
   * The file and the member name that the dotted name `ref` (as recorded by the importing file, see
   * `importedName`) stands for, when its module is a file of the repository; null otherwise (a library).
   *
   * @example
   * ```ts
   * const files = new ModuleFiles(["train.py", "config.py", "src/app/__init__.py", "src/app/settings.py"]);
   * files.locate("config.MODEL", "train.py"); // { file: "config.py", name: "MODEL" }
   * files.locate(".settings.CLIP", "src/app/serve.py"); // { file: "src/app/settings.py", name: "CLIP" }
   * files.locate("app.DEFAULT", "scripts/run.py"); // { file: "src/app/__init__.py", name: "DEFAULT" }
   * files.locate("config.Config.MODEL", "train.py"); // { file: "config.py", name: "Config.MODEL" }
   * files.locate("transformers.AutoModel", "train.py"); // null
   * ```
   */
  locate(ref: string, importer: string): { file: string; name: string } | null {
    const dot = ref.lastIndexOf(".");
    if (dot < 0 || dot === ref.length - 1) return null;
    const at = this.#member(ref, dot, importer);
    if (at !== null || dot === 0) return at;
    // `config.Config.MODEL`: a name in a class body of module `config`
    const before = ref.lastIndexOf(".", dot - 1);
    return before < 0 ? null : this.#member(ref, before, importer);
  }

  /** `ref` read as the module before its dot at `dot`, and the name after it. */
  #member(ref: string, dot: number, importer: string): { file: string; name: string } | null {
    let module = ref.slice(0, dot);
    // `.MODEL` / `..MODEL`: a member of the package itself
    if (/^\.*$/.test(module)) module = ref.slice(0, dot + 1);
    const file = this.#moduleFile(module, importer);
    return file === null ? null : { file, name: ref.slice(dot + 1) };
  }

  #moduleFile(module: string, importer: string): string | null {
    const here = importer.split("/").slice(0, -1);
    const dots = /^\.*/.exec(module)![0].length;
    const path = module.slice(dots).split(".").filter((p) => p !== "");
    if (dots > 0) {
      // `.` is the importing file's package, each further dot one package up
      if (dots - 1 > here.length) return null;
      return this.#find(here.slice(0, here.length - (dots - 1)), path);
    }
    const roots: string[][] = [];
    for (let n = here.length; n >= 0; n--) roots.push(here.slice(0, n));
    for (const top of this.#topDirs) roots.push([top]);
    const tried = new Set<string>();
    for (const root of roots) {
      const key = root.join("/");
      if (tried.has(key)) continue;
      tried.add(key);
      const found = this.#find(root, path);
      if (found !== null) return found;
    }
    return null;
  }

  /** `root/path.py`, else the package `root/path/__init__.py`. */
  #find(root: string[], path: string[]): string | null {
    const base = [...root, ...path].join("/");
    if (path.length > 0 && this.#files.has(`${base}.py`)) return `${base}.py`;
    const init = base === "" ? "__init__.py" : `${base}/__init__.py`;
    return this.#files.has(init) ? init : null;
  }
}
