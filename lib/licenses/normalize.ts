/**
 * Normalisation of both sides of a relation to license expressions: Hugging Face license ids (the model) and
 * ScanCode license keys (the GitHub project). Each side goes through its own explicit table
 * (`data/hf_licenses.json`, `data/scancode_keys.json`); `spdx-correct` is only a fallback for ids the tables
 * do not hold, and every fallback is reported, never silent. An id nobody knows becomes an unknown license
 * whose reason says so.
 *
 * @module
 */
import correct from "spdx-correct";
import spdxLicenses from "spdx-license-list";
import hfTable from "./data/hf_licenses.json" with { type: "json" };
import scancodeTable from "./data/scancode_keys.json" with { type: "json" };
import {
  combineLicenses,
  type LicenseExpr,
  type LicenseLeaf,
  NONE,
  parseLicenseExpression,
} from "./expression.ts";

/** A normalised side, with what the reader should know about how it was read. */
export interface Normalized {
  expr: LicenseExpr;
  /** Ids read outside the tables (as an SPDX id, or by `spdx-correct`), one sentence each. */
  notes: string[];
  /** Non-license ScanCode keys that were dropped because a real license stood beside them. */
  dropped: string[];
}

type Mapping = string | { id: string; note?: string };

interface Tables {
  licenses: Record<string, Mapping>;
  exceptions: Record<string, Mapping>;
  noise: Record<string, string>;
  unknown: Record<string, string>;
}

const HF: Tables = { exceptions: {}, noise: {}, ...hfTable } as Tables;
const SCANCODE: Tables = { unknown: {}, ...scancodeTable } as Tables;

const idOf = (m: Mapping) => typeof m === "string" ? m : m.id;

/** SPDX ids by their lower-case form. */
const SPDX_IDS: ReadonlyMap<string, string> = new Map(
  Object.keys(spdxLicenses).map((id) => [id.toLowerCase(), id]),
);

/**
 * Reads one id through a table. Outside the table, an exact SPDX id (any case) is taken as it is and
 * `spdx-correct` is asked last, because it also rewrites valid ids (`bsd-2-clause-patent` → `BSD-2-Clause`);
 * both are reported in `notes`. An id none of them knows is an unknown license.
 */
function readId(id: string, table: Tables, side: string, notes: string[]): LicenseExpr {
  const mapped = table.licenses[id];
  if (mapped !== undefined) return { kind: "license", id: idOf(mapped) };
  const unknown = table.unknown[id];
  if (unknown !== undefined) return { kind: "unknown", label: id, reason: unknown };
  const exact = SPDX_IDS.get(id.toLowerCase());
  if (exact !== undefined) {
    notes.push(`${side} "${id}" is not in the table; read as the SPDX id ${exact}`);
    return { kind: "license", id: exact };
  }
  const guess = correct(id);
  if (guess !== null) {
    notes.push(`${side} "${id}" is not in the table; spdx-correct reads it as ${guess}`);
    return { kind: "license", id: guess };
  }
  return { kind: "unknown", label: id, reason: `${side} "${id}" is not known` };
}

/**
 * Normalises a Hugging Face license id (as the mapping gives it; any case) to an SPDX id or a `LicenseRef-`
 * for ML licenses. `AND` / `OR` expressions of ids are read too. No license, `other` and `unknown` are unknown
 * licenses with their reason.
 *
 * @example
 * ```ts
 * normalizeHf("creativeml-openrail-m").expr; // { kind: "license", id: "LicenseRef-CreativeML-OpenRAIL-M" }
 * normalizeHf("other").expr.kind; // "unknown"
 * normalizeHf("mit or apache-2.0").expr.kind; // "or"
 * ```
 */
export function normalizeHf(raw: string | null): Normalized {
  const notes: string[] = [];
  if (raw === null || raw.trim() === "") {
    return {
      expr: { kind: "unknown", label: "NOASSERTION", reason: "the mapping gives no license for the model" },
      notes,
      dropped: [],
    };
  }
  const id = raw.trim().toLowerCase();
  const read = (token: string) => readId(token, HF, "license id", notes);
  const expr = /(^|\s)(and|or|with)(\s|$)|[()]/.test(id) ? parseLicenseExpression(id, read) : read(id);
  return { expr, notes, dropped: [] };
}

/** One ScanCode detection (`key` or `key WITH exception-key`) as license parts. */
function readScanCodeKey(raw: string, notes: string[]): LicenseExpr[] {
  const [key, exceptionKey, ...rest] = raw.split(" WITH ");
  const leaf = readId(key, SCANCODE, "ScanCode key", notes);
  if (exceptionKey === undefined) return [leaf];
  if (rest.length > 0 || leaf.kind !== "license") {
    return [{ kind: "unknown", label: raw, reason: `ScanCode detection "${raw}" cannot be read` }];
  }
  const exception = SCANCODE.exceptions[exceptionKey];
  if (exception !== undefined) return [{ ...leaf, exception: idOf(exception) } satisfies LicenseLeaf];
  // A "WITH" whose second key is a license taking rights away (commons-clause) adds a part instead.
  if (SCANCODE.licenses[exceptionKey] !== undefined) {
    return [leaf, readId(exceptionKey, SCANCODE, "ScanCode key", notes)];
  }
  return [{ kind: "unknown", label: raw, reason: `ScanCode exception key "${exceptionKey}" is not known` }];
}

/**
 * Normalises the ScanCode keys detected in a repository. No keys (null or an empty list) is `NONE`: the
 * repository has no license and grants nothing. Several licenses are joined with `AND` (files under different
 * licenses), sorted. Keys that are not licenses (`unknown-license-reference`, `warranty-disclaimer`, CLAs, an
 * exception without its license) are dropped when a real license is present; when nothing else is, the
 * repository's license is unknown and the reason lists what was found.
 *
 * @example
 * ```ts
 * renderLicense(normalizeScanCode(["mit", "bsd-new", "unknown-license-reference"]).expr); // "BSD-3-Clause AND MIT"
 * normalizeScanCode(null).expr; // { kind: "none" }
 * ```
 */
export function normalizeScanCode(keys: readonly string[] | null): Normalized {
  const notes: string[] = [];
  if (keys === null || keys.length === 0) return { expr: NONE, notes, dropped: [] };
  const parts: LicenseExpr[] = [];
  const notLicenses: string[] = [];
  for (const raw of new Set(keys)) {
    const alone = SCANCODE.noise[raw] ??
      (SCANCODE.exceptions[raw] !== undefined
        ? `an exception without the license it adds to (${raw})`
        : undefined);
    if (alone !== undefined) notLicenses.push(raw);
    else parts.push(...readScanCodeKey(raw, notes));
  }
  if (parts.length > 0) return { expr: combineLicenses("and", parts), notes, dropped: notLicenses.sort() };
  const found = notLicenses.sort().map((k) => SCANCODE.noise[k] ?? `an exception without its license (${k})`);
  return {
    expr: {
      kind: "unknown",
      label: notLicenses.join(", "),
      reason: `ScanCode found no license, only ${found.join("; ")}`,
    },
    notes,
    dropped: [],
  };
}

/**
 * Every id the normalisation tables can produce, for checking that the clause table covers them.
 *
 * @example
 * ```ts
 * tableTargets().includes("BSD-3-Clause"); // true
 * ```
 */
export function tableTargets(): string[] {
  return [...new Set([HF, SCANCODE].flatMap((t) => Object.values(t.licenses).map(idOf)))].sort();
}

/**
 * The ScanCode keys and Hugging Face ids the tables hold, by kind, for tests and for reports on coverage.
 *
 * @example
 * ```ts
 * tableKeys().scancodeNoise.includes("warranty-disclaimer"); // true
 * ```
 */
export function tableKeys(): {
  hf: string[];
  hfUnknown: string[];
  scancode: string[];
  scancodeExceptions: string[];
  scancodeNoise: string[];
} {
  return {
    hf: Object.keys(HF.licenses),
    hfUnknown: Object.keys(HF.unknown),
    scancode: Object.keys(SCANCODE.licenses),
    scancodeExceptions: Object.keys(SCANCODE.exceptions),
    scancodeNoise: Object.keys(SCANCODE.noise),
  };
}
