import assert from "node:assert/strict";
import { createDetector } from "../../lib/usage/detector.ts";

const detector = await createDetector();

Deno.test("Detector.moduleExports() resolves a module's top-level strings, whatever the module mentions", () => {
  const exports = detector.moduleExports([
    "import os",
    "from constants import ORG, BASE as B",
    "from . import shared",
    "from .paths import *",
    'NAME = "gpt2"',
    'FULL = f"openai-community/{NAME}"',
    'ENV = os.environ.get("MODEL", "bert-base-uncased")',
    "ALIAS = ORG",
    "COMPUTED = compute()",
    "def NAME_OF():",
    '    LOCAL = "not-exported"',
    'ORG = "rebound-after-import"',
    "",
  ].join("\n"))!;
  assert.deepEqual(Object.fromEntries(exports.names), {
    NAME: { line: 5, value: "gpt2", resolution: "constant" },
    FULL: { line: 6, value: "openai-community/gpt2", resolution: "fstring" },
    ENV: { line: 7, value: "bert-base-uncased", resolution: "environ" },
    // bound at line 8 to the imported ORG, which line 12 re-binds only later
    ALIAS: { line: 8, refs: ["constants.ORG"] },
    COMPUTED: { line: 9 },
    NAME_OF: { line: 10 },
    ORG: { line: 12, value: "rebound-after-import", resolution: "constant" },
    os: { line: 1, refs: ["os"] },
    B: { line: 2, refs: ["constants.BASE"] },
    shared: { line: 3, refs: [".shared"] },
  });
  assert.deepEqual(exports.stars, [".paths"]);
});

Deno.test("Detector.moduleExports() exports the names bound in module-level class bodies as Class.name", () => {
  const exports = detector.moduleExports([
    'ORG = "facebook"',
    "class Config:",
    '    MODEL = f"{ORG}/bart-large"',
    "    def method(self):",
    '        self.LOCAL = "x"',
    "    class Inner:",
    '        HIDDEN = "y"',
    "def f():",
    "    class Local:",
    '        HIDDEN = "z"',
    "",
  ].join("\n"))!;
  assert.deepEqual(Object.fromEntries(exports.names), {
    ORG: { line: 1, value: "facebook", resolution: "constant" },
    Config: { line: 2 },
    "Config.MODEL": { line: 3, value: "facebook/bart-large", resolution: "fstring" },
    f: { line: 8 },
  });
});

Deno.test("Detector.moduleExports() gives an import that comes after an assignment the last word", () => {
  const exports = detector.moduleExports(
    'MODEL = "gpt2"\ntry:\n    from local_settings import MODEL\nexcept ImportError:\n    pass\n',
  )!;
  assert.deepEqual(exports.names.get("MODEL"), { line: 3, refs: ["local_settings.MODEL"] });
});
