/**
 * `deno task usage`: which pre-trained models Python code loads (`scan`), and how well the detector does on
 * the labelled corpus (`eval`).
 *
 * @module
 */
import { join } from "node:path";
import { Progress } from "../lib/cli/progress.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { atomicWriteFile } from "../lib/store/atomic.ts";
import { loadTable } from "../lib/store/dataset.ts";
import { createDetector } from "../lib/usage/detector.ts";
import { evaluateCorpus } from "../lib/usage/evaluate_corpus.ts";
import type { KindScore } from "../lib/usage/evaluate.ts";
import { scanPath } from "../lib/usage/scan_tree.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const DEFAULT_CORPUS = join(REPO_ROOT, "tests", "usage", "corpus");

const USAGE = `
Usage:
  deno task usage scan <dir|repo.tar.gz> [--models <dataset-dir>] [--repo owner/name] --out <file.jsonl>
  deno task usage eval [--corpus <dir>] [--json]

scan   finds the model-loading calls (transformers from_pretrained/pipeline, SentenceTransformer, timm,
       spaCy, torch.hub.load, torchvision builders, ... : lib/usage/data/signatures.json) in the .py and
       .ipynb files of a repository checkout or tarball. Writes one JSON detection per line
       {repo, file, line, library, call, argument, model_id, resolution[, cell][, via]} and prints a
       summary (files, parsed, skips by reason, detections by resolution) on stderr. A model argument
       imported from a module of the repository (from config import MODEL) is resolved through that
       module: the detection keeps the binding's resolution and gives it as via ("config.py:3").

  --out <file.jsonl>      where to write the detections (required)
  --repo <owner/name>     repository name written in detections (default: the directory or tarball name)
  --models <dataset-dir>  a canonical dataset (deno task import ...): model ids are normalised to its
                          models' ids (case, legacy ids such as bert-base-uncased → google-bert/...)

eval   scans every repository of a labelled corpus (one sub-directory per repository + labels.jsonl) and
       prints precision and recall per resolution kind.

  --corpus <dir>          the corpus (default: tests/usage/corpus)
  --json                  print the scores, false positives and false negatives as JSON
`;

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

const pretty = (counts: Record<string, number>) =>
  Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ") || "none";

async function scan(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    out: { type: "string" },
    repo: { type: "string" },
    models: { type: "string" },
  });
  if (positionals.length !== 1) throw new UsageError("scan takes one directory or tarball");
  if (!values.out) throw new UsageError("--out <file.jsonl> is required");
  const models = values.models
    ? (await loadTable(values.models, "models")).select("id", "downloads")
    : undefined;
  const detector = await createDetector({ models });
  const bar = new Progress("scan", { unit: "files" });
  let seen = 0;
  const report = await scanPath(positionals[0], {
    detector,
    repo: values.repo,
    onProgress: (files) => {
      bar.tick(files - seen);
      seen = files;
    },
  });
  bar.done();
  await atomicWriteFile(values.out, report.detections.map((d) => JSON.stringify(d) + "\n").join(""));
  console.error(
    `${report.repo}: ${report.files} files (${report.bytes} bytes), ${report.parsed} parsed; ` +
      `skipped: ${pretty(report.skipped as Record<string, number>)}`,
  );
  const imported = report.detections.filter((d) => d.via !== undefined).length;
  console.error(
    `${report.detections.length} detections (${
      pretty(countBy(report.detections, (d) => d.resolution))
    }; ${imported} through the repository's modules) → ${values.out}`,
  );
}

const ratio = (x: number | null) => x === null ? "–" : x.toFixed(3);

function table(scores: readonly KindScore[]): string {
  const rows = [["resolution", "expected", "detected", "correct", "precision", "recall"]];
  for (const s of scores) {
    rows.push([
      s.resolution,
      `${s.expected}`,
      `${s.detected}`,
      `${s.correct}`,
      ratio(s.precision),
      ratio(s.recall),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  "))
    .join("\n");
}

async function evalCorpus(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    corpus: { type: "string", default: DEFAULT_CORPUS },
    json: { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { scores, falsePositives, falseNegatives } = await evaluateCorpus(
    values.corpus,
    await createDetector(),
  );
  if (values.json) {
    console.log(JSON.stringify({ scores, falsePositives, falseNegatives }, null, 2));
    return;
  }
  console.log(table(scores));
  for (const d of falsePositives) console.log(`false positive: ${JSON.stringify(d)}`);
  for (const l of falseNegatives) console.log(`false negative: ${JSON.stringify(l)}`);
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "scan") return await scan(rest);
  if (command === "eval") return await evalCorpus(rest);
  throw new UsageError(command ? `unknown command "${command}"` : "a command is required: scan or eval");
}

if (import.meta.main) await runCommand(USAGE, main);
