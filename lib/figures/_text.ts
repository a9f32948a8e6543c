/**
 * Text measurement for DejaVu Sans without a browser: layout (margins, wrapped titles) must be decided before
 * resvg shapes the text, so widths come from the font's own advance table.
 *
 * @module
 */

/**
 * Advance widths (units of 1/2048 em) of DejaVu Sans 2.37 for U+0020..U+007E, read from the `hmtx` table of
 * node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf. Kerning is ignored, so measured widths err slightly wide.
 */
// deno-fmt-ignore
const ASCII = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
  2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
  1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
  1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
  1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];
/** Characters Plot itself emits in labels: arrows (`↑ count`), the minus sign of tick labels, thin spaces. */
const EXTRA: Record<string, number> = {
  "→": 1716,
  "←": 1716,
  "↑": 1716,
  "↓": 1716,
  "−": 1716,
  "\u2009": 410,
  "…": 2048,
  "–": 1024,
  "—": 2048,
};
/** Wide enough for most other Latin letters; an overestimate only costs a few pixels of margin. */
const FALLBACK = 1350;
/** Bold glyphs of DejaVu Sans are about 12% wider than regular ones. */
const BOLD_FACTOR = 1.12;

/** Width in pixels of `text` set in DejaVu Sans at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 0x20 && code <= 0x7e ? ASCII[code - 0x20] : EXTRA[ch] ?? FALLBACK;
  }
  return (units / 2048) * fontSize * (bold ? BOLD_FACTOR : 1);
}

/**
 * Greedy word wrap of `text` into lines no wider than `maxWidth` pixels. A single word wider than the limit keeps
 * its own line rather than being cut, so nothing is lost.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (line !== "" && textWidth(candidate, fontSize, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Escapes text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
