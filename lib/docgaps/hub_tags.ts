/**
 * The hub's tags read back as the front matter they come from, for corpora that stripped the YAML from the card
 * text but kept the hub's tags (hn5318): the hub turns `license: mit` into the tag `license:mit`, `datasets:` into
 * `dataset:<id>`, adds the pipeline tag, and lists the card's own `tags:` (plus tags it adds itself: library,
 * framework, `arxiv:`).
 *
 * @module
 */
import { taskDomain } from "../extract/structured.ts";

/**
 * A front-matter mapping rebuilt from hub tags: `license` and `datasets` from the `license:` and `dataset:`
 * tags, `pipeline_tag` from the first tag that names a hub task, every other tag under `tags`. Language codes
 * cannot be told apart from other short tags reliably (`tf`, `jax`), so they stay plain tags.
 *
 * @example
 * ```ts
 * frontMatterFromTags(["license:apache-2.0", "dataset:squad", "pytorch", "fill-mask", "arxiv:1810.04805"]);
 * // { license: "apache-2.0", datasets: ["squad"], pipeline_tag: "fill-mask",
 * //   tags: ["pytorch", "fill-mask", "arxiv:1810.04805"] }
 * ```
 */
export function frontMatterFromTags(tags: readonly string[]): Record<string, unknown> {
  const licenses: string[] = [];
  const datasets: string[] = [];
  const rest: string[] = [];
  for (const tag of tags) {
    if (tag.startsWith("license:")) licenses.push(tag.slice("license:".length));
    else if (tag.startsWith("dataset:")) datasets.push(tag.slice("dataset:".length));
    else rest.push(tag);
  }
  const task = rest.find((t) => taskDomain(t) !== undefined);
  return {
    ...(licenses.length > 0 ? { license: licenses.length === 1 ? licenses[0] : licenses } : {}),
    ...(datasets.length > 0 ? { datasets } : {}),
    ...(task !== undefined ? { pipeline_tag: task } : {}),
    tags: rest,
  };
}
