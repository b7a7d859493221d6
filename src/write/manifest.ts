/**
 * The manifest, `<out>/.structgen-manifest.json`: what one CLI run read and wrote, so that the next `--check` (or
 * a regenerate when nothing changed) can answer without loading the compiler or prettier's parsers.
 *
 * It holds a key (everything besides the inputs' bytes that decides the outputs: structgen's own code, its
 * dependencies' versions, the resolved options, the prettier config, the inputs' paths; cli/run-key.ts), the
 * SHA-256 of every file the run read and of every output it wrote, and the documents' report. It is a claim
 * "this key and these sources give exactly these outputs", written in the same atomic transaction as the outputs
 * (write.ts), and it is only believed when the key is the same and every source and output on disk still hashes
 * as recorded; anything else (a file edited by hand, deleted, an input or option changed, another version, a
 * manifest that does not parse) sends the run down the full path. Its bytes depend on nothing but the run's
 * outputs and inputs: paths are relative to the output folder, lists are sorted by code unit, no timestamps.
 * Its `$comment` carries the banner, so the writer overwrites it like any other output. It also tells the next run
 * which files this one wrote, so that it can remove those it no longer makes; a run that must not be answered from
 * (custom emitters, diagnostics) records the key UNKEYED for that alone.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { bannerSource, bannerText } from "../emit/banner.js";
import type { OutputFile } from "../emit/emitters.js";
import { byCodeUnits, compareCodeUnits } from "../model/order.js";
import type { DocumentReport } from "../emit/document.js";
import { existingSafeTargetSync } from "./paths.js";

export const MANIFEST_FILE = ".structgen-manifest.json";
/**
 * Bumped when the manifest's meaning changes; an older manifest then simply does not match. 3: each document's
 * report says which reading it got (`dialect`).
 */
const MANIFEST_FORMAT = 3;

/** The key of a run that must never be answered from its manifest (custom emitters, diagnostics): no run's key. */
export const UNKEYED = "";

/** A path and the SHA-256 (hex) of its bytes. */
export type Hashed = readonly [path: string, sha256: string];

export interface Manifest {
  readonly key: string;
  /** Files the outputs were generated from (inputs and imports), relative to the output folder. */
  readonly sources: readonly Hashed[];
  /** Every output, relative to the output folder. */
  readonly outputs: readonly Hashed[];
  /**
   * The documents' report, as the full run gave it, in input-path order, except that `input` is relative to the
   * output folder like `sources` (a run names inputs from its working folder, and the manifest must not depend on it).
   */
  readonly documents: readonly DocumentReport[];
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A source's path as the manifest records it: as the banners name it, relative to the output folder. */
export function sourcePath(outDir: string, path: string): string {
  return bannerSource(path, outDir);
}

/**
 * The manifest file for a run whose sources were read at `sources` (absolute or cwd-relative paths) and whose
 * outputs are `outputs`, both as hashes: the CLI hashes each output as it is written and keeps no output.
 */
export function renderManifest(
  outDir: string,
  key: string,
  sources: readonly Hashed[],
  outputs: readonly Hashed[],
  documents: readonly DocumentReport[],
): OutputFile {
  const recorded = documents.map((d) => ({ ...d, input: sourcePath(outDir, d.input) }));
  const manifest = {
    $comment: bannerText(recorded.map((d) => d.input).sort(compareCodeUnits)),
    format: MANIFEST_FORMAT,
    key,
    sources: sources
      .map(([path, hash]): Hashed => [sourcePath(outDir, path), hash])
      .sort(byCodeUnits((h) => h[0])),
    outputs: [...outputs].sort(byCodeUnits((h) => h[0])),
    documents: recorded.sort(byCodeUnits((d) => d.input)),
  };
  return { path: MANIFEST_FILE, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}

/**
 * The inputs and outputs the folder's manifest lists (relative to the folder), whatever else has changed since:
 * the previous run's files, which this run may no longer generate. Empty when there is no manifest or it does not
 * parse.
 */
export function recordedRun(outDir: string): {
  readonly documents: readonly DocumentReport[];
  readonly outputs: readonly string[];
} {
  const manifest = parseManifest(readOrUndefined(resolve(outDir, MANIFEST_FILE))?.toString("utf8"));
  return manifest === undefined
    ? { documents: [], outputs: [] }
    : { documents: manifest.documents, outputs: manifest.outputs.map(([path]) => path) };
}

/**
 * The manifest in `outDir` when it still holds: its key is `key`, and every source and output it lists hashes as
 * recorded now. Undefined when anything differs or cannot be read; never throws.
 */
export function verifiedManifest(outDir: string, key: string): Manifest | undefined {
  const manifest = parseManifest(readOrUndefined(resolve(outDir, MANIFEST_FILE))?.toString("utf8"));
  if (manifest === undefined || manifest.key === UNKEYED || manifest.key !== key) {
    return undefined;
  }
  // Synchronous reads into one reused buffer, on purpose: thousands of small files, where each promise-based read
  // is four round trips through the thread pool and each fresh buffer is garbage to collect.
  const reader = new HashReader();
  const sourcesHold = manifest.sources.every(
    ([path, expected]) =>
      !isAbsolute(path) && reader.hash(resolve(outDir, path), false) === expected,
  );
  // Outputs are resolved as the writer resolves them: a link put in place of an output does not count.
  const realDirs = new Map<string, string | undefined>();
  const outputsHold = manifest.outputs.every(([path, expected]) => {
    const target = existingSafeTargetSync(outDir, path, realDirs);
    return target !== undefined && reader.hash(target, true) === expected;
  });
  return sourcesHold && outputsHold ? manifest : undefined;
}

/** SHA-256 of whole files, read through one growing buffer. */
class HashReader {
  private buffer = Buffer.allocUnsafe(1 << 16);

  /** The file's hash, or undefined when it cannot be read (or, with `noFollow`, is a link). */
  hash(path: string, noFollow: boolean): string | undefined {
    let fd: number;
    try {
      fd = openSync(
        path,
        noFollow ? constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) : constants.O_RDONLY,
      );
    } catch {
      return undefined;
    }
    try {
      const size = fstatSync(fd).size;
      if (this.buffer.length < size + 1) {
        this.buffer = Buffer.allocUnsafe(2 * (size + 1));
      }
      let length = 0;
      for (let n = 1; n > 0 && length <= size; length += n) {
        n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
      }
      // A file that grew while read is not what the manifest recorded: read more than its size means changed.
      return length > size ? undefined : sha256(this.buffer.subarray(0, length));
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The manifest's fields, checked for shape; undefined for anything else. */
function parseManifest(text: string | undefined): Manifest | undefined {
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) {
    return undefined;
  }
  const m = value as Record<string, unknown>;
  const hashedList = (list: unknown): list is Hashed[] =>
    Array.isArray(list) &&
    list.every((h) => Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === "string"));
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((x) => typeof x === "string");
  const documents = (list: unknown): list is DocumentReport[] =>
    Array.isArray(list) &&
    list.every(
      (d: Record<string, unknown>) =>
        typeof d === "object" &&
        d !== null &&
        typeof d["input"] === "string" &&
        typeof d["dialect"] === "string" &&
        strings(d["files"]) &&
        strings(d["exports"]),
    );
  if (
    m["format"] !== MANIFEST_FORMAT ||
    typeof m["key"] !== "string" ||
    !hashedList(m["sources"]) ||
    !hashedList(m["outputs"]) ||
    !documents(m["documents"])
  ) {
    return undefined;
  }
  return { key: m["key"], sources: m["sources"], outputs: m["outputs"], documents: m["documents"] };
}
