/**
 * `reports/index.html`: one page linking every figure, table and executed notebook, grouped by the notebook
 * that made them (the `NN_` prefix of their file names).
 *
 * @module
 */
import { join } from "node:path";
import { atomicWriteFile } from "../store/atomic.ts";

const PREFIX = /^(\d+)_/;

/** Options of {@linkcode writeReportsIndex}. */
export interface ReportsIndexOptions {
  /** Time stamped on the page; the only part that varies between runs. @default new Date() */
  now?: Date;
}

interface Group {
  key: string;
  notebooks: string[];
  figures: string[];
  tables: string[];
}

async function listFiles(dir: string, ext: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(ext) && !entry.name.startsWith(".")) names.push(entry.name);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return names.sort();
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const href = (folder: string, name: string) => escape(`${folder}/${encodeURIComponent(name)}`);

function groupOf(groups: Map<string, Group>, name: string): Group {
  // "1_x" and "01_x" come from the same notebook.
  const prefix = PREFIX.exec(name)?.[1];
  const key = prefix === undefined ? "" : String(Number(prefix));
  let group = groups.get(key);
  if (!group) groups.set(key, group = { key, notebooks: [], figures: [], tables: [] });
  return group;
}

const titleOf = (group: Group) =>
  group.notebooks[0]?.replace(/\.ipynb$/, "") ??
    (group.key ? `${group.key}_…` : "not from a numbered notebook");

const anchorOf = (group: Group) => group.key ? `nb-${group.key}` : "other";

function sectionHtml(group: Group, pngs: Set<string>): string {
  const lines = [`<section id="${anchorOf(group)}">`, `<h2>${escape(titleOf(group))}</h2>`];
  if (group.notebooks.length) {
    const links = group.notebooks.map((n) => `<a href="${href("notebooks", n)}">${escape(n)}</a>`);
    lines.push(`<p>Executed notebook: ${links.join(", ")}</p>`);
  }
  for (const svg of group.figures) {
    const png = svg.replace(/\.svg$/, ".png");
    const pngLink = pngs.has(png) ? ` · <a href="${href("figures", png)}">PNG</a>` : "";
    lines.push(
      `<figure><img src="${href("figures", svg)}" alt="${escape(svg)}">` +
        `<figcaption><a href="${href("figures", svg)}">${escape(svg)}</a>${pngLink}</figcaption></figure>`,
    );
  }
  if (group.tables.length) {
    lines.push("<ul>");
    for (const csv of group.tables) {
      lines.push(`<li><a href="${href("tables", csv)}">${escape(csv)}</a></li>`);
    }
    lines.push("</ul>");
  }
  lines.push("</section>");
  return lines.join("\n");
}

/**
 * Renders the index page of a reports folder: figures (`figures/*.svg`, shown inline, with the `.png`
 * beside them), tables (`tables/*.csv`) and executed notebooks (`notebooks/*.ipynb`), grouped by `NN_`
 * prefix. The same files and `now` give the same bytes.
 *
 * @example
 * ```ts
 * const html = await renderReportsIndex("reports", { now: new Date("2024-07-11T00:00:00Z") });
 * ```
 */
export async function renderReportsIndex(
  reportsDir: string,
  options: ReportsIndexOptions = {},
): Promise<string> {
  const [notebooks, svgs, pngs, tables] = await Promise.all([
    listFiles(join(reportsDir, "notebooks"), ".ipynb"),
    listFiles(join(reportsDir, "figures"), ".svg"),
    listFiles(join(reportsDir, "figures"), ".png"),
    listFiles(join(reportsDir, "tables"), ".csv"),
  ]);
  const groups = new Map<string, Group>();
  for (const n of notebooks) groupOf(groups, n).notebooks.push(n);
  for (const f of svgs) groupOf(groups, f).figures.push(f);
  for (const t of tables) groupOf(groups, t).tables.push(t);
  // Numbered groups in numeric order; files without a prefix last.
  const ordered = [...groups.values()].sort((a, b) =>
    (a.key === "" ? Infinity : Number(a.key)) - (b.key === "" ? Infinity : Number(b.key))
  );
  const pngSet = new Set(pngs);
  const generated = (options.now ?? new Date()).toISOString();
  const toc = ordered.map((g) => `<li><a href="#${anchorOf(g)}">${escape(titleOf(g))}</a></li>`);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>ptmscope reports</title>',
    "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}" +
    "figure{margin:1rem 0}img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.9rem}</style>",
    "</head>",
    "<body>",
    "<h1>ptmscope reports</h1>",
    `<p>Generated ${escape(generated)}. ${svgs.length} figure(s), ${tables.length} table(s), ` +
    `${notebooks.length} executed notebook(s).</p>`,
    `<ul>${toc.join("")}</ul>`,
    ...ordered.map((g) => sectionHtml(g, pngSet)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Writes `<reportsDir>/index.html` atomically (see {@linkcode renderReportsIndex}) and returns its path.
 *
 * @example
 * ```ts
 * const page = await writeReportsIndex("reports"); // "reports/index.html"
 * ```
 */
export async function writeReportsIndex(
  reportsDir: string,
  options: ReportsIndexOptions = {},
): Promise<string> {
  const path = join(reportsDir, "index.html");
  await atomicWriteFile(path, await renderReportsIndex(reportsDir, options));
  return path;
}
