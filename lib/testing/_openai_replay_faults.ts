/**
 * Scripted misbehaviour of the OpenAI replay server: per request, a reply that is not JSON, JSON that breaks
 * the schema, a refusal, a rate limit, a server error, or a slow answer. Rules can aim at the requests about
 * one card (any text of the prompt), since concurrent requests arrive in no fixed order.
 *
 * @module
 */

/** How a faulty reply misbehaves. */
export type OpenAiFaultKind =
  | "invalid-json" // 200 whose message content is not JSON (cut in the middle, as when max_tokens is hit)
  | "schema-violation" // 200 whose content is JSON of the wrong shape
  | "refusal" // 200 whose message carries `refusal` and no content
  | "429" // Too Many Requests with Retry-After
  | "500"
  | "slow"; // the normal reply after a delay (longer than the client's timeout: a timeout)

/** A burst of faulty replies. */
export interface OpenAiFaultRule {
  kind: OpenAiFaultKind;
  /** Only requests whose messages contain this text (e.g. a model id). @default every request */
  match?: string;
  /** Faulty replies in a row. @default 1 */
  count?: number;
  /** Seconds in the Retry-After header of a 429. @default 1 */
  retryAfter?: number;
  /** Delay of a slow reply, in milliseconds. @default 200 */
  delayMs?: number;
}

/**
 * The pending fault rules of a replay server, applied in the order they were added.
 *
 * @example
 * ```ts
 * const plan = new OpenAiFaultPlan();
 * plan.add({ kind: "refusal", match: "openai/whisper-base" });
 * plan.next("... openai/whisper-base ...")?.kind; // "refusal"
 * ```
 */
export class OpenAiFaultPlan {
  #rules: { rule: OpenAiFaultRule; served: number }[] = [];

  /** Queues `rules` after the pending ones. */
  add(...rules: OpenAiFaultRule[]): void {
    for (const rule of rules) this.#rules.push({ rule, served: 0 });
  }

  /** Faulty replies still to be served. */
  get pending(): number {
    return this.#rules.reduce((n, r) => n + (r.rule.count ?? 1) - r.served, 0);
  }

  /** The fault for a request whose prompt is `promptText`, if any; consumes it. */
  next(promptText: string): OpenAiFaultRule | null {
    const hit = this.#rules.find((r) => r.rule.match === undefined || promptText.includes(r.rule.match));
    if (!hit) return null;
    hit.served++;
    if (hit.served >= (hit.rule.count ?? 1)) this.#rules.splice(this.#rules.indexOf(hit), 1);
    return hit.rule;
  }
}
