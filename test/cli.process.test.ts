/**
 * The bin as a process (`node bin/structgen.js`): that it hands the CLI this process's working folder, streams and
 * environment, and that its exit codes are what a shell sees (0, 1, 2), with no stack trace. A smoke test, a few
 * runs: what the CLI does is cli.test.ts's, in process.
 *
 * Output into a pipe whose reader has gone (`structgen --help | head -1`) ends the bin quietly, with the exit code
 * it would have had, and a generate still writes its files. The reader is closed before the bin writes anything,
 * so every write meets a closed pipe (EPIPE) however fast or slow the machine is; one test runs `| head -1` through
 * a shell, with more output than a pipe holds, so that the bin cannot finish before head exits.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import {
  cliFixture,
  diagnosticLines,
  listFiles,
  removeTempDirs,
  SEED,
  SEED_OUTPUTS,
  stackFrames,
  tempCwd,
} from "./helpers/cli.js";
import { manyDocuments } from "./helpers/big-inputs.js";
import { BIN, ensureBuilt, runBin, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { run, userEnv } from "./helpers/package.js";

vi.setConfig({ testTimeout: 3 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

describe("node bin/structgen.js", () => {
  it("generates from paths relative to its working folder, exit 0, and --check then passes", async () => {
    const cwd = tempCwd();
    cpSync(SEED, join(cwd, "letta-run-structure.json"));
    const args = ["generate", "letta-run-structure.json", "--out", "gen"];
    const first = await runBin(args, { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^structgen: 1 document, 5 files written, 0 unchanged in gen \(\d+ ms\)\n$/,
    );
    expect(first.stderr).toBe("");
    expect(listFiles(join(cwd, "gen"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
    const check = await runBin([...args, "--check"], { cwd });
    expect([check.code, check.stdout], check.stderr).toEqual([
      0,
      "structgen: 5 files up to date in gen\n",
    ]);
  });

  it("exits 1 on bad input, with the diagnostic on stderr and no stack trace", async () => {
    const cwd = tempCwd();
    const result = await runBin(
      ["generate", cliFixture("bad", "type-strng.json"), "--out", "gen"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(diagnosticLines(result.stderr).map((d) => d.code)).toEqual(["SG_UNKNOWN_TYPE"]);
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(listFiles(cwd)).toEqual([]);
  });

  it("exits 2 on wrong usage, with commander's message on stderr", async () => {
    const result = await runBin(["generate", "--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("prints the package version on stdout, exit 0", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const result = await runBin(["--version"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `${version}\n`, ""]);
  });
});

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the bin wrote to the stream that was still open. */
  readonly other: string;
}

/**
 * Runs the bin with `closed` (stdout or stderr) a pipe whose reading end this process has already closed, and the
 * other stream collected.
 */
function withClosedReader(
  args: readonly string[],
  cwd: string,
  closed: "stdout" | "stderr",
): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: userEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child[closed].destroy();
  let other = "";
  child[closed === "stdout" ? "stderr" : "stdout"]
    .setEncoding("utf8")
    .on("data", (chunk: string) => (other += chunk));
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, other }));
  });
}

describe("a closed pipe", () => {
  it("ends --help quietly with exit 0", async () => {
    const ended = await withClosedReader(["--help"], tempCwd(), "stdout");
    expect(ended).toEqual({ code: 0, signal: null, other: "" });
  });

  it("ends a generate quietly with its usual exit code, its files written", async () => {
    const cwd = tempCwd();
    cpSync(SEED, join(cwd, "run.json"));
    const ended = await withClosedReader(["generate", "run.json", "--out", "gen"], cwd, "stdout");
    expect(ended).toEqual({ code: 0, signal: null, other: "" });
    expect(listFiles(join(cwd, "gen"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
  });

  it("on stderr, keeps the exit code of a run that failed", async () => {
    const ended = await withClosedReader(
      ["generate", cliFixture("bad", "type-strng.json"), "--out", "gen"],
      tempCwd(),
      "stderr",
    );
    expect(ended).toEqual({ code: 1, signal: null, other: "" });
  });

  it("`structgen generate --json ... | head -1` in a shell: exit 0, no EPIPE, no stack trace", async () => {
    const cwd = tempCwd();
    // A report (about 200 KB) longer than a pipe holds (64 KiB on Linux): the bin is still writing when head has gone.
    mkdirSync(join(cwd, "schemas"));
    for (const { name, text } of manyDocuments(1000, { fieldsEach: 2 })) {
      writeFileSync(join(cwd, "schemas", `${name}.json`), text);
    }
    const command = `{ '${process.execPath}' '${BIN}' generate schemas --out gen --json --emit types --no-format; echo "exit=$?" >&2; } | head -1`;
    const result = await run("sh", ["-c", command], { cwd, timeout: SPAWN_TIMEOUT_MS * 2 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("{\n");
    expect(result.stderr).toBe("exit=0\n");
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});
