/**
 * What every ptmscope command shares: `--help`, and errors printed as one clear line instead of a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how a command was called; printed with the usage text. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Runs a command's `main`, printing `usage` on `--help` or a usage error, and `error: <message>` (exit 1) on
 * any other failure. Set `PTMSCOPE_DEBUG=1` to see stack traces. `args` defaults to the process arguments; a
 * sub-command passes the arguments after its name.
 */
export async function runCommand(
  usage: string,
  main: (args: string[]) => Promise<void> | void,
  args: string[] = Deno.args,
): Promise<void> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage.trim());
    return;
  }
  try {
    await main(args);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${usage.trim()}`);
      Deno.exit(2);
    }
    if (Deno.env.get("PTMSCOPE_DEBUG")) console.error(err);
    else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    Deno.exit(1);
  }
}

/** `node:util` parseArgs that reports unknown flags and missing values as {@linkcode UsageError}s. */
export function parseFlags<T extends ParseArgsConfig["options"]>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
