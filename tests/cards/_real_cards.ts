/**
 * Real model cards of the shared data for the card tests: single cards by file name, and whole corpora.
 * Empty without the shared data (the tests using them are then skipped).
 */
import { join } from "node:path";
import { type CardInput, openCards } from "../../lib/cards/sources.ts";
import { SHARED_DATA } from "../_shared_data.ts";

/** yinan-hf-readme's directory of flat `<owner>_<name>.md` cards. */
export const YINAN_CARDS = SHARED_DATA &&
  join(SHARED_DATA, "yinan-hf-readme", "training_and_application", "readme_files");

/** Skip flag for tests on real cards. */
export const noSharedData = SHARED_DATA === null;

/** The text of one yinan card, e.g. `yinanCard("bigscience_T0.md")`. */
export function yinanCard(file: string): string {
  return Deno.readTextFileSync(join(YINAN_CARDS!, file));
}

/** Every card of the file-per-card corpora (yinan, mctidy, transformers). */
export async function allRealCards(): Promise<CardInput[]> {
  if (!SHARED_DATA) return [];
  const cards: CardInput[] = [];
  for (const dir of ["yinan-hf-readme", "asgaardlab-mctidy", "transformers-model-cards"]) {
    for await (const c of (await openCards(join(SHARED_DATA, dir))).cards) cards.push(c);
  }
  return cards;
}
