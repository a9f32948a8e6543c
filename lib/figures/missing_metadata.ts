/**
 * Chart of how often models lack a metadata field, now and in PeaTMOSS' 2023 tooling.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { Figure } from "./figure.ts";

/**
 * Paired bars per field: share of models missing it in the dataset (`missing`) and in 2023 (`missing_2023`),
 * from the output of `missingMetadata`.
 *
 * @example
 * ```ts
 * await missingMetadataFigure(missingMetadata(models), { name: "01_missing_metadata", source: "..." }).save();
 * ```
 */
export function missingMetadataFigure(
  table: pl.DataFrame,
  { name, source, label }: { name: string; source: string; label: string },
): Figure {
  const rows = table.toRecords().flatMap((r) => [
    { field: String(r.field), when: label, share: Number(r.missing) },
    {
      field: String(r.field),
      when: "2023 (PTMTorrent HF dump, ≈234k models)",
      share: Number(r.missing_2023),
    },
  ]);
  return new Figure({
    name,
    source,
    title: "Share of Hugging Face models that leave a metadata field empty",
    subtitle:
      "Fields read from the hub's model list: pipeline tag, library, and the license:, dataset: and " +
      "base_model: tags",
    height: 300,
    marginLeft: 90,
    marginRight: 56,
    fy: { label: "Field", domain: table.getColumn("field").toArray() },
    y: { axis: null },
    x: { label: "Share of models missing the field", domain: [0, 1], tickFormat: "%", grid: true },
    color: {
      legend: true,
      domain: [label, "2023 (PTMTorrent HF dump, ≈234k models)"],
      range: ["#4c78a8", "#bab0ac"],
    },
    marks: [
      Plot.barX(rows, { fy: "field", y: "when", x: "share", fill: "when" }),
      Plot.text(rows, {
        fy: "field",
        y: "when",
        x: "share",
        text: (d: { share: number }) => `${(100 * d.share).toFixed(1)}%`,
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
}
