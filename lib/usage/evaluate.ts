/**
 * Precision and recall of detections against hand-made labels, per resolution kind and overall.
 *
 * @module
 */
import { type Detection, type Resolution, RESOLUTIONS } from "./types.ts";

/** One expected detection (a line of a corpus's `labels.jsonl`). */
export type Label = Pick<
  Detection,
  "repo" | "file" | "line" | "library" | "model_id" | "resolution" | "cell"
>;

/** Scores of one resolution kind (or of all, `resolution: "all"`). */
export interface KindScore {
  resolution: Resolution | "all";
  /** Labels of this kind. */
  expected: number;
  /** Detections of this kind. */
  detected: number;
  /** Detections of this kind equal to a label (same place, library, model id and resolution). */
  correct: number;
  /** correct / detected; null when nothing was detected. */
  precision: number | null;
  /** correct / expected; null when nothing was expected. */
  recall: number | null;
}

/** The result of {@linkcode evaluate}. */
export interface Evaluation {
  /** One row per resolution kind, in {@linkcode RESOLUTIONS} order, then `all`. */
  scores: KindScore[];
  /** Detections that match no label. */
  falsePositives: Label[];
  /** Labels that no detection matches. */
  falseNegatives: Label[];
}

const keyOf = (d: Label) =>
  JSON.stringify([d.repo, d.file, d.line, d.cell ?? null, d.library, d.model_id, d.resolution]);

function score(
  resolution: KindScore["resolution"],
  expected: number,
  detected: number,
  correct: number,
): KindScore {
  return {
    resolution,
    expected,
    detected,
    correct,
    precision: detected === 0 ? null : correct / detected,
    recall: expected === 0 ? null : correct / expected,
  };
}

/**
 * Compares `detected` with `labels`. A detection is correct when a label has the same repo, file, line, cell,
 * library, model id and resolution; each label is matched at most once (two calls on one line need two labels).
 * A detection with the right model but the wrong resolution counts against both kinds.
 *
 * @example
 * ```ts
 * const label = { repo: "r", file: "a.py", line: 3, library: "timm", model_id: "resnet50", resolution: "literal" as const };
 * evaluate([label], [{ ...label, call: "create_model", argument: '"resnet50"' }]).scores.at(-1);
 * // { resolution: "all", expected: 1, detected: 1, correct: 1, precision: 1, recall: 1 }
 * ```
 */
export function evaluate(labels: readonly Label[], detected: readonly Label[]): Evaluation {
  const open = new Map<string, Label[]>();
  for (const l of labels) open.set(keyOf(l), [...open.get(keyOf(l)) ?? [], l]);
  const falsePositives: Label[] = [];
  const correct = new Map<string, number>();
  for (const d of detected) {
    const waiting = open.get(keyOf(d));
    if (waiting?.length) {
      waiting.pop();
      correct.set(d.resolution, (correct.get(d.resolution) ?? 0) + 1);
    } else falsePositives.push(d);
  }
  const falseNegatives = [...open.values()].flat();
  const count = (list: readonly Label[], kind: Resolution) =>
    list.filter((d) => d.resolution === kind).length;
  const scores = RESOLUTIONS.map((kind) =>
    score(kind, count(labels, kind), count(detected, kind), correct.get(kind) ?? 0)
  );
  const total = [...correct.values()].reduce((a, b) => a + b, 0);
  scores.push(score("all", labels.length, detected.length, total));
  return { scores, falsePositives, falseNegatives };
}

/**
 * Reads a labels file: one JSON {@linkcode Label} per line. Throws naming the file and line when one is bad.
 *
 * @example
 * ```ts
 * const labels = await readLabels("tests/usage/corpus/labels.jsonl");
 * ```
 */
export async function readLabels(path: string): Promise<Label[]> {
  const text = await Deno.readTextFile(path);
  const labels: Label[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let l: Label;
    try {
      l = JSON.parse(line);
    } catch (err) {
      throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const ok = typeof l.repo === "string" && typeof l.file === "string" && Number.isInteger(l.line) &&
      typeof l.library === "string" && (l.model_id === null || typeof l.model_id === "string") &&
      RESOLUTIONS.includes(l.resolution) && (l.cell === undefined || Number.isInteger(l.cell));
    if (!ok) {
      throw new Error(
        `${path}:${i + 1}: a label needs repo, file, line, library, model_id (string or null), resolution ` +
          `(${RESOLUTIONS.join(", ")}) and optionally cell`,
      );
    }
    labels.push(l);
  });
  return labels;
}
