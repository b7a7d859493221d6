/**
 * What the terminal shows: colours only on a terminal and never with NO_COLOR or TERM=dumb (here through the
 * streams and environment main() is given; on a real pseudo-terminal in terminal.process.test.ts), the progress
 * line only on a TTY, and the user's prettier configuration (found from the output folder) honoured, with a clear
 * error for a broken one.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Progress, renderDiagnostic, paint } from "../src/cli/terminal.js";
import { type Diagnostic, formatDiagnostic } from "../src/model/diagnostics.js";
import {
  cliFixture,
  listFiles,
  readText,
  removeTempDirs,
  runCli,
  SEED,
  stackFrames,
  tempCwd,
} from "./helpers/cli.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";

afterAll(removeTempDirs);

/** A colour or style (SGR sequence). */
const SGR = /\u001b\[\d+(;\d+)*m/;

describe("colours, from the streams and environment the CLI is given", () => {
  const args = ["generate", cliFixture("warn", "unknown-format.json"), "--out", "gen"];

  it("appear on a TTY: the warning's severity and the summary are coloured", async () => {
    const result = await runCli(args, { tty: true, env: { TERM: "xterm-256color" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("\u001b[33m\u001b[1mwarning\u001b[22m\u001b[39m");
    expect(result.stdout).toMatch(/^\u001b\[32mstructgen: 1 document, 5 files written/);
  });

  it.each([
    ["NO_COLOR is set", { NO_COLOR: "1", TERM: "xterm-256color" }, true],
    ["TERM is dumb", { TERM: "dumb" }, true],
    ["the output is not a TTY", { TERM: "xterm-256color" }, false],
  ])("never appear when %s", async (_name, env, tty) => {
    const result = await runCli(args, { tty, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(SGR);
    expect(result.stderr).toMatch(/: warning SG_UNKNOWN_FORMAT: /);
  });
});

describe("renderDiagnostic and Progress", () => {
  const diagnostic: Diagnostic = {
    code: "SG_UNKNOWN_KEY",
    severity: "warning",
    message: "x",
    file: "a.json",
    pointer: "/y",
    line: 2,
    column: 3,
  };

  it("without colours, a diagnostic renders byte for byte as formatDiagnostic", () => {
    expect(renderDiagnostic(diagnostic, paint(false))).toBe(formatDiagnostic(diagnostic));
    expect(renderDiagnostic(diagnostic, paint(true))).not.toBe(formatDiagnostic(diagnostic));
  });

  function stream(isTTY: boolean) {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  }

  it("draws only when enabled and once the run is long enough, and erases what it drew", () => {
    const tty = stream(true);
    const progress = new Progress(tty, true, 0);
    progress.update("structgen: read 1/2");
    progress.clear();
    progress.clear();
    expect(tty.written).toEqual(["\r\u001b[2Kstructgen: read 1/2", "\r\u001b[2K"]);

    const quick = stream(true);
    const early = new Progress(quick, true, 60_000);
    early.update("structgen: read 1/2");
    early.clear();
    expect(quick.written).toEqual([]);

    const pipe = stream(false);
    const off = new Progress(pipe, false, 0);
    off.update("structgen: read 1/2");
    off.clear();
    expect(pipe.written).toEqual([]);
  });
});

describe("prettier configuration", () => {
  it("the one that applies to the output folder is honoured", async () => {
    const cwd = tempCwd();
    cpSync(SEED, join(cwd, "run.json"));
    writeFileSync(join(cwd, ".prettierrc"), JSON.stringify({ semi: true }));
    mkdirSync(join(cwd, "app"));
    writeFileSync(join(cwd, "app", ".prettierrc"), JSON.stringify({ useTabs: true, semi: false }));
    const result = await runCli(["generate", "run.json", "--out", "app/generated"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const types = readText(cwd, "app", "generated", "letta-run.types.ts");
    expect(types).toMatch(/^\t\S/m);
    expect(readText(cwd, "app", "generated", "index.ts")).toContain(
      'export * from "./letta-run.types.js"\n',
    );
  });

  it("a broken one is a clear error, not a crash, and --no-format gets past it", async () => {
    const cwd = tempCwd();
    cpSync(SEED, join(cwd, "run.json"));
    writeFileSync(join(cwd, ".prettierrc"), "{ semi: ");
    const result = await runCli(["generate", "run.json", "--out", "gen"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^gen: error SG_PRETTIER_CONFIG: cannot load the prettier configuration for gen: .+; fix it, or skip formatting with --no-format\n$/,
    );
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(listFiles(join(cwd, "gen"))).toEqual([]);
    const skipped = await runCli(["generate", "run.json", "--out", "gen", "--no-format"], { cwd });
    expect(skipped.code, skipped.stderr).toBe(0);
    // Five outputs and the manifest (a run without formatting needs no prettier config to be keyed).
    expect(listFiles(join(cwd, "gen"))).toHaveLength(6);
    expect(listFiles(join(cwd, "gen"))).toContain(MANIFEST_FILE);
  });
});
