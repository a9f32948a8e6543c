/**
 * Links of a card: every URL, and the ones that identify something (arXiv papers, GitHub repositories, Hugging
 * Face models and datasets), normalised so the same target written two ways counts once.
 *
 * @module
 */

/** What a card links to, each list in order of first appearance, without duplicates. */
export interface CardLinks {
  /** Every http(s) URL, trailing punctuation removed. */
  urls: string[];
  /** arXiv ids (`2306.01116`, `hep-th/9901001`), from arxiv.org URLs and `arXiv:` mentions, version dropped. */
  arxiv: string[];
  /** GitHub repositories as `owner/name` (case kept), from github.com URLs. */
  github: string[];
  /** Hugging Face model ids linked as `huggingface.co/<owner>/<name>`. */
  hfModels: string[];
  /** Hugging Face dataset ids linked as `huggingface.co/datasets/<id>`. */
  hfDatasets: string[];
}

const URL_RE = /https?:\/\/[^\s<>"'`\])}]+(?:\([^\s)]*\)[^\s<>"'`\])}]*)?/gi;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf|html)\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))/i;
const ARXIV_MENTION = /\barxiv[:\s]\s*(\d{4}\.\d{4,5})/gi;
const GITHUB = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)/i;
const HF = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(datasets\/)?([\w.-]+)(?:\/([\w.-]+))?/i;

// Path segments of github.com and huggingface.co that are site pages, not owners.
const GITHUB_PAGES = new Set([
  "orgs",
  "sponsors",
  "features",
  "topics",
  "marketplace",
  "settings",
  "login",
  "about",
]);
const HF_PAGES = new Set([
  "spaces",
  "docs",
  "blog",
  "models",
  "papers",
  "join",
  "login",
  "settings",
  "organizations",
  "collections",
  "learn",
  "tasks",
  "api",
  "pricing",
  "new",
  "chat",
]);

/**
 * Trims what markdown and prose glue to the end of a URL (`.`, `,`, `)` without its `(`, `*`).
 *
 * @example
 * ```ts
 * cleanUrl("https://arxiv.org/abs/2306.01116)."); // "https://arxiv.org/abs/2306.01116"
 * ```
 */
export function cleanUrl(url: string): string {
  let u = url.replace(/[.,;:!?*_'"]+$/, "");
  while (u.endsWith(")") && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) {
    u = u.slice(0, -1).replace(/[.,;:!?*_]+$/, "");
  }
  return u;
}

/**
 * The arXiv id a URL or mention points to, without version, or null.
 *
 * @example
 * ```ts
 * arxivId("https://arxiv.org/pdf/2205.14135v2.pdf"); // "2205.14135"
 * arxivId("arXiv:1910.13461"); // "1910.13461"
 * ```
 */
export function arxivId(text: string): string | null {
  const m = ARXIV_URL.exec(text) ?? /\barxiv[:\s]\s*(\d{4}\.\d{4,5})/i.exec(text);
  return m ? m[1].replace(/v\d+$/, "") : null;
}

/**
 * The `owner/name` of a GitHub repository URL, or null (user pages, gists and site pages are not repositories).
 *
 * @example
 * ```ts
 * githubRepo("https://github.com/mosaicml/llm-foundry/tree/main/scripts"); // "mosaicml/llm-foundry"
 * githubRepo("https://github.com/sponsors/x"); // null
 * ```
 */
export function githubRepo(url: string): string | null {
  const m = GITHUB.exec(url);
  if (!m || GITHUB_PAGES.has(m[1].toLowerCase())) return null;
  return `${m[1]}/${m[2].replace(/\.git$/, "")}`;
}

/**
 * Finds the links of a markdown text.
 *
 * @example
 * ```ts
 * const l = findLinks("See [paper](https://arxiv.org/abs/2306.01116) and https://github.com/openai/whisper.");
 * l.arxiv; // ["2306.01116"]
 * l.github; // ["openai/whisper"]
 * ```
 */
export function findLinks(text: string): CardLinks {
  const urls = new Set<string>();
  const arxiv = new Set<string>();
  const github = new Set<string>();
  const hfModels = new Set<string>();
  const hfDatasets = new Set<string>();
  for (const m of text.matchAll(URL_RE)) {
    const url = cleanUrl(m[0]);
    urls.add(url);
    const lower = url.toLowerCase();
    if (lower.includes("arxiv.org/")) {
      const id = arxivId(url);
      if (id) arxiv.add(id);
    } else if (lower.includes("github.com/")) {
      const repo = githubRepo(url);
      if (repo) github.add(repo);
    } else if (lower.includes("huggingface.co/") || lower.includes("hf.co/")) {
      const hf = HF.exec(url);
      if (!hf) continue;
      if (hf[1] && hf[2] && hf[3]) hfDatasets.add(`${hf[2]}/${hf[3]}`);
      else if (hf[1] && hf[2]) hfDatasets.add(hf[2]);
      else if (hf[3] && !HF_PAGES.has(hf[2].toLowerCase())) hfModels.add(`${hf[2]}/${hf[3]}`);
    }
  }
  for (const m of text.matchAll(ARXIV_MENTION)) arxiv.add(m[1]);
  return {
    urls: [...urls],
    arxiv: [...arxiv],
    github: [...github],
    hfModels: [...hfModels],
    hfDatasets: [...hfDatasets],
  };
}
