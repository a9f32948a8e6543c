/**
 * A project-local Jupyter kernelspec for the Deno kernel.
 *
 * `deno jupyter --install` writes a kernelspec into the user's Jupyter folder holding the absolute path of
 * the deno that ran it. Another checkout (or another Deno version) can overwrite it, and notebooks would then
 * run on a different deno than the one running ptmscope. So the runner writes its own kernelspec under
 * `node_modules/` (generated, never committed) and puts that folder first in `JUPYTER_PATH`.
 *
 * Permissions: in Deno 2.9.6 `deno jupyter --kernel` runs the kernel with every permission granted and
 * rejects permission flags (`error: unexpected argument '--allow-read'`), so notebooks can use
 * nodejs-polars (ffi, sys, read, env), write under reports/ and data/, and start subprocesses as they are.
 * The runner tests check this in a fixture notebook, so a Deno upgrade that changes it fails loudly.
 *
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT } from "../paths.ts";
import { atomicWriteFile } from "../store/atomic.ts";

/** Name of the kernelspec the notebooks' metadata asks for. */
export const KERNEL_NAME = "deno";

/** Options of {@linkcode ensureDenoKernel}. */
export interface EnsureDenoKernelOptions {
  /** Folder that receives `kernels/deno/kernel.json`. @default "<project>/node_modules/.ptmscope-jupyter" */
  dir?: string;
  /** The deno binary the kernel runs. @default Deno.execPath() */
  deno?: string;
}

// The same kernelspec `deno jupyter --install` writes (checked with 2.9.6), minus the logo files.
function denoKernelSpec(deno: string): Record<string, unknown> {
  return {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
  };
}

/**
 * Writes a kernelspec named `deno` that runs the current deno binary, and returns the folder to put first
 * in `JUPYTER_PATH`. Rewrites the file only when its content differs, atomically, so concurrent runs agree.
 *
 * @returns the data folder holding `kernels/deno/kernel.json`
 * @example
 * ```ts
 * const jupyterPath = await ensureDenoKernel();
 * const env = { JUPYTER_PATH: jupyterPath };
 * ```
 */
export async function ensureDenoKernel(options: EnsureDenoKernelOptions = {}): Promise<string> {
  const dir = options.dir ?? join(REPO_ROOT, "node_modules", ".ptmscope-jupyter");
  const file = join(dir, "kernels", KERNEL_NAME, "kernel.json");
  const text = JSON.stringify(denoKernelSpec(options.deno ?? Deno.execPath()), null, 2) + "\n";
  const current = await Deno.readTextFile(file).catch(() => null);
  if (current !== text) await atomicWriteFile(file, text);
  return dir;
}
