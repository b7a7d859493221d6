/**
 * Input expansion, before the pipeline: each argument is a file, a folder (its `*.json` files directly inside,
 * sorted) or a glob (`schemas/**\/*.json`, sorted). Files named directly are generated into the output folder
 * itself; files found through folders and globs keep their place in the input tree, relative to the deepest
 * folder that holds every folder and glob base, so with several input folders the output tree mirrors the
 * input tree. Nothing here reads a document's contents.
 */
import { readdir, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import type { Diagnostic } from "../model/diagnostics.js";
import { compareCodeUnits } from "../model/order.js";
import type { InputDocument } from "../read/read.js";

export interface ResolveInputsOptions {
  /** The folder that relative inputs, and the returned paths, are relative to. @default process.cwd() */
  readonly cwd?: string;
}

export interface ResolvedInputs {
  /** Every input file once, in argument order (folders and globs sorted), with its output subfolder. */
  readonly inputs: readonly InputDocument[];
  /** Globs that matched no file (named so that the caller can report them). */
  readonly unmatched: readonly string[];
  /** Folders with no `*.json` file directly inside (nested folders are not searched). */
  readonly emptyFolders: readonly string[];
}

interface Found {
  readonly absolute: string;
  /** The folder or glob base the file was found under; absent for a file named directly. */
  readonly root?: string;
}

/** Expands files, folders and globs into the pipeline's inputs. A path that does not exist is passed on as a file, so that the pipeline reports it. */
export async function resolveInputs(
  args: readonly string[],
  options: ResolveInputsOptions = {},
): Promise<ResolvedInputs> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const found: Found[] = [];
  const unmatched: string[] = [];
  const emptyFolders: string[] = [];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(absolute, { withFileTypes: true })).filter(
        (e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith(".json"),
      );
      if (names.length === 0) {
        emptyFolders.push(arg);
      }
      found.push(
        ...names
          .map((e) => e.name)
          .sort()
          .map((name) => ({ absolute: join(absolute, name), root: absolute })),
      );
    } else if (info === undefined && isDynamicPattern(arg)) {
      const matches = await globFiles(arg, cwd);
      if (matches.length === 0) {
        unmatched.push(arg);
      }
      found.push(...matches.map((file) => ({ absolute: file, root: resolve(cwd, globBase(arg)) })));
    } else {
      found.push({ absolute });
    }
  }
  const roots = found.flatMap((f) => (f.root === undefined ? [] : [f.root]));
  const common = roots.length === 0 ? cwd : roots.reduce(commonFolder);
  const seen = new Set<string>();
  const inputs: InputDocument[] = [];
  for (const file of found) {
    if (seen.has(file.absolute)) {
      continue;
    }
    seen.add(file.absolute);
    const path = toSlashes(relative(cwd, file.absolute) || file.absolute);
    const subfolder =
      file.root === undefined ? "" : toSlashes(relative(common, dirname(file.absolute)));
    inputs.push(subfolder === "" ? { path } : { path, outputSubfolder: subfolder });
  }
  return { inputs, unmatched, emptyFolders };
}

/**
 * Errors for inputs that named nothing: a glob that matched no file, a folder without `*.json` files. Either is
 * most likely a mistake (a typo, files one folder deeper), and a check that checked nothing must not pass.
 */
export function inputsThatNamedNothing(resolved: ResolvedInputs): Diagnostic[] {
  const error = (file: string, message: string): Diagnostic => ({
    code: "SG_READ_FAILED",
    severity: "error",
    message,
    file,
    pointer: "",
  });
  return [
    ...resolved.unmatched.map((pattern) =>
      error(pattern, `no file matches the glob ${JSON.stringify(pattern)}`),
    ),
    ...resolved.emptyFolders.map((folder) =>
      error(
        folder,
        `the folder holds no *.json file directly inside (nested folders are not searched: name them, or use a glob such as "${toSlashes(join(folder, "**", "*.json"))}")`,
      ),
    ),
  ];
}

async function globFiles(pattern: string, cwd: string): Promise<string[]> {
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
  });
  return matches.map((file) => resolve(file)).sort(compareCodeUnits);
}

/** The folder part of a glob before its first dynamic segment: `schemas/**\/*.json` -> `schemas`. */
export function globBase(pattern: string): string {
  const segments = pattern.split(/[/\\]/);
  const index = segments.findIndex((segment) => isDynamicPattern(segment));
  const base = segments.slice(0, index === -1 ? segments.length - 1 : index).join("/");
  return base === "" ? (isAbsolute(pattern) ? "/" : ".") : base;
}

function commonFolder(a: string, b: string): string {
  const left = a.split(sep);
  const right = b.split(sep);
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) {
    length++;
  }
  return left.slice(0, length).join(sep) || sep;
}

function toSlashes(path: string): string {
  return path.split(sep).join("/");
}
