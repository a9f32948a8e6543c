/**
 * findHubLoadCalls() and the tokenizer under it, on the shapes of Python met in hub pages.
 */
import assert from "node:assert/strict";
import { findHubLoadCalls } from "../../lib/sources/hub_load_calls.ts";
import { logicalLines, stringValue, tokenize } from "../../lib/sources/_python_tokens.ts";

const entries = (code: string, bindings?: Map<string, string>) =>
  findHubLoadCalls(code, { bindings }).calls.map((c) =>
    c.problem ?? `${c.repo}${c.ref ? `:${c.ref}` : ""} ${c.entry}`
  );

Deno.test("findHubLoadCalls() resolves literals, implicit concatenation and variables bound earlier", () => {
  assert.deepEqual(entries("m = torch.hub.load('a/b', 'c')"), ["a/b c"]);
  assert.deepEqual(entries(`m = torch.hub.load("a/" "b:v1", model="c")`), ["a/b:v1 c"]);
  assert.deepEqual(
    entries("r = 'a/b'\nname = r\nm = torch.hub.load(r, 'c')\nm = torch.hub.load(name, 'd')"),
    [
      "a/b c",
      "a/b d",
    ],
  );
  assert.deepEqual(entries("m = torch.hub.load(repo, 'c')", new Map([["repo", "x/y"]])), ["x/y c"]);
});

Deno.test("findHubLoadCalls() uses the binding in force at the call, and forgets a rebound name", () => {
  const code = "m = 'first'\ntorch.hub.load('a/b', m)\nm = 'second'\ntorch.hub.load('a/b', m)\n" +
    "m = compute()\ntorch.hub.load('a/b', m)\n";
  assert.deepEqual(entries(code), ["a/b first", "a/b second", "model is not a known string: m"]);
  // a keyword argument named like a variable does not rebind it
  assert.deepEqual(entries("repo = 'a/b'\ntorch.hub.load(repo, model='c')\ntorch.hub.load(repo, 'd')"), [
    "a/b c",
    "a/b d",
  ]);
});

Deno.test("findHubLoadCalls() reads the torch<1.9 keyword `github` and refuses source='local'", () => {
  assert.deepEqual(entries("torch.hub.load(github='a/b', model='c', force_reload=True)"), ["a/b c"]);
  assert.deepEqual(entries("torch.hub.load('./weights', 'c', source='local')"), [
    "source is local, not github",
  ]);
  assert.deepEqual(entries("torch.hub.load('https://x.org/a', 'c')"), [
    "repo_or_dir is not owner/name[:ref]: https://x.org/a",
  ]);
  assert.deepEqual(entries("torch.hub.load(*args)"), ["no repo_or_dir argument"]);
  assert.deepEqual(entries("torch.hub.load('a/b')"), ["no model argument"]);
});

Deno.test("findHubLoadCalls() parses commented-out calls, but not text in strings or trailing comments", () => {
  const code = [
    'print(\'torch.hub.load("x/y", "z")\')',
    "m = torch.hub.load('a/b', 'c')  # m = torch.hub.load('a/b', 'trailing')",
    "#m = torch.hub.load('a/b', 'd')",
    "#   more = torch.hub.load('a/b',",
    "#                         'e')",
    "self.torch.hub.load('a/b', 'not-torch')",
  ].join("\n");
  const { calls } = findHubLoadCalls(code, { lineOffset: 100 });
  assert.deepEqual(calls.map((c) => [c.entry, c.commented, c.line]), [
    ["c", false, 102],
    ["d", true, 103],
    ["e", true, 104],
  ]);
  assert.equal(calls[2].text, "torch.hub.load('a/b', 'e')");
});

Deno.test("findHubLoadCalls() returns the bindings for the next snippet", () => {
  const { bindings } = findHubLoadCalls("hub_repo = 'a/b:main'\nx, y = 1, 2\n");
  assert.deepEqual([...bindings], [["hub_repo", "a/b:main"]]);
});

Deno.test("stringValue() decodes literals and refuses what has no fixed value", () => {
  assert.equal(stringValue(`'it\\'s'`), "it's");
  assert.equal(stringValue(`r'a\\b'`), "a\\b");
  assert.equal(stringValue(`"""multi\nline"""`), "multi\nline");
  assert.equal(stringValue(`f'plain'`), "plain");
  assert.equal(stringValue(`f'{x}'`), null);
  assert.equal(stringValue(`b'bytes'`), null);
  assert.equal(stringValue(`'unterminated`), null);
});

Deno.test("tokenize() joins bracketed and backslash-continued lines into one logical line", () => {
  const lines = logicalLines(
    tokenize("a = f(1,\n      2)  # c\nb = 1 + \\\n    2\n\n  # only a comment\nc = '''x\ny'''\n"),
  );
  assert.deepEqual(lines.map((l) => l.tokens.map((t) => t.text).join(" ")), [
    "a = f ( 1 , 2 )",
    "b = 1 + 2",
    "c = '''x\ny'''",
  ]);
  assert.deepEqual(lines.map((l) => l.tokens[0].line), [1, 3, 7]);
});
