/**
 * `deno task harvest <source> ...`: collect fresh data from the hubs. Each source lives in its own module,
 * loaded only when asked for.
 *
 * @module
 */
import { runCommand, UsageError } from "./_main.ts";

const SOURCES: Record<string, { module: string; what: string }> = {
  hf: {
    module: "./harvest_hf.ts",
    what: "every Hugging Face model (list + snapshot tier) into dated snapshots",
  },
  pytorch: {
    module: "./harvest_pytorch.ts",
    what: "the PyTorch Hub models listed in the pytorch/hub repository",
  },
  github: {
    module: "./harvest_github.ts",
    what: "the GitHub projects whose code loads pre-trained models (code search, metadata, archives)",
  },
};

const USAGE = `
Usage: deno task harvest <source> [options]   (deno task harvest <source> --help for its options)

Sources:
${Object.entries(SOURCES).map(([name, s]) => `  ${name.padEnd(9)}${s.what}`).join("\n")}
`;

const [source, ...rest] = Deno.args;
if (source && SOURCES[source] && !["--help", "-h"].includes(source)) {
  const { main } = await import(SOURCES[source].module) as { main: (args: string[]) => Promise<void> };
  await main(rest);
} else {
  await runCommand(USAGE, () => {
    throw new UsageError(source ? `unknown source ${source}` : "which source?");
  });
}
