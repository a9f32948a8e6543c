/**
 * A counting semaphore: at most `n` tasks run at once, the others wait in arrival order.
 *
 * @module
 */

/**
 * Bounded concurrency for tasks started from anywhere (many concurrent callers share one bound).
 *
 * @example
 * ```ts
 * const slots = new Slots(4);
 * await Promise.all(urls.map((u) => slots.run(() => fetch(u))));
 * ```
 */
export class Slots {
  #free: number;
  #queue: (() => void)[] = [];

  /** @param n how many tasks may run at once (at least 1) */
  constructor(n: number) {
    this.#free = Math.max(1, Math.floor(n));
  }

  /** Runs `task` when a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
