/**
 * The clause facts improved mode reasons with: for each license (SPDX id or `LicenseRef-`), whether it allows
 * commercial use, derivatives, what it requires of derivatives (share-alike), which use-based restrictions must
 * be passed downstream, whether it forbids further restrictions, the duties it leaves, and the URL of its text.
 * The facts are data (`data/clauses.json`); this module types, defaults and checks them.
 *
 * Categories and what they imply when an entry does not say otherwise:
 * - `permissive`, `public-domain`: commercial use and derivatives under any terms.
 * - `weak-copyleft`, `strong-copyleft`, `network-copyleft`: commercial use allowed; derivatives must stay under
 *   the license (`shareAlike` is required).
 * - `non-commercial`: commercial use forbidden (`commercialClause` is required).
 * - `use-restricted` (the RAIL family, Llama, Gemma, ethical licenses): commercial use allowed unless stated;
 *   use-based restrictions that must be passed downstream (`useRestrictions` is required).
 * - `source-available`, `proprietary`: what they grant is not known unless stated (commercial use `null`).
 * - `family`: an id that may stand for any of `family` (the Hugging Face ids `bsd`, `cc`, `gpl`, `lgpl`).
 *
 * @module
 */
import table from "./data/clauses.json" with { type: "json" };

/** The kinds of license the verdict rules tell apart. */
export type Category =
  | "permissive"
  | "public-domain"
  | "weak-copyleft"
  | "strong-copyleft"
  | "network-copyleft"
  | "non-commercial"
  | "use-restricted"
  | "source-available"
  | "proprietary"
  | "family";

const CATEGORIES: ReadonlySet<string> = new Set<Category>([
  "permissive",
  "public-domain",
  "weak-copyleft",
  "strong-copyleft",
  "network-copyleft",
  "non-commercial",
  "use-restricted",
  "source-available",
  "proprietary",
  "family",
]);

const COMMERCIAL_BY_CATEGORY: Record<Category, boolean | null> = {
  "permissive": true,
  "public-domain": true,
  "weak-copyleft": true,
  "strong-copyleft": true,
  "network-copyleft": true,
  "non-commercial": false,
  "use-restricted": true,
  "source-available": null,
  "proprietary": null,
  "family": null,
};

/** What a share-alike (copyleft) license requires of works based on it. */
export interface ShareAlike {
  /** The clause, e.g. "section 5(c): the entire work must be licensed as a whole under the GPL-3.0". */
  clause: string;
  /** Other licenses a derivative may take (e.g. GPL-3.0 for CC-BY-SA-4.0); `[]` when none. */
  compatible: string[];
  /** Where that compatibility is declared, when not in the license text itself. */
  compatibleSource?: string;
  /** A "lesser" exception: a work that only uses the licensed material may be under other terms. */
  lesser?: {
    clause: string;
    /** `modification`: only if the work's own terms permit modification (LGPLLR section 4). */
    requires?: "modification";
  };
}

/** Use-based restrictions and how they must travel downstream. */
export interface UseRestrictions {
  /** Where the restrictions are, e.g. "section 5 and Attachment A". */
  clause: string;
  /** What the license requires of anyone distributing the material or derivatives. */
  passDown: string;
}

/** The facts about one license. */
export interface LicenseFacts {
  /** SPDX id or `LicenseRef-` id. */
  id: string;
  name: string;
  category: Category;
  /** Commercial use allowed; null when the license does not say in a way we can read. */
  commercial: boolean | null;
  /** The clause that forbids or limits commercial use. */
  commercialClause?: string;
  /** The clause that forbids sharing derivatives. */
  noDerivatives?: string;
  shareAlike?: ShareAlike;
  useRestrictions?: UseRestrictions;
  /** The clause that forbids imposing further restrictions on recipients, e.g. "GPL-3.0 section 10". */
  noFurtherRestrictions?: string;
  /** Attribution, notice and other duties left to whoever uses the material. */
  duties: string[];
  /** For a `family` id: the licenses it may stand for. */
  family?: string[];
  /** URL of the license text (or of the page the facts were read from). */
  source: string;
}

/** A known incompatibility that the LF table leaves undecided. */
export interface KnownConflict {
  /** The upstream (model) license. */
  model: string;
  /** Downstream (project) licenses that cannot carry it. */
  projects: string[];
  reason: string;
  source: string;
}

/** The clause table: facts by id, and the known conflicts. */
export interface ClauseTable {
  licenses: ReadonlyMap<string, LicenseFacts>;
  conflicts: KnownConflict[];
}

/** A clause table whose content does not have the expected shape. */
export class ClauseTableError extends Error {
  override name = "ClauseTableError";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** The checks of one entry; throws naming the entry and the field. */
function facts(id: string, raw: unknown, where: string): LicenseFacts {
  const fail = (what: string): never => {
    throw new ClauseTableError(`${where}: license "${id}": ${what}`);
  };
  if (!isObject(raw)) return fail("expected an object");
  const { name, category, source } = raw;
  if (typeof name !== "string" || name === "") fail("name must be a non-empty string");
  if (typeof category !== "string" || !CATEGORIES.has(category)) {
    fail(`category must be one of ${[...CATEGORIES].join(", ")}, got ${JSON.stringify(category)}`);
  }
  if (typeof source !== "string" || !/^https:\/\//.test(source)) fail("source must be an https URL");
  const cat = category as Category;
  const commercial = raw.commercial === undefined ? COMMERCIAL_BY_CATEGORY[cat] : raw.commercial;
  if (commercial !== null && typeof commercial !== "boolean") fail("commercial must be true, false or null");
  const shareAlike = raw.shareAlike;
  if (shareAlike !== undefined && (!isObject(shareAlike) || typeof shareAlike.clause !== "string")) {
    fail("shareAlike needs a clause");
  }
  if (cat.endsWith("-copyleft") && shareAlike === undefined) fail(`a ${cat} license needs shareAlike`);
  const lesser = isObject(shareAlike) ? shareAlike.lesser : undefined;
  if (
    lesser !== undefined &&
    (!isObject(lesser) || typeof lesser.clause !== "string" ||
      ![undefined, "modification"].includes(lesser.requires as string))
  ) {
    fail('shareAlike.lesser needs a clause, and "requires" can only be "modification"');
  }
  const use = raw.useRestrictions;
  if (
    use !== undefined &&
    (!isObject(use) || typeof use.clause !== "string" || typeof use.passDown !== "string")
  ) {
    fail("useRestrictions needs a clause and passDown");
  }
  if (cat === "use-restricted" && use === undefined) fail("a use-restricted license needs useRestrictions");
  if (commercial === false && typeof raw.commercialClause !== "string") {
    fail("a license that forbids commercial use needs commercialClause");
  }
  if (cat === "family" && !isStrings(raw.family)) fail("a family needs the list of its licenses");
  if (raw.duties !== undefined && !isStrings(raw.duties)) fail("duties must be a list of strings");
  const sa = shareAlike as Record<string, unknown> | undefined;
  return {
    id,
    name: name as string,
    category: cat,
    commercial: commercial as boolean | null,
    ...(typeof raw.commercialClause === "string" ? { commercialClause: raw.commercialClause } : {}),
    ...(typeof raw.noDerivatives === "string" ? { noDerivatives: raw.noDerivatives } : {}),
    ...(sa
      ? {
        shareAlike: {
          clause: sa.clause as string,
          compatible: isStrings(sa.compatible) ? sa.compatible : [],
          ...(typeof sa.compatibleSource === "string" ? { compatibleSource: sa.compatibleSource } : {}),
          ...(isObject(sa.lesser) ? { lesser: sa.lesser as ShareAlike["lesser"] } : {}),
        },
      }
      : {}),
    ...(use ? { useRestrictions: use as unknown as UseRestrictions } : {}),
    ...(typeof raw.noFurtherRestrictions === "string"
      ? { noFurtherRestrictions: raw.noFurtherRestrictions }
      : {}),
    duties: (raw.duties as string[] | undefined) ?? [],
    ...(isStrings(raw.family) ? { family: raw.family } : {}),
    source: source as string,
  };
}

/**
 * Checks and types a clause table (the shape of `data/clauses.json`); errors name the entry and the field.
 *
 * @example
 * ```ts
 * const t = parseClauseTable({ licenses: { MIT: { name: "MIT License", category: "permissive",
 *   source: "https://spdx.org/licenses/MIT.html" } }, conflicts: [] }, "test");
 * t.licenses.get("MIT")?.commercial; // true
 * ```
 */
export function parseClauseTable(json: unknown, where: string): ClauseTable {
  if (!isObject(json) || !isObject(json.licenses) || !Array.isArray(json.conflicts)) {
    throw new ClauseTableError(`${where}: expected { licenses: {...}, conflicts: [...] }`);
  }
  const licenses = new Map(Object.entries(json.licenses).map(([id, raw]) => [id, facts(id, raw, where)]));
  const conflicts = json.conflicts.map((c, i) => {
    if (
      !isObject(c) || typeof c.model !== "string" || !isStrings(c.projects) || typeof c.reason !== "string" ||
      typeof c.source !== "string"
    ) {
      throw new ClauseTableError(`${where}: conflicts[${i}] needs model, projects, reason and source`);
    }
    return c as unknown as KnownConflict;
  });
  return { licenses, conflicts };
}

/** The table shipped with ptmscope. */
export const CLAUSES: ClauseTable = parseClauseTable(table, "lib/licenses/data/clauses.json");

/**
 * The facts about a license, or undefined when the table has none.
 *
 * @example
 * ```ts
 * licenseFacts("CC-BY-NC-4.0")?.commercial; // false
 * ```
 */
export function licenseFacts(id: string, clauses: ClauseTable = CLAUSES): LicenseFacts | undefined {
  return clauses.licenses.get(id);
}

/**
 * The known conflict of a model license with a project license, if the table lists one.
 *
 * @example
 * ```ts
 * knownConflict("Apache-2.0", "GPL-2.0-only")?.source; // "https://www.gnu.org/licenses/license-list.html#apache2"
 * ```
 */
export function knownConflict(
  model: string,
  project: string,
  clauses: ClauseTable = CLAUSES,
): KnownConflict | undefined {
  return clauses.conflicts.find((c) => c.model === model && c.projects.includes(project));
}
