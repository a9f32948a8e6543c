/**
 * `deno task fetch`: downloads (or copies from a local mirror) the pinned public files the analyses read.
 *
 * @module
 */
import { catalogGroups } from "../lib/fetch/catalog.ts";
import { cacheDir as defaultCacheDir } from "../lib/paths.ts";
import { fetchGroups } from "../lib/fetch/fetch.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task fetch [--group <name> ...] [--mirror <dir> | --no-mirror] [--cache <dir>] [--list]

Makes the pinned public files present and verified (sha256) in the cache.

  --group <name>  fetch only this group (repeatable; default: all groups, see --list)
  --mirror <dir>  take files from a directory laid out like shared/data instead of the network
                  (default: $PTMSCOPE_MIRROR, else ../shared/data next to the repository if it exists)
  --no-mirror     download from the network even when a mirror is available
  --cache <dir>   where files are kept (default: ${defaultCacheDir()})
  --list          list the groups and exit
`;

function size(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    group: { type: "string", multiple: true, default: [] },
    mirror: { type: "string" },
    "no-mirror": { type: "boolean", default: false },
    cache: { type: "string" },
    list: { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values["no-mirror"] && values.mirror !== undefined) {
    throw new UsageError("--mirror and --no-mirror contradict each other; pass one of them");
  }
  if (values.list) {
    for (const g of catalogGroups()) {
      const bytes = g.entries.reduce((sum, e) => sum + e.bytes, 0);
      console.log(`${g.name}  (${g.entries.length} files, ${size(bytes)})  ${g.description}`);
    }
    return;
  }
  const started = performance.now();
  const report = await fetchGroups(values.group, {
    cacheDir: values.cache,
    mirror: values["no-mirror"] ? null : values.mirror,
    progress: true,
    log: (line) => console.error(line),
  });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${report.files} files in ${report.cacheDir}: ${report.present} already present, ${report.fromMirror} from ` +
      `mirror, ${report.downloaded} downloaded (${size(report.bytes)})` +
      (report.replaced ? `, ${report.replaced} bad cached copies replaced` : "") + ` in ${secs} s`,
  );
}

if (import.meta.main) await runCommand(USAGE, main);
