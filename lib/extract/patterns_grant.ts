/**
 * Who funded the model, where the card says so: a "Funded by:" line (the Hugging Face template's
 * "**Funded by [optional]:**"), a Funding section, or a funding sentence ("This work was supported by the
 * European Language Grid", "supported by a grant from a16z", "We thank Adereso for providing support for
 * training", "supported by the TPU Research Cloud").
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { countPlaceholders } from "../cards/placeholders.ts";
import { firstSentence, sentenceAround, statedValue } from "./stated.ts";

const GRANT_LABEL =
  /^(?:funded by|funding|funder|funders|funding sources?|sponsored by|sponsors?|supported by|grants?|compute sponsors?|compute (?:provided|donated) by)$/;
const FUNDING_HEADING = /^(?:\W*\s*)?(?:funding|funders|sponsors?|sponsorship|supported by|grants?)\s*\W*$/i;
// Words every funding sentence holds: where FUNDING_SENTENCE is tried, one sentence at a time.
const FUNDING_WORDS = /funded|sponsor|financ|supported|grant|thank|grateful|acknowledg|research cloud/gi;

// The phrases that say "paid for": a grant, a funder, a sponsor, donated compute. "supported by" alone is not
// enough ("supported by 🤗 Transformers"): the subject must be the work, or the support a grant.
const FUNDING_SENTENCE = new RegExp(
  [
    String.raw`\b(?:funded|sponsored|financed|co-funded)\s+(?:in\s+part\s+)?by\b`,
    String
      .raw`\b(?:work|research|project|training|development|effort|study|model)\b[^.\n]{0,80}?\b(?:is|was|were|has been|have been)\s+(?:\w+\s+){0,2}?supported\s+(?:in\s+part\s+)?by\b`,
    String
      .raw`\bsupported\s+by\s+(?:a|an|the)?\s*(?:\w+\s+){0,3}?(?:grant|fellowship|scholarship|funding|program(?:me)?)\b`,
    String.raw`\b(?:grant|grants)\s+(?:from|no\.?|number|agreement|#|id)\s*\S`,
    String.raw`\bunder\s+(?:the\s+)?(?:\w+\s+){0,3}?grant\b`,
    String.raw`\b(?:research|generous)\s+grant\b`,
    // "the open-source grant (Chai AI) supporting our research"; not MyShell's "Open Source AI Grant" programme
    String.raw`\bopen[\s-]source(?:\s+ai)?\s+grant\s+(?:from|by|\(|support)`,
    String
      .raw`\b(?:thank|thanks|grateful|acknowledge)\w*\b[^.\n]{0,120}?\b(?:for|with)\b[^.\n]{0,40}?\b(?:funding|grants?|sponsorship|compute|computing resources|computational resources|support for train\w*)\b`,
    String.raw`\b(?:TPU|TensorFlow)\s+Research\s+Cloud\b`,
  ].join("|"),
  "i",
);

/**
 * The grant, sponsor or compute donor the card names: a "Funded by:" statement, else the first sentence of a
 * Funding section, else the first funding sentence anywhere outside code. Template placeholders are no value;
 * license text ("grants you a license") is not a grant. "" when none.
 *
 * @example
 * ```ts
 * grantOf(parseCard("- **Funded by:** Stability AI")); // "Stability AI"
 * grantOf(parseCard("This work was funded by the NSF under grant 123. Other text.")); // "This work was funded by the NSF under grant 123."
 * grantOf(parseCard("- **Funded by [optional]:** [More Information Needed]")); // ""
 * ```
 */
export function grantOf(card: ParsedCard): string {
  const stated = statedValue(card, GRANT_LABEL, (v) => /[\p{L}\p{N}]{2}/u.test(v));
  if (stated) return stated.slice(0, 300);
  for (const s of card.sections) {
    if (!FUNDING_HEADING.test(s.heading) || s.empty) continue;
    const sentence = firstSentence(s.text.replace(/```[\s\S]*?```/g, " "));
    if (sentence) return sentence.slice(0, 300);
  }
  let last = "";
  let tries = 0;
  for (const m of card.prose.matchAll(FUNDING_WORDS)) {
    if (++tries > 40) break; // an embedded license says "grant" a hundred times
    const lineStart = card.prose.lastIndexOf("\n", m.index) + 1;
    if (/^[ \t]*#/.test(card.prose.slice(lineStart, lineStart + 10))) continue; // "## Acknowledgements"
    const sentence = sentenceAround(card.prose, m.index);
    if (sentence === last) continue;
    last = sentence;
    // license text "grants you" is no grant; the template's "Funded by [optional]: [More Information Needed]"
    // line is no sentence
    // a sentence says who paid ("Sponsored by RunPod"); a bold title ("**Open Source AI Grant**") does not
    const says = sentence.split(/\s+/).length >= 5 ||
      /\b(?:funded|sponsored|financed)\s+by\s+\S/i.test(sentence);
    if (says && FUNDING_SENTENCE.test(sentence) && countPlaceholders(sentence) === 0) {
      return sentence;
    }
  }
  return "";
}
