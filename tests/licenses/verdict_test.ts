import assert from "node:assert/strict";
import { combineLicenses, type LicenseExpr, NONE } from "../../lib/licenses/expression.ts";
import { type LfCell, lfMatrix } from "../../lib/licenses/lf_matrix.ts";
import { normalizeHf, normalizeScanCode } from "../../lib/licenses/normalize.ts";
import { judge, type Judgement, type Rule } from "../../lib/licenses/verdict.ts";
import type { Verdict } from "../../lib/licenses/report.ts";

const ORIGINALS = [
  "mit",
  "apache-2.0",
  "bsd-3-clause",
  "bsd-4-clause",
  "gpl-2.0-only",
  "gpl-3.0-only",
  "agpl-3.0-only",
];
const DERIVATIVES = [
  "mit",
  "apache-2.0",
  "gpl-2.0-only",
  "gpl-2.0-or-later",
  "gpl-3.0-only",
  "agpl-3.0-only",
];
/** Cells as in the LF xlsx (PAPER.md §5.2) for these labels; every cell not listed is "yes". */
const NOT_YES: Record<string, Record<string, LfCell>> = {
  "mit": { "gpl-2.0-only": "no", "gpl-3.0-only": "no", "agpl-3.0-only": "no" },
  "apache-2.0": { "gpl-2.0-only": "no", "gpl-3.0-only": "no", "agpl-3.0-only": "no" },
  "gpl-2.0-only": {
    "apache-2.0": "?",
    "bsd-3-clause": "?",
    "bsd-4-clause": "no",
    "gpl-3.0-only": "no",
    "agpl-3.0-only": "no",
  },
  "gpl-2.0-or-later": { "apache-2.0": "?", "bsd-3-clause": "?", "bsd-4-clause": "no", "agpl-3.0-only": "no" },
  "gpl-3.0-only": { "bsd-3-clause": "?", "bsd-4-clause": "no", "gpl-2.0-only": "no", "agpl-3.0-only": "no" },
  "agpl-3.0-only": { "bsd-3-clause": "?", "bsd-4-clause": "no", "gpl-2.0-only": "no" },
};
const MATRIX = lfMatrix(
  ORIGINALS,
  DERIVATIVES,
  DERIVATIVES.map((row) => ORIGINALS.map((col) => row === col ? "" : NOT_YES[row]?.[col] ?? "yes")),
);

const lic = (id: string): LicenseExpr => ({ kind: "license", id });
/** The model side as a Hugging Face id, the project side as ScanCode keys (null: no license). */
const run = (hf: string | null, gh: string[] | null): Judgement =>
  judge(normalizeHf(hf).expr, normalizeScanCode(gh).expr, MATRIX);

function expect(j: Judgement, verdict: Verdict, rule: Rule, ...reason: (string | RegExp)[]) {
  assert.equal(j.verdict, verdict, j.reason);
  assert.equal(j.rule, rule, j.reason);
  assert.ok(j.reason.length > 0);
  for (const r of reason) {
    if (typeof r === "string") assert.ok(j.reason.includes(r), `"${r}" not in: ${j.reason}`);
    else assert.match(j.reason, r);
  }
}

Deno.test("judge(): a side that cannot be named gives unknown with that side's reason", async (t) => {
  await t.step("model 'other'", () => expect(run("other", ["mit"]), "unknown", "unknown-model", "'other'"));
  await t.step("model id nobody knows", () => {
    expect(
      run("zz-model-license", ["mit"]),
      "unknown",
      "unknown-model",
      'license id "zz-model-license" is not known',
    );
  });
  await t.step("project with only non-license notices", () => {
    expect(
      run("mit", ["unknown-license-reference"]),
      "unknown",
      "unknown-project",
      "ScanCode found no license",
    );
  });
  await t.step("the model's unknown wins over the project's", () => {
    expect(run("unknown", ["warranty-disclaimer"]), "unknown", "unknown-model", "'unknown'");
  });
  await t.step("a model with no license at all cannot be built on", () => {
    expect(judge(NONE, lic("MIT"), MATRIX), "incompatible", "unlicensed-model", "all rights reserved");
  });
});

Deno.test("judge(): identical licenses are compatible, also outside the LF table", () => {
  expect(run("cc-by-nc-nd-4.0", ["cc-by-nc-nd-4.0"]), "compatible", "identical", "CC-BY-NC-ND-4.0");
  expect(run("bsd-3-clause", ["bsd-new"]), "compatible", "identical");
});

Deno.test("judge(): a license without clause facts gives unknown", () => {
  expect(judge(lic("LicenseRef-nobody"), lic("MIT"), MATRIX), "unknown", "no-facts", "LicenseRef-nobody");
  expect(
    judge(lic("MIT"), lic("LicenseRef-nobody"), MATRIX),
    "unknown",
    "no-facts",
    "the project's LicenseRef-nobody",
  );
});

Deno.test("judge(): the LF table decides yes/no cells, through its misspelled labels", async (t) => {
  await t.step(
    "yes",
    () => expect(run("mit", ["gpl-3.0"]), "compatible", "lf-table", 'mit → gpl-3.0-only is "yes"'),
  );
  await t.step(
    "no",
    () => expect(run("gpl-3.0", ["mit"]), "incompatible", "lf-table", 'gpl-3.0-only → mit is "no"'),
  );
  await t.step("a ? cell falls through to the clause rules", () => {
    expect(run("bsd-3-clause", ["gpl-3.0"]), "compatible", "duties");
  });
  await t.step("bls-1.0, lib-png, lib-tiff, open-ssl columns are found for the SPDX ids", () => {
    // Artificial "no" cells: the clause rules alone would say compatible for these permissive models.
    const cols = ["bls-1.0", "lib-png", "lib-tiff", "open-ssl"];
    const m = lfMatrix(cols, ["mit", "bsl-1.0"], [["no", "no", "no", "no"], ["", "no", "no", "no"]]);
    for (const id of ["BSL-1.0", "Libpng", "libtiff", "OpenSSL"]) {
      expect(judge(lic(id), lic("MIT"), m), "incompatible", "lf-table", `→ mit is "no"`);
    }
    expect(judge(lic("Libpng"), lic("BSL-1.0"), m), "incompatible", "lf-table", 'lib-png → bsl-1.0 is "no"');
  });
});

Deno.test("judge(): a known conflict the LF table leaves undecided is incompatible", () => {
  expect(run("apache-2.0", ["gpl-2.0"]), "incompatible", "known-conflict", "GPL-2.0", "gnu.org");
  // GPL-2.0-or-later can be taken as GPL-3.0, which accepts Apache-2.0
  expect(run("apache-2.0", ["gpl-2.0-plus"]), "compatible", "duties");
  expect(run("afl-3.0", ["gpl-3.0"]), "incompatible", "known-conflict", "Academic Free License");
});

Deno.test("judge(): family ids are judged for every license they may stand for", async (t) => {
  await t.step("all agree", () => {
    expect(run("bsd", ["apache-2.0"]), "compatible", "family", "BSD-2-Clause, BSD-3-Clause, BSD-4-Clause");
    expect(run("gpl", ["apache-2.0"]), "incompatible", "family", "all give incompatible");
  });
  await t.step("members disagree", () => {
    expect(
      run("cc", null),
      "unknown",
      "family",
      "does not say which license",
      "CC-BY-SA-4.0 incompatible",
      "CC0-1.0 compatible",
    );
    expect(run("bsd", ["gpl-3.0"]), "unknown", "family", "BSD-4-Clause incompatible");
  });
});

Deno.test("judge(): non-commercial models", async (t) => {
  await t.step("a project license that grants commercial use is incompatible", () => {
    expect(
      run("cc-by-nc-4.0", ["mit"]),
      "incompatible",
      "non-commercial",
      "the model's CC-BY-NC-4.0 forbids commercial use",
      "the project's MIT grants it",
    );
    expect(run("cc-by-nc-4.0", ["gpl-3.0"]), "incompatible", "non-commercial");
    expect(
      run("deepfloyd-if-license", ["apache-2.0"]),
      "incompatible",
      "non-commercial",
      "non-commercial research",
    );
  });
  await t.step("a non-commercial project keeps the duty", () => {
    expect(run("cc-by-nc-4.0", ["cc-by-nc-sa-4.0"]), "compatible", "duties", "keep the use non-commercial");
  });
  await t.step("a project with no license grants nothing", () => {
    expect(run("cc-by-nc-4.0", null), "compatible", "duties", "the project has no license", "non-commercial");
  });
  await t.step("a proprietary project may or may not grant it", () => {
    expect(run("cc-by-nc-4.0", ["proprietary-license"]), "unknown", "non-commercial", "not machine-readable");
  });
  await t.step("the non-commercial reason comes before share-alike", () => {
    expect(run("cc-by-nc-sa-4.0", ["mit"]), "incompatible", "non-commercial");
  });
});

Deno.test("judge(): no-derivatives models cannot be built on", () => {
  expect(run("cc-by-nd-4.0", ["mit"]), "incompatible", "no-derivatives", "forbids sharing derivatives");
  expect(run("cc-by-nc-nd-4.0", null), "incompatible", "no-derivatives");
});

Deno.test("judge(): share-alike models", async (t) => {
  await t.step("a project under another license is incompatible", () => {
    expect(run("cc-by-sa-4.0", ["mit"]), "incompatible", "share-alike", "section 3(b)", "MIT is neither");
    expect(run("cc-by-nc-sa-4.0", ["cc-by-nc-4.0"]), "incompatible", "share-alike");
  });
  await t.step("a project with no license does not share", () => {
    expect(run("gpl-3.0", null), "incompatible", "share-alike", "the project has no license, so it does not");
    expect(run("cc-by-sa-4.0", null), "incompatible", "share-alike");
  });
  await t.step("a license the model accepts", () => {
    expect(
      run("cc-by-sa-4.0", ["gpl-3.0"]),
      "compatible",
      "duties",
      "which CC-BY-SA-4.0 accepts",
      "creativecommons.org",
    );
    expect(run("cc-by-sa-3.0", ["cc-by-sa-4.0"]), "compatible", "duties");
    expect(run("cc-by-sa-4.0", ["cc-by-sa-3.0"]), "incompatible", "share-alike");
  });
  await t.step("a lesser copyleft lets a work that uses it take terms permitting modification", () => {
    expect(run("lgpl-lr", ["mit"]), "compatible", "duties", "keep the model itself under LGPLLR");
    expect(run("lgpl-lr", null), "incompatible", "lesser-copyleft", "permits nothing");
    expect(run("lgpl-lr", ["proprietary-license"]), "unknown", "lesser-copyleft", "not machine-readable");
  });
});

Deno.test("judge(): use-restricted models", async (t) => {
  await t.step("a project license that forbids further restrictions is incompatible", () => {
    expect(
      run("creativeml-openrail-m", ["gpl-3.0"]),
      "incompatible",
      "use-restrictions",
      "GPL-3.0 section 10 forbids further restrictions",
      "use-based restrictions (section 5 and Attachment A) to be passed on",
    );
    expect(run("openrail++", ["lgpl-2.1"]), "incompatible", "use-restrictions", "LGPL-2.1 section 10");
    expect(run("llama3.1", ["agpl-3.0"]), "incompatible", "use-restrictions", "Acceptable Use Policy");
    expect(run("gemma", ["gpl-2.0"]), "incompatible", "use-restrictions", "Prohibited Use Policy");
  });
  await t.step("a permissive project keeps the pass-down duty and the license's conditions", () => {
    expect(
      run("creativeml-openrail-m", ["mit"]),
      "compatible",
      "duties",
      "pass on the model's use-based restrictions",
    );
    expect(
      run("llama3.1", ["apache-2.0"]),
      "compatible",
      "duties",
      "Built with Llama",
      "700 million monthly active users",
    );
    expect(run("openrail", null), "compatible", "duties", "the project has no license");
  });
  await t.step("another use-restricted project license adds its own terms without conflict", () => {
    expect(run("bigscience-bloom-rail-1.0", ["stable-diffusion-2022-08-22"]), "compatible", "duties");
  });
});

Deno.test("judge(): permissive models are compatible with any project, listing the duties", () => {
  expect(run("mit", null), "compatible", "duties", "keep the copyright notice and permission notice");
  expect(run("apache-2.0", ["cc-by-nc-4.0"]), "compatible", "duties", "NOTICE");
  expect(run("cc0-1.0", ["proprietary-license"]), "compatible", "duties", "duties: none");
});

Deno.test("judge(): a model under a proprietary license grants nothing readable", () => {
  expect(
    judge(lic("LicenseRef-scancode-proprietary-license"), lic("MIT"), MATRIX),
    "unknown",
    "proprietary-model",
  );
});

Deno.test("judge(): AND takes the worst part, OR the best", async (t) => {
  const rail = normalizeHf("creativeml-openrail-m").expr;
  await t.step("a project with files under two licenses", () => {
    const j = judge(rail, normalizeScanCode(["mit", "gpl-3.0"]).expr, MATRIX);
    expect(
      j,
      "incompatible",
      "use-restrictions",
      "GPL-3.0-only (least compatible part of GPL-3.0-only AND MIT)",
    );
  });
  await t.step("a project the licensee may take under either license", () => {
    const either = combineLicenses("or", [lic("MIT"), lic("GPL-3.0-only")]);
    expect(judge(rail, either, MATRIX), "compatible", "duties", "MIT (best choice of GPL-3.0-only OR MIT)");
  });
  await t.step("incompatible > unknown > compatible", () => {
    const project = normalizeScanCode(["mit", "zz-nobody"]).expr;
    expect(judge(lic("MIT"), project, MATRIX), "unknown", "unknown-project");
    const worse = normalizeScanCode(["mit", "zz-nobody", "gpl-3.0"]).expr;
    expect(judge(rail, worse, MATRIX), "incompatible", "use-restrictions");
    const best = combineLicenses("or", [lic("LicenseRef-nobody"), lic("GPL-3.0-only")]);
    expect(judge(rail, best, MATRIX), "unknown", "no-facts");
  });
  await t.step("a model offered under either of two licenses", () => {
    expect(judge(normalizeHf("gpl-3.0 or mit").expr, lic("Apache-2.0"), MATRIX), "compatible", "lf-table");
    expect(judge(normalizeHf("gpl-3.0 and mit").expr, lic("Apache-2.0"), MATRIX), "incompatible", "lf-table");
  });
});
