/**
 * Runs the numbered notebooks headlessly with the Deno kernel, through `execute.py` (nbclient), and keeps
 * their executed copies. A cell that raises, times out or shows no output stops the run with a
 * {@linkcode NotebookError} naming the notebook and the cell.
 *
 * @module
 */
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDenoKernel } from "./kernel.ts";
import { PYTHON } from "./python.ts";

const EXECUTOR = fileURLToPath(new URL("./execute.py", import.meta.url));
const NUMBERED = /^(\d+)_.+\.ipynb$/;

/** What one successful notebook execution reports. */
export interface NotebookRun {
  /** The notebook as given. */
  notebook: string;
  /** Where the executed copy was written. */
  out: string;
  /** Code cells executed. */
  codeCells: number;
  /** Wall time of the execution, kernel start included. */
  seconds: number;
  /** Seconds until the kernel answered. */
  kernelStartSeconds: number;
  /** Outputs the kernel published after their cell's `status: idle`, kept by the executor. */
  lateOutputs: number;
}

/** Why a notebook failed: `error` (a cell raised), `no-output`, `timeout`, `dead-kernel` or `setup`. */
export type NotebookFailureKind = "error" | "no-output" | "timeout" | "dead-kernel" | "setup";

/** A notebook that did not run to the end, with the cell that stopped it. */
export class NotebookError extends Error {
  /** The notebook path. */
  readonly notebook: string;
  /** What went wrong. */
  readonly kind: NotebookFailureKind;
  /** 1-based position of the cell in the notebook, when a cell is to blame. */
  readonly cell?: number;
  /** First non-blank line of that cell's source. */
  readonly firstLine?: string;
  /** Error name, e.g. `TypeError` or `NoOutput`. */
  readonly ename: string;
  /** Error message. */
  readonly evalue: string;
  /** What to do about it. */
  readonly hint: string;
  /** The kernel's traceback, or the executor's stderr when it crashed. */
  readonly details: string;

  constructor(report: FailureReport, details = "") {
    const where = report.cell ? `cell ${report.cell} (${JSON.stringify(report.firstLine ?? "")})` : "setup";
    super(`notebook ${report.notebook}, ${where}: ${report.ename}: ${report.evalue}\n  hint: ${report.hint}`);
    this.name = "NotebookError";
    this.notebook = report.notebook;
    this.kind = report.kind;
    this.cell = report.cell ?? undefined;
    this.firstLine = report.firstLine ?? undefined;
    this.ename = report.ename;
    this.evalue = report.evalue;
    this.hint = report.hint;
    this.details = report.traceback || details;
  }
}

interface FailureReport {
  ok: false;
  notebook: string;
  kind: NotebookFailureKind;
  cell?: number | null;
  firstLine?: string | null;
  ename: string;
  evalue: string;
  hint: string;
  traceback?: string;
}

type Report = (NotebookRun & { ok: true }) | FailureReport;

/** Options of {@linkcode runNotebook}. */
export interface RunNotebookOptions {
  /** Where to write the executed copy (atomically; not written when the notebook fails). */
  outPath: string;
  /** Seconds a single cell may run (rounded up to whole seconds). @default 600 */
  timeoutSeconds?: number;
  /** Seconds to keep reading late output after the last cell (see execute.py). @default 0.5 */
  graceSeconds?: number;
  /** Extra environment for the kernel (it inherits this process's environment too). */
  env?: Record<string, string>;
}

/**
 * Executes one notebook in its own folder with the project's Deno kernel and writes the executed copy.
 *
 * @throws {NotebookError} when a cell raises, times out or shows no output, or the kernel does not start
 * @example
 * ```ts
 * const run = await runNotebook("notebooks/01_growth.ipynb", { outPath: "reports/notebooks/01_growth.ipynb" });
 * console.log(run.codeCells, run.seconds);
 * ```
 */
export async function runNotebook(path: string, opts: RunNotebookOptions): Promise<NotebookRun> {
  const jupyterPath = await ensureDenoKernel();
  const inherited = Deno.env.get("JUPYTER_PATH");
  const args = [EXECUTOR, path, opts.outPath, "--timeout", String(Math.ceil(opts.timeoutSeconds ?? 600))];
  args.push("--grace", String(opts.graceSeconds ?? 0.5));
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(PYTHON, {
      args,
      env: {
        ...opts.env,
        JUPYTER_PATH: inherited ? `${jupyterPath}:${inherited}` : jupyterPath,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (err) {
    throw new NotebookError({
      ok: false,
      notebook: path,
      kind: "setup",
      ename: (err as Error).name,
      evalue: `cannot start ${PYTHON}: ${(err as Error).message}`,
      hint: "install Debian's Jupyter: bash scripts/setup_jupyter.sh",
    });
  }
  const stderr = new TextDecoder().decode(output.stderr);
  const report = parseReport(new TextDecoder().decode(output.stdout));
  if (!report) {
    throw new NotebookError({
      ok: false,
      notebook: path,
      kind: "setup",
      ename: "ExecutorCrashed",
      evalue: `execute.py exited with code ${output.code} without a report`,
      hint: "read the executor's stderr in .details; check `/usr/bin/python3 -c 'import nbclient'`",
    }, stderr.slice(-4000));
  }
  if (!report.ok) throw new NotebookError(report, stderr.slice(-4000));
  const { notebook, out, codeCells, seconds, kernelStartSeconds, lateOutputs } = report;
  return { notebook, out, codeCells, seconds, kernelStartSeconds, lateOutputs };
}

function parseReport(stdout: string): Report | null {
  const last = stdout.trim().split("\n").at(-1);
  if (!last) return null;
  try {
    return JSON.parse(last) as Report;
  } catch {
    return null;
  }
}

/** Progress of {@linkcode runNotebooks}: one event before and one after each notebook. */
export type NotebookProgress =
  | { kind: "start"; notebook: string; index: number; total: number }
  | { kind: "done"; run: NotebookRun; index: number; total: number }
  | { kind: "failed"; error: NotebookError; index: number; total: number };

/** Options of {@linkcode runNotebooks}. */
export interface RunNotebooksOptions extends Omit<RunNotebookOptions, "outPath"> {
  /** Folder for the executed copies, e.g. `reports/notebooks`. */
  outDir: string;
  /** Run only these notebooks: file names, names without `.ipynb`, or numeric prefixes (`"03"`). */
  only?: string[];
  /** Called before and after each notebook. @default status lines on stderr */
  onProgress?: (event: NotebookProgress) => void;
}

/**
 * The `NN_*.ipynb` file names of `dir`, in numeric order of their prefix (`2_…` before `10_…`).
 *
 * @example
 * ```ts
 * await listNotebooks("notebooks"); // ["01_growth.ipynb", "02_licenses.ipynb", ...]
 * ```
 */
export async function listNotebooks(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && NUMBERED.test(entry.name)) names.push(entry.name);
  }
  const prefix = (name: string) => Number(NUMBERED.exec(name)![1]);
  return names.sort((a, b) => prefix(a) - prefix(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function selects(name: string, wanted: string): boolean {
  return name === wanted || name === `${wanted}.ipynb` || NUMBERED.exec(name)![1] === wanted;
}

function printStatus(event: NotebookProgress): void {
  const n = `[${event.index + 1}/${event.total}]`;
  if (event.kind === "start") return;
  if (event.kind === "done") {
    const { run } = event;
    const late = run.lateOutputs ? `, ${run.lateOutputs} late output(s) kept` : "";
    console.error(
      `${n} ok    ${basename(run.notebook)}  ${run.codeCells} cells  ${run.seconds.toFixed(1)} s` +
        ` (kernel start ${run.kernelStartSeconds.toFixed(1)} s${late})`,
    );
  } else {
    const { error } = event;
    const details = error.details.trim().split("\n").slice(0, 20).map((line) => `    ${line}`).join("\n");
    console.error(`${n} FAIL  ${basename(error.notebook)}\n${error.message}${details ? `\n${details}` : ""}`);
  }
}

/**
 * Executes every `NN_*.ipynb` of `dir` in numeric order, writing executed copies into `outDir`, and stops at
 * the first failure.
 *
 * @throws {NotebookError} for the first notebook that fails; the ones after it are not run
 * @example
 * ```ts
 * const runs = await runNotebooks("notebooks", { outDir: "reports/notebooks", only: ["01", "03"] });
 * console.log(runs.map((r) => `${r.notebook}: ${r.seconds} s`));
 * ```
 */
export async function runNotebooks(dir: string, opts: RunNotebooksOptions): Promise<NotebookRun[]> {
  const { outDir, only, onProgress = printStatus, ...runOpts } = opts;
  let names = await listNotebooks(dir);
  if (only) {
    const unknown = only.filter((w) => !names.some((name) => selects(name, w)));
    if (unknown.length) {
      throw new Error(
        `no notebook in ${dir} matches ${unknown.join(", ")}; available: ${names.join(", ") || "none"}`,
      );
    }
    names = names.filter((name) => only.some((w) => selects(name, w)));
  }
  const runs: NotebookRun[] = [];
  for (const [index, name] of names.entries()) {
    const total = names.length;
    const notebook = join(dir, name);
    onProgress({ kind: "start", notebook, index, total });
    try {
      runs.push(await runNotebook(notebook, { ...runOpts, outPath: join(outDir, name) }));
    } catch (err) {
      if (err instanceof NotebookError) onProgress({ kind: "failed", error: err, index, total });
      throw err;
    }
    onProgress({ kind: "done", run: runs.at(-1)!, index, total });
  }
  return runs;
}
