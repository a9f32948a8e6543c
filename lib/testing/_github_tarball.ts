/**
 * Repository archives as GitHub's codeload serves them: a gzip'd tar made like `git archive` (a pax global
 * header holding the commit id, then everything under one `<owner>-<repo>-<sha7>/` directory), built from the
 * fixture's files. Paths longer than ustar's 100 bytes use its 155-byte prefix, or a pax `path` record.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { type CodeFile, type FixtureRepo, paddedText } from "./github_fixture.ts";

/** One file to archive. */
export interface TarFile {
  /** `/`-separated path inside the repository. */
  path: string;
  content: string;
}

const enc = new TextEncoder();
const BLOCK = 512;

/**
 * The commit id a fixture repository's `ref` stands for: stable across runs, different per repository and ref.
 *
 * @example
 * ```ts
 * headCommit("pytorch/vision", "main").length; // 40
 * ```
 */
export function headCommit(fullName: string, ref: string): string {
  return createHash("sha1").update(`commit:${fullName}@${ref}`).digest("hex");
}

/**
 * The gzip'd tarball of `files` under `<owner>-<repo>-<sha7>/`, stamped with `mtime` (epoch ms).
 *
 * @example
 * ```ts
 * const gz = repoTarball("acme/app", headCommit("acme/app", "main"), [{ path: "a.py", content: "x" }], 0);
 * ```
 */
export function repoTarball(
  fullName: string,
  commit: string,
  files: TarFile[],
  mtime: number,
): Uint8Array<ArrayBuffer> {
  const top = `${fullName.replace("/", "-")}-${commit.slice(0, 7)}/`;
  const secs = Math.max(0, Math.floor(mtime / 1000));
  const parts: Uint8Array[] = [
    ...paxEntry("pax_global_header", "g", { comment: commit }, secs),
    header({ name: top, size: 0, type: "5", mode: 0o775, mtime: secs }),
  ];
  const dirs = new Set<string>();
  for (const file of [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    const segments = file.path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const dir = `${segments.slice(0, i).join("/")}/`;
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      parts.push(...entry(top + dir, "5", 0o775, new Uint8Array(0), secs));
    }
    parts.push(...entry(top + file.path, "0", 0o664, enc.encode(file.content), secs));
  }
  // the archive ends with two zero blocks
  parts.push(new Uint8Array(2 * BLOCK));
  return new Uint8Array(gzipSync(concat(parts), { level: 6 }));
}

/**
 * The archive GitHub would serve for a fixture repository at `ref`: its files there, plus its
 * {@linkcode CodeFile}s (padded to their size) when `ref` is the default branch; stamped with `pushed_at`.
 *
 * @example
 * ```ts
 * const gz = fixtureTarball(repo, repo.default_branch, codeFilesOfRepo);
 * ```
 */
export function fixtureTarball(repo: FixtureRepo, ref: string, code: CodeFile[]): Uint8Array<ArrayBuffer> {
  const files: TarFile[] = Object.entries(repo.files[ref] ?? {}).map(([path, content]) => ({
    path,
    content,
  }));
  if (ref === repo.default_branch) {
    for (const file of code) files.push({ path: file.path, content: paddedText(file) });
  }
  return repoTarball(repo.full_name, headCommit(repo.full_name, ref), files, Date.parse(repo.pushed_at));
}

function entry(path: string, type: string, mode: number, data: Uint8Array, mtime: number): Uint8Array[] {
  const split = splitPath(path);
  const head = split
    ? header({ ...split, size: data.length, type, mode, mtime })
    : header({ name: truncate(path, 100), size: data.length, type, mode, mtime });
  const out = split ? [] : paxEntry(`PaxHeaders/${truncate(path, 80)}`, "x", { path }, mtime);
  return [...out, head, ...padded(data)];
}

/** ustar's name/prefix split of a long path, or null when it does not fit. */
function splitPath(path: string): { name: string; prefix: string } | null {
  if (enc.encode(path).length <= 100) return { name: path, prefix: "" };
  const slashes = [...path.matchAll(/\//g)].map((m) => m.index!).filter((i) => i < path.length - 1);
  for (const i of slashes) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (enc.encode(prefix).length <= 155 && enc.encode(name).length <= 100) return { name, prefix };
  }
  return null;
}

function paxEntry(name: string, type: "g" | "x", records: Record<string, string>, mtime: number) {
  let body = "";
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`;
    // a record's length counts its own digits
    let n = enc.encode(rest).length;
    while (String(n).length + enc.encode(rest).length !== n) n = String(n).length + enc.encode(rest).length;
    body += `${n}${rest}`;
  }
  const data = enc.encode(body);
  return [header({ name, size: data.length, type, mode: 0o666, mtime }), ...padded(data)];
}

interface Header {
  name: string;
  prefix?: string;
  size: number;
  type: string;
  mode: number;
  mtime: number;
}

function header(h: Header): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const put = (offset: number, length: number, text: string) => {
    const bytes = enc.encode(text);
    if (bytes.length > length) throw new Error(`tar header field too long (${length}): ${text}`);
    block.set(bytes, offset);
  };
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, "0");
  put(0, 100, h.name);
  put(100, 8, octal(h.mode, 8));
  put(108, 8, octal(0, 8));
  put(116, 8, octal(0, 8));
  put(124, 12, octal(h.size, 12));
  put(136, 12, octal(h.mtime, 12));
  put(148, 8, "        ");
  put(156, 1, h.type);
  put(257, 6, "ustar");
  put(263, 2, "00");
  put(265, 32, "root");
  put(297, 32, "root");
  put(345, 155, h.prefix ?? "");
  const sum = block.reduce((a, b) => a + b, 0);
  put(148, 8, `${octal(sum, 7)}\0 `);
  return block;
}

function padded(data: Uint8Array): Uint8Array[] {
  const rest = data.length % BLOCK;
  return rest === 0 ? [data] : [data, new Uint8Array(BLOCK - rest)];
}

function truncate(text: string, bytes: number): string {
  let out = text;
  while (enc.encode(out).length > bytes) out = out.slice(0, -1);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
