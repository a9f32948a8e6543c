import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { rankedBars } from "../../lib/figures/ranked_bars.ts";
import { countBy } from "../../lib/overview/counts.ts";

Deno.test("rankedBars() draws one labelled bar per value, most frequent first, nulls named", () => {
  const models = pl.DataFrame({ library: ["timm", null, "transformers", "transformers"] });
  const fig = rankedBars({
    counts: countBy(models, "library"),
    column: "library",
    label: "Library",
    name: "t_bars",
    title: "Models by library",
    source: "test",
    nullLabel: "(no library)",
  });
  const labels = [...fig.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.ok(labels.includes("2 (50.0%)"), labels.join("|"));
  assert.ok(labels.includes("(no library)"));
  const order = ["transformers", "timm", "(no library)"].map((v) => fig.svg.indexOf(`>${v}<`));
  assert.ok(order.every((i) => i > 0), "every value is drawn");
  assert.deepEqual([...order].sort((a, b) => a - b), order, "axis in order of frequency");
  assert.match(fig.svg, /Models by library/);
  assert.equal(
    rankedBars({
      counts: countBy(models, "library"),
      column: "library",
      label: "Library",
      name: "t_bars",
      title: "Models by library",
      source: "test",
    }).svg.includes(">(none)<"),
    true,
  );
});
