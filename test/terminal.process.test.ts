/**
 * Colours on a real terminal: the CLI, spawned on a pseudo-terminal (util-linux `script`), colours its output
 * only there, and never with NO_COLOR or TERM=dumb; through pipes, never. What decides it, in process, is
 * terminal.test.ts's: here the question is whether the bin hands the CLI its real streams and environment.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliFixture, removeTempDirs, tempCwd } from "./helpers/cli.js";
import { BIN, ensureBuilt } from "./helpers/cli-process.js";
import { run, userEnv } from "./helpers/package.js";

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const ESC = "\u001b[";
/** An SGR sequence: a colour or style. */
const SGR = /\u001b\[\d+(;\d+)*m/;
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs the CLI on a pseudo-terminal (stdout and stderr both TTYs, merged); `env` replaces the colour variables. */
function onTty(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  const base = userEnv();
  delete base["NO_COLOR"];
  delete base["FORCE_COLOR"];
  const command = [process.execPath, BIN, ...args]
    .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
    .join(" ");
  return run("script", ["-qec", command, "/dev/null"], {
    cwd,
    env: { ...base, TERM: "xterm-256color", ...env },
  });
}

describe.skipIf(!hasScript)("colours", () => {
  const args = ["generate", cliFixture("warn", "unknown-format.json"), "--out", "gen"];

  it("appear on a TTY: the warning's severity and the summary are coloured", async () => {
    const result = await onTty(args, tempCwd(), {});
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`${ESC}33m${ESC}1mwarning${ESC}22m${ESC}39m`);
    expect(result.stdout).toMatch(/\u001b\[32mstructgen: 1 document, 5 files written/);
  });

  it.each([
    ["NO_COLOR is set", { NO_COLOR: "1" }],
    ["TERM is dumb", { TERM: "dumb" }],
  ])("never appear when %s, even on a TTY", async (_name, env) => {
    const result = await onTty(args, tempCwd(), env);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toMatch(SGR);
    if ("TERM" in env) {
      // Nor cursor control: a dumb terminal gets no progress line.
      expect(result.stdout).not.toContain(ESC);
    }
    expect(result.stdout).toMatch(/: warning SG_UNKNOWN_FORMAT: /);
  });

  it("never appear when the output is not a TTY, NO_COLOR or not", async () => {
    const env = userEnv();
    delete env["NO_COLOR"];
    const result = await run(process.execPath, [BIN, ...args], { cwd: tempCwd(), env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(ESC);
    expect(result.stdout + result.stderr).not.toContain("\r");
  });
});
