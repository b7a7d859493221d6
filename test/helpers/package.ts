/**
 * Helpers for tests that use structgen as its users do: pack the package, install the tarball into a new temp
 * project outside the source tree (offline, from the npm cache that `npm ci` filled), run commands there, and
 * drive long-running processes (watch mode) by polling for outcomes rather than timing them.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { ensureBuilt } from "./cli-process.js";
import { REPO_ROOT } from "./fixtures.js";

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment a user's shell would give: no vitest loader flags, no npm lifecycle variables from `npm test`
 * (nor the node_modules/.bin folders `npm run` puts on PATH, whose tsc would hide a build that needs one), no git
 * variables pointing at this repository, and no colours.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      key === "NODE_OPTIONS" ||
      key === "INIT_CWD" ||
      /^npm_/i.test(key) ||
      key.startsWith("GIT_") ||
      key.startsWith("VITEST")
    ) {
      continue;
    }
    env[key] = /^path$/i.test(key) ? withoutNodeModulesBins(value) : value;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}

function withoutNodeModulesBins(path: string | undefined): string | undefined {
  return path
    ?.split(delimiter)
    .filter((dir) => !/[\\/]node_modules[\\/]\.bin$/.test(dir))
    .join(delimiter);
}

/** Runs a command to completion; never rejects. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? userEnv(),
        encoding: "utf8",
        timeout: options.timeout ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string }) | null;
        resolve({
          code: failure === null ? 0 : typeof failure.code === "number" ? failure.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

const made: string[] = [];

/** A new folder in the OS temp folder, removed by `removeProjects`. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder this module made in this test file (packs and projects). */
export function removeProjects(): void {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
export const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

export interface Packed {
  readonly tarball: string;
  /** Paths inside the tarball, relative to the package root. */
  readonly files: readonly string[];
}

/** `npm pack` of the built package into a new temp folder. Scripts are skipped: dist/ is built by `npm test`. */
export async function packTarball(): Promise<Packed> {
  ensureBuilt();
  const destination = tempFolder("structgen-pack-");
  const result = await run(
    NPM,
    ["pack", "--ignore-scripts", "--json", "--pack-destination", destination],
    { cwd: REPO_ROOT },
  );
  if (result.code !== 0) {
    throw new Error(`npm pack failed:\n${result.stderr}`);
  }
  const [info] = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) {
    throw new Error(`npm pack printed no report:\n${result.stdout}`);
  }
  return { tarball: join(destination, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** A new project in the OS temp folder with the tarball installed from the npm cache; returns its folder. */
export async function projectWith(
  tarball: string,
  prefix: string,
  packageJson: Record<string, unknown> = {},
): Promise<string> {
  const dir = tempFolder(prefix);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, ...packageJson }, null, 2)}\n`,
  );
  const args = [
    "install",
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    "--no-progress",
    "--loglevel=error",
    tarball,
  ];
  const result = await run(NPM, args, { cwd: dir, timeout: 180_000 });
  if (result.code !== 0) {
    throw new Error(`npm install of the tarball failed:\n${result.stderr}`);
  }
  return dir;
}

/** A fenced code block of the README, between `<!-- example:NAME:start -->` and its end marker. */
export function readmeExample(name: string): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = new RegExp(
    `<!-- example:${name}:start -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n<!-- example:${name}:end -->`,
  ).exec(readme);
  if (section?.[1] === undefined) {
    throw new Error(`README.md has no example "${name}"`);
  }
  return section[1];
}

/** A spawned long-running process whose output is collected as it comes. */
export interface Running {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string | null>;
}

export function start(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Running {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? userEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("close", (code, signal) => resolve(code ?? signal)),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs` with `describe()`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  describe: () => string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting: ${describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
