import assert from "node:assert/strict";
import { join } from "node:path";
import { atomicWriteFile } from "../../lib/store/atomic.ts";

Deno.test("atomicWriteFile replaces a regular file and leaves no temporary file beside it", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "out.jsonl");
  await atomicWriteFile(path, "old\n");
  await atomicWriteFile(path, "new\n");
  assert.equal(await Deno.readTextFile(path), "new\n");
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["out.jsonl"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("atomicWriteFile writes into a named pipe instead of renaming over it", async () => {
  const dir = await Deno.makeTempDir();
  const fifo = join(dir, "pipe");
  const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
  assert.ok(made.success, "mkfifo");
  const reader = Deno.readTextFile(fifo);
  await atomicWriteFile(fifo, "through the pipe\n");
  assert.equal(await reader, "through the pipe\n");
  const info = await Deno.lstat(fifo);
  assert.ok(info.isFifo, "the pipe is still a pipe");
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["pipe"]);
  await Deno.remove(dir, { recursive: true });
});
