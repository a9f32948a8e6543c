/**
 * Scanning a repository — a directory or a tarball — for model-loading calls: walks it, reads its `.py` and
 * `.ipynb` files and hands each one to the detector. Files that cannot be analysed are counted by reason in the
 * report, never an error; symlinks are never followed and nothing is ever written to disk.
 *
 * Then the repository pass: calls whose model argument is imported from a module of the repository
 * (`from config import MODEL`) are resolved through it (`resolve_imports.ts`). Such a module is often never
 * parsed by the first pass (a `config.py` of constants names no library), and keeping every file's text or
 * tree until the end would make memory grow with the repository; so the first pass keeps only the paths of
 * the `.py` files and the pending calls, and the modules named are read again afterwards — from disk, or by
 * one more pass over the tarball reading only those entries (a pass per level of re-exports, in the rare
 * repositories that have one; decompressing again costs far less than holding every small `.py` text).
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import type { Detector } from "./detector.ts";
import { ModuleFiles } from "./module_files.ts";
import { type ImportedCall, resolveImports } from "./resolve_imports.ts";
import { readTarball, safeEntryPath, type TarEntry } from "./tarball.ts";
import type { Detection, ScanReport, SkipReason } from "./types.ts";

/** Options of {@linkcode scanPath}. */
export interface ScanOptions {
  /** The detector every file goes through (see `createDetector`). */
  detector: Detector;
  /** `owner/name` written in every detection. @default the directory's name, or the tarball's without extension */
  repo?: string;
  /**
   * Files larger than this are skipped as `too-large`. Notebooks with embedded plots run to several MB; larger
   * files are generated code or data.
   * @default 10 MiB
   */
  maxFileBytes?: number;
  /** Directories nested deeper than this below the root are not entered (`too-deep`). @default 32 */
  maxDepth?: number;
  /** Called after each Python or notebook file, with the files and bytes seen so far. */
  onProgress?: (files: number, bytes: number) => void;
}

/** A path that is neither a directory nor a readable archive. */
export class ScanError extends Error {
  override name = "ScanError";
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;
const ARCHIVE = /\.(tar\.gz|tgz|tar)$/;
const BINARY_PROBE_BYTES = 1024;
// PEP 263: a coding declaration in one of the first two lines
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** What a tarball entry is to the scan: a file to analyse, a skip, or nothing (other files, directories). */
type Classified = { rel: string; inTop: boolean } | { skip: SkipReason; cut?: string } | null;

/**
 * Scans the directory or tarball (`.tar.gz`, `.tgz`, `.tar`) at `path`. A GitHub codeload archive's single
 * top-level `<owner>-<repo>-<sha7>/` directory is stripped, so file paths are relative to the repository in
 * both cases. Throws a {@linkcode ScanError} (or a `TarballError`) naming the path when it cannot be read.
 *
 * @example
 * ```ts
 * const detector = await createDetector();
 * const report = await scanPath("acme-app-1a2b3c4.tar.gz", { detector, repo: "acme/app" });
 * report.detections[0]; // { repo: "acme/app", file: "train.py", line: 3, call: "from_pretrained", ... }
 * ```
 */
export async function scanPath(path: string, options: ScanOptions): Promise<ScanReport> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (err) {
    throw new ScanError(`${path}: cannot scan (${(err as Error).message})`);
  }
  const isArchive = info.isFile && ARCHIVE.test(path);
  if (!info.isDirectory && !isArchive) {
    throw new ScanError(`${path}: expected a directory or a .tar.gz / .tgz / .tar archive`);
  }
  const repo = options.repo ?? basename(resolve(path)).replace(ARCHIVE, "");
  const scan = new Scan(repo, options);
  if (isArchive) await scan.archive(path);
  else scan.directory(path);
  await scan.resolveImports();
  // by file (a stable sort keeps each file's own order), so a checkout and its tarball give the same report
  scan.report.detections.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return scan.report;
}

class Scan {
  report: ScanReport;
  #detector: Detector;
  #maxBytes: number;
  #maxDepth: number;
  #onProgress?: (files: number, bytes: number) => void;
  /** `.py` files by their path in the report → where to read them again (a path on disk, a tarball entry). */
  #modules = new Map<string, string>();
  #imported: ImportedCall[] = [];
  #readModules: (files: string[]) => Promise<Map<string, string>> = () => Promise.resolve(new Map());

  constructor(repo: string, options: ScanOptions) {
    this.report = { repo, files: 0, bytes: 0, parsed: 0, skipped: {}, detections: [] };
    this.#detector = options.detector;
    this.#maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#onProgress = options.onProgress;
  }

  directory(root: string) {
    this.#readModules = (files) => {
      const texts = new Map<string, string>();
      for (const rel of files) {
        const path = this.#modules.get(rel)!;
        try {
          const text = pythonText(readSource(path, this.#maxBytes).data);
          if (text !== null) texts.set(rel, text);
        } catch {
          // gone or unreadable since the first pass: its importers stay unresolved
        }
      }
      return Promise.resolve(texts);
    };
    const stack: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: "", depth: 0 }];
    while (stack.length > 0) {
      const { dir, rel, depth } = stack.pop()!;
      let entries: Iterable<Deno.DirEntry>;
      try {
        entries = Deno.readDirSync(dir);
      } catch (err) {
        if (unreachableName(err, rel)) {
          this.#skip("not-utf8");
          continue;
        }
        throw new ScanError(`${dir}: cannot list directory (${(err as Error).message})`);
      }
      for (const e of entries) {
        if (e.isSymlink) this.#skip("symlink");
        else if (e.isDirectory) {
          // the VCS's own data is not repository content (and never in a tarball)
          if (depth === 0 && e.name === ".git") continue;
          if (depth + 1 > this.#maxDepth) this.#skip("too-deep");
          else stack.push({ dir: join(dir, e.name), rel: `${rel}${e.name}/`, depth: depth + 1 });
        } else if (e.isFile && isSource(e.name)) {
          const path = join(dir, e.name);
          if (e.name.endsWith(".py")) this.#modules.set(rel + e.name, path);
          this.#readFile(path, rel + e.name);
        }
      }
    }
  }

  async archive(file: string) {
    const tooDeep = new Set<string>();
    // the first entry, when a directory of one component, is taken for codeload's `<owner>-<repo>-<sha7>/`
    let top: string | null | undefined;
    let topIsOnly = true;
    const underTop: Detection[] = [];
    const modules: { rel: string; inTop: boolean; entry: string }[] = [];
    const classify = (e: TarEntry): Classified => {
      const parts = safeEntryPath(e.path);
      if (parts === null) return { skip: "unsafe-path" };
      if (top === undefined) top = e.kind === "directory" && parts.length === 1 ? parts[0] : null;
      const inTop = top !== null && parts[0] === top;
      if (inTop) parts.shift();
      else if (top !== null) topIsOnly = false;
      if (parts.length === 0) return null;
      const depth = e.kind === "directory" ? parts.length : parts.length - 1;
      if (depth > this.#maxDepth) {
        return { skip: "too-deep", cut: parts.slice(0, this.#maxDepth + 1).join("/") };
      }
      if (e.kind === "hardlink") return { skip: "unsafe-path" };
      if (e.kind === "symlink") return { skip: "symlink" };
      return e.kind === "file" && isSource(parts[parts.length - 1]) ? { rel: parts.join("/"), inTop } : null;
    };
    const select = (e: TarEntry) => {
      const c = classify(e);
      return c !== null && "rel" in c && e.size <= this.#maxBytes;
    };
    for await (const e of readTarball(file, select)) {
      const c = classify(e);
      if (c === null) continue;
      if ("rel" in c) {
        if (c.rel.endsWith(".py") && e.data) modules.push({ rel: c.rel, inTop: c.inTop, entry: e.path });
        const found = this.#analyse(c.rel, e.size, e.data ?? null);
        if (c.inTop) underTop.push(...found);
        continue;
      }
      // a directory cut by the depth limit is counted once, as when walking a directory
      if (c.cut !== undefined) {
        if (tooDeep.has(c.cut)) continue;
        tooDeep.add(c.cut);
      }
      this.#skip(c.skip);
    }
    // not a single top directory after all (`tar czf x.tgz src/ tests/`): its name is part of the paths
    if (!topIsOnly) { for (const d of underTop) d.file = `${top}/${d.file}`; }
    for (const m of modules) this.#modules.set(!topIsOnly && m.inTop ? `${top}/${m.rel}` : m.rel, m.entry);
    this.#readModules = async (files) => {
      const byEntry = new Map(files.map((rel) => [this.#modules.get(rel)!, rel]));
      const texts = new Map<string, string>();
      const select = (e: TarEntry) => e.kind === "file" && byEntry.has(e.path) && e.size <= this.#maxBytes;
      for await (const e of readTarball(file, select)) {
        const rel = byEntry.get(e.path);
        const text = pythonText(e.data ?? null);
        if (rel !== undefined && text !== null) texts.set(rel, text);
      }
      return texts;
    };
  }

  /** The repository pass over the calls whose model argument is imported (see the module's doc). */
  async resolveImports() {
    if (this.#imported.length === 0) return;
    const detector = this.#detector;
    await resolveImports(
      this.#imported,
      new ModuleFiles(this.#modules.keys()),
      this.#readModules,
      (text) => detector.moduleExports(text),
    );
  }

  #readFile(path: string, rel: string) {
    let read;
    try {
      read = readSource(path, this.#maxBytes);
    } catch (err) {
      if (unreachableName(err, rel)) return this.#skip("not-utf8");
      throw new ScanError(`${path}: cannot read (${(err as Error).message})`);
    }
    this.#analyse(rel, read.size, read.data);
  }

  /** `data` is null when the file is over the size limit. Returns the file's detections. */
  #analyse(rel: string, size: number, data: Uint8Array | null): Detection[] {
    const report = this.report;
    report.files++;
    report.bytes += size;
    const text = data === null ? "too-large" : decode(data, rel.endsWith(".py"));
    let detections: Detection[] = [];
    if (text === "too-large" || text === "binary" || text === "not-utf8") this.#skip(text);
    else {
      let result;
      try {
        result = this.#detector.detectFile(report.repo, rel, text.text);
      } catch (err) {
        throw new Error(`${report.repo}: ${rel}: the detector failed (${(err as Error).message})`, {
          cause: err,
        });
      }
      if (result.parsed) report.parsed++;
      if (result.skipped) this.#skip(result.skipped);
      if (result.imported) this.#imported.push(...result.imported);
      detections = result.detections;
      for (const d of detections) report.detections.push(d);
    }
    this.#onProgress?.(report.files, report.bytes);
    return detections;
  }

  #skip(reason: SkipReason) {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
  }
}

/** The size of the file at `path` and its bytes, or null bytes when it is over `maxBytes`. */
function readSource(path: string, maxBytes: number): { size: number; data: Uint8Array | null } {
  using f = Deno.openSync(path);
  const size = f.statSync().size;
  if (size > maxBytes) return { size, data: null };
  const data = new Uint8Array(size);
  let got = 0;
  while (got < size) {
    const n = f.readSync(data.subarray(got));
    if (n === null || n === 0) break;
    got += n;
  }
  return { size, data: data.subarray(0, got) };
}

/**
 * Deno hands out names that are not UTF-8 with U+FFFD in place of the bad bytes, and such a name opens nothing.
 * (Inside a tarball the same file is read: there the name is only a label.)
 */
function unreachableName(err: unknown, rel: string): boolean {
  return err instanceof Deno.errors.NotFound && rel.includes("\uFFFD");
}

function isSource(name: string): boolean {
  return name.endsWith(".py") || name.endsWith(".ipynb");
}

/** The file's text: UTF-8, or for Python the encoding its PEP 263 declaration names. */
function decode(data: Uint8Array, python: boolean): { text: string } | "binary" | "not-utf8" {
  if (data.subarray(0, BINARY_PROBE_BYTES).includes(0)) return "binary";
  try {
    return { text: utf8.decode(data) };
  } catch {
    if (!python) return "not-utf8";
  }
  const head = new TextDecoder("latin1").decode(data.subarray(0, 512)).split("\n", 2);
  const label = head.map((line) => CODING.exec(line)?.[1]).find((l) => l !== undefined);
  if (!label) return "not-utf8";
  try {
    return { text: new TextDecoder(whatwgLabel(label), { fatal: true }).decode(data) };
  } catch {
    // an unknown label, or bytes invalid in the declared encoding
    return "not-utf8";
  }
}

/** The text of a Python file's bytes; null when they are not text or the file was over the size limit. */
function pythonText(data: Uint8Array | null): string | null {
  const decoded = data && decode(data, true);
  return decoded !== null && typeof decoded === "object" ? decoded.text : null;
}

/** Python's spellings of an encoding that the Encoding Standard spells otherwise (`latin-1`, `iso_8859_15`). */
function whatwgLabel(python: string): string {
  const label = python.toLowerCase().replace(/_/g, "-");
  return /^(latin-1|iso-latin-1|l1)$/.test(label) ? "latin1" : label;
}
