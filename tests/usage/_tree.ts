/**
 * Writing small repositories to a temporary directory, and tarring them, for the scan tests.
 *
 * @module
 */
import { join } from "node:path";
import type { TarFile } from "../../lib/testing/_github_tarball.ts";

/**
 * Runs `fn` with a fresh temporary directory, removed afterwards.
 *
 * @example
 * ```ts
 * await withTemp(async (dir) => await writeTree(dir, [{ path: "a.py", content: "" }]));
 * ```
 */
export async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ptmscope-scan-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Writes `files` under `root`, creating directories.
 *
 * @example
 * ```ts
 * await writeTree("/tmp/x", [{ path: "src/a.py", content: "import os\n" }]);
 * ```
 */
export async function writeTree(root: string, files: readonly TarFile[]): Promise<void> {
  for (const f of files) {
    const path = join(root, f.path);
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, f.content);
  }
}

/**
 * Runs `tar` with `args` in `dir`; throws with tar's message when it fails.
 *
 * @example
 * ```ts
 * await tar("/tmp/x", "-czf", "repo.tgz", "repo");
 * ```
 */
export async function tar(dir: string, ...args: string[]): Promise<void> {
  const out = await new Deno.Command("tar", { args, cwd: dir, stderr: "piped" }).output();
  if (out.code !== 0) throw new Error(`tar ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
}
