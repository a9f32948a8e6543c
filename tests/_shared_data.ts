/**
 * Where the real public data for tests lives (`../shared/data` beside the repository), or null when absent.
 * Tests that need it are skipped, visibly, without it.
 */
import { join } from "node:path";
import { REPO_ROOT } from "../lib/paths.ts";

export { REPO_ROOT };

function find(): string | null {
  const dir = join(REPO_ROOT, "..", "shared", "data");
  try {
    return Deno.statSync(dir).isDirectory ? dir : null;
  } catch {
    return null;
  }
}

/** `../shared/data`, or null. */
export const SHARED_DATA: string | null = find();

/** The directory of the 760 Hugging Face /api/models pages of 2024-07-11 in the shared data. */
export const HF_PAGES = SHARED_DATA &&
  join(SHARED_DATA, "stalnaker-hf-supply-chain", "data", "raw_data", "model_lists");

if (!SHARED_DATA) {
  console.warn(`SKIPPING tests on real data: ${join(REPO_ROOT, "..", "shared", "data")} not found`);
}
