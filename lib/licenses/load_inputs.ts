/**
 * Loading the three inputs of the license analysis: given files, or the pinned copies of the PeaTMOSS artifact
 * (catalog group `peatmoss-license-analysis`, fetched into data/cache when missing).
 *
 * @module
 */
import { joinRelations, parseGhLicenses, parseMapping, type Relation } from "./inputs.ts";
import { type LfMatrix, parseLfMatrix } from "./lf_matrix.ts";

/** Catalog group of the artifact's license-analysis inputs. */
export const LICENSE_INPUTS_GROUP = "peatmoss-license-analysis";

/** Paths of the three input files. */
export interface LicenseInputFiles {
  mapping: string;
  ghLicenses: string;
  matrix: string;
}

/** The parsed inputs and where they came from. */
export interface LicenseInputs {
  relations: Relation[];
  matrix: LfMatrix;
  files: LicenseInputFiles;
}

/** A read input file and where it was read. */
export interface Input {
  where: string;
  bytes: Uint8Array;
}

async function readInput(flag: string, path: string): Promise<Input> {
  try {
    return { where: path, bytes: await Deno.readFile(path) };
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) throw new Error(`${flag} ${path}: no such file`);
    throw err;
  }
}

/**
 * One file of the artifact's pinned license-analysis inputs (`mapping.csv`, `all_gh_licenses.json`, the LF
 * matrix), fetched into data/cache first when needed. The fetch code is loaded only then, so paper mode with
 * explicit files stays fast.
 *
 * @example
 * ```ts
 * const { where, bytes } = await pinnedLicenseInput("mapping.csv");
 * ```
 */
export async function pinnedLicenseInput(
  file: string,
  { progress = false }: { progress?: boolean } = {},
): Promise<Input> {
  const [{ fetchGroups }, { cachedPath, readCached }, { catalogEntries }] = await Promise.all([
    import("../fetch/fetch.ts"),
    import("../fetch/cache.ts"),
    import("../fetch/catalog.ts"),
  ]);
  await fetchGroups([LICENSE_INPUTS_GROUP], { progress, log: (line) => console.error(line) });
  const entry = catalogEntries([LICENSE_INPUTS_GROUP]).find((e) => e.path.endsWith(`/${file}`));
  if (!entry) {
    throw new Error(
      `the catalog group ${LICENSE_INPUTS_GROUP} has no ${file}; is lib/fetch/catalog.json current?`,
    );
  }
  return { where: (await cachedPath(entry.path)) ?? entry.path, bytes: await readCached(entry.path) };
}

/** The three pinned inputs. */
async function catalogInputs(): Promise<[Input, Input, Input]> {
  const one = (file: string) => pinnedLicenseInput(file, { progress: true });
  return await Promise.all([
    one("mapping.csv"),
    one("all_gh_licenses.json"),
    one("Linux-Foundation-OSS-License-Compatibility.xlsx"),
  ]);
}

/**
 * Reads and parses the mapping, the repository licenses and the LF matrix: from `files` when given, otherwise
 * the artifact's pinned copies.
 *
 * @example
 * ```ts
 * const { relations, matrix } = await loadLicenseInputs(); // the published inputs
 * const report = analyzePaper(relations, matrix);
 * ```
 */
export async function loadLicenseInputs(files?: LicenseInputFiles): Promise<LicenseInputs> {
  const [mapping, ghLicenses, matrix] = files
    ? await Promise.all([
      readInput("--mapping", files.mapping),
      readInput("--gh-licenses", files.ghLicenses),
      readInput("--matrix", files.matrix),
    ])
    : await catalogInputs();
  const text = (input: Input) => new TextDecoder().decode(input.bytes);
  return {
    relations: joinRelations(
      parseMapping(text(mapping), mapping.where),
      parseGhLicenses(text(ghLicenses), ghLicenses.where),
    ),
    matrix: await parseLfMatrix(matrix.bytes, matrix.where),
    files: { mapping: mapping.where, ghLicenses: ghLicenses.where, matrix: matrix.where },
  };
}
