import assert from "node:assert/strict";
import { isAbsolute } from "node:path";
import { dejavuFontFiles, svgToPng } from "../../lib/figures/png.ts";
import { renderSvg } from "../../lib/figures/render.ts";
import { barChart, pngSize } from "./_fixtures.ts";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" font-family="DejaVu Sans">`;

Deno.test("svgToPng() gives identical bytes for identical SVG", () => {
  const svg = renderSvg(barChart());
  assert.deepEqual(svgToPng(svg), svgToPng(renderSvg(barChart())));
});

Deno.test("svgToPng() scales the SVG size (default 2)", () => {
  const svg = renderSvg(barChart());
  const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  assert.deepEqual(pngSize(svgToPng(svg)), { width: 2 * width, height: 2 * height });
  assert.deepEqual(pngSize(svgToPng(svg, { scale: 1 })), { width, height });
  assert.throws(() => svgToPng(svg, { scale: 0 }), /positive number/);
});

Deno.test("svgToPng() draws text (resvg drops it silently when fonts are missing)", () => {
  const blank = svgToPng(`${SVG}</svg>`, { scale: 1 });
  const text = svgToPng(`${SVG}<text x="5" y="20">Hello</text></svg>`, { scale: 1 });
  const bold = svgToPng(`${SVG}<text x="5" y="20" font-weight="bold">Hello</text></svg>`, { scale: 1 });
  assert.notDeepEqual(text, blank);
  assert.notDeepEqual(bold, text);
});

Deno.test("svgToPng() finds its fonts whatever the working directory", () => {
  const files = dejavuFontFiles();
  assert.ok(files.every((f) => isAbsolute(f) && Deno.statSync(f).isFile), files.join("\n"));
  const cwd = Deno.cwd();
  const elsewhere = Deno.makeTempDirSync();
  try {
    Deno.chdir(elsewhere);
    const blank = svgToPng(`${SVG}</svg>`, { scale: 1 });
    assert.notDeepEqual(svgToPng(`${SVG}<text x="5" y="20">Hello</text></svg>`, { scale: 1 }), blank);
  } finally {
    Deno.chdir(cwd);
    Deno.removeSync(elsewhere);
  }
});
