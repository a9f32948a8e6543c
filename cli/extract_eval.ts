/**
 * `deno task extract-eval`: per-field accuracy of an extractor's JSON lines against hand-labelled ground truth.
 *
 * @module
 */
import { evaluateExtraction } from "../lib/extract/evaluate.ts";
import { readGroundTruth } from "../lib/extract/ground_truth.ts";
import type { ExtractionRecord } from "../lib/extract/record.ts";
import { parseFlags, runCommand, UsageError } from "./_main.ts";

const USAGE = `
Usage:
  deno task extract-eval --truth <groundTruth.json> --pred <file.jsonl> [--json]

Scores each labelled field of each model present in both files from 0 to 1 by the field's matching rule
(lib/extract/evaluate_rules.ts; table in docs/extraction.md), and prints the mean per field and overall.

  --truth <file>   the PeaTMOSS ground truth, e.g. peatmoss-artifact/LLM-Pipeline/Cheap_Pipeline/groundTruth.json
  --pred <file>    the output of deno task extract
  --json           print {"overall": <0..1>, "fields": {<field>: <0..1>, ...}, "models": <n>}
`;

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, {
    truth: { type: "string" },
    pred: { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.truth) throw new UsageError("--truth is required");
  if (!values.pred) throw new UsageError("--pred is required");
  const truth = await readGroundTruth(values.truth);
  const predictions = await readPredictions(values.pred);
  const report = evaluateExtraction(truth, predictions);
  if (values.json) {
    console.log(JSON.stringify({ overall: report.overall, fields: report.fields, models: report.models }));
    return;
  }
  console.log(
    `${report.models} models in both files (${truth.size} labelled, ${predictions.length} predicted)`,
  );
  for (const [field, acc] of Object.entries(report.fields)) {
    console.log(`  ${field.padEnd(20)} ${acc.toFixed(3)}`);
  }
  console.log(`  ${"overall".padEnd(20)} ${report.overall.toFixed(3)}`);
}

/**
 * Reads an extractor's output, one JSON record per line; a broken line is an error naming file and line.
 */
async function readPredictions(file: string): Promise<ExtractionRecord[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (err) {
    throw new Error(`${file}: cannot read the predictions (${(err as Error).message})`);
  }
  const out: ExtractionRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const r = rec as Partial<ExtractionRecord>;
    if (typeof r?.model_id !== "string" || typeof r.fields !== "object" || r.fields === null) {
      throw new Error(`${file}:${i + 1}: expected {"model_id": string, "fields": object, ...}`);
    }
    out.push(r as ExtractionRecord);
  });
  return out;
}

if (import.meta.main) await runCommand(USAGE, main);
