/**
 * GitHub code search past its 1,000-results cap: a query whose `total_count` exceeds 1,000 is split into
 * file-size ranges (`size:lo..hi`), halved until every range holds at most 1,000 files, and each range is
 * read page by page. Results that time out (`incomplete_results`) are asked again a few times, then kept and
 * flagged. The progress of the split lives in a {@linkcode SearchState} the caller stores, so that a search
 * interrupted at any moment resumes without asking again for the ranges already read.
 *
 * @module
 */
import type { Octokit } from "@octokit/rest";

/** Inclusive range of file sizes in bytes. */
export interface SizeRange {
  lo: number;
  hi: number;
}

/** One file code search found. */
export interface CodeHit {
  /** `owner/name` of its repository. */
  repo: string;
  path: string;
  /** Blob id GitHub reports. */
  sha: string;
}

/** A finished range of a search: the hits of all its pages. */
export interface Shard {
  /** `*` for the whole query (it was not split), else `lo..hi`. */
  key: string;
  total: number;
  hits: CodeHit[];
  /** Whether GitHub still reported `incomplete_results` after the retries. */
  incomplete: boolean;
  /** Files beyond the 1,000th of a range that cannot be split further (a single size). */
  unreachable: number;
}

/** The resumable progress of one query. */
export interface SearchState {
  /** `total_count` of each range asked so far, by key. */
  totals: Record<string, number>;
  /** Keys of the ranges whose hits were handed to `onShard`. */
  done: string[];
  /** Keys of the finished ranges GitHub still reported incomplete after the retries. */
  incomplete: string[];
  /** Files past the cap of finished ranges that could not be split. */
  unreachable: number;
}

/** Options of {@linkcode searchCode}. */
export interface SearchCodeOptions {
  /** Progress from an earlier, interrupted run. @default empty */
  state?: SearchState;
  /** Called with each finished range, in order, after its key was added to `state.done`. */
  onShard?: (shard: Shard, state: SearchState) => Promise<void> | void;
  /** Further requests of a page that came back incomplete. @default 2 */
  incompleteRetries?: number;
}

/** What a search found in total, over the runs that shared its state. */
export interface SearchSummary {
  /** `total_count` of the unsplit query. */
  total: number;
  /** Ranges read (1 when no split was needed). */
  shards: number;
  /** Ranges still incomplete after retries. */
  incomplete: string[];
  unreachable: number;
}

/**
 * A fresh search state.
 *
 * @example
 * ```ts
 * const state = newSearchState(); // store it (JSON) after each onShard to resume later
 * ```
 */
export function newSearchState(): SearchState {
  return { totals: {}, done: [], incomplete: [], unreachable: 0 };
}

/** GitHub's code search reaches no further than this many results per query. */
export const SEARCH_CAP = 1000;
/** Files larger than 384 KB are not in GitHub's code search index. */
export const MAX_INDEXED_SIZE = 384 * 1024;
const PER_PAGE = 100;

/**
 * Runs `query` (GitHub search syntax) and hands every hit to `onShard`, splitting by size as needed.
 *
 * @example
 * ```ts
 * const state = newSearchState();
 * const summary = await searchCode(octokit, '"from_pretrained" "transformers" language:python', {
 *   state,
 *   onShard: (shard) => console.log(shard.key, shard.hits.length),
 * });
 * summary.shards; // e.g. 3 when 2,500 files matched
 * ```
 */
export async function searchCode(
  octokit: Octokit,
  query: string,
  options: SearchCodeOptions = {},
): Promise<SearchSummary> {
  const state = options.state ?? newSearchState();
  const retries = options.incompleteRetries ?? 2;

  const page = async (range: SizeRange | null, n: number) => {
    const q = range ? `${query} size:${range.lo}..${range.hi}` : query;
    for (let attempt = 0;; attempt++) {
      const { data } = await octokit.rest.search.code({ q, per_page: PER_PAGE, page: n });
      if (!data.incomplete_results || attempt >= retries) return data;
    }
  };

  // `empty`: known to hold nothing, no need to ask
  const visit = async (range: SizeRange | null, empty = false): Promise<void> => {
    const key = range ? `${range.lo}..${range.hi}` : "*";
    if (state.done.includes(key)) return;
    if (empty) return await finish({ key, total: 0, hits: [], incomplete: false, unreachable: 0 });
    let first: Awaited<ReturnType<typeof page>> | null = null;
    if (state.totals[key] === undefined) {
      first = await page(range, 1);
      state.totals[key] = first.total_count;
    }
    const total = state.totals[key];
    const whole = range ?? { lo: 0, hi: MAX_INDEXED_SIZE };
    if (total > SEARCH_CAP && whole.lo < whole.hi) {
      const mid = Math.floor((whole.lo + whole.hi) / 2);
      const low = { lo: whole.lo, hi: mid };
      await visit(low);
      const lowKey = `${low.lo}..${low.hi}`;
      // when the lower half holds every file the upper one is empty
      const empty = state.totals[lowKey] === total && !state.incomplete.includes(lowKey);
      await visit({ lo: mid + 1, hi: whole.hi }, empty);
      return;
    }
    const hits: CodeHit[] = [];
    let incomplete = false;
    const pages = Math.ceil(Math.min(total, SEARCH_CAP) / PER_PAGE);
    for (let n = 1; n <= Math.max(1, pages); n++) {
      const data = n === 1 && first ? first : await page(range, n);
      incomplete ||= data.incomplete_results;
      for (const item of data.items) {
        hits.push({ repo: item.repository.full_name, path: item.path, sha: item.sha });
      }
    }
    await finish({ key, total, hits, incomplete, unreachable: Math.max(0, total - SEARCH_CAP) });
  };

  const finish = async (shard: Shard) => {
    state.totals[shard.key] ??= shard.total;
    state.done.push(shard.key);
    if (shard.incomplete) state.incomplete.push(shard.key);
    state.unreachable += shard.unreachable;
    await options.onShard?.(shard, state);
  };

  await visit(null);
  return {
    total: state.totals["*"],
    shards: state.done.length,
    incomplete: [...state.incomplete],
    unreachable: state.unreachable,
  };
}
