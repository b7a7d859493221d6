/**
 * Stage 7, write: only after every input has passed, only files whose bytes changed, each one atomically
 * (a temp file in the same folder, then rename), so a reader never sees half a file.
 * `checkOutputs` compares every planned file and writes nothing.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { OutputFile } from "../format.js";
import { resolveInside } from "./paths.js";

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
}

export interface CheckResult {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly upToDate: readonly string[];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
}

function targetOf(outDir: string, file: OutputFile): string {
  const target = resolveInside(outDir, file.path);
  if (target === undefined) {
    throw new Error(`refusing to write ${JSON.stringify(file.path)}: it is outside the output folder`);
  }
  return target;
}

export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<WriteResult> {
  const targets = files.map((file) => ({ file, target: targetOf(outDir, file) }));
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const { file, target } of targets) {
    if ((await readIfExists(target)) === file.contents) {
      unchanged.push(file.path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await writeFile(temp, file.contents, "utf8");
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    written.push(file.path);
  }
  return { written, unchanged };
}

export async function checkOutputs(outDir: string, files: readonly OutputFile[]): Promise<CheckResult> {
  const stale: string[] = [];
  const missing: string[] = [];
  const upToDate: string[] = [];
  for (const file of files) {
    const current = await readIfExists(targetOf(outDir, file));
    if (current === undefined) {
      missing.push(file.path);
    } else if (current !== file.contents) {
      stale.push(file.path);
    } else {
      upToDate.push(file.path);
    }
  }
  return { stale, missing, upToDate };
}
