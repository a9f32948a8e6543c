/**
 * What a model takes and gives, where the card says so: "Input:"/"Output:" statements ("**Input** Models input
 * text only.", "**Output Format:** String", "| Inputs | Text |"), a prompt-format section, the sampling rate
 * speech must have ("make sure that your speech input is sampled at 16kHz") and the size images are brought to
 * (a preprocessing section's "Images are resized to the same resolution (224x224)").
 *
 * @module
 */
import type { ParsedCard } from "../cards/parse.ts";
import { cleanInline, sentenceAround, statedValue } from "./stated.ts";

// "Input size: 224 x 224" counts; timm's bare "Image size: 224 x 224" stat does not: the ground truth labels the
// timm cards' input format empty
const INPUT_LABEL =
  /^(?:model\s+)?inputs?(?:\s+(?:format|formats|type|types|modality|modalities|data|shape|size|resolution))?$/;
const OUTPUT_LABEL =
  /^(?:model\s+)?outputs?(?:\s+(?:format|formats|type|types|modality|modalities|data|shape))?$/;

// A statement of format names a kind of data early on; "Input: the us is a nato member" is an example.
const FORMAT_WORD =
  /\b(?:text|texts|textual|strings?|images?|pictures?|video|videos|audio|speech|waveforms?|tokens?|token ids|embeddings?|vectors?|json|rgb|pixels?|code|mel|spectrograms?|\d+\s?k?hz|\d+\s?[x×]\s?\d+|resolution|tensors?|logits|probabilit\w*|scores?|labels?|class(?:es)?|bounding box\w*|masks?|prompts?|chat|sequences?|numbers?|numeric\w*|time series|point clouds?|dialogue|conversations?)\b/i;

function isFormat(value: string): boolean {
  // quoted values and templates ("{input}") are examples of an input, not its format
  if (/^["'`“‘<]|\{/.test(value)) return false;
  return FORMAT_WORD.test(value.slice(0, 60));
}

const PROMPT_HEADING =
  /^(?:prompt(?:ing)?(?:\s+(?:format|template|style|structure))?|chat\s+(?:format|template)|input\s+format)\s*(?::\s*(.*))?$/i;
// "your speech input is sampled at 16kHz"; not "4 codebooks sampled at 50 Hz"
const SAMPLE_RATE =
  /\b(?:speech|audio|input|recordings?|signals?|waveforms?|sound)\b[^.\n]{0,40}?\b(?:sampled\s+at|sampling\s+rate\s+of|sample\s+rate\s+of)\s+\d+(?:[.,]\d+)?\s?k?hz\b/i;
// "Images are resized/rescaled to the same resolution (224x224)", read in preprocessing sections only: elsewhere
// a resolution is as often the output's, a patch's or another model's
const IMAGE_RESIZE =
  /\b(?:images?|inputs?|pictures?|frames?)\b[^.\n]{0,40}?\b(?:resized|rescaled|cropped|center-cropped|scaled)\b[^.\n]{0,60}?\b\d{2,4}\s?[x×]\s?\d{2,4}\b/i;

/**
 * The input format the card states: an "Input:" statement naming a kind of data, else a prompt-format section
 * (its heading's name and first lines), else the sampling rate speech must have, else a preprocessing section's
 * image size. "" when none.
 *
 * @example
 * ```ts
 * inputFormat(parseCard("**Input** Models input text only.")); // "Models input text only."
 * inputFormat(parseCard("Make sure that your speech input is sampled at 16kHz.")); // "Make sure that your speech input is sampled at 16kHz."
 * inputFormat(parseCard("Input: the us is a nato member")); // "": an example, not a format
 * ```
 */
export function inputFormat(card: ParsedCard): string {
  const stated = statedValue(card, INPUT_LABEL, isFormat);
  if (stated) return stated.slice(0, 300);
  const prompt = promptFormat(card);
  if (prompt) return prompt;
  const rate = /\dk?hz/i.test(card.prose) ? SAMPLE_RATE.exec(card.prose) : null;
  if (rate) return sentenceAround(card.prose, rate.index);
  for (const s of card.sections) {
    if (!/preprocess/i.test(s.heading)) continue;
    const m = IMAGE_RESIZE.exec(s.text);
    if (m) return sentenceAround(s.text, m.index);
  }
  return "";
}

/**
 * The output format the card states: an "Output:" statement naming a kind of data. "" when none.
 *
 * @example
 * ```ts
 * outputFormat(parseCard("**Output** Models generate text and code only.")); // "Models generate text and code only."
 * ```
 */
export function outputFormat(card: ParsedCard): string {
  return statedValue(card, OUTPUT_LABEL, isFormat).slice(0, 300);
}

// "## Prompt template: ChatML" + its template; "Prompt template: None" says there is none. A section whose own
// text has no template ("Note: keep the system prompt empty.") takes its first sub-section's ("#### Single Turn").
function promptFormat(card: ParsedCard): string {
  const { sections } = card;
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k];
    if (!/prompt|chat|input/i.test(s.heading)) continue; // most headings: skip the clean-up
    const m = PROMPT_HEADING.exec(cleanInline(s.heading));
    if (!m) continue;
    const name = m[1]?.trim() ?? "";
    if (/^(?:none|unknown|n\/?a)$/i.test(name)) continue;
    let text = s.empty ? "" : s.text;
    const child = sections[k + 1];
    if (!text.includes("```") && child && child.level > s.level && !child.empty) {
      text = `${text}\n${cleanInline(child.heading)}:\n${child.text}`;
    }
    text = cleanInline(text.replace(/^\s*```\w*\s*$/gm, " ").replace(/<!--[\s\S]*?-->/g, " "));
    // a lead-in to a template in a sub-section; "No prompt format found, check original model page"
    if (text === "" || text.endsWith(":") || /^no\b|\bnot (?:found|known|available)\b/i.test(text)) continue;
    return (name ? `${name}: ${text}` : text).slice(0, 500);
  }
  return "";
}
