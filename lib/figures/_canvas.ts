/**
 * Plot paints continuous colour legends (ramps) on a 256×1 `<canvas>` and embeds it as an image, but there is no
 * canvas server-side. This stand-in records the colour of each 1-pixel column and hands Plot an SVG data URL of
 * coloured rects instead of a PNG, which browsers and resvg both draw.
 *
 * @module
 */

/** The subset of the canvas API Plot's ramp legend uses. */
export interface RampCanvas {
  width: number;
  height: number;
  getContext(kind: string): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
  toDataURL(): string;
}

/** A canvas that supports only `fillStyle` + `fillRect` (what ramp legends need) and serialises as SVG. */
export function rampCanvas(): RampCanvas {
  const columns = new Map<number, string>();
  const canvas: RampCanvas = {
    width: 0,
    height: 0,
    getContext(kind) {
      if (kind !== "2d") throw new Error(`server-side canvas only offers the "2d" context, not "${kind}"`);
      return {
        fillStyle: "black",
        fillRect(x) {
          columns.set(x, this.fillStyle);
        },
      };
    },
    toDataURL() {
      // Rects overlap by half a pixel so no seams show when the image is stretched.
      const rects = [...columns].sort(([a], [b]) => a - b)
        .map(([x, fill]) => `<rect x="${x}" width="1.5" height="1" fill="${fill}"/>`).join("");
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${canvas.width} 1" ` +
        `width="${canvas.width}" height="1" preserveAspectRatio="none">${rects}</svg>`;
      return `data:image/svg+xml;base64,${btoa(svg)}`;
    },
  };
  return canvas;
}
