/**
 * `deno task harvest pytorch --out <dir>`: the PyTorch Hub models listed in the `pytorch/hub` repository, their
 * repositories and `hubconf.py` entrypoints, as a dated canonical dataset.
 *
 * @module
 */
import { harvestPytorchHub } from "../lib/sources/pytorch_hub.ts";
import { formatDuration } from "../lib/cli/progress.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage: deno task harvest pytorch --out <dir> [--github-url <url>] [--repo <owner/name>] [--ref <ref>]
                                 [--concurrency <n>] [--max-wait <seconds>]

Reads the model pages at the root of the PyTorch Hub repository through the GitHub REST API, as PeaTMOSS did:
each page's front matter (tags, category, accelerator, github-id), the torch.hub.load(repo, model) calls of its
Python snippets (one model per distinct repository and entrypoint, commented-out calls and string variables
included), the hubconf.py of each model repository at the ref the calls name, and each repository's stars,
forks, license and dates. Writes the models, repos and metadata tables to <dir>/<YYYY-MM-DD>/ (a canonical
dataset, source kind pytorch-hub).

Options:
  --out <dir>            collection directory (required); the dataset goes to <dir>/<YYYY-MM-DD>/, GitHub's
                         answers are cached with their ETags in <dir>/.harvest-cache/ so a re-run sends
                         conditional requests, and unchanged answers (304) cost no rate limit
  --github-url <url>     GitHub REST API root (default https://api.github.com; a replay server in tests)
  --repo <owner/name>    repository holding the hub pages (default pytorch/hub)
  --ref <ref>            its branch, tag or commit (default master)
  --concurrency <n>      requests in flight at once (default 4)
  --max-wait <seconds>   longest wait for a rate limit to reset before giving up (default 3600)

Environment:
  GITHUB_TOKEN           a GitHub token: 5,000 requests/hour instead of 60 without one (a full harvest needs
                         about 200). It is sent as a header only, never printed or written to disk.

Pages without front matter or without any torch.hub.load call, calls whose arguments are not strings, and
model repositories that no longer exist are skipped and listed at the end (and in the manifest notes).
`;

/** Runs the command with `args` (the arguments after `harvest pytorch`). */
export function main(args: string[]): Promise<void> {
  return runCommand(USAGE, run, args);
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    out: { type: "string" },
    "github-url": { type: "string" },
    repo: { type: "string", default: "pytorch/hub" },
    ref: { type: "string", default: "master" },
    concurrency: { type: "string", default: "4" },
    "max-wait": { type: "string", default: "3600" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.out) throw new UsageError("--out <dir> is required");
  if (!/^[^/\s]+\/[^/\s]+$/.test(values.repo)) {
    throw new UsageError(`--repo must be owner/name, got ${values.repo}`);
  }
  const concurrency = positiveInteger(values.concurrency, "--concurrency");
  const maxWait = positiveInteger(values["max-wait"], "--max-wait");
  const token = Deno.env.get("GITHUB_TOKEN") || undefined;
  if (!token) console.error("note: GITHUB_TOKEN is not set; GitHub allows 60 requests/hour without it");
  const started = performance.now();
  const report = await harvestPytorchHub({
    out: values.out,
    githubUrl: values["github-url"],
    repo: values.repo,
    ref: values.ref,
    token,
    concurrency,
    maxWaitSeconds: maxWait,
    progress: true,
    log: (line) => console.error(line),
  });
  const rows = Object.entries(report.manifest.tables).map(([t, e]) =>
    `${t} ${e.rows.toLocaleString("en-US")}`
  );
  const s = report.stats;
  console.log(
    `wrote ${report.dir}: ${rows.join(", ")} in ${formatDuration((performance.now() - started) / 1000)}`,
  );
  console.log(
    `GitHub: ${s.requests} requests, ${s.notModified} unchanged (304), ${s.retries} retries, ` +
      `${s.primaryLimited + s.secondaryLimited} rate-limited, ${formatDuration(s.waitedMs / 1000)} waiting`,
  );
  // the notes group skipped items; list each one in full instead
  for (const note of report.manifest.notes) if (!note.startsWith("skipped ")) console.log(`note: ${note}`);
  if (report.skipped.length > 0) console.log(`skipped ${report.skipped.length}:`);
  for (const skip of report.skipped) {
    console.log(`  ${skip.kind} ${skip.name}: ${skip.reason}${skip.detail ? ` (${skip.detail})` : ""}`);
  }
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return n;
}
