/**
 * The CLI as a real process (`node bin/structgen.js`), for the tests about the process itself: the bin, exit codes
 * as a shell sees them, signals, runs side by side, environments (time zone, locale); and the checks the atomicity
 * and determinism tests make on an output folder. Everything else runs the CLI in process (test/helpers/cli.ts).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect } from "vitest";
import { manyDocuments } from "./big-inputs.js";
import { type CliResult, listFiles, tempCwd } from "./cli.js";
import { REPO_ROOT } from "./fixtures.js";

export const BIN = join(REPO_ROOT, "bin", "structgen.js");

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

/** A spawn takes about 0.5-1 s; the limit only guards against a hang on a heavily loaded machine. */
export const SPAWN_TIMEOUT_MS = 90_000;

/** Runs `node bin/structgen.js ...args` in `cwd` (a fresh temp folder when omitted); never rejects. */
export function runBin(
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
            ? `\n[runBin: killed with ${failure.signal ?? "a signal"} after ${SPAWN_TIMEOUT_MS} ms]`
            : "";
        resolve({ code, signal: failure?.signal ?? null, stdout, stderr: stderr + note, cwd });
      },
    );
  });
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<Finished>;
}

/** Starts `node bin/structgen.js ...args` in `cwd`; `env` is added to the test's environment (NODE_OPTIONS removed). */
export function startBin(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Running {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ...options.env,
  };
  delete env["NODE_OPTIONS"];
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<Finished>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Polls `check` every few milliseconds until it is true (returns true) or `timeoutMs` passes (returns false). */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  everyMs = 2,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return check();
}

/** Every file under `dir` (relative path -> bytes as text). */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [file, readFileSync(join(dir, file), "latin1")]),
  );
}

/** Temp files and the lock: anything a finished run must not leave behind. */
export function leftovers(dir: string): string[] {
  return listFiles(dir).filter((file) => /\.tmp$|(^|\/)\.structgen\.lock/.test(file));
}

/** Temp files directly in `dir` right now (cheap enough to poll). */
export function hasTempFile(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith(".tmp"));
  } catch {
    return false;
  }
}

/**
 * Why an output file is not whole: no banner at its top, or text that does not parse as TypeScript or JSON.
 * Undefined when it is fine.
 */
export function wholeFileProblem(path: string, text: string): string | undefined {
  if (!text.slice(0, 500).includes("Generated by structgen")) {
    return `${path}: no banner`;
  }
  if (path.endsWith(".json")) {
    try {
      JSON.parse(text);
      return undefined;
    } catch (error) {
      return `${path}: ${(error as Error).message}`;
    }
  }
  // Syntax only: transpiling reports exactly the parse errors.
  const problems =
    ts.transpileModule(text, {
      fileName: path,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext },
    }).diagnostics ?? [];
  return problems.length === 0
    ? undefined
    : `${path}: ${ts.flattenDiagnosticMessageText(problems[0]?.messageText ?? "", " ")}`;
}

/**
 * Fills `cwd` with `count` documents of version 1 in in/ and their outputs in out/, generated (without prettier) by
 * `run`: the in-process CLI, or the bin when the outputs are compared with the bin's own (the manifest's key covers
 * the code that ran).
 */
export async function generatedFolder(
  cwd: string,
  count: number,
  run: (args: readonly string[], options: { cwd: string }) => Promise<CliResult>,
): Promise<string> {
  writeDocuments(join(cwd, "in"), manyDocuments(count, { version: 1 }));
  const first = await run(["generate", "in", "--out", "out", "--no-format"], { cwd });
  expect(first.code, first.stderr).toBe(0);
  return cwd;
}

/** Writes `docs` as `<dir>/<name>.json`. */
export function writeDocuments(
  dir: string,
  docs: readonly { readonly name: string; readonly text: string }[],
): void {
  mkdirSync(dir, { recursive: true });
  for (const doc of docs) {
    writeFileSync(join(dir, `${doc.name}.json`), doc.text);
  }
}

/**
 * Writes a structgen.config.mjs (with `settings`, e.g. inputs and out) whose custom emitter holds a run: it creates
 * `gate-reached` in the working folder, then waits (up to a minute) for a `gate-open` file; a run that finds the
 * gate open passes straight through. Lets a test act at a known point inside a run.
 */
export function writeGateConfig(cwd: string, settings: Record<string, unknown> = {}): void {
  const fields = Object.entries(settings)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}, `)
    .join("");
  writeFileSync(
    join(cwd, "structgen.config.mjs"),
    [
      'import { existsSync, writeFileSync } from "node:fs";',
      `export default { ${fields}emitters: [{ name: "gate", async emit() {`,
      '  writeFileSync("gate-reached", "");',
      '  for (let i = 0; i < 6000 && !existsSync("gate-open"); i++) await new Promise((resolve) => setTimeout(resolve, 10));',
      "  return [];",
      "} }] };",
      "",
    ].join("\n"),
  );
}
