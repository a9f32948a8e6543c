import assert from "node:assert/strict";
import spdxLicenses from "spdx-license-list";
import {
  CLAUSES,
  ClauseTableError,
  knownConflict,
  licenseFacts,
  parseClauseTable,
} from "../../lib/licenses/clauses.ts";

const URL = "https://example.org/license";

function rejects(entry: Record<string, unknown>, ...parts: string[]) {
  assert.throws(
    () => parseClauseTable({ licenses: { "X-1.0": entry }, conflicts: [] }, "t.json"),
    (err: Error) => {
      assert.ok(err instanceof ClauseTableError, `${err}`);
      assert.ok(err.message.startsWith('t.json: license "X-1.0": '), err.message);
      for (const p of parts) assert.ok(err.message.includes(p), `"${p}" not in: ${err.message}`);
      return true;
    },
  );
}

Deno.test("parseClauseTable() fills the category defaults", () => {
  const t = parseClauseTable({
    licenses: {
      A: { name: "a", category: "permissive", source: URL },
      B: { name: "b", category: "non-commercial", commercialClause: "s. 1", source: URL },
      C: { name: "c", category: "proprietary", source: URL },
      D: {
        name: "d",
        category: "use-restricted",
        commercial: false,
        commercialClause: "s. 2",
        source: URL,
        useRestrictions: { clause: "s. 5", passDown: "s. 4" },
      },
    },
    conflicts: [],
  }, "t.json");
  assert.equal(t.licenses.get("A")!.commercial, true);
  assert.deepEqual(t.licenses.get("A")!.duties, []);
  assert.equal(t.licenses.get("B")!.commercial, false);
  assert.equal(t.licenses.get("C")!.commercial, null);
  assert.equal(t.licenses.get("D")!.commercial, false);
});

Deno.test("parseClauseTable() rejects entries that lack what their category needs, naming entry and field", () => {
  rejects({ name: "x", category: "copyleft", source: URL }, "category must be one of");
  rejects({ name: "", category: "permissive", source: URL }, "name");
  rejects({ name: "x", category: "permissive", source: "http://x" }, "source must be an https URL");
  rejects(
    { name: "x", category: "strong-copyleft", source: URL },
    "a strong-copyleft license needs shareAlike",
  );
  rejects(
    {
      name: "x",
      category: "weak-copyleft",
      shareAlike: { clause: "s. 2", lesser: { clause: "s. 3", requires: "x" } },
      source: URL,
    },
    "shareAlike.lesser",
  );
  rejects({ name: "x", category: "use-restricted", source: URL }, "needs useRestrictions");
  rejects({ name: "x", category: "non-commercial", source: URL }, "needs commercialClause");
  rejects({ name: "x", category: "family", source: URL }, "a family needs the list");
  rejects({ name: "x", category: "permissive", commercial: "yes", source: URL }, "commercial must be");
  rejects({ name: "x", category: "permissive", duties: "notice", source: URL }, "duties");
  assert.throws(() => parseClauseTable({ licenses: {} }, "t.json"), /t\.json: expected \{ licenses/);
  assert.throws(
    () => parseClauseTable({ licenses: {}, conflicts: [{ model: "MIT" }] }, "t.json"),
    /t\.json: conflicts\[0\] needs model, projects, reason and source/,
  );
});

Deno.test("the shipped clause table is consistent", async (t) => {
  const spdx = new Set(Object.keys(spdxLicenses));
  const validId = (id: string) => spdx.has(id) || /^LicenseRef-[A-Za-z0-9.-]+$/.test(id);
  await t.step("ids are SPDX ids or LicenseRefs, each with a source", () => {
    for (const [id, f] of CLAUSES.licenses) {
      assert.ok(validId(id), id);
      assert.match(f.source, /^https:\/\//, id);
    }
  });
  await t.step("family members and conflicts are described; accepted licenses are valid ids", () => {
    for (const f of CLAUSES.licenses.values()) {
      for (const m of f.family ?? []) assert.ok(CLAUSES.licenses.has(m), `${f.id} member ${m}`);
      for (const c of f.shareAlike?.compatible ?? []) assert.ok(validId(c), `${f.id} accepts ${c}`);
    }
    for (const c of CLAUSES.conflicts) {
      for (const id of [c.model, ...c.projects]) assert.ok(CLAUSES.licenses.has(id), id);
    }
  });
  await t.step("facts read off the licenses", () => {
    assert.equal(licenseFacts("CC-BY-NC-4.0")!.commercial, false);
    assert.equal(licenseFacts("LicenseRef-Llama-2")!.commercial, true);
    assert.equal(licenseFacts("LicenseRef-DeepFloyd-IF")!.commercial, false);
    assert.equal(licenseFacts("GPL-3.0-only")!.noFurtherRestrictions, "GPL-3.0 section 10");
    assert.match(
      licenseFacts("LicenseRef-CreativeML-OpenRAIL-M")!.useRestrictions!.passDown,
      /^section 4\(a\)/,
    );
    assert.ok(licenseFacts("LicenseRef-Llama-3.1")!.duties.some((d) => d.includes("700 million")));
    assert.deepEqual(licenseFacts("CC-BY-SA-4.0")!.shareAlike!.compatible, [
      "GPL-3.0-only",
      "GPL-3.0-or-later",
    ]);
    assert.equal(licenseFacts("LicenseRef-nobody"), undefined);
  });
  await t.step("known conflicts", () => {
    assert.ok(knownConflict("Apache-2.0", "GPL-2.0-only"));
    assert.equal(knownConflict("Apache-2.0", "GPL-2.0-or-later"), undefined);
    assert.equal(knownConflict("GPL-2.0-only", "Apache-2.0"), undefined);
  });
});
