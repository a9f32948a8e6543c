/**
 * Worker of {@linkcode readHfDump}: reads a contiguous run of page files into a models table and sends it back
 * as Arrow IPC bytes (a Polars DataFrame cannot cross threads itself).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { HfModelsTable } from "./hf_models_table.ts";
import { readPages } from "./hf_pages.ts";

/** Message to the worker. */
export interface PagesJob {
  files: string[];
}

/** Messages from the worker. */
export type PagesReply =
  | { kind: "page" }
  | { kind: "done"; ipc: Uint8Array; inputs: Awaited<ReturnType<typeof readPages>>; duplicates: number }
  | { kind: "error"; message: string };

self.onmessage = async (event: MessageEvent<PagesJob>) => {
  const post = (reply: PagesReply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);
  try {
    const table = new HfModelsTable();
    const inputs = await readPages(event.data.files, table, () => post({ kind: "page" }));
    const buf = table.toDataFrame().writeIPC();
    const ipc = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
    post({ kind: "done", ipc, inputs, duplicates: table.duplicates }, [ipc.buffer]);
  } catch (err) {
    post({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
