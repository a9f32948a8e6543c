/**
 * `deno task harvest hf` killed with SIGKILL at random moments (start-up, listing, snapshot tier), then run
 * again, ends with exactly the snapshot of an uninterrupted run.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { HF_PAGES, REPO_ROOT, SHARED_DATA } from "../_shared_data.ts";
import { allFiles, cli, DAY1, fingerprint, firstPages, outDir, withHub } from "./_hf_harvest_fixture.ts";

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Stored listing pages and snapshot-tier batches of the checkpoint in `out`. */
function progress(out: string): { pages: number; batches: number } {
  const dir = join(out, `.harvest-${DAY1}`);
  const count = <T>(read: () => T, none: T) => {
    try {
      return read();
    } catch {
      return none; // not written yet
    }
  };
  return {
    pages: count(() => JSON.parse(Deno.readTextFileSync(join(dir, "state.json"))).list.pages as number, 0),
    batches: count(
      () => [...Deno.readDirSync(join(dir, "tier"))].filter((e) => /^\d+\.json$/.test(e.name)).length,
      0,
    ),
  };
}

Deno.test({
  name: "a harvest killed at random moments and re-run ends with the snapshot of an uninterrupted run",
  ignore: HF_PAGES === null,
  fn: () =>
    withHub({ pages: firstPages(8), delayMs: 5, cardsFrom: SHARED_DATA }, async (hub) => {
      const args = (out: string) => [
        "cli/harvest.ts",
        "hf",
        ...[
          "--hub-url",
          hub.url,
          "--out",
          out,
          "--date",
          DAY1,
          "--min-downloads",
          "2000000",
          "--concurrency",
          "3",
        ],
      ];
      const reference = await outDir();
      const clean = await cli(args(reference));
      assert.equal(clean.code, 0, clean.stderr);
      const expected = await fingerprint(reference);
      assert.ok(Number(expected.cards.split(" ")[0]) > 50, "the snapshot tier has work to be killed in");

      // when to kill each run: a random moment, then just after some listing pages or tier batches are stored
      const moments: ((p: { pages: number; batches: number }, ms: number) => boolean)[] = [
        (_, ms) => ms > 150 + Math.random() * 600,
        (p) => p.pages >= 2 + Math.floor(Math.random() * 4),
        (p) => p.pages >= 9 + Math.floor(Math.random() * 4),
        (p) => p.batches >= 1,
        (p) => p.batches >= 2 + Math.floor(Math.random() * 2),
      ];
      const out = await outDir();
      const killedAt: string[] = [];
      for (const moment of moments) {
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", ...args(out)],
          cwd: REPO_ROOT,
          stdout: "null",
          stderr: "null",
        }).spawn();
        const started = performance.now();
        let done = false;
        child.status.then(() => done = true);
        while (!done) {
          const p = progress(out);
          if (moment(p, performance.now() - started)) {
            await sleep(Math.random() * 40);
            if (!done) {
              child.kill("SIGKILL");
              killedAt.push(`${p.pages} pages, ${p.batches} tier batches`);
            }
            break;
          }
          await sleep(5);
        }
        const status = await child.status;
        assert.ok(status.success || status.signal === "SIGKILL", `exit ${status.code}`);
      }
      assert.ok(killedAt.length >= 4, `killed ${killedAt.length} times: ${killedAt.join("; ")}`);
      const last = await cli(args(out));
      assert.equal(last.code, 0, last.stderr);
      assert.deepEqual(await fingerprint(out), expected, `killed at ${killedAt.join("; ")}`);
      const leftovers = (await allFiles(out)).filter((f) => /\.harvest-|\.tmp-|\.old-/.test(f));
      assert.deepEqual(leftovers, []);
    }),
});
