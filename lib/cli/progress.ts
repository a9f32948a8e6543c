/**
 * A progress bar for long jobs: counts, rate and ETA on standard error.
 *
 * On a terminal it redraws one line; elsewhere (CI logs, pipes) it prints a plain line at most every
 * few seconds, so logs stay readable.
 *
 * @module
 */

/** Options of {@linkcode Progress}. */
export interface ProgressOptions {
  /** Total number of units, when known. */
  total?: number;
  /** Unit shown after counts. @default "items" */
  unit?: string;
  /** Where to write. @default Deno.stderr */
  out?: { writeSync(p: Uint8Array): number; isTerminal(): boolean };
  /** Seconds between plain-line updates when not on a terminal. @default 5 */
  plainEvery?: number;
  /** Formats counts, e.g. as bytes. @default thousands separators */
  format?: (n: number) => string;
}

const enc = new TextEncoder();

/**
 * Shows how far a job is.
 *
 * @example
 * ```ts
 * const bar = new Progress("import", { total: 760, unit: "pages" });
 * for (let i = 0; i < 760; i++) bar.tick();
 * bar.done();
 * ```
 */
export class Progress {
  #label: string;
  #total?: number;
  #unit: string;
  #out: NonNullable<ProgressOptions["out"]>;
  #tty: boolean;
  #plainEvery: number;
  #format: (n: number) => string;
  #start = performance.now();
  #lastDraw = 0;
  #count = 0;
  #closed = false;

  constructor(label: string, options: ProgressOptions = {}) {
    this.#label = label;
    this.#total = options.total;
    this.#unit = options.unit ?? "items";
    this.#out = options.out ?? Deno.stderr;
    this.#tty = this.#out.isTerminal() && !Deno.env.get("CI");
    this.#plainEvery = (options.plainEvery ?? 5) * 1000;
    this.#format = options.format ?? ((n) => Math.round(n).toLocaleString("en-US"));
  }

  /** Units counted so far. */
  get count(): number {
    return this.#count;
  }

  /** Sets the total once it becomes known. */
  setTotal(total: number): void {
    this.#total = total;
  }

  /** Counts `n` more units done. */
  tick(n = 1): void {
    this.#count += n;
    const now = performance.now();
    if (now - this.#lastDraw >= (this.#tty ? 100 : this.#plainEvery)) {
      this.#lastDraw = now;
      this.#draw(false);
    }
  }

  /** Draws the final state and ends the line. */
  done(message = ""): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#draw(true, message);
  }

  /** The status line as text (without control characters). */
  line(): string {
    const secs = (performance.now() - this.#start) / 1000;
    const rate = secs > 0 ? this.#count / secs : 0;
    const total = this.#total;
    const parts = [this.#label];
    if (total !== undefined && total > 0) {
      const frac = Math.min(1, this.#count / total);
      const width = 24;
      const filled = Math.round(frac * width);
      parts.push(`[${"#".repeat(filled)}${".".repeat(width - filled)}]`);
      parts.push(`${this.#format(this.#count)}/${this.#format(total)} ${this.#unit}`);
      parts.push(`${(frac * 100).toFixed(0)}%`);
    } else {
      parts.push(`${this.#format(this.#count)} ${this.#unit}`);
    }
    parts.push(`${this.#format(rate)} ${this.#unit}/s`);
    if (total !== undefined && rate > 0 && this.#count < total) {
      parts.push(`ETA ${formatDuration((total - this.#count) / rate)}`);
    } else {
      parts.push(`${formatDuration(secs)}`);
    }
    return parts.join("  ");
  }

  #draw(final: boolean, message = ""): void {
    const text = this.line() + (message ? `  ${message}` : "");
    const s = this.#tty ? `\r\x1b[2K${text}${final ? "\n" : ""}` : `${text}\n`;
    this.#out.writeSync(enc.encode(s));
  }
}

/**
 * Formats seconds as `1h02m`, `3m05s` or `4.2s`.
 *
 * @example
 * ```ts
 * formatDuration(185); // "3m05s"
 * ```
 */
export function formatDuration(secs: number): string {
  if (secs < 60) return `${secs.toFixed(1)}s`;
  const m = Math.floor(secs / 60);
  if (m < 60) return `${m}m${String(Math.floor(secs % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
