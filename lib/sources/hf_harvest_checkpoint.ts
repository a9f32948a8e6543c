/**
 * The on-disk progress of a harvest, under `<out>/.harvest-<date>/`, so that a harvest killed at any moment
 * resumes where it stopped: the listing's pages as received (`pages/000001.json`, ...), the cursor of the next
 * page and the snapshot tier's results (`tier/000001.json`, ...), each written atomically, the state last.
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";

/** What a harvest is doing; resuming requires the same settings. */
export interface HarvestSettings {
  /** Hub URL without credentials. */
  hub: string;
  mode: "full" | "incremental";
  /** Name of the snapshot the harvest builds on, if any. */
  base: string | null;
  /** Incremental listing stops at the first model modified before this ISO time. */
  since: string | null;
  listOnly: boolean;
  minDownloads: number;
}

/** Progress of the listing. */
export interface ListProgress {
  /** Pages stored so far. */
  pages: number;
  /** URL of the next page to fetch; null before the first page and after the last. */
  next: string | null;
  done: boolean;
}

interface State {
  format: "ptmscope-harvest-checkpoint";
  version: 1;
  date: string;
  settings: HarvestSettings;
  list: ListProgress;
}

/** A settings mismatch between a checkpoint and the harvest asked for. */
export class CheckpointError extends Error {
  override name = "CheckpointError";
}

const pad = (n: number) => String(n).padStart(6, "0");

/**
 * The checkpoint of one harvest date.
 *
 * @example
 * ```ts
 * const ckpt = await HarvestCheckpoint.open("data/hf", "2024-07-11", settings);
 * if (!ckpt.list.done) await ckpt.savePage(pageText, { pages: 1, next: nextUrl, done: false });
 * ```
 */
export class HarvestCheckpoint {
  readonly dir: string;
  #state: State;
  #tierBatches: number;

  private constructor(dir: string, state: State, tierBatches: number) {
    this.dir = dir;
    this.#state = state;
    this.#tierBatches = tierBatches;
  }

  /**
   * Opens the checkpoint of `date` under `out`, or starts an empty one. Throws {@linkcode CheckpointError} when
   * an interrupted harvest with other settings is waiting there.
   */
  static async open(out: string, date: string, settings: HarvestSettings): Promise<HarvestCheckpoint> {
    const dir = join(out, `.harvest-${date}`);
    let state: State | null = null;
    try {
      state = JSON.parse(await Deno.readTextFile(join(dir, "state.json")));
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) {
        throw new CheckpointError(`${dir}/state.json: unreadable (${(err as Error).message}); delete ${dir}`);
      }
    }
    if (state) {
      const differs = (Object.keys(settings) as (keyof HarvestSettings)[])
        .filter((k) => state!.settings[k] !== settings[k])
        .map((k) => `${k} ${JSON.stringify(state!.settings[k])} there, ${JSON.stringify(settings[k])} now`);
      if (differs.length > 0) {
        throw new CheckpointError(
          `${dir}: an interrupted harvest with other settings is waiting (${
            differs.join("; ")
          }); re-run it ` +
            `with the same options to finish it, or delete ${dir} to start over`,
        );
      }
      await removeStaleTemporaries(dir);
      return new HarvestCheckpoint(dir, state, countFiles(join(dir, "tier")));
    }
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    const fresh: State = {
      format: "ptmscope-harvest-checkpoint",
      version: 1,
      date,
      settings,
      list: { pages: 0, next: null, done: false },
    };
    const ckpt = new HarvestCheckpoint(dir, fresh, 0);
    await ckpt.#save();
    return ckpt;
  }

  /** Whether this checkpoint continues an interrupted harvest. */
  get resumed(): boolean {
    return this.#state.list.pages > 0 || this.#tierBatches > 0;
  }

  /** Progress of the listing. */
  get list(): ListProgress {
    return this.#state.list;
  }

  /** Stores the next page (the JSON text of its records), then the listing progress that includes it. */
  async savePage(text: string, list: ListProgress): Promise<void> {
    await atomicWriteFile(this.pageFile(list.pages), text);
    this.#state.list = list;
    await this.#save();
  }

  /** The file of stored page `n` (1-based): a JSON array of raw `/api/models` records. */
  pageFile(n: number): string {
    return join(this.dir, "pages", `${pad(n)}.json`);
  }

  /** Stores one batch of snapshot-tier results. */
  async saveTierBatch(results: unknown[]): Promise<void> {
    await atomicWriteFile(
      join(this.dir, "tier", `${pad(this.#tierBatches + 1)}.json`),
      JSON.stringify(results),
    );
    this.#tierBatches++;
  }

  /** Every snapshot-tier result stored so far. */
  async readTierResults<T>(): Promise<T[]> {
    const out: T[] = [];
    for (let n = 1; n <= this.#tierBatches; n++) {
      out.push(...JSON.parse(await Deno.readTextFile(join(this.dir, "tier", `${pad(n)}.json`))));
    }
    return out;
  }

  /** Deletes the checkpoint, once its harvest is written. */
  async remove(): Promise<void> {
    await Deno.remove(this.dir, { recursive: true });
  }

  #save(): Promise<void> {
    return atomicWriteFile(join(this.dir, "state.json"), JSON.stringify(this.#state, null, 1) + "\n");
  }
}

// Batch files are numbered from 1 without gaps (each is renamed into place whole), so counting gives the last.
function countFiles(dir: string): number {
  try {
    return [...Deno.readDirSync(dir)].filter((e) => /^\d{6}\.json$/.test(e.name)).length;
  } catch {
    return 0;
  }
}

// atomicWriteFile's temporaries (".<name>.tmp-<pid>-<rand>") left by a killed run
async function removeStaleTemporaries(dir: string): Promise<void> {
  for (const sub of [dir, join(dir, "pages"), join(dir, "tier")]) {
    try {
      for (const e of Deno.readDirSync(sub)) {
        if (e.name.startsWith(".") && e.name.includes(".tmp-")) await Deno.remove(join(sub, e.name));
      }
    } catch {
      // a directory not created yet
    }
  }
}
