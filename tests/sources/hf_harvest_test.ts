/**
 * End to end: harvests of a replay hub serving real pages of 2024-07-11.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { listCommits } from "@huggingface/hub";
import { HubRequestError } from "../../lib/sources/hf_polite_fetch.ts";
import { CheckpointError } from "../../lib/sources/hf_harvest_checkpoint.ts";
import { loadDataset } from "../../lib/store/dataset.ts";
import { sha256Hex } from "../../lib/store/hash.ts";
import { HF_PAGES, SHARED_DATA } from "../_shared_data.ts";
import {
  allFiles,
  cli,
  DAY1,
  DAY2,
  fingerprint,
  firstPages,
  harvest,
  outDir,
  pageSlice,
  withHub,
} from "./_hf_harvest_fixture.ts";

const ignore = HF_PAGES === null;
const SENTENCE = "sentence-transformers/all-MiniLM-L12-v2";

/** Rows sorted by id (or model_id), dates as ISO strings, for comparing tables whatever their order. */
function rows(df: pl.DataFrame, key = "id"): Record<string, unknown>[] {
  return df.sort(key).toRecords().map((r) =>
    Object.fromEntries(
      Object.entries(r).map((
        [k, v],
      ) => [k, (v as unknown) instanceof Date ? (v as unknown as Date).toISOString() : v]),
    )
  );
}

Deno.test({
  name: "a list-only harvest of 25 real pages gives the same summary as `import hf-dump` of those pages",
  ignore,
  fn: () =>
    withHub({ pages: firstPages(25) }, async (hub) => {
      const harvested = await outDir();
      const imported = await outDir();
      const h = await cli([
        "cli/harvest.ts",
        "hf",
        "--hub-url",
        hub.url,
        "--list-only",
        "--out",
        harvested,
        "--date",
        DAY1,
      ]);
      assert.equal(h.code, 0, h.stderr);
      assert.match(h.stdout, /wrote .*2024-07-11: 25,000 models \(full\)/);
      const i = await cli(["cli/import.ts", "hf-dump", await pageSlice(firstPages(25)), "--out", imported]);
      assert.equal(i.code, 0, i.stderr);
      const summary = async (dir: string) =>
        JSON.parse((await cli(["cli/summary.ts", dir, "--json"])).stdout);
      const expected = await summary(imported);
      assert.equal(expected.models, 25_000);
      assert.deepEqual(await summary(harvested), expected);

      const a = await loadDataset(harvested);
      const b = await loadDataset(imported);
      const shared = [
        "id",
        "author",
        "created_at",
        "downloads",
        "likes",
        "pipeline_tag",
        "library",
        "licenses",
        "tags",
      ];
      assert.deepEqual(rows(a.models.select(...shared)), rows(b.models.select(...shared)));
      assert.equal(a.models.getColumn("sha").nullCount(), 0, "the harvest also has sha");
      assert.equal(a.models.getColumn("last_modified").nullCount(), 0, "and lastModified");
      assert.equal(a.manifest.source.kind, "hf-harvest");
      assert.equal(a.manifest.source.location, hub.url);
      assert.equal(a.manifest.retrieved_at, DAY1);
      assert.deepEqual(a.manifest.notes, []);
    }),
});

Deno.test({
  name: "an incremental harvest writes a new dated snapshot equal to a full re-list, and keeps the old one",
  ignore,
  fn: () =>
    withHub({ pages: firstPages(4), cardsFrom: SHARED_DATA }, async (hub) => {
      const out = await outDir();
      const min = 1_000_000;
      const day1 = await harvest(hub, out, { minDownloads: min });
      assert.equal(day1.mode, "full");
      const before = await fingerprint(join(out, DAY1));

      hub.mutate({ changed: 0.03, added: 20 });
      const day2 = await harvest(hub, out, { minDownloads: min, date: DAY2 });
      assert.equal(day2.mode, "incremental");
      assert.equal(day2.base, DAY1);
      assert.equal(day2.added, 20);
      const reference = await outDir();
      await harvest(hub, reference, { minDownloads: min, date: DAY2 });
      const full = await loadDataset(reference);
      const changedOnHub = full.models.filter(pl.col("last_modified").gtEq(new Date("2024-07-12T00:00:00Z")));
      assert.ok(changedOnHub.height > 60, `${changedOnHub.height} models changed`);
      // the listing goes down to the newest lastModified of day 1, included (a tie may be a change)
      const since = (await loadDataset(join(out, DAY1))).models.getColumn("last_modified").max();
      const relisted = full.models.filter(pl.col("last_modified").gtEq(since as unknown as Date)).height;
      assert.equal(relisted, changedOnHub.height + 1);
      assert.equal(day2.listed, relisted, "the listing stopped at the first older model");
      assert.equal(day2.changed, relisted - 20);
      assert.equal(day2.carried, 4000 - day2.changed);
      assert.ok(day2.tier!.fetched > 0 && day2.tier!.fetched < day1.tier!.fetched);

      const inc = await loadDataset(out);
      assert.equal(inc.dir, join(out, DAY2));
      assert.deepEqual(rows(inc.models), rows(full.models));
      assert.deepEqual(rows(inc.cards, "model_id"), rows(full.cards, "model_id"));
      assert.deepEqual(
        rows(inc.metadata.sort(["model_id", "field"]), "model_id"),
        rows(full.metadata.sort(["model_id", "field"]), "model_id"),
      );
      assert.deepEqual(await fingerprint(join(out, DAY1)), before, "the day-1 snapshot is untouched");
      assert.equal((await loadDataset(join(out, DAY1))).models.height, 4000);
      assert.equal(inc.manifest.inputs[0].path, `../${DAY1}/models.parquet`);
      assert.ok(inc.manifest.notes.some((n) => /deleted since 2024-07-11 are still listed/.test(n)));

      // --full re-lists everything and reuses the tier data of unchanged repos
      const again = await harvest(hub, out, { minDownloads: min, date: DAY2, full: true });
      assert.equal(again.mode, "full");
      assert.equal(again.base, DAY1, "a snapshot is built on the one before its date");
      assert.equal(again.tier!.fetched, day2.tier!.fetched, "only the changed repos are fetched again");
      assert.equal(again.tier!.reused, again.tier!.eligible - again.tier!.fetched);
      assert.deepEqual(rows((await loadDataset(out)).models), rows(full.models));
    }),
});

Deno.test({
  name: "a fault storm on every route still ends with exactly the snapshot of a quiet hub",
  ignore,
  fn: async () => {
    const options = { minDownloads: 5_000_000 };
    const quiet = await withHub({}, async (hub) => {
      const out = await outDir();
      await harvest(hub, out, options);
      return fingerprint(out);
    });
    await withHub({}, async (hub) => {
      // at most 6 faults in a row on one URL: the 7th attempt must get through
      hub.inject(
        { kind: "429", route: "list", count: 2, retryAfter: 0 },
        { kind: "500", route: "list" },
        { kind: "truncate", route: "list", after: 4 },
        { kind: "html", route: "list", after: 6 },
        { kind: "502", route: "list", after: 8 },
        { kind: "slow", route: "list", after: 9, delayMs: 30 },
        { kind: "503", route: "tree", count: 2 },
        { kind: "html", route: "resolve", after: 3 },
        { kind: "truncate", route: "resolve", after: 5, count: 2 },
        { kind: "429", route: "commits", after: 4, retryAfter: 0 },
        { kind: "slow", route: "info", delayMs: 10 },
      );
      const out = await outDir();
      const report = await harvest(hub, out, options);
      assert.equal(
        hub.pendingFaults,
        1,
        "only the info fault is left: the harvest never asks for model info",
      );
      const faults = Object.entries(hub.stats.faults);
      assert.equal(faults.reduce((n, [kind, k]) => n + (kind === "slow" ? 0 : k!), 0), 12);
      assert.equal(report.retries, 12, "one retry per faulty response");
      assert.deepEqual(await fingerprint(out), quiet);
    });
  },
});

Deno.test({
  name: "malformed records are skipped and counted, and the snapshot holds every good one",
  ignore,
  fn: () =>
    withHub({ pages: [1, 2], malformed: 25 }, async (hub) => {
      const raw = [];
      for (const url of [`${hub.url}/api/models?limit=1000`]) {
        let next: string | null = url;
        while (next) {
          const res: Response = await fetch(next);
          raw.push(...await res.json());
          next = /<([^>]+)>/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
        }
      }
      const expected = {
        "no-id": raw.filter((r) => r.id === undefined).length,
        "wrong-type": raw.filter((r) => typeof r.downloads === "string").length,
        "odd-id": raw.filter((r) => typeof r.id === "string" && r.id.includes(" ")).length,
      };
      assert.ok(Object.values(expected).every((n) => n > 0), JSON.stringify(expected));
      const out = await outDir();
      const report = await harvest(hub, out, { listOnly: true });
      assert.deepEqual(report.skipped, expected);
      const skipped = expected["no-id"] + expected["wrong-type"] + expected["odd-id"];
      assert.equal(report.models, 2000 - skipped);
      assert.equal(report.missingCreatedAt, raw.filter((r) => r.id !== undefined && !r.createdAt).length);
      const ds = await loadDataset(out);
      assert.equal(ds.models.height, 2000 - skipped);
      assert.match(
        ds.manifest.notes[0],
        new RegExp(`^${skipped} malformed records skipped .*page \\d+ record #\\d+`),
      );
      assert.ok(ds.manifest.notes.some((n) => /models have no createdAt \(kept/.test(n)));
    }),
});

Deno.test({
  name:
    "the snapshot tier fills cards, config architectures, file lists and first commits above the threshold",
  ignore,
  fn: () =>
    withHub({ pages: [1], cardsFrom: SHARED_DATA }, async (hub) => {
      const out = await outDir();
      const report = await harvest(hub, out, { minDownloads: 5_000_000, concurrency: 4 });
      assert.deepEqual(report.tier, { eligible: 35, fetched: 35, reused: 0, failed: 0 });
      const ds = await loadDataset(out);
      const snap = ds.models.filter(pl.col("has_snapshot"));
      assert.equal(snap.height, 35);
      assert.ok(snap.getColumn("downloads").toArray().every((d) => Number(d) > 5_000_000));
      assert.equal(snap.getColumn("first_commit_at").nullCount(), 0);
      assert.equal(
        ds.models.filter(pl.col("has_snapshot").not()).getColumn("first_commit_at").nullCount(),
        965,
      );

      const card = ds.cards.filter(pl.col("model_id").eq(pl.lit(SENTENCE))).toRecords()[0];
      const real = await Deno.readTextFile(
        join(
          SHARED_DATA!,
          "yinan-hf-readme/training_and_application/readme_files",
          `${SENTENCE.replace("/", "_")}.md`,
        ),
      );
      assert.equal(card.text, real);
      assert.equal(card.sha256, sha256Hex(new TextEncoder().encode(real)));
      const meta = (field: string) =>
        ds.metadata.filter(pl.col("model_id").eq(pl.lit(SENTENCE)).and(pl.col("field").eq(pl.lit(field))))
          .getColumn("value").toArray()[0] as string;
      assert.match(meta("config.architectures"), /^\["\w+"\]$/);
      assert.ok(JSON.parse(meta("files")).includes("README.md"));
      const commits = [];
      for await (const c of listCommits({ repo: SENTENCE, hubUrl: hub.url })) commits.push(c.date);
      const first =
        ds.models.filter(pl.col("id").eq(pl.lit(SENTENCE))).getColumn("first_commit_at").toArray()[0];
      assert.equal((first as unknown as Date).toISOString(), commits.at(-1)!.toISOString());
      assert.ok(commits.at(-1)! < new Date("2022-03-02"), "before HF's back-filled createdAt");
    }),
});

Deno.test({
  name: "a hub that keeps failing stops the harvest with the URL; the next run resumes and ends the same",
  ignore,
  fn: async () => {
    const quiet = await withHub({}, async (hub) => {
      const out = await outDir();
      await harvest(hub, out, { listOnly: true });
      return fingerprint(out);
    });
    await withHub({}, async (hub) => {
      const out = await outDir();
      hub.inject({ kind: "503", route: "list", after: 3, count: 7 });
      await assert.rejects(
        harvest(hub, out, { listOnly: true }),
        (err: Error) =>
          err instanceof HubRequestError &&
          /^GET http:\/\/127\.0\.0\.1:\d+\/api\/models\?.*cursor=.* failed 7 times/.test(err.message),
      );
      await assert.rejects(
        harvest(hub, out, { listOnly: false }),
        CheckpointError,
        "other settings are refused",
      );
      const resumed = await harvest(hub, out, { listOnly: true });
      assert.equal(resumed.resumed, true);
      assert.deepEqual(await fingerprint(out), quiet);
      assert.deepEqual(
        (await allFiles(out)).filter((f) => f.includes(".harvest-")),
        [],
        "checkpoint removed",
      );
    });
  },
});

Deno.test({
  name: "HF_TOKEN is sent as a Bearer token and never printed nor written, even on retries and failures",
  ignore,
  fn: () =>
    withHub({ pages: [1], token: "hf_SecretReplayToken42" }, async (hub) => {
      const token = "hf_SecretReplayToken42";
      const out = await outDir();
      const args = [
        "cli/harvest.ts",
        "hf",
        "--hub-url",
        hub.url,
        "--out",
        out,
        "--date",
        DAY1,
        "--min-downloads",
        "20000000",
        "--concurrency",
        "1",
      ];
      hub.inject({ kind: "429", route: "list", count: 2, retryAfter: 0 }, {
        kind: "429",
        route: "tree",
        count: 7,
        retryAfter: 0,
      });
      const failed = await cli(args, { HF_TOKEN: token });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /retry 1 in 0\.0s: HTTP 429/);
      assert.match(
        failed.stderr,
        /error: GET http:\/\/127\.0\.0\.1:\d+\/api\/models\/.*\/tree\/main\?recursive=true.* failed 7 times/,
      );
      const ok = await cli(args, { HF_TOKEN: token });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /resumed/);
      assert.ok(hub.stats.bearer > 0 && hub.stats.statuses[401] === undefined, "every request carried it");
      const anonymous = await cli(args.map((a) => a === out ? `${out}-anonymous` : a), { HF_TOKEN: "" });
      assert.equal(anonymous.code, 1, "the hub wants the token");
      const wrong = await cli(args, { HF_TOKEN: "not-a-token-Secret" });
      assert.match(wrong.stderr, /not a Hugging Face access token/);

      const printed = [failed, ok, anonymous, wrong].flatMap((r) => [r.stdout, r.stderr]).join("\n");
      assert.ok(!printed.includes("Secret"), "no token in any output");
      for (const file of await allFiles(join(out, ".."))) {
        const bytes = await Deno.readFile(file);
        assert.ok(!new TextDecoder().decode(bytes).includes("Secret"), `token in ${file}`);
      }
    }),
});

Deno.test({
  name: "`harvest hf --help` documents every option and HF_TOKEN",
  fn: async () => {
    const help = await cli(["cli/harvest.ts", "hf", "--help"]);
    assert.equal(help.code, 0);
    for (
      const word of [
        "--out",
        "--hub-url",
        "--list-only",
        "--min-downloads",
        "--full",
        "--concurrency",
        "--date",
        "HF_TOKEN",
      ]
    ) {
      assert.ok(help.stdout.includes(word), word);
    }
  },
});
