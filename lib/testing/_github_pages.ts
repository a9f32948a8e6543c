/**
 * Pagination as GitHub's REST API does it: `per_page` (default 30, at most 100) and `page` parameters, and a
 * `Link` header of absolute URLs (octokit.paginate follows them verbatim).
 *
 * @module
 */

/**
 * The page a request asks for.
 *
 * @example
 * ```ts
 * pageParams(new URL("http://x/a?per_page=500&page=2")); // { perPage: 100, page: 2 }
 * ```
 */
export function pageParams(url: URL): { perPage: number; page: number } {
  return {
    perPage: Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30)),
    page: Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1),
  };
}

/**
 * The `Link` header of page `page` of `last`, or none on a single page.
 *
 * @example
 * ```ts
 * pageLinks(new URL("http://x/a?page=1"), 1, 3); // { link: '<http://x/a?page=2>; rel="next", <http://x/a?page=3>; rel="last"' }
 * ```
 */
export function pageLinks(url: URL, page: number, last: number): Record<string, string> {
  const link = (p: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set("page", String(p));
    return `<${u}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, "prev"), link(1, "first")] : []),
    ...(page < last ? [link(page + 1, "next"), link(last, "last")] : []),
  ];
  return links.length > 0 ? { link: links.join(", ") } : {};
}
