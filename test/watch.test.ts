/**
 * `structgen generate --watch` in process: main() given an AbortSignal in place of Ctrl-C, editing real files.
 * Nothing here measures time: each step polls for its outcome with a generous timeout. The watcher as a real
 * process, stopped by a real SIGINT, is watch.process.test.ts's.
 */
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, startCli } from "./helpers/cli.js";
import { eventually } from "./helpers/package.js";
import { watchProject, writeRun } from "./helpers/watch.js";

afterAll(removeTempDirs);

describe("--watch", () => {
  it("with --json prints one report per run, one per line, and ends with 0 when stopped", async () => {
    const cwd = watchProject();
    const stop = new AbortController();
    const running = startCli(["generate", "--watch", "--json"], { cwd, signal: stop.signal });
    try {
      const reports = () =>
        running
          .stdout()
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as { ok: boolean; written?: string[] });
      await eventually(
        () => reports().length === 1,
        () => running.stdout() + running.stderr(),
      );
      writeRun(cwd, ["json_edit"]);
      await eventually(
        () => reports().length === 2,
        () => running.stdout() + running.stderr(),
      );
      expect(reports().map((r) => r.ok)).toEqual([true, true]);
      expect(reports()[1]?.written).toEqual([
        "letta-run.types.ts",
        "letta-run.guards.ts",
        "letta-run.schema.json",
      ]);
    } finally {
      stop.abort();
    }
    expect((await running.done).code).toBe(0);
  }, 120_000);

  it("is a usage error together with --check", async () => {
    const cwd = watchProject();
    const result = await runCli(["generate", "--watch", "--check"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--watch and --check/);
  });
});
