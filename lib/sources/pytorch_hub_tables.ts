/**
 * Turning what was read from GitHub about PyTorch Hub (pages, repositories, hubconf entrypoints) into the
 * canonical `models`, `repos` and `metadata` tables. Pure: no I/O.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { HubPage } from "./pytorch_hub_markdown.ts";

/** A hub page with the dates of its first and last commit in the hub repository. */
export interface HarvestedPage {
  page: HubPage;
  /** First commit of the page: when its models appeared on PyTorch Hub (ISO time), or null. */
  createdAt: string | null;
  /** Last commit of the page (ISO time), or null. */
  lastModified: string | null;
}

/** A model repository as `GET /repos/{owner}/{repo}` described it. */
export interface HarvestedRepo {
  /** `owner/name` as the hub pages spell it (first spelling met): the key models refer to. */
  repo: string;
  /** `owner/name` as GitHub spells it today (differs after a rename). */
  fullName: string;
  /** `https://github.com/<owner>/<name>` under the current name. */
  url: string;
  stars: number;
  forks: number;
  /** SPDX id of the detected license, or GitHub's key (`other`) when it has none; empty when none detected. */
  licenses: string[];
  createdAt: string | null;
  pushedAt: string | null;
  defaultBranch: string;
}

/** Everything the tables are built from. Map keys are lower-case `owner/name` (GitHub ignores case). */
export interface PytorchHubHarvest {
  /** Pages in the order their models should appear. */
  pages: HarvestedPage[];
  /** Repositories found; models of other repositories are left out. */
  repos: Map<string, HarvestedRepo>;
  /** Entrypoints of `hubconf.py` by `owner/name@ref` (lower-case name); null when the file is missing. */
  hubconfs: Map<string, string[] | null>;
}

/** The `metadata.extractor` of the rows written here. */
export const PYTORCH_HUB_EXTRACTOR = "pytorch-hub";

interface ModelAcc {
  id: string;
  author: string;
  repoKey: string;
  entry: string;
  pages: string[];
  tags: string[];
  refs: Set<string | null>;
  githubId: string | null;
  inCode: boolean;
  created: number | null;
  modified: number | null;
}

/**
 * Builds the tables: one model per distinct (repository, entrypoint) among the resolved `torch.hub.load`
 * calls, commented-out ones included, as PeaTMOSS counted them. A model found on several pages gets the union
 * of their tags, the earliest first commit and the latest last commit. Metadata rows (extractor
 * `pytorch-hub`) record per model: `pages`, `refs`, `commented_out` (only ever loaded in comments),
 * `in_hubconf` (the entrypoint exists in `hubconf.py` at one of the refs; null when that file is missing)
 * and `github_id` (front matter).
 *
 * @example
 * ```ts
 * const { models, repos, metadata } = buildPytorchHubTables({ pages, repos: found, hubconfs });
 * models.getColumn("id").toArray(); // ["pytorch/vision:resnet18", ...]
 * ```
 */
export function buildPytorchHubTables(
  harvest: PytorchHubHarvest,
): { models: pl.DataFrame; repos: pl.DataFrame; metadata: pl.DataFrame } {
  const models = new Map<string, ModelAcc>();
  for (const { page, createdAt, lastModified } of harvest.pages) {
    for (const call of page.calls) {
      if (call.problem !== null || call.repo === null || call.entry === null) continue;
      const repoKey = call.repo.toLowerCase();
      const repo = harvest.repos.get(repoKey);
      if (!repo) continue;
      const key = `${repoKey}:${call.entry}`;
      let m = models.get(key);
      if (!m) {
        m = {
          id: `${repo.repo}:${call.entry}`,
          author: repo.repo.split("/")[0],
          repoKey,
          entry: call.entry,
          pages: [],
          tags: [],
          refs: new Set(),
          githubId: null,
          inCode: false,
          created: null,
          modified: null,
        };
        models.set(key, m);
      }
      if (!m.pages.includes(page.name)) m.pages.push(page.name);
      for (const t of page.tags) if (!m.tags.includes(t)) m.tags.push(t);
      m.refs.add(call.ref);
      m.githubId ??= page.githubId;
      m.inCode ||= !call.commented;
      m.created = extreme(m.created, createdAt, Math.min);
      m.modified = extreme(m.modified, lastModified, Math.max);
    }
  }
  const list = [...models.values()];
  const repoOf = (m: ModelAcc) => harvest.repos.get(m.repoKey)!;
  const time = (xs: (number | null)[], name: string) => pl.Series(name, xs, pl.Float64);
  const modelsTable = pl.DataFrame({
    id: pl.Series("id", list.map((m) => m.id), pl.Utf8),
    hub: pl.Series("hub", list.map(() => "pytorch"), pl.Utf8),
    author: pl.Series("author", list.map((m) => m.author), pl.Utf8),
    created_at: time(list.map((m) => m.created), "created_at"),
    last_modified: time(list.map((m) => m.modified), "last_modified"),
    likes: pl.Series("likes", list.map((m) => repoOf(m).stars), pl.Float64),
    library: pl.Series("library", list.map(() => "pytorch"), pl.Utf8),
    licenses: pl.Series(
      "licenses",
      list.map((m) => repoOf(m).licenses.map((l) => l.toLowerCase())),
      pl.List(pl.Utf8),
    ),
    tags: pl.Series("tags", list.map((m) => m.tags), pl.List(pl.Utf8)),
  }).withColumns(...datetimes("created_at", "last_modified"), pl.col("likes").cast(pl.Int64));

  const repos = [...harvest.repos.values()];
  const reposTable = pl.DataFrame({
    repo: pl.Series("repo", repos.map((r) => r.repo), pl.Utf8),
    url: pl.Series("url", repos.map((r) => r.url), pl.Utf8),
    stars: pl.Series("stars", repos.map((r) => r.stars), pl.Float64),
    forks: pl.Series("forks", repos.map((r) => r.forks), pl.Float64),
    licenses: pl.Series("licenses", repos.map((r) => r.licenses), pl.List(pl.Utf8)),
    created_at: time(repos.map((r) => parseTime(r.createdAt)), "created_at"),
    pushed_at: time(repos.map((r) => parseTime(r.pushedAt)), "pushed_at"),
    default_branch: pl.Series("default_branch", repos.map((r) => r.defaultBranch), pl.Utf8),
  }).withColumns(
    ...datetimes("created_at", "pushed_at"),
    pl.col("stars").cast(pl.Int64),
    pl.col("forks").cast(pl.Int64),
  );

  const meta = { model_id: [] as string[], field: [] as string[], value: [] as string[] };
  const add = (m: ModelAcc, field: string, value: unknown) => {
    meta.model_id.push(m.id);
    meta.field.push(field);
    meta.value.push(JSON.stringify(value));
  };
  for (const m of list) {
    const branch = repoOf(m).defaultBranch;
    const refs = [...m.refs].map((r) => r ?? branch);
    const lists = refs.map((r) => harvest.hubconfs.get(`${m.repoKey}@${r}`) ?? null);
    add(m, "pages", m.pages);
    add(m, "refs", [...new Set(refs)]);
    add(m, "commented_out", !m.inCode);
    add(m, "in_hubconf", lists.every((l) => l === null) ? null : lists.some((l) => l?.includes(m.entry)));
    if (m.githubId !== null) add(m, "github_id", m.githubId);
  }
  const metadata = pl.DataFrame({
    model_id: pl.Series("model_id", meta.model_id, pl.Utf8),
    extractor: pl.Series("extractor", meta.model_id.map(() => PYTORCH_HUB_EXTRACTOR), pl.Utf8),
    field: pl.Series("field", meta.field, pl.Utf8),
    value: pl.Series("value", meta.value, pl.Utf8),
  });
  return { models: modelsTable, repos: reposTable, metadata };
}

function datetimes(...names: string[]): pl.Expr[] {
  return names.map((n) => pl.col(n).cast(pl.Int64).cast(pl.Datetime("ms")).alias(n));
}

function parseTime(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function extreme(current: number | null, iso: string | null, pick: (a: number, b: number) => number) {
  const t = parseTime(iso);
  if (t === null) return current;
  return current === null ? t : pick(current, t);
}
