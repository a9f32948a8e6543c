/**
 * The usage detector's output (`deno task usage scan`: one JSON detection per line, see lib/usage/types.ts) as
 * the canonical `usages` table, with every piece of evidence kept: file, line, cell, library, call, argument
 * and how the model id was resolved.
 *
 * @module
 */
import { join } from "node:path";
import pl from "nodejs-polars";
import { conform } from "../store/conform.ts";
import { type Detection, type Resolution, RESOLUTIONS } from "../usage/types.ts";

// PyTorch Hub ids are `owner/repo:entry` (the detector writes torch.hub and torchvision loads so); HF ids have no ":".
const PYTORCH_HUB_ID = /^[^/:]+\/[^/:]+:.+$/;

/**
 * Detections as a `usages` table, one row per detection in the given order. `hub` is `pytorch` for a PyTorch
 * Hub id (`owner/repo:entry`), `huggingface` for any other id, null when the id did not resolve.
 *
 * @example
 * ```ts
 * detectionsUsages([{
 *   repo: "a/b", file: "train.py", line: 3, library: "transformers", call: "from_pretrained",
 *   argument: "MODEL", model_id: "gpt2", resolution: "constant",
 * }]).select("repo", "model_id", "hub", "resolution").toRecords();
 * // [{ repo: "a/b", model_id: "gpt2", hub: "huggingface", resolution: "constant" }]
 * ```
 */
export function detectionsUsages(detections: readonly Detection[]): pl.DataFrame {
  const col = <K extends keyof Detection>(k: K) => detections.map((d) => d[k] ?? null);
  return conform(
    "usages",
    pl.DataFrame({
      repo: pl.Series("repo", col("repo"), pl.String),
      model_id: pl.Series("model_id", col("model_id"), pl.String),
      hub: pl.Series(
        "hub",
        detections.map((d) =>
          d.model_id === null ? null : PYTORCH_HUB_ID.test(d.model_id) ? "pytorch" : "huggingface"
        ),
        pl.String,
      ),
      file: pl.Series("file", col("file"), pl.String),
      line: pl.Series("line", col("line"), pl.Int64),
      cell: pl.Series("cell", col("cell"), pl.Int64),
      library: pl.Series("library", col("library"), pl.String),
      call: pl.Series("call", col("call"), pl.String),
      argument: pl.Series("argument", col("argument"), pl.String),
      resolution: pl.Series("resolution", col("resolution"), pl.String),
      via: pl.Series("via", col("via"), pl.String),
    }),
  );
}

/**
 * The detector output files at `path`: the file itself, or every `*.jsonl` file directly inside a directory
 * (in name order). A missing path is an error that says what was expected.
 *
 * @example
 * ```ts
 * await detectionFiles("reports/usage/"); // ["reports/usage/a.jsonl", "reports/usage/b.jsonl"]
 * ```
 */
export async function detectionFiles(path: string): Promise<string[]> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new Error(
        `${path}: no such file or directory (expected the JSON Lines of \`deno task usage scan\`)`,
      );
    }
    throw err;
  }
  if (!stat.isDirectory) return [path];
  return [...Deno.readDirSync(path)].filter((e) => e.isFile && e.name.endsWith(".jsonl"))
    .map((e) => join(path, e.name)).sort();
}

/**
 * Reads usage-detector output as a `usages` table ({@linkcode detectionsUsages}): the files of
 * {@linkcode detectionFiles}. A line that is not a detection is an error naming its file, line and field.
 *
 * @example
 * ```ts
 * const usages = await readDetections("reports/usage/"); // every reports/usage/*.jsonl
 * ```
 */
export async function readDetections(path: string): Promise<pl.DataFrame> {
  const detections: Detection[] = [];
  for (const file of await detectionFiles(path)) {
    (await Deno.readTextFile(file)).split("\n").forEach((text, i) => {
      if (text.trim() !== "") detections.push(parseDetection(text, `${file} line ${i + 1}`));
    });
  }
  return detectionsUsages(detections);
}

/**
 * One detection from its JSON text; `where` names the record in errors.
 *
 * @example
 * ```ts
 * parseDetection('{"repo":"a/b","file":"x.py","line":1,"library":"timm","call":"create_model",' +
 *   '"argument":"name","model_id":null,"resolution":"unknown"}', "scan.jsonl line 1").resolution; // "unknown"
 * ```
 */
export function parseDetection(text: string, where: string): Detection {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where}: not valid JSON (${(err as Error).message})`);
  }
  const hint = "; is this the output of `deno task usage scan`?";
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    throw new Error(`${where}: expected a JSON object (one detection)${hint}`);
  }
  const r = row as Record<string, unknown>;
  for (const field of ["repo", "file", "library", "call", "argument"] as const) {
    if (typeof r[field] !== "string") throw new Error(`${where}: "${field}" must be a string${hint}`);
  }
  if (!Number.isInteger(r.line) || (r.line as number) < 1) {
    throw new Error(`${where}: "line" must be a positive integer${hint}`);
  }
  if (r.cell !== undefined && r.cell !== null && (!Number.isInteger(r.cell) || (r.cell as number) < 0)) {
    throw new Error(`${where}: "cell" must be a non-negative integer when present${hint}`);
  }
  if (r.via !== undefined && r.via !== null && typeof r.via !== "string") {
    throw new Error(`${where}: "via" must be a string ("file:line") when present${hint}`);
  }
  if (!(r.model_id === null || r.model_id === undefined || typeof r.model_id === "string")) {
    throw new Error(`${where}: "model_id" must be a string or null${hint}`);
  }
  if (!RESOLUTIONS.includes(r.resolution as Resolution)) {
    throw new Error(
      `${where}: "resolution" ${JSON.stringify(r.resolution)} is not one of ${RESOLUTIONS.join(", ")}`,
    );
  }
  return {
    repo: r.repo as string,
    file: r.file as string,
    line: r.line as number,
    library: r.library as string,
    call: r.call as string,
    argument: r.argument as string,
    model_id: (r.model_id ?? null) as string | null,
    resolution: r.resolution as Resolution,
    ...(r.cell === undefined || r.cell === null ? {} : { cell: r.cell as number }),
    ...(typeof r.via === "string" ? { via: r.via } : {}),
  };
}
