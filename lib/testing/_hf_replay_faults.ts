/**
 * Scripted misbehaviour of the replay hub: bursts of rate limits, server errors, slow or truncated responses and
 * HTML error pages, each aimed at a route and served in the order the rules were added.
 *
 * @module
 */

/** Routes of the replay hub, as counted in its stats. */
export type Route = "list" | "info" | "tree" | "commits" | "resolve" | "other";

/** How a faulty response misbehaves. */
export type FaultKind =
  | "429" // Too Many Requests with Retry-After
  | "500"
  | "502"
  | "503"
  | "slow" // the normal response, after a delay
  | "truncate" // the normal status and headers, Content-Length of the whole body, then half of it and a cut
  | "html"; // 200 with an HTML error page where JSON (or a file) was expected

/** A burst of faulty responses. */
export interface FaultRule {
  kind: FaultKind;
  /** Route the burst hits. @default every route */
  route?: Route;
  /** Faulty responses in a row. @default 1 */
  count?: number;
  /** Matching requests answered normally before the burst starts. @default 0 */
  after?: number;
  /** Seconds in the Retry-After header of a 429. @default 1 */
  retryAfter?: number;
  /** Delay of a slow response, in milliseconds. @default 200 */
  delayMs?: number;
}

interface Active {
  rule: FaultRule;
  seen: number;
  served: number;
}

/**
 * The pending fault rules of a replay hub.
 *
 * @example
 * ```ts
 * const plan = new FaultPlan();
 * plan.add({ kind: "429", route: "list", count: 2 });
 * plan.next("list")?.kind; // "429"
 * ```
 */
export class FaultPlan {
  #active: Active[] = [];

  /** Queues `rules` after the ones already pending. */
  add(...rules: FaultRule[]): void {
    for (const rule of rules) this.#active.push({ rule, seen: 0, served: 0 });
  }

  /** Faulty responses still to be served. */
  get pending(): number {
    return this.#active.reduce((n, a) => n + (a.rule.count ?? 1) - a.served, 0);
  }

  /** The fault to apply to the next request on `route`, if any; consumes it. */
  next(route: Route): FaultRule | null {
    let fault: FaultRule | null = null;
    for (const a of this.#active) {
      if (a.rule.route !== undefined && a.rule.route !== route) continue;
      a.seen++;
      // one fault per response; the other matching rules still count this request towards their `after`
      if (fault === null && a.seen > (a.rule.after ?? 0) && a.served < (a.rule.count ?? 1)) {
        a.served++;
        fault = a.rule;
      }
    }
    this.#active = this.#active.filter((a) => a.served < (a.rule.count ?? 1));
    return fault;
  }
}

/** The error page a proxy in front of the hub might send instead of JSON. */
export const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>Something went wrong</h1><p>The upstream server did not answer in time. Please retry.</p></body>
</html>
`;
