/**
 * How the PeaTMOSS artifact names licenses before it looks them up (`process_license` in
 * `licenseCompatibilitiesSankey.py`, and the shorter alias table of `otherCount.py`). Paper mode keeps these
 * rules as they are, shortcomings included, so that its counts are the artifact's.
 *
 * @module
 */

/** License keys the artifact lumps together as `other`. */
export const ARTIFACT_OTHER_KEYS: ReadonlySet<string> = new Set([
  "other",
  "unknown",
  "unknown-license-reference",
  "warranty-disclaimer",
  "generic-cla",
  "commercial-license",
  "other-permissive",
  "other-copyleft",
]);

/** The alias table of `licenseCompatibilitiesSankey.py`: ScanCode / HF keys → the LF table's labels. */
export const ARTIFACT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["bsd-new", "bsd-3-clause"],
  ["bsd-modified", "bsd-3-clause"],
  ["bsd-simplified", "bsd-2-clause"],
  ["openrail++", "openrail"],
  ["gpl-2.0", "gpl-2.0-only"],
  ["gpl-3.0", "gpl-3.0-only"],
  ["gpl-3.0-plus", "gpl-3.0-or-later"],
  ["agpl-3.0", "agpl-3.0-only"],
  ["lgpl-3.0", "lgpl-3.0-only"],
  ["lgpl-3.0-plus", "lgpl-3.0-or-later"],
  ["lgpl-2.1", "lgpl-2.1-only"],
]);

/**
 * The alias table of `otherCount.py`, which computed the Sankey's "other" lists: only the first four entries.
 * Its lists therefore hold names such as `gpl-3.0` that the Sankey script, having aliased them, never meets.
 */
export const OTHER_COUNT_ALIASES: ReadonlyMap<string, string> = new Map([...ARTIFACT_ALIASES].slice(0, 4));

/** What the artifact calls a missing license (and `unlicense`, which it treats as none). */
export const NO_LICENSE = "no license";

/**
 * The artifact's name for a license key: null and `unlicense` → `no license`, the keys of
 * {@linkcode ARTIFACT_OTHER_KEYS} → `other`, then the alias table. Case is kept: the caller lower-cases the HF
 * side only, as the artifact did.
 *
 * @example
 * ```ts
 * artifactName("bsd-new"); // "bsd-3-clause"
 * artifactName(null); // "no license"
 * artifactName("gpl-3.0", OTHER_COUNT_ALIASES); // "gpl-3.0"
 * ```
 */
export function artifactName(
  license: string | null,
  aliases: ReadonlyMap<string, string> = ARTIFACT_ALIASES,
): string {
  if (license === null || license === "unlicense") return NO_LICENSE;
  if (ARTIFACT_OTHER_KEYS.has(license)) return "other";
  return aliases.get(license) ?? license;
}
