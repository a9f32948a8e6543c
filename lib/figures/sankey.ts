/**
 * Sankey diagram of license flows: model licenses on the left, the licenses of the projects that use those
 * models on the right, links coloured by verdict (the PeaTMOSS paper's license figure).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { sankey, sankeyLinkHorizontal } from "d3-sankey";
import { Figure } from "./figure.ts";

/** One link: `relations` relations from model license `source` to project license `target`. */
export interface SankeyFlow {
  source: string;
  target: string;
  relations: number;
  verdict: "compatible" | "incompatible" | "unknown";
}

/** Link colours, as in the paper: red incompatible, blue compatible, grey unknown. */
export const VERDICT_COLORS = {
  incompatible: "#d62728",
  compatible: "#1f4fd6",
  unknown: "#8c8c8c",
} as const;

const OPACITY = { incompatible: 0.9, compatible: 0.35, unknown: 0.35 } as const;

/** Options of {@linkcode licenseSankey}. */
export interface LicenseSankeyOptions {
  flows: SankeyFlow[];
  name: string;
  title: string;
  subtitle?: string;
  source: string;
  /** Label above the left column. @default "Model license (Hugging Face)" */
  leftLabel?: string;
  /** Label above the right column. @default "Project license (GitHub)" */
  rightLabel?: string;
  /** @default 880 */
  width?: number;
  /** @default 620 */
  height?: number;
}

interface Node {
  id: string;
  label: string;
  side: "left" | "right";
  x0?: number;
  x1?: number;
  y0?: number;
  y1?: number;
  value?: number;
}

interface Link {
  source: string | Node;
  target: string | Node;
  value: number;
  verdict: SankeyFlow["verdict"];
  width?: number;
}

/**
 * Lays the flows out with d3-sankey and draws them as one Plot figure: nodes sorted by size, each labelled with
 * its license and number of relations; a legend line names the link colours.
 *
 * @example
 * ```ts
 * const fig = licenseSankey({
 *   flows: [{ source: "gpl-3.0-only", target: "mit", relations: 25, verdict: "incompatible" }],
 *   name: "05_license_sankey_paper", title: "License flows", source: "PeaTMOSS artifact",
 * });
 * await fig.save();
 * ```
 */
export function licenseSankey(options: LicenseSankeyOptions): Figure {
  const width = options.width ?? 880;
  const height = options.height ?? 620;
  const margin = { top: 46, right: 200, bottom: 10, left: 200 };
  const nodes = new Map<string, Node>();
  const node = (side: Node["side"], label: string) => {
    const id = `${side}:${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, label, side });
    return id;
  };
  const links: Link[] = options.flows.filter((f) => f.relations > 0).map((f) => ({
    source: node("left", f.source),
    target: node("right", f.target),
    value: f.relations,
    verdict: f.verdict,
  }));
  const layout = sankey<Node, Link>()
    .nodeId((d) => d.id)
    .nodeWidth(14)
    .nodePadding(16)
    .nodeSort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.label < b.label ? -1 : 1))
    .linkSort(null)
    .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]]);
  const graph = layout({
    nodes: [...nodes.values()].map((d) => ({ ...d })),
    links: links.map((d) => ({ ...d })),
  });
  const path = sankeyLinkHorizontal<Node, Link>();

  // Plot has no Sankey mark: draw the laid-out graph in a render function, which receives Plot's document.
  const draw = (
    _index: number[],
    _scales: unknown,
    _values: unknown,
    _dimensions: unknown,
    context: { document: Document },
  ) => {
    const doc = context.document;
    const el = (tag: string, attrs: Record<string, string | number>) => {
      const e = doc.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const g = el("g", { "aria-label": "sankey" });
    for (const verdict of ["unknown", "compatible", "incompatible"] as const) {
      for (const l of graph.links.filter((l) => l.verdict === verdict)) {
        const p = el("path", {
          d: path(l) ?? "",
          fill: "none",
          stroke: VERDICT_COLORS[verdict],
          "stroke-opacity": OPACITY[verdict],
          "stroke-width": Math.max(1, l.width ?? 1),
        });
        const title = el("title", {});
        title.textContent = `${(l.source as Node).label} → ${
          (l.target as Node).label
        }: ${l.value} (${verdict})`;
        p.appendChild(title);
        g.appendChild(p);
      }
    }
    for (const n of graph.nodes) {
      g.appendChild(el("rect", {
        x: n.x0!,
        y: n.y0!,
        width: n.x1! - n.x0!,
        height: Math.max(1, n.y1! - n.y0!),
        fill: "#444",
      }));
      const left = n.side === "left";
      const t = el("text", {
        x: left ? n.x0! - 6 : n.x1! + 6,
        y: (n.y0! + n.y1!) / 2,
        dy: "0.35em",
        "text-anchor": left ? "end" : "start",
      });
      t.textContent = `${n.label} (${(n.value ?? 0).toLocaleString("en-US")})`;
      g.appendChild(t);
    }
    for (
      const [x, anchor, label] of [
        [margin.left + 14, "end", options.leftLabel ?? "Model license (Hugging Face)"],
        [width - margin.right - 14, "start", options.rightLabel ?? "Project license (GitHub)"],
      ] as const
    ) {
      const t = el("text", { x, y: margin.top - 12, "text-anchor": anchor, "font-weight": "bold" });
      t.textContent = label;
      g.appendChild(t);
    }
    return g;
  };

  return new Figure({
    name: options.name,
    title: options.title,
    subtitle: options.subtitle ??
      "Link colour: red = incompatible, blue = compatible, grey = unknown; width = number of relations",
    source: options.source,
    width,
    height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    marks: [draw as unknown as Plot.Markish],
  });
}
