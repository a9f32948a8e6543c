/**
 * The inputs of the license analysis in the PeaTMOSS artifact's formats: `mapping.csv` (GitHub repository →
 * Hugging Face model, with the model's license) and `all_gh_licenses.json` (repository → detected licenses).
 *
 * @module
 */
import { csvParseRows } from "d3-dsv";

/** One use of a Hugging Face model by a GitHub repository, with both sides' declared licenses. */
export interface Relation {
  /** `owner/name` of the GitHub repository. */
  repo: string;
  /** Hugging Face model id. */
  model: string;
  /** The model's license id as the mapping gives it, lower-cased; null when the mapping has none. */
  hfLicense: string | null;
  /**
   * License keys detected in the repository (ScanCode keys in the artifact); null when none was detected;
   * undefined when the licenses file does not list the repository at all.
   */
  ghLicenses: string[] | null | undefined;
  /** 1-based line of the relation in the mapping file, for messages. */
  line: number;
}

/** An input file that does not have the expected format. */
export class LicenseInputError extends Error {
  override name = "LicenseInputError";
}

/**
 * Parses the mapping CSV (no header; columns: `github.com/owner/repo`, HF model id, HF model URL, HF license).
 * A row without repository or model is an error naming its line; an empty license becomes null.
 *
 * @example
 * ```ts
 * parseMapping("github.com/a/b,gpt2,https://huggingface.co/gpt2,MIT\n", "mapping.csv");
 * // [{ repo: "a/b", model: "gpt2", hfLicense: "mit", line: 1 }]
 * ```
 */
export function parseMapping(text: string, where: string): Omit<Relation, "ghLicenses">[] {
  const out: Omit<Relation, "ghLicenses">[] = [];
  csvParseRows(text).forEach((row, i) => {
    const line = i + 1;
    if (row.length === 1 && row[0].trim() === "") return;
    if (row.length < 4) {
      throw new LicenseInputError(
        `${where} line ${line}: expected 4 fields (github repo, HF model id, HF url, HF license), got ${row.length}`,
      );
    }
    const [rawRepo, model, , license] = row.map((f) => f.trim());
    const repo = rawRepo.replace(/^(https?:\/\/)?(www\.)?github\.com\//i, "").replace(/\/+$/, "");
    if (!/^[^/\s]+\/[^/\s]+$/.test(repo)) {
      throw new LicenseInputError(
        `${where} line ${line}: "${rawRepo}" is not a GitHub repository (github.com/owner/name)`,
      );
    }
    if (model === "") throw new LicenseInputError(`${where} line ${line}: the HF model id is empty`);
    out.push({ repo, model, hfLicense: license === "" ? null : license.toLowerCase(), line });
  });
  return out;
}

/**
 * Parses the repository licenses JSON: an object `"owner/name" → [license key, ...] | null`.
 *
 * @example
 * ```ts
 * parseGhLicenses('{"a/b": ["mit"], "c/d": null}', "all_gh_licenses.json").get("a/b"); // ["mit"]
 * ```
 */
export function parseGhLicenses(text: string, where: string): Map<string, string[] | null> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LicenseInputError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new LicenseInputError(`${where}: expected an object "owner/repo" → list of licenses or null`);
  }
  const out = new Map<string, string[] | null>();
  for (const [repo, value] of Object.entries(data)) {
    if (value === null) out.set(repo, null);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) out.set(repo, value);
    else {
      throw new LicenseInputError(
        `${where}: "${repo}" must map to a list of license keys or null, got ${
          JSON.stringify(value)?.slice(0, 60)
        }`,
      );
    }
  }
  return out;
}

/**
 * Joins the mapping with the repository licenses into relations.
 *
 * @example
 * ```ts
 * const relations = joinRelations(parseMapping(csv, "mapping.csv"), parseGhLicenses(json, "gh.json"));
 * ```
 */
export function joinRelations(
  mapping: Omit<Relation, "ghLicenses">[],
  ghLicenses: Map<string, string[] | null>,
): Relation[] {
  return mapping.map((m) => ({
    ...m,
    ghLicenses: ghLicenses.has(m.repo) ? ghLicenses.get(m.repo) : undefined,
  }));
}

/**
 * Reads both files and joins them.
 *
 * @example
 * ```ts
 * const relations = await readRelations("mapping.csv", "all_gh_licenses.json");
 * ```
 */
export async function readRelations(mappingPath: string, ghLicensesPath: string): Promise<Relation[]> {
  const [csv, json] = await Promise.all([Deno.readTextFile(mappingPath), Deno.readTextFile(ghLicensesPath)]);
  return joinRelations(parseMapping(csv, mappingPath), parseGhLicenses(json, ghLicensesPath));
}
