/**
 * Streaming reader of tar archives, gzip'd or not (GitHub codeload tarballs, `tar czf`, `git archive`): entry by
 * entry, in constant memory, never writing anything to disk. Understands ustar (with its 155-byte prefix), pax
 * extended headers (`path`, `linkpath`, `size`) and GNU long names; checks every header's checksum.
 *
 * @module
 */

/** A tarball that cannot be read: not gzip, not tar, truncated. The message names the file. */
export class TarballError extends Error {
  override name = "TarballError";
}

/** What a tar entry is. `other`: devices, FIFOs and unknown type flags. */
export type TarEntryKind = "file" | "directory" | "symlink" | "hardlink" | "other";

/** One entry of an archive, as written in it (pax and GNU long names applied). */
export interface TarEntry {
  /** The path as stored: may be absolute or hold `..`; see {@linkcode safeEntryPath}. */
  path: string;
  kind: TarEntryKind;
  /** Bytes of content (0 for everything but files). */
  size: number;
  /** Target of a symlink or hard link, else "". */
  linkTarget: string;
}

/** An entry and, when the caller selected it, its content. */
export interface TarRecord extends TarEntry {
  data?: Uint8Array;
}

const BLOCK = 512;
// pax and GNU long-name bodies are metadata; anything larger is not an archive we should trust
const MAX_META_BYTES = 1 << 20;
const NO_DATA = "23456";
const dec = new TextDecoder();

/**
 * Reads the entries of the tar archive `file` (gzip'd or plain, told apart by its first bytes). `select` sees
 * each entry's header; the content of the entries it accepts is read into `data`, the rest is skipped.
 * Throws a {@linkcode TarballError} naming the file when the archive is not gzip or tar, or is truncated.
 *
 * @example
 * ```ts
 * for await (const e of readTarball("repo.tar.gz", (e) => e.kind === "file" && e.path.endsWith(".py"))) {
 *   if (e.data) console.log(e.path, e.data.length);
 * }
 * ```
 */
export async function* readTarball(
  file: string,
  select: (entry: TarEntry) => boolean = () => false,
): AsyncGenerator<TarRecord> {
  const parser = new TarParser(file, select);
  for await (const chunk of await decompressed(file)) {
    yield* parser.push(chunk);
    if (parser.ended) return;
  }
  parser.finish();
}

/**
 * The components of `path` when it is safe to use inside a target directory: relative, without `..`, without
 * NUL; `.` and empty components dropped. Null otherwise.
 *
 * @example
 * ```ts
 * safeEntryPath("./src/a.py"); // ["src", "a.py"]
 * safeEntryPath("../evil.py"); // null
 * safeEntryPath("/etc/passwd"); // null
 * ```
 */
export function safeEntryPath(path: string): string[] | null {
  if (path.startsWith("/") || path.includes("\0") || /^[A-Za-z]:[\\/]/.test(path)) return null;
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  return parts.some((p) => p === "..") ? null : parts;
}

async function decompressed(file: string): Promise<AsyncIterable<Uint8Array>> {
  let handle: Deno.FsFile;
  try {
    handle = await Deno.open(file);
  } catch (err) {
    throw new TarballError(`${file}: cannot open (${(err as Error).message})`);
  }
  const head = new Uint8Array(2);
  let n: number | null;
  try {
    n = await handle.read(head);
    await handle.seek(0, Deno.SeekMode.Start);
  } catch (err) {
    handle.close();
    throw new TarballError(`${file}: cannot read (${(err as Error).message})`);
  }
  const gzip = n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const failure = gzip ? "corrupt or truncated gzip data" : "read error";
  const stream = gzip ? handle.readable.pipeThrough(new DecompressionStream("gzip")) : handle.readable;
  return {
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      try {
        while (true) {
          let result: ReadableStreamReadResult<Uint8Array>;
          try {
            result = await reader.read();
          } catch (err) {
            throw new TarballError(`${file}: ${failure} (${(err as Error).message})`);
          }
          if (result.done) return;
          yield result.value;
        }
      } finally {
        // also closes the file when the caller stops early
        await reader.cancel().catch(() => {});
      }
    },
  };
}

/** Header fields that a pax or GNU long-name entry sets for the entry after it. */
interface Pending {
  path?: string;
  linkTarget?: string;
  size?: number;
}

class TarParser {
  ended = false;
  #file: string;
  #select: (entry: TarEntry) => boolean;
  #offset = 0;
  #headers = 0;
  #header = new Uint8Array(BLOCK);
  #headerFill = 0;
  #zeroBlocks = 0;
  #pending: Pending = {};
  // the entry whose body is being read
  #entry: TarEntry | null = null;
  #meta: string | null = null;
  #data: Uint8Array | null = null;
  #dataFill = 0;
  #remaining = 0;
  #padding = 0;

  constructor(file: string, select: (entry: TarEntry) => boolean) {
    this.#file = file;
    this.#select = select;
  }

  *push(chunk: Uint8Array): Generator<TarRecord> {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.#entry || this.#meta) {
        const n = Math.min(this.#remaining, chunk.length - at);
        if (this.#data) this.#data.set(chunk.subarray(at, at + n), this.#dataFill);
        this.#dataFill += n;
        this.#remaining -= n;
        at += n;
        this.#offset += n;
        if (this.#remaining === 0) {
          const done = this.#endBody();
          if (done) yield done;
        }
      } else if (this.#padding > 0) {
        const n = Math.min(this.#padding, chunk.length - at);
        this.#padding -= n;
        at += n;
        this.#offset += n;
      } else {
        const n = Math.min(BLOCK - this.#headerFill, chunk.length - at);
        this.#header.set(chunk.subarray(at, at + n), this.#headerFill);
        this.#headerFill += n;
        at += n;
        this.#offset += n;
        if (this.#headerFill === BLOCK) {
          this.#headerFill = 0;
          const done = this.#startEntry();
          if (done) yield done;
        }
      }
    }
  }

  finish() {
    if (this.ended) return;
    if (this.#entry || this.#meta) {
      throw new TarballError(
        `${this.#file}: truncated archive (ends inside entry "${this.#entry?.path ?? this.#meta}")`,
      );
    }
    if (this.#headers === 0) throw new TarballError(`${this.#file}: not a tar archive (no header)`);
    if (this.#headerFill > 0) {
      throw new TarballError(`${this.#file}: truncated archive (ends inside a header)`);
    }
  }

  /** Parses the header block; returns the entry when it has no body. */
  #startEntry(): TarRecord | null {
    const h = this.#header;
    if (h.every((b) => b === 0)) {
      // two zero blocks end the archive; trailing bytes (gzip padding) are ignored
      if (++this.#zeroBlocks === 2) this.ended = true;
      return null;
    }
    if (this.#zeroBlocks > 0) this.#zeroBlocks = 0;
    const at = this.#offset - BLOCK;
    if (!checksumOk(h)) {
      throw new TarballError(
        at === 0
          ? `${this.#file}: not a tar archive (bad header checksum)`
          : `${this.#file}: corrupt tar header (bad checksum) near byte ${at} of the archive`,
      );
    }
    this.#headers++;
    const type = String.fromCharCode(h[156]);
    const meta = type === "x" || type === "g" || type === "L" || type === "K";
    // POSIX: symlinks, devices, directories and FIFOs store no data, whatever their size field says
    const size = NO_DATA.includes(type)
      ? 0
      : (meta ? undefined : this.#pending.size) ?? readNumber(h, 124, 12);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new TarballError(`${this.#file}: corrupt tar header (bad size) near byte ${at} of the archive`);
    }
    if (meta) {
      if (size > MAX_META_BYTES) {
        throw new TarballError(`${this.#file}: ${size}-byte extended header near byte ${at}; not trusted`);
      }
      this.#meta = type;
      return this.#beginBody(size, new Uint8Array(size));
    }
    const ustar = text(h, 257, 6) === "ustar";
    const prefix = ustar ? text(h, 345, 155) : "";
    const name = text(h, 0, 100);
    const path = this.#pending.path ?? (prefix ? `${prefix}/${name}` : name);
    const linkTarget = this.#pending.linkTarget ?? text(h, 157, 100);
    this.#pending = {};
    const kind = entryKind(type, path);
    const entry: TarEntry = { path, kind, size: kind === "file" ? size : 0, linkTarget };
    // a hard link may carry data (pax allows it); it is skipped all the same
    const wanted = this.#select(entry);
    if (size === 0) return wanted && kind === "file" ? { ...entry, data: new Uint8Array(0) } : entry;
    this.#entry = entry;
    return this.#beginBody(size, wanted && kind === "file" ? new Uint8Array(size) : null);
  }

  #beginBody(size: number, data: Uint8Array | null): TarRecord | null {
    this.#remaining = size;
    this.#padding = (BLOCK - size % BLOCK) % BLOCK;
    this.#data = data;
    this.#dataFill = 0;
    if (size === 0) return this.#endBody();
    return null;
  }

  /** The body is complete: returns the entry, or applies a meta entry to the next one. */
  #endBody(): TarRecord | null {
    const data = this.#data;
    this.#data = null;
    if (this.#meta) {
      const type = this.#meta;
      this.#meta = null;
      if (type === "x") Object.assign(this.#pending, paxRecords(data!, this.#file));
      else if (type === "L") this.#pending.path = cString(data!);
      else if (type === "K") this.#pending.linkTarget = cString(data!);
      return null;
    }
    const entry = this.#entry!;
    this.#entry = null;
    return data ? { ...entry, data } : entry;
  }
}

function entryKind(type: string, path: string): TarEntryKind {
  switch (type) {
    case "0":
    case "\0":
    case "7":
      // pre-POSIX archives mark directories only by the trailing slash
      return path.endsWith("/") ? "directory" : "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "5":
      return "directory";
    default:
      return "other";
  }
}

function checksumOk(h: Uint8Array): boolean {
  const stored = readNumber(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : h[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** An octal field, or GNU's base-256 encoding (high bit of the first byte set) for large values. */
function readNumber(h: Uint8Array, offset: number, length: number): number {
  if (h[offset] & 0x80) {
    let n = h[offset] & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + h[offset + i];
    return n;
  }
  const s = text(h, offset, length).trim();
  return s === "" ? 0 : /^[0-7]+$/.test(s) ? parseInt(s, 8) : NaN;
}

function text(h: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && h[end] !== 0) end++;
  return dec.decode(h.subarray(offset, end));
}

function cString(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return dec.decode(nul === -1 ? data : data.subarray(0, nul));
}

/** `<length> <key>=<value>\n` records; the length counts the whole record. */
function paxRecords(data: Uint8Array, file: string): Pending {
  const out: Pending = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? NaN : Number(dec.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new TarballError(`${file}: corrupt pax extended header`);
    }
    const record = dec.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === "path") out.path = value;
    else if (key === "linkpath") out.linkTarget = value;
    else if (key === "size") out.size = Number(value);
    at += length;
  }
  return out;
}
