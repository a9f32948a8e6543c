/**
 * `deno task harvest github --out <dir>`: the GitHub projects whose Python code loads pre-trained models, found
 * by code search per model-loading signature, with their metadata and default-branch archives.
 *
 * @module
 */
import { formatDuration } from "../lib/cli/progress.ts";
import { discoverGitHubProjects, type SearchSignature } from "../lib/sources/github_discovery.ts";
import { loadSignatures } from "../lib/usage/signatures.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage: deno task harvest github --out <dir> [--github-url <url>] [--query <q>]... [--signature <id>]...
                                [--limit <n>] [--issues] [--no-tarballs] [--scan [--models <dataset-dir>]]
                                [--concurrency <n>] [--max-wait <seconds>]

Searches GitHub's code for each model-loading signature of lib/usage/data/signatures.json (one query each,
e.g. "from_pretrained" "transformers" language:python). A query matching more than the 1,000 results GitHub
returns is split by file size (size:lo..hi) until every part holds at most 1,000. Then reads each repository
found (stars, forks, license SPDX id, creation and last push dates, default branch) and downloads the archive
of its default branch.

Writes to <dir>:
  matches.jsonl          one line per file a signature's search found: signature, library, repo, path, sha
  repos.jsonl            one line per repository: metadata, or status "gone" when it no longer exists
  issues.jsonl           with --issues: per repository, how many issues and pull requests it has had
  tarballs/<owner>/<repo>.tar.gz, tarballs.jsonl (path, bytes, sha256 of each archive)
  usages.jsonl           with --scan: the model-loading calls found in the archives (as deno task usage scan)
  scans.jsonl            with --scan: per archive, files seen and parsed, skips by reason, detections
  checkpoint.json        progress: a run that was interrupted (even killed) resumes where it stopped when
                         run again with the same options

Options:
  --out <dir>            output directory (required)
  --github-url <url>     GitHub REST API root (default https://api.github.com; a replay server in tests)
  --query <q>            search this query instead of the signatures' (repeatable)
  --signature <id>       search only these signatures of the catalogue (repeatable)
  --limit <n>            describe and download only the first n repositories found
  --issues               count each repository's issues and pull requests (two requests per repository)
  --no-tarballs          skip the archives
  --scan                 run the usage detector over each archive
  --models <dataset-dir> with --scan: normalise model ids to the models of a canonical dataset
  --concurrency <n>      requests in flight at once, besides searches which go one at a time (default 4)
  --max-wait <seconds>   longest wait for a rate limit to reset before giving up (default 3600)

Environment:
  GITHUB_TOKEN           required: GitHub's code search refuses anonymous requests. It allows 30 searches a
                         minute and 5,000 other requests an hour; the harvest waits for the limits to reset.
                         The token is sent as a header only, never printed or written to disk.
`;

/** Runs the command with `args` (the arguments after `harvest github`). */
export function main(args: string[]): Promise<void> {
  return runCommand(USAGE, run, args);
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    out: { type: "string" },
    "github-url": { type: "string" },
    query: { type: "string", multiple: true },
    signature: { type: "string", multiple: true },
    limit: { type: "string" },
    "no-tarballs": { type: "boolean", default: false },
    scan: { type: "boolean", default: false },
    issues: { type: "boolean", default: false },
    models: { type: "string" },
    concurrency: { type: "string", default: "4" },
    "max-wait": { type: "string", default: "3600" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.out) throw new UsageError("--out <dir> is required");
  const token = Deno.env.get("GITHUB_TOKEN") || undefined;
  if (!token) throw new UsageError("GITHUB_TOKEN is not set: GitHub's code search needs a token");
  if (values.scan && values["no-tarballs"]) {
    throw new UsageError("--scan needs the archives: drop --no-tarballs");
  }
  if (values.models && !values.scan) throw new UsageError("--models goes with --scan");
  const started = performance.now();
  const report = await discoverGitHubProjects({
    out: values.out,
    signatures: signatures(values.query ?? [], values.signature ?? []),
    githubUrl: values["github-url"],
    token,
    limit: values.limit === undefined ? null : positiveInteger(values.limit, "--limit"),
    issues: values.issues,
    tarballs: !values["no-tarballs"],
    scan: values.scan ? await detector(values.models) : undefined,
    concurrency: positiveInteger(values.concurrency, "--concurrency"),
    maxWaitSeconds: positiveInteger(values["max-wait"], "--max-wait"),
    progress: true,
    log: (line) => console.error(line),
  });
  const n = (x: number) => x.toLocaleString("en-US");
  console.log(
    `${report.resumed ? "resumed and finished" : "finished"} ${values.out} in ` +
      `${formatDuration((performance.now() - started) / 1000)}: ${n(report.queries)} queries in ` +
      `${n(report.shards)} size ranges, ${n(report.files)} files in ${n(report.repos)} repositories, ` +
      `${n(report.described)} described, ${n(report.tarballs)} archives (${n(report.tarballBytes)} bytes)` +
      (values.scan ? `, ${n(report.detections)} model-loading calls` : ""),
  );
  for (const [name, s] of [["search", report.search], ["other API", report.api]] as const) {
    console.log(
      `GitHub ${name}: ${n(s.requests)} requests, ${s.retries} retries, ${s.primaryLimited} primary and ` +
        `${s.secondaryLimited} secondary rate-limit refusals, ${formatDuration(s.waitedMs / 1000)} waiting`,
    );
  }
  if (report.gone.length > 0) console.log(`gone since indexed (skipped): ${report.gone.join(", ")}`);
  for (const q of report.incomplete) console.log(`incomplete after retries: ${q}`);
  if (report.unreachable > 0) {
    console.log(
      `${n(report.unreachable)} files past the 1,000-results cap of single-size ranges were not read`,
    );
  }
}

function signatures(queries: string[], ids: string[]): SearchSignature[] {
  if (queries.length > 0 && ids.length > 0) throw new UsageError("use --query or --signature, not both");
  if (queries.length > 0) {
    return queries.map((q, i) => ({ id: `query-${i + 1}`, library: "query", search: q }));
  }
  const all = loadSignatures();
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown signature ${unknown.join(", ")} (see lib/usage/data/signatures.json)`);
  }
  return ids.length > 0 ? all.filter((s) => ids.includes(s.id)) : all;
}

// the detector brings the parser and polars along: loaded only for --scan
async function detector(modelsDataset: string | undefined) {
  const { createDetector } = await import("../lib/usage/detector.ts");
  const { loadTable } = await import("../lib/store/dataset.ts");
  const models = modelsDataset
    ? (await loadTable(modelsDataset, "models")).select("id", "downloads")
    : undefined;
  return await createDetector({ models });
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return n;
}
