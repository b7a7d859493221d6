/**
 * Where the pipeline (generate.ts) hands its formatted files: a sink. The API's `generate` collects them in memory;
 * the CLI hands them to the write transaction or the `--check` comparison and keeps only their paths and hashes.
 * This module loads neither the compiler nor prettier: the CLI makes its sink before it knows that it must emit.
 */
import type { OutputFile } from "../emit/emitters.js";
import { type Hashed, sha256 } from "../write/manifest.js";

/**
 * Takes the formatted files of a run, one batch at a time: each document's files, in input order, then the shared
 * `index.ts`, then the custom emitters' files. A run with an error in any input or in a custom emitter gives it
 * nothing; after a later error (an input that changed during the run, a file prettier cannot format) it gets
 * nothing more, so a sink that writes must be able to drop what it has taken (as the CLI's write transaction does
 * until its commit). A sink that does not keep the files keeps the run's memory flat, whatever its size.
 */
export interface Sink {
  add(files: readonly OutputFile[]): Promise<void>;
}

/** Keeps every file it is given: the in-memory result of `generate`. */
export class CollectingSink implements Sink {
  readonly files: OutputFile[] = [];

  add(files: readonly OutputFile[]): Promise<void> {
    this.files.push(...files);
    return Promise.resolve();
  }
}

/**
 * Hands each batch on to `destination` (the CLI's write transaction or `--check` comparison) and keeps of each
 * file only its path and, unless `hash` is false, the SHA-256 of its contents: what the manifest records.
 */
export class RecordingSink implements Sink {
  readonly outputs: Hashed[] = [];

  constructor(
    private readonly destination: Sink,
    private readonly hash: boolean,
  ) {}

  async add(files: readonly OutputFile[]): Promise<void> {
    this.outputs.push(
      ...files.map((file): Hashed => [file.path, this.hash ? sha256(file.contents) : ""]),
    );
    await this.destination.add(files);
  }
}
