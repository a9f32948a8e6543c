/**
 * The on-disk progress of a GitHub discovery in `<out>/checkpoint.json`, so that a run killed at any moment
 * (even with SIGKILL) resumes where it stopped and repeats no finished work. The outputs are append-only JSON
 * Lines files; the checkpoint records how many bytes of each belong to finished work, and opening it cuts
 * every file back to that length, dropping lines written after the last checkpoint (or half-written ones).
 * The checkpoint itself is replaced atomically after each step.
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";
import { newSearchState, type SearchState } from "./github_code_search.ts";

/**
 * What a discovery does; resuming requires the same settings. (Queries may be added between runs: each has its
 * own progress, and what new ones find is appended.)
 */
export interface DiscoverySettings {
  /** API root without credentials. */
  github: string;
  /** Most repositories to describe and download; null for all. */
  limit: number | null;
}

/** The append-only outputs, in `out/`. */
export type OutputFile =
  | "matches.jsonl"
  | "repos.jsonl"
  | "issues.jsonl"
  | "tarballs.jsonl"
  | "usages.jsonl"
  | "scans.jsonl";
/** Every {@linkcode OutputFile}. */
export const OUTPUT_FILES: OutputFile[] = [
  "matches.jsonl",
  "repos.jsonl",
  "issues.jsonl",
  "tarballs.jsonl",
  "usages.jsonl",
  "scans.jsonl",
];

/** Progress of one query. */
export interface QueryProgress extends SearchState {
  complete: boolean;
}

interface State {
  format: "ptmscope-github-discovery";
  version: 1;
  settings: DiscoverySettings;
  /** Bytes of each output that belong to finished steps. */
  bytes: Record<OutputFile, number>;
  search: Record<string, QueryProgress>;
  /** Repositories, in order of discovery, whose metadata was fetched / issues counted / archive handled /
   * archive scanned. */
  described: number;
  counted: number;
  downloaded: number;
  scanned: number;
}

/** A settings mismatch between a checkpoint and the run asked for, or an unreadable checkpoint. */
export class DiscoveryCheckpointError extends Error {
  override name = "DiscoveryCheckpointError";
}

/**
 * The checkpoint of a discovery in `out`.
 *
 * @example
 * ```ts
 * const ckpt = await DiscoveryCheckpoint.open("data/gh", settings);
 * await ckpt.append("matches.jsonl", lines);
 * await ckpt.save();
 * ```
 */
export class DiscoveryCheckpoint {
  readonly out: string;
  #state: State;
  #pending = new Map<OutputFile, string[]>();

  private constructor(out: string, state: State) {
    this.out = out;
    this.#state = state;
  }

  /**
   * Opens the checkpoint in `out` (cutting the outputs back to it), or starts afresh. Throws
   * {@linkcode DiscoveryCheckpointError} when a run with other settings left its checkpoint there.
   */
  static async open(out: string, settings: DiscoverySettings): Promise<DiscoveryCheckpoint> {
    const path = join(out, "checkpoint.json");
    let state: State | null = null;
    try {
      state = JSON.parse(await Deno.readTextFile(path));
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) {
        throw new DiscoveryCheckpointError(
          `${path}: unreadable (${
            (err as Error).message
          }); delete it and the outputs beside it to start over`,
        );
      }
    }
    if (state) {
      const was = JSON.stringify(state.settings);
      if (was !== JSON.stringify(settings)) {
        throw new DiscoveryCheckpointError(
          `${path}: a discovery with other settings is recorded there (${was}); re-run it with the same ` +
            `options to finish or extend it, or use another --out`,
        );
      }
    } else {
      state = {
        format: "ptmscope-github-discovery",
        version: 1,
        settings,
        bytes: Object.fromEntries(OUTPUT_FILES.map((f) => [f, 0])) as Record<OutputFile, number>,
        search: {},
        described: 0,
        counted: 0,
        downloaded: 0,
        scanned: 0,
      };
    }
    await Deno.mkdir(out, { recursive: true });
    // a run killed while replacing the checkpoint leaves atomicWriteFile's temporary beside it
    for await (const e of Deno.readDir(out)) {
      if (e.isFile && e.name.startsWith(".checkpoint.json.tmp-")) await Deno.remove(join(out, e.name));
    }
    for (const file of OUTPUT_FILES) {
      const f = await Deno.open(join(out, file), { write: true, create: true });
      try {
        await f.truncate(state.bytes[file]);
      } finally {
        f.close();
      }
    }
    const ckpt = new DiscoveryCheckpoint(out, state);
    await ckpt.save();
    return ckpt;
  }

  /** Whether a previous run had started. */
  get resumed(): boolean {
    return Object.keys(this.#state.search).length > 0;
  }

  /** Progress of `query`, created empty on first use. */
  query(query: string): QueryProgress {
    return this.#state.search[query] ??= { ...newSearchState(), complete: false };
  }

  /** Counters of the repository phases; set them, then {@linkcode save}. */
  get counters(): Pick<State, "described" | "counted" | "downloaded" | "scanned"> {
    return this.#state;
  }

  /** Queues records for `file`; they are written by the next {@linkcode save}. */
  append(file: OutputFile, records: unknown[]): void {
    const lines = this.#pending.get(file) ?? [];
    for (const r of records) lines.push(JSON.stringify(r));
    this.#pending.set(file, lines);
  }

  /** Writes the queued records, then the checkpoint that counts them. */
  async save(): Promise<void> {
    for (const [file, lines] of this.#pending) {
      if (lines.length === 0) continue;
      const data = new TextEncoder().encode(lines.join("\n") + "\n");
      const f = await Deno.open(join(this.out, file), { write: true });
      try {
        await f.seek(this.#state.bytes[file], Deno.SeekMode.Start);
        let written = 0;
        while (written < data.length) written += await f.write(data.subarray(written));
      } finally {
        f.close();
      }
      this.#state.bytes[file] += data.length;
    }
    this.#pending.clear();
    await atomicWriteFile(join(this.out, "checkpoint.json"), JSON.stringify(this.#state, null, 1) + "\n");
  }
}

/**
 * The records of a JSON Lines output.
 *
 * @example
 * ```ts
 * const repos = await readJsonLines<{ repo: string }>("data/gh/repos.jsonl");
 * ```
 */
export async function readJsonLines<T>(path: string): Promise<T[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return text.split("\n").filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new Error(`${path}:${i + 1}: not a JSON record`);
    }
  });
}
