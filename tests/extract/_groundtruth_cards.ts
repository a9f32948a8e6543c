/**
 * The real model cards of the PeaTMOSS ground-truth models (21 of 30 have a card in the shared data), read
 * through `openCards`. Empty without the shared data (the tests using them are then skipped).
 */
import { join } from "node:path";
import { type CardInput, openCards } from "../../lib/cards/sources.ts";
import { SHARED_DATA } from "../_shared_data.ts";

/** The ground-truth cards, in index order. */
export async function groundTruthCards(): Promise<CardInput[]> {
  if (!SHARED_DATA) return [];
  const src = await openCards(join(SHARED_DATA, "_derived", "groundtruth_card_index.json"), {
    cardsRoot: SHARED_DATA,
  });
  const cards: CardInput[] = [];
  for await (const c of src.cards) cards.push(c);
  return cards;
}

/** One ground-truth card by model id. */
export async function groundTruthCard(modelId: string): Promise<CardInput> {
  const card = (await groundTruthCards()).find((c) => c.model_id === modelId);
  if (!card) throw new Error(`no ground-truth card for ${modelId}`);
  return card;
}

/** Skip flag for tests on real cards. */
export const noSharedData = SHARED_DATA === null;
