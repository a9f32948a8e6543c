/**
 * The documentation-gap analyses on the real card corpora of ../shared/data, each number checked against one
 * recomputed here from the files themselves or from the features row by row. Skipped, visibly, without the data.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { availability } from "../../lib/docgaps/availability.ts";
import { cardFeatures } from "../../lib/docgaps/card_features.ts";
import { cardPresenceByPopularity } from "../../lib/docgaps/card_presence.ts";
import { loadCardCorpora, loadModelInfo } from "../../lib/docgaps/corpora.ts";
import { placeholderRate } from "../../lib/docgaps/placeholder_rate.ts";
import { ESEM_CARD_SECTIONS, ESEM_METADATA_FIELDS, qualityScore } from "../../lib/docgaps/quality_score.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const ignore = SHARED_DATA === null;
const cacheDir = ignore ? "" : await Deno.makeTempDir({ prefix: "ptmscope-docgaps-" });
// the corpora copied into it weigh about 50 MB
if (!ignore) globalThis.addEventListener("unload", () => Deno.removeSync(cacheDir, { recursive: true }));
const cards = ignore ? pl.DataFrame() : await loadCardCorpora({ cacheDir });
const features = ignore ? pl.DataFrame() : cardFeatures(cards);
const YINAN_DIR = join(SHARED_DATA ?? "", "yinan-hf-readme", "training_and_application", "readme_files");

function column<T>(df: pl.DataFrame, name: string): T[] {
  return df.getColumn(name).toArray() as unknown as T[];
}

function rowsOf(corpus: string): number[] {
  return column<string>(features, "corpus").flatMap((c, i) => c === corpus ? [i] : []);
}

Deno.test({
  name: "loadCardCorpora() reads every card of the five corpora (counts from the files and PROVENANCE.md)",
  ignore,
  fn: async () => {
    const counts = Object.fromEntries(
      cards.groupBy("corpus").len().toRecords().map((r) => [r.corpus, Number(r.len ?? r.count)]),
    );
    const yinanFiles = [...Deno.readDirSync(YINAN_DIR)].filter((e) =>
      Deno.statSync(join(YINAN_DIR, e.name)).size > 0
    );
    const hn5318 = JSON.parse(
      await Deno.readTextFile(
        join(SHARED_DATA!, "hn5318-model-card-quality", "Dataset", "Sample_modelcard", "samples_data.json"),
      ),
    );
    const mctidy = [...Deno.readDirSync(join(SHARED_DATA!, "asgaardlab-mctidy", "verified_model_cards"))];
    assert.deepEqual(counts, {
      yinan: yinanFiles.length, // 3,433 files, one empty and not pinned
      hn5318: Object.keys(hn5318).length,
      mctidy: mctidy.length,
      hamidah: 315 + 465 + 389 + 316 + 178, // rows per tree, PROVENANCE.md
      transformers: 1,
    });
    assert.equal(counts.yinan, 3432);
    assert.ok(column<string>(cards, "model_id").includes("01-ai/Yi-1.5-34B-Chat"));
  },
});

Deno.test({
  name: "cardFeatures() on yinan: card length and front matter as the files give them",
  ignore,
  fn: async () => {
    const ids = column<string>(features, "model_id");
    const chars = column<number>(features, "chars");
    const source = column<string>(features, "front_matter");
    const withYaml = rowsOf("yinan").filter((i) => source[i] === "card").length;
    let startsWithYaml = 0;
    for (const i of rowsOf("yinan")) {
      const text = await Deno.readTextFile(join(YINAN_DIR, `${ids[i].replace("/", "_")}.md`)).catch(() =>
        null
      );
      if (text === null) continue; // an id whose org holds "_": the file name cannot be rebuilt
      assert.equal(chars[i], text.length, ids[i]);
      if (text.startsWith("---")) startsWithYaml++;
    }
    assert.equal(startsWithYaml, 3323, "PROVENANCE.md: YAML front matter included in 3,323");
    // the rest open a YAML block that does not parse or does not close
    assert.ok(
      withYaml <= startsWithYaml && withYaml > startsWithYaml - 60,
      `${withYaml} cards with front matter`,
    );
  },
});

Deno.test({
  name: "every card whose YAML states a license has field_license; hn5318's license: tags count too",
  ignore,
  fn: () => {
    const texts = column<string>(cards, "text");
    const license = column<boolean>(features, "field_license");
    const source = column<string>(features, "front_matter");
    let stated = 0;
    let unreadable = 0;
    for (const i of rowsOf("yinan")) {
      const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(texts[i])?.[1];
      if (yaml === undefined || !/^license:[ \t]*[\w"']/m.test(yaml)) continue;
      stated++;
      // a YAML block the parser rejects (bigscience/T0) yields no front matter at all
      if (source[i] !== "card") unreadable++;
      else assert.ok(license[i], `yinan card ${column<string>(cards, "model_id")[i]} states a license`);
    }
    assert.ok(
      stated > 2800,
      `${stated} yinan cards state a license (PROVENANCE.md: a "license:" key in 2,908)`,
    );
    assert.ok(unreadable < 40, `${unreadable} of them have front matter that does not parse`);
    const tags = column<string[] | null>(cards, "tags");
    const tagged = rowsOf("hn5318").filter((i) => tags[i]!.some((t) => t.startsWith("license:")));
    assert.equal(tagged.length, 467, "PROVENANCE.md: 467 have a license: tag");
    for (const i of tagged) assert.ok(license[i]);
  },
});

Deno.test({
  name: "placeholders: every card with [More Information Needed] outside code counts it (grep here)",
  ignore,
  fn: () => {
    const texts = column<string>(cards, "text");
    const placeholders = column<number>(features, "placeholders");
    let cardsWithPhrase = 0;
    let phrases = 0;
    for (let i = 0; i < texts.length; i++) {
      const prose = texts[i].replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "").replace(
        /^(```|~~~)[\s\S]*?^\1/gm,
        "",
      );
      const n = prose.match(/\[More Information Needed\]/gi)?.length ?? 0;
      phrases += n;
      if (n === 0) continue;
      cardsWithPhrase++;
      assert.ok(placeholders[i] >= n, `${column<string>(cards, "model_id")[i]}: ${n} in the text`);
    }
    assert.ok(cardsWithPhrase > 100, `${cardsWithPhrase} cards with the phrase`);
    const [all] = placeholderRate(features).toRecords();
    assert.equal(all.cards, column<boolean>(features, "has_card").filter(Boolean).length);
    assert.ok(Number(all.with_placeholders) >= cardsWithPhrase);
    assert.ok(Number(all.placeholders) >= phrases);
  },
});

Deno.test({
  name: "availability() and qualityScore() on the real features match a row-by-row count",
  ignore,
  fn: () => {
    const withCard = features.filter(pl.col("has_card"));
    const table = availability(withCard, { prefix: "field_", by: ["corpus"] });
    for (const corpus of ["yinan", "hn5318", "hamidah"]) {
      const rows = withCard.filter(pl.col("corpus").eq(pl.lit(corpus))).toRecords();
      for (const field of ["license", "paper", "limitation_and_bias"]) {
        const expected = rows.filter((r) => r[`field_${field}`] === true).length;
        const [got] = table.filter(pl.col("corpus").eq(pl.lit(corpus)).and(pl.col("item").eq(pl.lit(field))))
          .toRecords();
        assert.equal(got.count, expected, `${corpus} ${field}`);
        assert.equal(got.cards, rows.length);
      }
    }
    const scored = qualityScore(withCard);
    const records = withCard.toRecords();
    const sections = Object.values(ESEM_CARD_SECTIONS);
    const expected = records.map((r) =>
      (sections.filter((s) => r[`section_${s}`]).length / 5 +
        ESEM_METADATA_FIELDS.filter((f) => r[`field_${f}`]).length / ESEM_METADATA_FIELDS.length) / 2
    );
    const got = column<number>(scored, "quality_score");
    expected.forEach((e, i) => assert.ok(Math.abs(got[i] - e) < 1e-12, String(records[i].model_id)));
    assert.ok(got.every((s) => s >= 0 && s <= 1));
  },
});

Deno.test({
  name: "cardPresenceByPopularity() on weixin's 74,970 models matches a count of has_modelcard",
  ignore,
  fn: async () => {
    const info = await loadModelInfo({ cacheDir });
    assert.equal(info.height, 74_970);
    const withCard = column<boolean | null>(info, "has_modelcard").filter((v) => v === true).length;
    const table = cardPresenceByPopularity(info).toRecords();
    const all = table.at(-1)!;
    assert.deepEqual([all.bucket, all.models, all.with_card], ["all", 74_970, withCard]);
    const downloads = column<number | null>(info, "downloads");
    const zero = downloads.filter((d) => d === 0).length;
    assert.equal(table.find((r) => r.bucket === "0")?.models, zero);
  },
});
