/**
 * The versioned prompt of the LLM extractor (`prompts/extract_metadata.v2.md`, its schema and its field →
 * sections table) and the chat messages built from it for one card: the system message asks for the fields the
 * card's structured metadata left open, with only their schema; the user message holds only the sections that
 * can answer them, inside a fence the card cannot close.
 *
 * @module
 */
import { join } from "node:path";
import type { ParsedCard } from "../cards/parse.ts";
import { splitFrontMatter } from "../cards/front_matter.ts";
import { REPO_ROOT } from "../paths.ts";
import { sha256Hex } from "../store/hash.ts";
import type { JsonSchema } from "./json_schema_check.ts";
import { type FieldSectionTable, readFieldSections, selectSections } from "./llm_sections.ts";
import { type Field, FIELDS, type MetadataFields } from "./record.ts";
import { structuredFields } from "./structured.ts";
import { estimateChatTokens } from "./token_estimate.ts";

/** Where the prompts live. */
export const PROMPTS_DIR: string = join(REPO_ROOT, "prompts");

/** A loaded prompt. */
export interface PromptTemplate {
  /** The `version` of the prompt file: part of the reply cache key. */
  version: string;
  /** The system message template. */
  system: string;
  /** Guidance per field. */
  guidance: Record<Field, string>;
  /** The user message template. */
  user: string;
  /** The full response schema (annotations such as `x-mapping` removed). */
  schema: JsonSchema;
  sections: FieldSectionTable;
}

/** A chat message. */
export interface PromptMessage {
  role: "system" | "user";
  content: string;
}

/** The request for one card. */
export interface CardPrompt {
  messages: PromptMessage[];
  /** The response schema: only the asked fields. */
  schema: JsonSchema;
  fields: Field[];
}

const loaded = new Map<string, PromptTemplate>();

/**
 * Loads and checks a prompt file, its schema and its section table (cached per path).
 *
 * @param file the prompt file
 * @throws Error naming the file when it lacks a version, a part, the guidance of a field, or its schema does not
 *   list exactly the fields of `record.ts`
 * @example
 * ```ts
 * loadPrompt().version; // "extract_metadata.v2"
 * ```
 */
export function loadPrompt(file: string = join(PROMPTS_DIR, "extract_metadata.v2.md")): PromptTemplate {
  const hit = loaded.get(file);
  if (hit) return hit;
  const { data, error, body } = splitFrontMatter(Deno.readTextFileSync(file));
  const meta = data ?? {};
  for (const key of ["version", "schema", "sections"]) {
    if (typeof meta[key] !== "string") {
      throw new Error(`${file}: the front matter needs a "${key}" string${error ? ` (${error})` : ""}`);
    }
  }
  const dir = join(file, "..");
  const parts = splitParts(body.replace(/<!--[\s\S]*?-->/g, ""), file);
  const guidance = {} as Record<Field, string>;
  for (const f of FIELDS) {
    const text = parts.fields.get(f);
    if (!text) throw new Error(`${file}: "# fields" has no "## ${f}" guidance`);
    guidance[f] = text;
  }
  const schemaFile = join(dir, meta.schema as string);
  const schema = JSON.parse(Deno.readTextFileSync(schemaFile)) as JsonSchema;
  const props = Object.keys(schema.properties as object);
  if (props.join() !== FIELDS.join()) {
    throw new Error(`${schemaFile}: properties ${props.join(", ")} differ from lib/extract/record.ts FIELDS`);
  }
  const sectionsFile = join(dir, meta.sections as string);
  const template: PromptTemplate = {
    version: meta.version as string,
    system: parts.system,
    guidance,
    user: parts.user,
    schema: Object.fromEntries(Object.entries(schema).filter(([k]) => !k.startsWith("x-"))),
    sections: readFieldSections(JSON.parse(Deno.readTextFileSync(sectionsFile)), sectionsFile),
  };
  loaded.set(file, template);
  return template;
}

function splitParts(
  body: string,
  file: string,
): { system: string; user: string; fields: Map<string, string> } {
  const top = new Map<string, string>();
  for (const chunk of body.split(/^# /m).slice(1)) {
    const nl = chunk.indexOf("\n");
    top.set(chunk.slice(0, nl).trim(), chunk.slice(nl + 1).trim());
  }
  for (const name of ["system", "fields", "user"]) {
    if (!top.has(name)) throw new Error(`${file}: no "# ${name}" part`);
  }
  const fields = new Map<string, string>();
  for (const chunk of top.get("fields")!.split(/^## /m).slice(1)) {
    const nl = chunk.indexOf("\n");
    fields.set(chunk.slice(0, nl).trim(), chunk.slice(nl + 1).trim().replace(/\s*\n\s*/g, " "));
  }
  const user = /^```\w*\n([\s\S]*?)\n```/m.exec(top.get("user")!)?.[1];
  if (user === undefined) throw new Error(`${file}: "# user" needs its template in a fenced code block`);
  return { system: top.get("system")!, user, fields };
}

/**
 * The schema restricted to `fields`: the same property definitions without their descriptions (the system
 * message carries each field's guidance once), only those required.
 *
 * @example
 * ```ts
 * reducedSchema(loadPrompt().schema, ["license"]).required; // ["license"]
 * ```
 */
export function reducedSchema(schema: JsonSchema, fields: readonly Field[]): JsonSchema {
  const props = schema.properties as Record<string, JsonSchema>;
  return {
    type: "object",
    additionalProperties: false,
    required: [...fields],
    properties: Object.fromEntries(fields.map((f) => [f, withoutDescriptions(props[f])])),
  };
}

function withoutDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).filter(([k]) => k !== "description").map(([k, v]) => [k, withoutDescriptions(v)]),
  );
}

/**
 * The fence around the card text: derived from the text, so the same card gives the same request (and cache
 * entry), and the text cannot contain it — it would have to contain its own hash.
 *
 * @example
 * ```ts
 * cardFence("## Limitations\n...").close; // "<<<END OF CARD 3f2a...>>>"
 * ```
 */
export function cardFence(text: string): { open: string; close: string } {
  for (let salt = 0;; salt++) {
    const nonce = sha256Hex(new TextEncoder().encode(`${salt}\n${text}`)).slice(0, 16);
    if (!text.includes(nonce)) return { open: `<<<CARD ${nonce}>>>`, close: `<<<END OF CARD ${nonce}>>>` };
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => values[name] ?? m);
}

/**
 * The messages and schema asking for `fields` about a card, given the card text to show.
 *
 * @param modelId the model's id, named in the system message
 * @param cardText the (selected) card text
 * @param fields the fields to ask for
 * @param prompt the prompt template
 * @example
 * ```ts
 * const p = buildPrompt("bert-base-uncased", "## Limitations\n...", ["limitation_and_bias"], loadPrompt());
 * p.messages[1].content; // "<<<CARD ...>>>\n## Limitations\n...\n<<<END OF CARD ...>>>"
 * ```
 */
export function buildPrompt(
  modelId: string,
  cardText: string,
  fields: readonly Field[],
  prompt: PromptTemplate,
): CardPrompt {
  const { open, close } = cardFence(cardText);
  const values = {
    model_id: modelId,
    open,
    close,
    card: cardText,
    fields: fields.map((f) => `- ${f}: ${prompt.guidance[f]}`).join("\n"),
  };
  return {
    messages: [
      { role: "system", content: fill(prompt.system, values) },
      // the card goes in last, so no placeholder-looking text inside it is ever substituted
      {
        role: "user",
        content: fill(prompt.user, { ...values, card: "\u0000" }).replace("\u0000", () => cardText),
      },
    ],
    schema: reducedSchema(prompt.schema, fields),
    fields: [...fields],
  };
}

/**
 * The request the LLM extractor sends for a card: the fields the structured metadata left open and some section
 * of the card can answer, and those sections. `null` when nothing is left to ask.
 *
 * @param modelId the model's id
 * @param card the parsed card
 * @param prompt the prompt template
 * @param known what the structured metadata already answers (computed from `card` when not given)
 * @example
 * ```ts
 * cardPrompt("gpt2", parseCard(text), loadPrompt())?.fields; // ["github_repo", "paper", ...]
 * ```
 */
export function cardPrompt(
  modelId: string,
  card: ParsedCard,
  prompt: PromptTemplate,
  known: Partial<MetadataFields> = structuredFields(card).fields,
): CardPrompt | null {
  const open = FIELDS.filter((f) => known[f] === undefined);
  const selected = selectSections(card, open, prompt.sections, [modelId.split("/").pop()!]);
  if (selected.answerable.length === 0) return null;
  return buildPrompt(modelId, selected.text, selected.answerable, prompt);
}

/**
 * Estimated prompt tokens of our request for a card against PeaTMOSS-style whole-card prompting (every field,
 * the entire card text, the full schema), measured with the same estimate.
 *
 * @param card the parsed card
 * @param text the card text
 * @param modelId the model's id (only its length matters)
 * @returns `ours` is 0 when the structured metadata answers every field (no request is sent)
 * @example
 * ```ts
 * const { ours, wholeCard } = promptTokens(parseCard(text), text);
 * ours / wholeCard; // about 0.35 over a corpus (0 when the front matter answers everything)
 * ```
 */
export function promptTokens(
  card: ParsedCard,
  text: string,
  modelId = "owner/model",
): { ours: number; wholeCard: number } {
  const prompt = loadPrompt();
  const ours = cardPrompt(modelId, card, prompt);
  const whole = buildPrompt(modelId, text, FIELDS, prompt);
  return {
    ours: ours ? estimateChatTokens(ours.messages, ours.schema) : 0,
    wholeCard: estimateChatTokens(whole.messages, whole.schema),
  };
}
