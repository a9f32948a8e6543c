/**
 * `deno task harvest hf ...`: harvest the Hugging Face Hub into dated snapshots (see lib/sources/hf_harvest.ts).
 *
 * @module
 */
import { harvestHf } from "../lib/sources/hf_harvest.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage: deno task harvest hf --out <dataset-dir> [--hub-url <url>] [--list-only] [--min-downloads N] [--full]
                            [--concurrency N] [--date YYYY-MM-DD] [--json]

Lists every Hugging Face model (id, author, createdAt, lastModified, downloads, downloadsAllTime, likes, tags,
pipeline_tag, library_name, sha, license name/link of "other" licenses) and, for models with more than
--min-downloads downloads, snapshots their README.md (table cards), config.json architectures, file list
(table metadata) and first-commit date (models.first_commit_at). No weights are downloaded.

Writes the snapshot <dataset-dir>/<YYYY-MM-DD>/ (earlier snapshots stay readable; commands given
<dataset-dir> read the newest). When <dataset-dir> already holds an earlier snapshot, the harvest is
incremental: it lists models by lastModified, newest first, stops at the first one not modified since that
snapshot, and merges the changes into a copy of it. Deleted models are not seen then, and downloads/likes of
unchanged models stay those of the earlier snapshot: use --full for a complete re-list.

Interrupted (Ctrl-C, crash, kill -9)? Run the same command again (on another day, add --date of the
interrupted run): it resumes from <dataset-dir>/.harvest-<date>/ and ends with the same snapshot as an
uninterrupted run. Do not run two harvests into the same <dataset-dir> at once.

Options:
  --out <dir>          directory of dated snapshots (required)
  --hub-url <url>      hub to harvest (default https://huggingface.co; a replay hub for tests)
  --list-only          skip the snapshot tier
  --min-downloads N    snapshot models with more than N downloads (default 50)
  --full               re-list every model even when an earlier snapshot exists
  --concurrency N      models snapshotted at the same time (default 8)
  --date YYYY-MM-DD    snapshot date (default today, UTC)
  --json               print the report as one JSON object instead of text

Environment:
  HF_TOKEN             a Hugging Face access token (hf_...), sent as "Authorization: Bearer"; raises the
                       hub's rate limits. It is never printed nor written to any file.

Rate limits (429 + Retry-After) are waited out; 5xx, network errors, cut-off responses and HTML error pages
are retried with exponential backoff and jitter, 6 times, before the harvest stops with the failing URL.
`;

function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got ${value}`);
  }
  return n;
}

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    out: { type: "string" },
    "hub-url": { type: "string" },
    "list-only": { type: "boolean", default: false },
    "min-downloads": { type: "string" },
    full: { type: "boolean", default: false },
    concurrency: { type: "string" },
    date: { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.out) throw new UsageError("--out <dataset-dir> is required");
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    throw new UsageError(`--date must be YYYY-MM-DD, got ${values.date}`);
  }
  const token = Deno.env.get("HF_TOKEN") || undefined;
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  for (const waiting of interrupted(values.out, date)) {
    console.error(
      `note: an interrupted harvest of ${waiting} waits in ${values.out}; --date ${waiting} finishes it`,
    );
  }
  const report = await harvestHf({
    out: values.out,
    hubUrl: values["hub-url"],
    listOnly: values["list-only"],
    minDownloads: count(values["min-downloads"], "--min-downloads", 0),
    full: values.full,
    concurrency: count(values.concurrency, "--concurrency", 1),
    date,
    token,
    progress: true,
  });
  if (values.json) {
    console.log(JSON.stringify(report, null, 1));
    return;
  }
  const fmt = (n: number) => n.toLocaleString("en-US");
  console.log(
    `wrote ${report.snapshot}: ${fmt(report.models)} models (${report.mode}${
      report.base ? ` on ${report.base}` : ""
    }${report.resumed ? ", resumed" : ""}) in ${report.seconds.toFixed(1)}s`,
  );
  console.log(
    `listed ${fmt(report.listed)} records: ${fmt(report.added)} new, ${fmt(report.changed)} changed, ` +
      `${fmt(report.carried)} carried over; ${fmt(report.requests)} requests, ${fmt(report.retries)} retries`,
  );
  if (report.tier) {
    console.log(
      `snapshot tier: ${fmt(report.tier.eligible)} models, ${fmt(report.tier.fetched)} fetched, ` +
        `${fmt(report.tier.reused)} reused, ${fmt(report.tier.failed)} failed`,
    );
  }
  const p = report.phases;
  console.log(
    `time: list ${p.list.toFixed(1)}s, table ${p.table.toFixed(1)}s, snapshot tier ${p.tier.toFixed(1)}s, ` +
      `write ${p.write.toFixed(1)}s`,
  );
  for (const note of report.notes) console.log(`note: ${note}`);
}

/** Dates of checkpoints in `out` other than `date`. */
function interrupted(out: string, date: string): string[] {
  try {
    return [...Deno.readDirSync(out)]
      .map((e) => /^\.harvest-(\d{4}-\d{2}-\d{2})$/.exec(e.name)?.[1])
      .filter((d): d is string => d !== undefined && d !== date);
  } catch {
    return [];
  }
}

/** Entry point used by `cli/harvest.ts`. */
export function main(args: string[]): Promise<void> {
  return runCommand(USAGE, run, args);
}

if (import.meta.main) await main(Deno.args);
