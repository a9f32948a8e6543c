/**
 * A local file server for fetch tests, with scripted misbehaviour per file, and helpers to build catalogs
 * of small generated files.
 */
import { sha256Hex } from "../../lib/store/hash.ts";
import type { CatalogEntry, CatalogGroup } from "../../lib/fetch/catalog.ts";

/** How the server answers one request for a file. */
export type Behaviour =
  | "normal" // honours Range with 206
  | "cut" // announces the whole length, sends half of the body, then drops the connection
  | "ignore-range" // always 200 with the whole body
  | "429" // 429 Too Many Requests with Retry-After: 1
  | "503";

export interface Served {
  /** Content served for a path ("/name"). */
  bytes: Uint8Array;
  /** Behaviour of successive requests; the last one repeats. @default ["normal"] */
  script?: Behaviour[];
}

export interface Request {
  path: string;
  range: string | null;
  status: number;
}

export interface TestServer {
  url: string;
  requests: Request[];
  close(): Promise<void>;
}

function slice(
  bytes: Uint8Array,
  range: string | null,
): { status: number; body: Uint8Array; headers: Headers } {
  const headers = new Headers({ "content-type": "application/octet-stream" });
  const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
  if (!m) return { status: 200, body: bytes, headers };
  const start = Number(m[1]);
  if (start >= bytes.length) {
    headers.set("content-range", `bytes */${bytes.length}`);
    return { status: 416, body: new Uint8Array(), headers };
  }
  headers.set("content-range", `bytes ${start}-${bytes.length - 1}/${bytes.length}`);
  return { status: 206, body: bytes.subarray(start), headers };
}

const enc = new TextEncoder();

function respond(
  file: Served | undefined,
  behaviour: Behaviour,
  range: string | null,
): { status: number; body: Uint8Array; headers: Headers } {
  if (!file) return { status: 404, body: enc.encode("not found"), headers: new Headers() };
  if (behaviour === "429") {
    return { status: 429, body: enc.encode("slow down"), headers: new Headers({ "retry-after": "1" }) };
  }
  if (behaviour === "503") return { status: 503, body: enc.encode("unavailable"), headers: new Headers() };
  return slice(file.bytes, behaviour === "ignore-range" ? null : range);
}
const REASONS: Record<number, string> = {
  200: "OK",
  206: "Partial Content",
  404: "Not Found",
  416: "Range Not Satisfiable",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

async function readHead(conn: Deno.Conn): Promise<string> {
  const buf = new Uint8Array(8192);
  let head = "";
  while (!head.includes("\r\n\r\n")) {
    const n = await conn.read(buf);
    if (n === null) break;
    head += new TextDecoder().decode(buf.subarray(0, n));
  }
  return head;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length;) off += await conn.write(bytes.subarray(off));
}

/**
 * Serves `files` on 127.0.0.1 on a free port, recording every request. Plain TCP, one request per connection,
 * so that a response can be cut off mid-body exactly like a dropped connection.
 */
export function serve(files: Record<string, Served>): TestServer {
  const requests: Request[] = [];
  const seen = new Map<string, number>();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });

  const answer = async (conn: Deno.Conn) => {
    const head = await readHead(conn);
    const path = head.split(" ")[1] ?? "/";
    const range = /^range: *(.+?)\r$/im.exec(head)?.[1] ?? null;
    const file = files[path];
    const n = seen.get(path) ?? 0;
    seen.set(path, n + 1);
    const script = file?.script ?? ["normal"];
    const behaviour = script[Math.min(n, script.length - 1)];
    const { status, body, headers } = respond(file, behaviour, range);
    requests.push({ path, range, status });
    headers.set("content-length", String(body.length));
    headers.set("connection", "close");
    const lines = [`HTTP/1.1 ${status} ${REASONS[status]}`, ...[...headers].map(([k, v]) => `${k}: ${v}`)];
    await writeAll(conn, enc.encode(lines.join("\r\n") + "\r\n\r\n"));
    // "cut": announce the full length but deliver half, then drop the connection
    await writeAll(conn, behaviour === "cut" ? body.subarray(0, Math.floor(body.length / 2)) : body);
  };

  const loop = (async () => {
    for await (const conn of listener) {
      answer(conn).catch(() => {}).finally(() => conn.close());
    }
  })();
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    requests,
    close: async () => {
      listener.close();
      await loop.catch(() => {});
    },
  };
}

/** `n` pseudo-random bytes, different for each seed. */
export function bytesOf(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A one-group catalog whose entries live under `dir/` and are served from `baseUrl/<name>`. */
export function groupOf(
  baseUrl: string,
  files: Record<string, Uint8Array>,
  opts: { name?: string; dir?: string; pin?: Record<string, Uint8Array> } = {},
): CatalogGroup[] {
  const name = opts.name ?? "test";
  const dir = opts.dir ?? "src";
  const entries = Object.entries(files).map(([file, bytes]): CatalogEntry => {
    const pinned = opts.pin?.[file] ?? bytes;
    return {
      group: name,
      path: `${dir}/${file}`,
      url: `${baseUrl}/${file}`,
      sha256: sha256Hex(pinned),
      bytes: pinned.length,
    };
  });
  return [{ name, description: "generated test files", repo: "test/test", commit: "0".repeat(40), entries }];
}

/** Relative paths of every file under `dir`, sorted. */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory) out.push(...await listFiles(`${dir}/${e.name}`, rel));
      else out.push(rel);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort();
}
