/**
 * The Python that runs the notebook executor: Debian's, because it has nbclient (the `python3` first on PATH
 * may be a pyenv build without Debian's modules).
 *
 * @module
 */

/** Interpreter used by the notebook runner. */
export const PYTHON = "/usr/bin/python3";

/**
 * Tells whether {@linkcode PYTHON} can import nbclient, jupyter_client and nbformat.
 *
 * @example
 * ```ts
 * if (!(await jupyterAvailable())) console.warn("install: bash scripts/setup_jupyter.sh");
 * ```
 */
export async function jupyterAvailable(python: string = PYTHON): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(python, {
      args: ["-c", "import nbclient, jupyter_client, nbformat"],
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}
