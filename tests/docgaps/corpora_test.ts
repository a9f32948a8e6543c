import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { CARD_CORPORA, cardsFrame, loadCardCorpora } from "../../lib/docgaps/corpora.ts";
import { catalogGroups } from "../../lib/fetch/catalog.ts";

Deno.test("cardsFrame() types every column, even when a corpus has no tags or popularity at all", () => {
  const f = cardsFrame("x", [
    { model_id: "o/a", text: "# A", tags: null, downloads: null, likes: null },
    { model_id: "o/b", text: "", tags: null, downloads: null, likes: null },
  ]);
  assert.deepEqual(f.columns, ["corpus", "model_id", "text", "tags", "downloads", "likes"]);
  assert.equal(f.getColumn("tags").dtype.equals(pl.List(pl.String)), true);
  assert.equal(f.getColumn("downloads").dtype.equals(pl.Float64), true);
  const tagged = cardsFrame("y", [{ model_id: "o/c", text: "", tags: ["pytorch"], downloads: 4, likes: 1 }]);
  assert.deepEqual(tagged.toRecords(), [{
    corpus: "y",
    model_id: "o/c",
    text: "",
    tags: ["pytorch"],
    downloads: 4,
    likes: 1,
  }]);
});

Deno.test("every card corpus has its catalog group", () => {
  const groups = new Set(catalogGroups().map((g) => g.name));
  for (const c of CARD_CORPORA) assert.ok(groups.has(c.group), c.group);
});

Deno.test("loadCardCorpora() names the known corpora when asked for an unknown one", async () => {
  await assert.rejects(
    () => loadCardCorpora({ corpora: ["nope"] }),
    /unknown card corpus nope; known: yinan, /,
  );
});
