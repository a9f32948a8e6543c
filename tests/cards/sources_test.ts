import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { CardSourceError, idOfFile, openCards } from "../../lib/cards/sources.ts";
import { writeDataset } from "../../lib/store/dataset.ts";
import { SHARED_DATA } from "../_shared_data.ts";

async function ids(spec: string, cardsRoot?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const c of (await openCards(spec, { cardsRoot })).cards) out.push(c.model_id);
  return out;
}

async function write(path: string, text: string): Promise<void> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
}

Deno.test("sources: file names map to model ids in each layout", () => {
  assert.equal(
    idOfFile(["model_cards", "valhalla", "t5-base-e2e-qg", "README.md"]),
    "valhalla/t5-base-e2e-qg",
  );
  assert.equal(idOfFile(["gpt2", "README.md"]), "gpt2");
  assert.equal(idOfFile(["BAAI@bge-m3", "1_raw.md"]), "BAAI/bge-m3");
  assert.equal(idOfFile(["tiiuae_falcon-7b-instruct.md"]), "tiiuae/falcon-7b-instruct");
});

Deno.test("sources: a hub-layout directory, a flat one, and a JSON index with --cards-root", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await write(join(dir, "hub", "README.md"), "top-level docs, not a card");
    await write(join(dir, "hub", "o", "m", "README.md"), "# o/m");
    await write(join(dir, "hub", "gpt2", "README.md"), "# gpt2");
    await write(join(dir, "flat", "o_m-1.md"), "# o/m-1");
    await write(join(dir, "flat", "PROVENANCE.md"), "docs");
    assert.deepEqual(await ids(join(dir, "hub")), ["gpt2", "o/m"]);
    assert.deepEqual(await ids(join(dir, "flat")), ["o/m-1"]);
    await write(join(dir, "idx", "index.json"), JSON.stringify({ index: { "o/m": "hub/o/m/README.md" } }));
    assert.deepEqual(await ids(join(dir, "idx", "index.json"), dir), ["o/m"]);
    await assert.rejects(
      () => ids(join(dir, "idx", "index.json")),
      (e: Error) => e instanceof CardSourceError && e.message.includes("cannot read the card of o/m"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sources: a ptmscope dataset gives its cards with the models' hub tags", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ds = join(dir, "ds");
    await writeDataset(ds, {
      models: pl.DataFrame({
        id: ["o/a", "o/b"],
        hub: ["huggingface", "huggingface"],
        tags: [["pytorch", "license:mit"], []],
      }),
      cards: pl.DataFrame({ model_id: ["o/a", "o/b"], text: ["# A", "---\nlicense: mit\n---\n# B"] }),
    }, { source: { kind: "manual" } });
    const src = await openCards(ds);
    assert.deepEqual([src.kind, src.total], ["dataset", 2]);
    const cards = [];
    for await (const c of src.cards) cards.push(c);
    assert.deepEqual(cards.map((c) => [c.model_id, c.tags]), [["o/a", ["pytorch", "license:mit"]], [
      "o/b",
      [],
    ]]);
    assert.equal(cards[1].text, "---\nlicense: mit\n---\n# B");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sources: the hn5318 samples file gives cards with their hub tags", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "samples_data.json");
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        "1": {
          modelId: "o/a",
          tags: ["license:mit", "pytorch"],
          downloads: 2,
          likes: 0,
          modelcard_text: "# A",
        },
      }),
    );
    const src = await openCards(file);
    assert.deepEqual([src.kind, src.total], ["samples", 1]);
    for await (const c of src.cards) {
      assert.deepEqual(c, { model_id: "o/a", text: "# A", tags: ["license:mit", "pytorch"] });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sources: clear errors for a missing path, an empty directory and a bad index", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(() => openCards(join(dir, "nope")), /no such file or directory/);
    await assert.rejects(() => openCards(dir), /no model cards found/);
    await Deno.writeTextFile(join(dir, "bad.json"), JSON.stringify({ "o/m": 3 }));
    await assert.rejects(() => openCards(join(dir, "bad.json")), /entry "o\/m" is not a card path/);
    await Deno.writeTextFile(join(dir, "broken.json"), "{");
    await assert.rejects(() => openCards(join(dir, "broken.json")), /broken\.json: not a JSON card index/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "sources: the real ground-truth index resolves 21 cards under --cards-root",
  ignore: SHARED_DATA === null,
  async fn() {
    const list = await ids(join(SHARED_DATA!, "_derived", "groundtruth_card_index.json"), SHARED_DATA!);
    assert.equal(list.length, 21);
    assert.ok(list.includes("valhalla/t5-base-e2e-qg"));
  },
});
