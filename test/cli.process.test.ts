/**
 * The bin as a process (`node bin/structgen.js`): that it hands the CLI this process's working folder, streams and
 * environment, and that its exit codes are what a shell sees (0, 1, 2), with no stack trace. A smoke test, a few
 * runs: what the CLI does is cli.test.ts's, in process.
 */
import { cpSync, readFileSync } from "node:fs";
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
import { ensureBuilt, runBin, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

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
