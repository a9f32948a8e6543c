import assert from "node:assert/strict";
import { ModuleFiles } from "../../lib/usage/module_files.ts";

const files = new ModuleFiles([
  "train.py",
  "config.py",
  "scripts/run.py",
  "scripts/settings.py",
  "legacy/config.py",
  "legacy/only_here.py",
  "src/app/__init__.py",
  "src/app/settings.py",
  "src/app/sub/deep.py",
  "pkg/__init__.py",
  "pkg/config/__init__.py",
]);

Deno.test("ModuleFiles.locate() finds a module beside the importer, then above it, then under top-level dirs", () => {
  assert.deepEqual(files.locate("config.MODEL", "train.py"), { file: "config.py", name: "MODEL" });
  // a script's own directory is searched first...
  assert.deepEqual(files.locate("settings.X", "scripts/run.py"), { file: "scripts/settings.py", name: "X" });
  // ...then the directories above it
  assert.deepEqual(files.locate("config.MODEL", "scripts/run.py"), { file: "config.py", name: "MODEL" });
  // a source root: src/ before any other top-level directory
  assert.deepEqual(files.locate("app.settings.CLIP", "train.py"), {
    file: "src/app/settings.py",
    name: "CLIP",
  });
  assert.deepEqual(files.locate("app.DEFAULT", "scripts/run.py"), {
    file: "src/app/__init__.py",
    name: "DEFAULT",
  });
  assert.deepEqual(files.locate("only_here.X", "train.py"), { file: "legacy/only_here.py", name: "X" });
  // a package directory with __init__.py
  assert.deepEqual(files.locate("pkg.config.M", "train.py"), { file: "pkg/config/__init__.py", name: "M" });
  // no module `config.Defaults`: a class of module `config`
  assert.deepEqual(files.locate("config.Defaults.M", "train.py"), { file: "config.py", name: "Defaults.M" });
  assert.deepEqual(files.locate(".Defaults.M", "src/app/settings.py"), {
    file: "src/app/__init__.py",
    name: "Defaults.M",
  });
});

Deno.test("ModuleFiles.locate() takes the first module found, as sys.path does: no same-named fallback", () => {
  // legacy/config.py is another module; config.py at the root comes first for every importer outside legacy/
  assert.equal(files.locate("config.MODEL", "src/app/sub/deep.py")?.file, "config.py");
  assert.equal(files.locate("config.MODEL", "legacy/only_here.py")?.file, "legacy/config.py");
});

Deno.test("ModuleFiles.locate() reads relative imports against the importer's package", () => {
  assert.deepEqual(files.locate(".settings.CLIP", "src/app/__init__.py"), {
    file: "src/app/settings.py",
    name: "CLIP",
  });
  assert.deepEqual(files.locate(".DEFAULT", "src/app/settings.py"), {
    file: "src/app/__init__.py",
    name: "DEFAULT",
  });
  assert.deepEqual(files.locate("..settings.CLIP", "src/app/sub/deep.py"), {
    file: "src/app/settings.py",
    name: "CLIP",
  });
  assert.deepEqual(files.locate("..DEFAULT", "src/app/sub/deep.py"), {
    file: "src/app/__init__.py",
    name: "DEFAULT",
  });
  // a relative import never falls back to the search path
  assert.equal(files.locate(".config.MODEL", "scripts/run.py"), null);
  // more dots than directories
  assert.equal(files.locate("....x.Y", "src/app/settings.py"), null);
});

Deno.test("ModuleFiles.locate() returns null for libraries and for names without a module", () => {
  assert.equal(files.locate("transformers.AutoModel", "train.py"), null);
  assert.equal(files.locate("os", "train.py"), null);
  assert.equal(files.locate("config.", "train.py"), null);
});
