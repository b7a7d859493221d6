/**
 * CLI test helpers: spawn the built bin (`node bin/structgen.js`) in a temp working folder, and read what it did:
 * exit code, stdout, stderr, diagnostics, and the files it left on disk.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { REPO_ROOT } from "./fixtures.js";

export const BIN = join(REPO_ROOT, "bin", "structgen.js");
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

/** Builds dist/ once when it is missing (`npm test` builds before vitest, so this only helps a bare `vitest run`). */
export function ensureBuilt(): void {
  if (existsSync(join(REPO_ROOT, "dist", "cli", "main.js"))) {
    return;
  }
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
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
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The working folder the CLI ran in. */
  readonly cwd: string;
}

/** A spawn takes about 0.5-1 s; the limit only guards against a hang on a heavily loaded machine. */
export const SPAWN_TIMEOUT_MS = 90_000;

/** Runs `node bin/structgen.js ...args` in `cwd` (a fresh temp folder when omitted); never rejects. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  const cwd = options.cwd ?? tempCwd();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  // vitest may hand its own loader flags to children; the bin must run as a user would run it.
  delete env["NODE_OPTIONS"];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env, encoding: "utf8", timeout: SPAWN_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const failure = error as
          | (Error & { code?: number | string; killed?: boolean; signal?: NodeJS.Signals | null })
          | null;
        const code = failure === null ? 0 : typeof failure.code === "number" ? failure.code : null;
        // Make a kill visible in assertion messages, which show stderr.
        const note =
          failure?.killed === true
            ? `\n[runCli: killed with ${failure.signal ?? "a signal"} after ${SPAWN_TIMEOUT_MS} ms]`
            : "";
        resolve({ code, signal: failure?.signal ?? null, stdout, stderr: stderr + note, cwd });
      },
    );
  });
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
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly message: string;
  readonly text: string;
}

const DIAGNOSTIC_LINE = /^(.+?)(?::(\d+):(\d+))?: (error|warning) (SG_[A-Z0-9_]+): (.+)$/;

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
        severity: severity as "error" | "warning",
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
