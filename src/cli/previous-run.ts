/**
 * The previous run into an output folder, as its manifest (write/manifest.ts) records it: whether it still answers
 * for this run, and which of its files this run no longer generates.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { InputDocument } from "../read/read.js";
import { acquireLock } from "../write/lock.js";
import {
  type Hashed,
  type Manifest,
  MANIFEST_FILE,
  recordedRun,
  sourcePath,
  verifiedManifest,
} from "../write/manifest.js";
import { obsoleteFiles } from "../write/plan.js";
import { fileIdentity, identities } from "../write/temp-files.js";

/**
 * The manifest in `out` if it still holds for this run. A regenerate reads it under the folder's lock, as a write
 * would, so that it cannot answer in the middle of another run's renames.
 */
export async function unchangedSince(
  out: string,
  key: string,
  flags: { readonly check: boolean; readonly signal: AbortSignal },
): Promise<Manifest | undefined> {
  const present = await readFile(join(out, MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
  if (!present) {
    return undefined;
  }
  if (flags.check) {
    return verifiedManifest(out, key);
  }
  const locked = await acquireLock(out, { signal: flags.signal }).catch(() => undefined);
  if (locked === undefined || "problem" in locked) {
    return undefined;
  }
  try {
    return verifiedManifest(out, key);
  } finally {
    await locked.lock.release();
  }
}

/**
 * Files the folder's manifest lists that this run does not generate, of the documents this run answers for: those
 * it generates (a name or `--emit` changed) and those whose input is gone (deleted or renamed). A document whose
 * input is still there but not among this run's (a one-off run on one file, another project sharing the folder)
 * keeps its files, and so do the shared files (index.ts) unless every earlier document is answered for. Whether a
 * path still names one of this run's outputs under another spelling (case, a linked folder) the writer decides, by
 * file identity (WriteTransaction.removeObsolete).
 */
export function obsoleteOutputs(
  cwd: string,
  out: string,
  inputs: readonly InputDocument[],
  outputs: readonly Hashed[],
): string[] {
  const previous = recordedRun(out);
  const ours = new Set(inputs.map((input) => sourcePath(out, input.path)));
  const answered = previous.documents.filter(
    (d) => ours.has(d.input) || !existsSync(resolve(cwd, out, d.input)),
  );
  const current = new Set(outputs.map(([path]) => path));
  const perDocument = new Set(previous.documents.flatMap((d) => d.files));
  const candidates = [
    ...answered.flatMap((d) => d.files),
    ...(answered.length === previous.documents.length
      ? previous.outputs.filter((path) => !perDocument.has(path))
      : []),
  ];
  return [...new Set(candidates)].filter((path) => path !== MANIFEST_FILE && !current.has(path));
}

/**
 * What `--check` reports as obsolete: what a regenerate would remove, i.e. the files still there with the banner,
 * except one that is one of this run's outputs under another path (as the writer decides at its commit).
 */
export function stillObsolete(
  cwd: string,
  out: string,
  obsolete: readonly string[],
  outputs: readonly Hashed[],
): string[] {
  const there = obsoleteFiles(out, obsolete);
  const live =
    there.length === 0
      ? new Set<string>()
      : identities(outputs.map(([path]) => resolve(cwd, out, path)));
  return there.filter((path) => !live.has(fileIdentity(resolve(cwd, out, path))));
}
