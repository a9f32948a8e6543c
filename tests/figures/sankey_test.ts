import assert from "node:assert/strict";
import { licenseSankey, VERDICT_COLORS } from "../../lib/figures/sankey.ts";

const flows = [
  { source: "mit", target: "mit", relations: 30, verdict: "compatible" as const },
  { source: "mit", target: "no license", relations: 20, verdict: "unknown" as const },
  { source: "gpl-3.0-only", target: "mit", relations: 5, verdict: "incompatible" as const },
  { source: "apache-2.0", target: "mit", relations: 0, verdict: "compatible" as const },
];

Deno.test("licenseSankey() draws one coloured link per flow and labels nodes with their totals", () => {
  const fig = licenseSankey({ flows, name: "t_sankey", title: "License flows", source: "test" });
  const links = (fig.svg.match(/<path[^>]*fill="none"[^>]*>/g) ?? []).map((p) =>
    /stroke="([^"]+)"/.exec(p)![1]
  );
  assert.deepEqual(
    links.sort(),
    [VERDICT_COLORS.compatible, VERDICT_COLORS.incompatible, VERDICT_COLORS.unknown].sort(),
  );
  for (const label of ["mit (50)", "gpl-3.0-only (5)", "mit (35)", "no license (20)"]) {
    assert.ok(fig.svg.includes(`>${label}<`), label);
  }
  assert.ok(!fig.svg.includes("apache-2.0"), "a flow without relations draws no node");
  assert.match(fig.svg, /red = incompatible/);
});

Deno.test("licenseSankey() is deterministic", () => {
  const a = licenseSankey({ flows, name: "t", title: "t", source: "s" });
  const b = licenseSankey({ flows: [...flows].reverse(), name: "t", title: "t", source: "s" });
  assert.equal(a.svg, licenseSankey({ flows, name: "t", title: "t", source: "s" }).svg);
  assert.ok(b.svg.includes(">mit (50)<"));
});
