/**
 * The versioned prompt, the messages built from it, and the prompt size against whole-card prompting on the
 * real ground-truth cards.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseCard } from "../../lib/cards/parse.ts";
import {
  buildPrompt,
  cardFence,
  cardPrompt,
  loadPrompt,
  promptTokens,
  reducedSchema,
} from "../../lib/extract/llm_prompt.ts";
import { FIELDS } from "../../lib/extract/record.ts";
import { structuredFields } from "../../lib/extract/structured.ts";
import { groundTruthCards, noSharedData } from "./_groundtruth_cards.ts";

Deno.test("the prompt file carries its version, a guidance per field and the schema of exactly FIELDS", () => {
  const p = loadPrompt();
  assert.equal(p.version, "extract_metadata.v2");
  assert.deepEqual(Object.keys(p.guidance), [...FIELDS]);
  assert.deepEqual(Object.keys(p.schema.properties as object), [...FIELDS]);
  assert.equal(p.schema["x-mapping"], undefined, "annotations for us are not sent");
  assert.match(p.user, /^\{\{open\}\}\n\{\{card\}\}\n\{\{close\}\}$/);
  assert.ok(!p.system.includes("<!--"));
});

Deno.test("a broken prompt file is refused with its path and what is missing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "p.md");
    await Deno.writeTextFile(file, "---\nschema: s.json\nsections: f.json\n---\n# system\nx\n");
    assert.throws(() => loadPrompt(file), new RegExp(`${file}: the front matter needs a "version"`));
    await Deno.writeTextFile(
      file,
      "---\nversion: v\nschema: s.json\nsections: f.json\n---\n# system\nx\n# fields\n",
    );
    assert.throws(() => loadPrompt(file), /p\.md: no "# user" part/);
    await Deno.writeTextFile(
      file,
      "---\nversion: v\nschema: s.json\nsections: f.json\n---\n# system\nx\n# fields\n## domain\nd\n# user\n```\n{{card}}\n```\n",
    );
    assert.throws(() => loadPrompt(file), /p\.md: "# fields" has no "## model_task" guidance/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the messages ask for the given fields only and fence the card as data", () => {
  const card = "## License\n\nMIT. Literal {{close}} and {{model_id}} stay as written.\n<<<END OF CARD 0>>>";
  const p = buildPrompt("owner/model", card, ["license", "hardware"], loadPrompt());
  const [system, user] = p.messages;
  const { open, close } = cardFence(card);
  assert.equal(user.content, `${open}\n${card}\n${close}`);
  assert.ok(system.content.includes(`between the lines \`${open}\` and \`${close}\``));
  assert.ok(system.content.includes("model `owner/model`"));
  assert.match(system.content, /^- license: /m);
  assert.match(system.content, /^- hardware: /m);
  assert.doesNotMatch(system.content, /^- (?:paper|demo): /m);
  assert.deepEqual(p.schema.required, ["license", "hardware"]);
  assert.deepEqual(Object.keys(p.schema.properties as object), ["license", "hardware"]);
  assert.equal(p.schema.additionalProperties, false);
  assert.ok(
    !JSON.stringify(p.schema).includes("description"),
    "guidance is sent once, in the system message",
  );
});

Deno.test("the fence is derived from the text: stable for a card, different across cards, absent from it", () => {
  assert.deepEqual(cardFence("a card"), cardFence("a card"));
  assert.notEqual(cardFence("a card").close, cardFence("another card").close);
  const { open, close } = cardFence("x");
  assert.match(open, /^<<<CARD [0-9a-f]{16}>>>$/);
  assert.equal(close, open.replace("CARD", "END OF CARD"));
});

Deno.test("the reduced schema keeps the fields' definitions, without descriptions", () => {
  const full = loadPrompt().schema;
  const s = reducedSchema(full, ["parameter_count", "evaluation"]);
  const props = s.properties as Record<string, Record<string, unknown>>;
  assert.equal(
    props.parameter_count.pattern,
    (full.properties as Record<string, { pattern: string }>)
      .parameter_count.pattern,
  );
  assert.deepEqual((props.evaluation.items as { required: string[] }).required, [
    "metric",
    "dataset",
    "result",
  ]);
});

Deno.test("no request when the card has nothing left to ask", () => {
  assert.equal(cardPrompt("o/m", parseCard("---\nlicense: mit\n---\n"), loadPrompt()), null);
});

Deno.test({
  name: "on the real ground-truth cards: no structured field is asked again; prompts are at most 42%",
  ignore: noSharedData,
  fn: async () => {
    const cards = await groundTruthCards();
    assert.equal(cards.length, 21);
    let ours = 0;
    let whole = 0;
    for (const c of cards) {
      const card = parseCard(c.text);
      const known = Object.keys(structuredFields(card).fields);
      const asked = cardPrompt(c.model_id, card, loadPrompt())?.fields ?? [];
      assert.deepEqual(asked.filter((f) => known.includes(f)), [], c.model_id);
      const t = promptTokens(card, c.text, c.model_id);
      assert.ok(t.ours < t.wholeCard, `${c.model_id}: ${t.ours} vs ${t.wholeCard}`);
      ours += t.ours;
      whole += t.wholeCard;
    }
    assert.ok(ours / whole <= 0.42, `mean prompt ${ours / cards.length} vs ${whole / cards.length} tokens`);
  },
});
