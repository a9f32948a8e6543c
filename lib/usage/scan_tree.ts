/**
 * Scanning a repository — a directory or a tarball — for model-loading calls: walks it, reads its `.py` and
 * `.ipynb` files and hands each one to the detector. Files that cannot be analysed are counted by reason in the
 * report, never an error; symlinks are never followed and nothing is ever written to disk.
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import type { Detector } from "./detector.ts";
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

  constructor(repo: string, options: ScanOptions) {
    this.report = { repo, files: 0, bytes: 0, parsed: 0, skipped: {}, detections: [] };
    this.#detector = options.detector;
    this.#maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#onProgress = options.onProgress;
  }

  directory(root: string) {
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
        } else if (e.isFile && isSource(e.name)) this.#readFile(join(dir, e.name), rel + e.name);
      }
    }
  }

  async archive(file: string) {
    const tooDeep = new Set<string>();
    // the first entry, when a directory of one component, is taken for codeload's `<owner>-<repo>-<sha7>/`
    let top: string | null | undefined;
    let topIsOnly = true;
    const underTop: Detection[] = [];
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
  }

  #readFile(path: string, rel: string) {
    let size: number;
    let data: Uint8Array | null = null;
    try {
      using f = Deno.openSync(path);
      size = f.statSync().size;
      if (size <= this.#maxBytes) {
        data = new Uint8Array(size);
        let got = 0;
        while (got < size) {
          const n = f.readSync(data.subarray(got));
          if (n === null || n === 0) break;
          got += n;
        }
        data = data.subarray(0, got);
      }
    } catch (err) {
      if (unreachableName(err, rel)) return this.#skip("not-utf8");
      throw new ScanError(`${path}: cannot read (${(err as Error).message})`);
    }
    this.#analyse(rel, size, data);
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

/** Python's spellings of an encoding that the Encoding Standard spells otherwise (`latin-1`, `iso_8859_15`). */
function whatwgLabel(python: string): string {
  const label = python.toLowerCase().replace(/_/g, "-");
  return /^(latin-1|iso-latin-1|l1)$/.test(label) ? "latin1" : label;
}
