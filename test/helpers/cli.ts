/**
 * CLI test helpers: run the CLI in process (`main()` from src/cli/main.ts) in a temp working folder, and read what
 * it did: exit code, stdout, stderr, diagnostics, and the files it left on disk. Tests about the process itself
 * (the bin, signals, a real TTY, packaging) spawn it instead, with test/helpers/cli-process.ts.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { expect } from "vitest";
import { type CliIo, main } from "../../src/cli/main.js";
import { REPO_ROOT } from "./fixtures.js";

export const CLI_FIXTURES = join(REPO_ROOT, "fixtures", "cli");
/** A byte-for-byte copy of the seed (../shared/seeds/letta-run-structure.json), so the tests run from a bare checkout. */
export const SEED = join(CLI_FIXTURES, "letta-run-structure.json");
export const SEED_OUTPUTS = [
  "index.ts",
  "letta-run.guards.ts",
  "letta-run.schema.json",
  "letta-run.types.ts",
  "runtime.ts",
] as const;

/** Absolute path of a file under fixtures/cli. */
export function cliFixture(...parts: string[]): string {
  return join(CLI_FIXTURES, ...parts);
}

const tempDirs: string[] = [];

/** A new, empty working folder under the OS temp folder; removed by `removeTempDirs`. */
export function tempCwd(prefix = "structgen-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder `tempCwd` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CliResult {
  readonly code: number | null;
  /** The signal that ended a spawned CLI; always null in process. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The working folder the CLI ran in. */
  readonly cwd: string;
}

export interface InProcessOptions {
  /** The working folder; a fresh temp folder when omitted. */
  readonly cwd?: string;
  /** The CLI's environment (NO_COLOR, TERM); none by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Whether stdout and stderr claim to be a terminal (colours, the progress line). */
  readonly tty?: boolean;
  /** Interrupts the run as Ctrl-C would; the process's own signals never reach an in-process run. */
  readonly signal?: AbortSignal;
  /**
   * Leaves the process's working folder as it is, for a test that what the CLI itself resolves (the config search,
   * --config, inputs) starts from `cwd`; the stages below it would not find relative paths.
   */
  readonly keepProcessCwd?: boolean;
}

/** An in-process run under way: its output so far, and its result once it ends. */
export interface StartedCli {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly done: Promise<CliResult>;
}

/** The run in progress, or the last one: each run waits for it (see `startCli`). */
let previousRun: Promise<unknown> = Promise.resolve();

/**
 * Starts `structgen ...args` in process, in `cwd`. The library stages under the CLI open relative paths against the
 * process's working folder (src/cli/main.ts, CliIo), so the run makes `cwd` the process's working folder while it
 * lasts and then restores it. That is one folder per process: runs started together run one after another, in the
 * order they were started. A test process runs one file at a time (several in turn under `npm run test:fast`), and
 * each run puts the folder back, so no other file sees it.
 */
export function startCli(args: readonly string[], options: InProcessOptions = {}): StartedCli {
  const cwd = options.cwd ?? tempCwd();
  let stdout = "";
  let stderr = "";
  const stream = (append: (text: string) => void) => ({
    isTTY: options.tty === true,
    columns: 80,
    write: (chunk: string | Uint8Array) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
  });
  const io: CliIo = {
    cwd,
    stdout: stream((text) => (stdout += text)),
    stderr: stream((text) => (stderr += text)),
    env: options.env ?? {},
    // Always a signal of the test's: without one, main() would listen for SIGINT to the test process.
    signal: options.signal ?? new AbortController().signal,
  };
  const done = previousRun
    .then(() =>
      options.keepProcessCwd === true ? main(args, io) : inFolder(cwd, () => main(args, io)),
    )
    .then((code): CliResult => ({ code, signal: null, stdout, stderr, cwd }));
  previousRun = done.catch(() => undefined);
  return { stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs `structgen ...args` in process in `cwd` (a fresh temp folder when omitted); rejects only if main() throws. */
export function runCli(
  args: readonly string[],
  options: InProcessOptions = {},
): Promise<CliResult> {
  return startCli(args, options).done;
}

/** The manifest tests' run: the seed, named from the working folder, into gen/. */
export const GENERATE_SEED = ["generate", "letta-run-structure.json", "--out", "gen"] as const;

/**
 * A temp working folder with a copy of the seed and its outputs (and manifest) in gen/, written by `run`: the CLI in
 * process, or the bin for a test that runs the bin on them (the manifest's key covers the code that ran, so the
 * built bin never answers from a manifest an in-process run from src/ wrote).
 */
export async function seedGenerated(
  run: (args: readonly string[], options: { cwd: string }) => Promise<CliResult> = runCli,
): Promise<string> {
  const cwd = tempCwd("structgen-manifest-");
  cpSync(SEED, join(cwd, "letta-run-structure.json"));
  const result = await run(GENERATE_SEED, { cwd });
  expect(result.code, result.stderr).toBe(0);
  return cwd;
}

/** Runs `body` with `cwd` as the process's working folder, and puts the folder back after. */
export async function inFolder<T>(cwd: string, body: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await body();
  } finally {
    process.chdir(previous);
  }
}

/** The export lines of the index.ts in `...parts`. */
export function indexExports(...parts: string[]): string[] {
  return readText(...parts, "index.ts")
    .split("\n")
    .filter((line) => line.startsWith("export"));
}

/** Every file under `dir`, relative and sorted, with forward slashes; [] when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        out.push(relative(dir, path).split("\\").join("/"));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** mtime (ns precision where the file system has it) of each named file in `dir`. */
export function mtimes(dir: string, files: readonly string[]): Record<string, bigint> {
  return Object.fromEntries(
    files.map((file) => [file, statSync(join(dir, file), { bigint: true }).mtimeNs]),
  );
}

export function readText(...parts: string[]): string {
  return readFileSync(join(...parts), "utf8");
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column (UTF-16 code units) of `offset` in `text`; "\n", "\r\n" and "\r" end lines. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Position of the `occurrence`-th (1-based) match of `needle` in `text`, moved `shift` characters to the right. */
export function positionOf(text: string, needle: string, occurrence = 1, shift = 0): Position {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) {
      throw new Error(
        `${JSON.stringify(needle)} occurs fewer than ${occurrence} times in the fixture`,
      );
    }
  }
  return positionAt(text, index + shift);
}

/** One rendered diagnostic line: `file[:line:column]: severity CODE: message`. */
export interface DiagnosticLine {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly text: string;
}

const DIAGNOSTIC_LINE = /^(.+?)(?::(\d+):(\d+))?: (error|warning|info) (SG_[A-Z0-9_]+): (.+)$/;

/** Parses every diagnostic line in the CLI's stderr; other lines are skipped. */
export function diagnosticLines(stderr: string): DiagnosticLine[] {
  return stderr.split(/\r?\n/).flatMap((text) => {
    const m = DIAGNOSTIC_LINE.exec(text);
    if (m === null) {
      return [];
    }
    const [, file = "", line, column, severity, code = "", message = ""] = m;
    return [
      {
        file,
        ...(line === undefined ? {} : { line: Number(line), column: Number(column) }),
        severity: severity as DiagnosticLine["severity"],
        code,
        message,
        text,
      },
    ];
  });
}

/** The names an input may be shown by in diagnostics: as given (absolute) or relative to the working folder. */
export function displayNames(cwd: string, file: string): string[] {
  return isAbsolute(file) ? [relative(cwd, file), file] : [file];
}

/** Lines that look like a Node.js stack frame. */
export function stackFrames(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^\s{4}at\s/.test(line));
}
