import assert from "node:assert/strict";
import { join } from "node:path";
import parseSpdx from "spdx-expression-parse";
import spdxLicenses from "spdx-license-list";
import { CLAUSES } from "../../lib/licenses/clauses.ts";
import { isNamed, type LicenseExpr, renderLicense } from "../../lib/licenses/expression.ts";
import { readRelations } from "../../lib/licenses/inputs.ts";
import { normalizeHf, normalizeScanCode, tableKeys, tableTargets } from "../../lib/licenses/normalize.ts";
import { SHARED_DATA } from "../_shared_data.ts";

const hf = (raw: string | null) => renderLicense(normalizeHf(raw).expr);
const gh = (keys: string[] | null) => renderLicense(normalizeScanCode(keys).expr);
const reasonOf = (e: LicenseExpr) => {
  assert.equal(e.kind, "unknown", `expected an unknown license, got ${renderLicense(e)}`);
  return (e as { reason: string }).reason;
};

Deno.test("normalizeHf() reads each kind of Hugging Face id table entry", async (t) => {
  await t.step("plain SPDX ids", () => {
    assert.equal(hf("apache-2.0"), "Apache-2.0");
    assert.equal(hf("mit"), "MIT");
    assert.equal(hf("cc-by-nc-sa-4.0"), "CC-BY-NC-SA-4.0");
    assert.equal(hf("afl-3.0"), "AFL-3.0");
    assert.equal(hf("lgpl-lr"), "LGPLLR");
  });
  await t.step("GNU ids without qualifier read as -only", () => {
    assert.equal(hf("gpl-3.0"), "GPL-3.0-only");
    assert.equal(hf("agpl-3.0"), "AGPL-3.0-only");
    assert.equal(hf("lgpl-2.1"), "LGPL-2.1-only");
  });
  await t.step("ML licenses become LicenseRef ids", () => {
    assert.equal(hf("openrail"), "LicenseRef-OpenRAIL");
    assert.equal(hf("openrail++"), "LicenseRef-OpenRAIL-plus-plus-M");
    assert.equal(hf("creativeml-openrail-m"), "LicenseRef-CreativeML-OpenRAIL-M");
    assert.equal(hf("bigscience-bloom-rail-1.0"), "LicenseRef-BigScience-BLOOM-RAIL-1.0");
    assert.equal(hf("deepfloyd-if-license"), "LicenseRef-DeepFloyd-IF");
    assert.equal(hf("llama2"), "LicenseRef-Llama-2");
    assert.equal(hf("llama3.1"), "LicenseRef-Llama-3.1");
    assert.equal(hf("gemma"), "LicenseRef-Gemma");
  });
  await t.step("ambiguous family ids become family LicenseRefs", () => {
    assert.equal(hf("bsd"), "LicenseRef-BSD-family");
    assert.equal(hf("cc"), "LicenseRef-CC-family");
    assert.equal(hf("gpl"), "LicenseRef-GPL-family");
  });
  await t.step("an entry with a note maps to its id", () => assert.equal(hf("odbl"), "ODbL-1.0"));
  await t.step("any case", () => assert.equal(hf("  Apache-2.0 "), "Apache-2.0"));
  await t.step("other, unknown and no license are unknown with their reason", () => {
    assert.match(reasonOf(normalizeHf("other").expr), /'other'.*not a machine-readable id/);
    assert.match(reasonOf(normalizeHf("unknown").expr), /declares its license 'unknown'/);
    assert.equal(reasonOf(normalizeHf(null).expr), "the mapping gives no license for the model");
    assert.equal(hf(null), "NOASSERTION");
  });
});

Deno.test("normalizeHf() falls back outside its table, never silently", async (t) => {
  await t.step("an exact SPDX id, any case, is taken as it is and reported", () => {
    const n = normalizeHf("bsd-2-clause-patent");
    // spdx-correct alone would give BSD-2-Clause: the exact id is tried first
    assert.equal(renderLicense(n.expr), "BSD-2-Clause-Patent");
    assert.deepEqual(n.notes, [
      'license id "bsd-2-clause-patent" is not in the table; read as the SPDX id BSD-2-Clause-Patent',
    ]);
  });
  await t.step("spdx-correct's guess is reported", () => {
    const n = normalizeHf("lgpl2");
    assert.equal(n.expr.kind, "license");
    assert.equal(n.notes.length, 1);
    assert.match(n.notes[0], /^license id "lgpl2" is not in the table; spdx-correct reads it as /);
  });
  await t.step("an id nobody knows is unknown, with the reason", () => {
    const n = normalizeHf("my-own-license-v7");
    assert.equal(reasonOf(n.expr), 'license id "my-own-license-v7" is not known');
    assert.deepEqual(n.notes, []);
  });
  await t.step("tables take precedence over spdx-correct", () => {
    // spdx-correct reads lgpl-lr as LGPL-3.0-or-later
    assert.deepEqual(normalizeHf("lgpl-lr").notes, []);
  });
});

Deno.test("normalizeHf() reads AND / OR expressions of ids", async (t) => {
  await t.step("OR and AND, parentheses, ids mapped through the table", () => {
    assert.equal(hf("mit or apache-2.0"), "Apache-2.0 OR MIT");
    assert.equal(hf("mit OR (apache-2.0 AND cc-by-4.0)"), "(Apache-2.0 AND CC-BY-4.0) OR MIT");
    assert.equal(normalizeHf("gpl-3.0 and openrail").expr.kind, "and");
  });
  await t.step("an unknown operand stays an unknown part", () => {
    const e = normalizeHf("mit or nope-1.0").expr;
    assert.equal(e.kind, "or");
    assert.equal(renderLicense(e), "MIT OR nope-1.0");
  });
  await t.step("bad input gives an unknown license with the reason, never an exception", () => {
    for (
      const bad of ["mit with llvm-exception", "(mit", "mit and", "and or", "((", "mit or or apache-2.0"]
    ) {
      const e = normalizeHf(bad).expr;
      assert.equal(e.kind, "unknown", bad);
      assert.match(reasonOf(e), /is not an AND\/OR license expression/, bad);
    }
  });
});

Deno.test("normalizeScanCode() reads each kind of ScanCode key table entry", async (t) => {
  await t.step("keys named after SPDX ids and keys with other names", () => {
    assert.equal(gh(["bsd-new"]), "BSD-3-Clause");
    assert.equal(gh(["bsd-simplified"]), "BSD-2-Clause");
    assert.equal(gh(["gpl-3.0"]), "GPL-3.0-only");
    assert.equal(gh(["gpl-3.0-plus"]), "GPL-3.0-or-later");
    assert.equal(gh(["mit-0"]), "MIT-0");
    assert.equal(gh(["x11-fsf"]), "X11-distribute-modifications-variant");
    assert.equal(gh(["clear-bsd"]), "BSD-3-Clause-Clear");
    assert.equal(gh(["boost-1.0"]), "BSL-1.0");
    assert.equal(gh(["bsl-1.1"]), "BUSL-1.1");
    assert.equal(gh(["elastic-license-v2"]), "Elastic-2.0");
    assert.equal(gh(["cdla-permissive-1.0"]), "CDLA-Permissive-1.0");
    // ScanCode's x11 is the ICU text; its X11 is x11-xconsortium
    assert.equal(gh(["x11"]), "ICU");
    assert.equal(gh(["x11-xconsortium"]), "X11");
  });
  await t.step("non-SPDX and ML keys become LicenseRef ids", () => {
    assert.equal(gh(["proprietary-license"]), "LicenseRef-scancode-proprietary-license");
    // the non-commercial LLaMA 1 agreement, not Llama 2
    assert.equal(gh(["llama-license-2023"]), "LicenseRef-scancode-llama-license-2023");
    assert.equal(gh(["stable-diffusion-2022-08-22"]), "LicenseRef-CreativeML-OpenRAIL-M");
  });
  await t.step("WITH an exception that adds permissions", () => {
    assert.equal(gh(["apache-2.0 WITH llvm-exception"]), "Apache-2.0 WITH LLVM-exception");
    assert.equal(gh(["gpl-3.0-plus WITH gcc-exception-3.1"]), "GPL-3.0-or-later WITH GCC-exception-3.1");
    assert.equal(
      gh(["gpl-3.0 WITH gpl-generic-additional-terms"]),
      "GPL-3.0-only WITH AdditionRef-scancode-gpl-generic-additional-terms",
    );
  });
  await t.step("WITH a condition that takes rights away adds an AND part", () => {
    assert.equal(gh(["apache-2.0 WITH commons-clause"]), "Apache-2.0 AND LicenseRef-scancode-commons-clause");
  });
  await t.step("no keys is NONE (no license, all rights reserved)", () => {
    assert.equal(gh(null), "NONE");
    assert.equal(gh([]), "NONE");
  });
});

Deno.test("normalizeScanCode() joins several licenses with AND and drops non-licenses beside them", async (t) => {
  await t.step("sorted, duplicates dropped", () => {
    assert.equal(gh(["mit", "apache-2.0", "mit"]), "Apache-2.0 AND MIT");
    assert.equal(gh(["gpl-3.0", "gpl-3.0-plus"]), "GPL-3.0-only AND GPL-3.0-or-later");
  });
  await t.step("noise keys and lone exceptions are dropped, and listed", () => {
    const n = normalizeScanCode([
      "mit",
      "unknown-license-reference",
      "warranty-disclaimer",
      "llvm-exception",
    ]);
    assert.equal(renderLicense(n.expr), "MIT");
    assert.deepEqual(n.dropped, ["llvm-exception", "unknown-license-reference", "warranty-disclaimer"]);
  });
  await t.step("only noise: unknown, with what was found", () => {
    const n = normalizeScanCode(["warranty-disclaimer", "generic-cla"]);
    assert.equal(renderLicense(n.expr), "generic-cla, warranty-disclaimer");
    assert.equal(
      reasonOf(n.expr),
      "ScanCode found no license, only a contributor license agreement, not a license for users (generic-cla); " +
        "a bare warranty disclaimer, which grants no rights (warranty-disclaimer)",
    );
    assert.match(reasonOf(normalizeScanCode(["gcc-exception-3.1"]).expr), /an exception without its license/);
  });
  await t.step("an unknown key stays as an unknown part", () => {
    const e = normalizeScanCode(["mit", "zz-nobody-1.0"]).expr;
    assert.equal(renderLicense(e), "MIT AND zz-nobody-1.0");
    assert.equal(
      reasonOf(normalizeScanCode(["zz-nobody-1.0"]).expr),
      'ScanCode key "zz-nobody-1.0" is not known',
    );
  });
  await t.step("bad detections give unknown parts with the reason", () => {
    assert.match(
      reasonOf(normalizeScanCode(["mit WITH zz-exception"]).expr),
      /exception key "zz-exception" is not known/,
    );
    assert.match(reasonOf(normalizeScanCode(["mit WITH a WITH b"]).expr), /cannot be read/);
    assert.match(reasonOf(normalizeScanCode(["zz WITH llvm-exception"]).expr), /cannot be read/);
  });
});

Deno.test("the normalisation tables produce valid ids, all described by the clause table", () => {
  const spdx = new Set(Object.keys(spdxLicenses));
  for (const id of tableTargets()) {
    assert.ok(CLAUSES.licenses.has(id), `no clause facts for ${id}`);
    assert.ok(
      spdx.has(id) || /^LicenseRef-[A-Za-z0-9.-]+$/.test(id),
      `${id} is neither SPDX nor a LicenseRef`,
    );
  }
  for (const key of tableKeys().scancodeExceptions) {
    const text = renderLicense(normalizeScanCode([`mit WITH ${key}`]).expr);
    // spdx-expression-parse knows the SPDX exception list; SPDX 2 has no syntax for other additions
    if (!/ WITH AdditionRef-[A-Za-z0-9.-]+$/.test(text)) assert.doesNotThrow(() => parseSpdx(text), text);
  }
});

Deno.test({
  name: "every ScanCode key and HF id of the real inputs is in the tables (no fallback, nothing unknown)",
  ignore: !SHARED_DATA,
  fn: async () => {
    const dir = join(SHARED_DATA!, "peatmoss-artifact", "License-Analysis", "analyzeIncompatibilities");
    const relations = await readRelations(join(dir, "mapping.csv"), join(dir, "all_gh_licenses.json"));
    const all = JSON.parse(await Deno.readTextFile(join(dir, "all_gh_licenses.json"))) as Record<
      string,
      string[] | null
    >;
    const keys = new Set(Object.values(all).flatMap((v) => v ?? []));
    assert.equal(keys.size, 200);
    for (const key of keys) {
      const n = normalizeScanCode([key]);
      assert.deepEqual(n.notes, [], key);
      const known = tableKeys();
      if (known.scancodeNoise.includes(key) || known.scancodeExceptions.includes(key)) {
        assert.equal(n.expr.kind, "unknown", key);
      } else assert.ok(isNamed(n.expr), `${key} unmapped`);
    }
    const ids = new Set(relations.map((r) => r.hfLicense));
    for (const id of ids) {
      const n = normalizeHf(id);
      assert.deepEqual(n.notes, [], `${id}`);
      if (n.expr.kind === "unknown") assert.ok(id === "other" || id === "unknown", `${id} unmapped`);
    }
  },
});
