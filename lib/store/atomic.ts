/**
 * Writes that never leave a half-written file or directory behind: write beside the target, then rename.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

function sibling(path: string, kind: string): string {
  const rand = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return join(dirname(path), `.${basename(path)}.${kind}-${Deno.pid}-${rand}`);
}

/**
 * Writes `data` to `path` atomically: readers see the old content or the new one, never a mix. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly: renaming
 * over it would replace the device for every process on the machine.
 *
 * @example
 * ```ts
 * await atomicWriteFile("data/x/manifest.json", JSON.stringify({ ok: true }));
 * ```
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const existing = await Deno.stat(path).catch(() => null);
  if (existing && !existing.isFile && !existing.isDirectory) {
    if (typeof data === "string") await Deno.writeTextFile(path, data);
    else await Deno.writeFile(path, data);
    return;
  }
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = sibling(path, "tmp");
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/**
 * Builds a directory with `fill` in a temporary sibling and moves it to `dir` only when `fill` succeeded.
 * The previous `dir`, if any, stays intact until the new one is complete.
 *
 * @example
 * ```ts
 * await replaceDirectory("data/hf", async (tmp) => await Deno.writeTextFile(`${tmp}/a.txt`, "a"));
 * ```
 */
export async function replaceDirectory(dir: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  await Deno.mkdir(dirname(dir), { recursive: true });
  const tmp = sibling(dir, "tmp");
  await Deno.mkdir(tmp);
  try {
    await fill(tmp);
  } catch (err) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw err;
  }
  const old = sibling(dir, "old");
  let moved = false;
  try {
    await Deno.rename(dir, old);
    moved = true;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      throw err;
    }
  }
  try {
    await Deno.rename(tmp, dir);
  } catch (err) {
    if (moved) await Deno.rename(old, dir);
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw err;
  }
  if (moved) await Deno.remove(old, { recursive: true });
}
