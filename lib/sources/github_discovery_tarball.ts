/**
 * Downloading a repository's archive (`GET /repos/{owner}/{repo}/tarball/{ref}`, which GitHub answers with a
 * redirect to codeload) straight to disk: streamed into a temporary file beside the target, hashed on the way,
 * renamed into place once complete, so a killed download never leaves a truncated `.tar.gz` behind.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import type { Octokit } from "@octokit/rest";

/** A downloaded archive. */
export interface Tarball {
  bytes: number;
  sha256: string;
}

/**
 * Downloads `owner/repo` at `ref` to `dest`; null when GitHub answers 404 (the repository or ref is gone).
 *
 * @example
 * ```ts
 * const got = await downloadTarball(octokit, "acme/app", "main", "out/tarballs/acme/app.tar.gz");
 * got?.sha256; // "9f86d0…"
 * ```
 */
export async function downloadTarball(
  octokit: Octokit,
  fullName: string,
  ref: string,
  dest: string,
): Promise<Tarball | null> {
  const [owner, repo] = fullName.split("/");
  let body: ReadableStream<Uint8Array>;
  try {
    const res = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
      owner,
      repo,
      ref,
      request: { parseSuccessResponseBody: false },
    });
    body = res.data as unknown as ReadableStream<Uint8Array>;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
  await Deno.mkdir(dirname(dest), { recursive: true });
  const rand = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  const tmp = join(dirname(dest), `.${basename(dest)}.tmp-${Deno.pid}-${rand}`);
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    const file = await Deno.open(tmp, { write: true, createNew: true });
    await body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          hash.update(chunk);
          bytes += chunk.length;
          out.enqueue(chunk);
        },
      }),
    ).pipeTo(file.writable);
    await Deno.rename(tmp, dest);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw new Error(`${fullName}: downloading its ${ref} archive failed (${(err as Error).message})`);
  }
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Size and sha256 of an archive already on disk (downloaded by a run killed before it could record it).
 *
 * @example
 * ```ts
 * (await describeTarball("out/tarballs/acme/app.tar.gz")).bytes; // 18213
 * ```
 */
export async function describeTarball(path: string): Promise<Tarball> {
  const hash = createHash("sha256");
  let bytes = 0;
  const file = await Deno.open(path);
  for await (const chunk of file.readable) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Removes the temporaries of downloads a killed run left under `dir` (`.<name>.tmp-<pid>-<rand>`).
 *
 * @example
 * ```ts
 * await removeStaleDownloads("out/tarballs");
 * ```
 */
export async function removeStaleDownloads(dir: string): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory) await removeStaleDownloads(path);
    else if (e.name.startsWith(".") && e.name.includes(".tmp-")) await Deno.remove(path);
  }
}
