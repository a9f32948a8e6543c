/**
 * Time and peak memory of a command, measured from outside so the numbers include everything the command does.
 *
 * @module
 */

/** What {@linkcode measure} observed. */
export interface Measurement {
  seconds: number;
  /** Peak resident set size of the command (and its waited-for children), in MiB. */
  peakMiB: number;
  code: number;
  stdout: string;
  stderr: string;
}

// The kernel records the peak RSS of waited-for children (getrusage RUSAGE_CHILDREN); Deno does not expose it,
// the system Python does.
const WRAPPER = `
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
secs = time.perf_counter() - t
print(f"{secs} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=open(sys.argv[0] + ".out", "w"))
sys.exit(code)
`;

/**
 * Runs `cmd` and reports wall time and peak RSS.
 *
 * @example
 * ```ts
 * const m = await measure([Deno.execPath(), "run", "-A", "cli/summary.ts", "data/hf-2024-07-11"]);
 * console.log(m.seconds, m.peakMiB);
 * ```
 */
export async function measure(cmd: string[], cwd?: string): Promise<Measurement> {
  const dir = await Deno.makeTempDir();
  const script = `${dir}/measure.py`;
  await Deno.writeTextFile(script, WRAPPER);
  try {
    const out = await new Deno.Command("/usr/bin/python3", {
      args: [script, ...cmd],
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const [secs, kib] = (await Deno.readTextFile(`${script}.out`)).trim().split(" ").map(Number);
    const dec = new TextDecoder();
    return {
      seconds: secs,
      peakMiB: kib / 1024,
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
