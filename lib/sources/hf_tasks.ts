/**
 * The Hugging Face pipeline tasks: the values a model's `pipeline_tag` can take.
 *
 * @module
 */

import { HF_DOMAINS_PAPER, HF_TASKS_ADDED_SINCE_PAPER } from "../hub/domains.ts";

/**
 * Every HF pipeline task: the tasks the PeaTMOSS figure notebooks map to domains (Fig. 8), plus the tasks HF had
 * added by July 2024 (each seen as a `pipeline_tag` in the 2024-07-11 model listing); the lists live, with their
 * domains, in lib/hub/domains.ts. Sources that only keep a model's tags, like PeaTMOSS.db, recover `pipeline_tag`
 * as the first tag in this set.
 *
 * @example
 * ```ts
 * HF_PIPELINE_TASKS.has("text-generation"); // true
 * HF_PIPELINE_TASKS.has("pytorch"); // false
 * ```
 */
export const HF_PIPELINE_TASKS: ReadonlySet<string> = new Set([
  ...Object.values(HF_DOMAINS_PAPER).flat(),
  ...Object.keys(HF_TASKS_ADDED_SINCE_PAPER),
  // the catch-all task, which no domain takes
  "other",
]);
