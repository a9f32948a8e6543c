// Child of the harvest benchmark: serves the pages in Deno.args[0] as a replay hub in its own process (so the
// harvest's time and memory are measured alone), prints its URL, and stops when its stdin closes.
import { startHfReplay } from "../lib/testing/hf_replay_server.ts";

const hub = await startHfReplay({ pagesDir: Deno.args[0] });
console.log(hub.url);
for await (const _ of Deno.stdin.readable) {
  // wait for the parent to close stdin
}
await hub.close();
