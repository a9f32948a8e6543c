import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { renderSvg } from "../../lib/figures/render.ts";
import { barChart, COUNTS } from "./_fixtures.ts";

const SNAPSHOT = new URL("./testdata/bar_chart.svg", import.meta.url);
/** deno fmt reformats SVG files; this first line keeps it off the snapshot so the bytes stay Plot's. */
const FMT_IGNORE = "<!-- deno-fmt-ignore-file -->\n";

Deno.test("renderSvg() matches the committed bar chart snapshot (UPDATE_SNAPSHOTS=1 rewrites it)", async () => {
  const svg = renderSvg(barChart());
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") await Deno.writeTextFile(SNAPSHOT, FMT_IGNORE + svg);
  const snapshot = await Deno.readTextFile(SNAPSHOT);
  assert.ok(snapshot.startsWith(FMT_IGNORE), `${SNAPSHOT.pathname} must start with ${FMT_IGNORE.trim()}`);
  assert.equal(svg, snapshot.slice(FMT_IGNORE.length));
});

Deno.test("renderSvg() gives identical bytes on every render, clip-path ids included", () => {
  const options = () => ({
    marks: [Plot.lineY(COUNTS, { x: "tag", y: "models", clip: true, marker: "circle" }), Plot.frame()],
    x: { label: "Tag" },
    y: { label: "Models" },
  });
  const first = renderSvg(options());
  const second = renderSvg(options());
  assert.equal(first, second);
  assert.match(first, /clip-path="url\(#plot-clip-[0-9a-f]{8}-1\)"/);
  assert.match(first, /marker-(start|mid|end)="url\(#plot-marker-[0-9a-f]{8}-1\)"/);
});

Deno.test("renderSvg() returns one standalone svg with xmlns, DejaVu Sans, and the texts inside", () => {
  const svg = renderSvg(
    barChart({ color: { legend: true }, marks: [Plot.barX(COUNTS, { x: "models", y: "tag", fill: "tag" })] }),
  );
  assert.match(
    svg,
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/,
  );
  assert.equal(svg.match(/<svg xmlns=/g)?.length, 1);
  assert.match(svg, /font-family="DejaVu Sans"/);
  assert.doesNotMatch(svg, /system-ui/);
  assert.doesNotMatch(
    svg,
    /<(figure|div|span|h2|h3|figcaption)\b/,
    "HTML from Plot's figure wrapper must not leak",
  );
  for (
    const text of ["Models by pipeline tag", "20 most common tags", "Source: test fixture", ">fill-mask<"]
  ) {
    assert.ok(svg.includes(text), `missing ${text}`);
  }
  // The swatch legend is redrawn as SVG: one coloured swatch per tag.
  assert.equal(svg.match(/<svg [^>]*fill="#[0-9a-f]{6}" height="15" width="15">/g)?.length, COUNTS.length);
});

Deno.test("renderSvg() widens the left margin to fit the longest category label", () => {
  const svg = renderSvg(barChart());
  const axisX = Number(
    /aria-label="y-axis tick"><path d="M0,0L-6,0" transform="translate\(([\d.]+),/.exec(svg)?.[1],
  );
  // "automatic-speech-recognition" is ~180px at 12px, far beyond Plot's default 40px margin.
  assert.ok(axisX > 180, `y axis at x=${axisX}`);
  const explicit = renderSvg(barChart({ marginLeft: 60 }));
  assert.match(explicit, /aria-label="y-axis tick"><path d="M0,0L-6,0" transform="translate\(60,/);
});

Deno.test("renderSvg() rotates crowded category labels on x and makes room below", () => {
  const svg = renderSvg({
    marks: [Plot.barY(COUNTS, { x: "tag", y: "models" })],
    x: { label: "Pipeline tag" },
    y: { label: "Models" },
  });
  assert.match(svg, /rotate\(-45\)/);
  const explicit = renderSvg({
    marks: [Plot.barY(COUNTS, { x: "tag", y: "models" })],
    x: { label: "Pipeline tag", tickRotate: 0 },
    y: { label: "Models" },
  });
  assert.doesNotMatch(explicit, /rotate\(-45\)/);
});

Deno.test("renderSvg() draws continuous colour legends without a browser canvas", () => {
  const svg = renderSvg({
    marks: [Plot.dot(COUNTS, { x: "models", y: "tag", fill: "models" })],
    color: { legend: true, label: "Models" },
  });
  assert.match(svg, /<image [^>]*href="data:image\/svg\+xml;base64,/);
});

Deno.test("renderSvg() escapes markup in titles", () => {
  const svg = renderSvg(barChart({ title: "a < b & c" }));
  assert.ok(svg.includes(">a &lt; b &amp; c</text>"));
});

Deno.test("renderSvg() rejects a style string with a hint", () => {
  assert.throws(() => renderSvg(barChart({ style: "font-size: 20px" })), /style must be an object/);
});
