/**
 * Watch mode keeps what a run that emits needs loaded (the pipeline with ts-morph, its printer, the formatter): one
 * Toolchain for the process, loaded after the first run, reused by every later run. In process, so that the test can
 * count the loads; nothing here measures time (each step polls for its outcome).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runGenerate } from "../src/cli/generate-command.js";
import { Reporter } from "../src/cli/report.js";
import { generateSettings } from "../src/cli/settings.js";
import { Toolchain } from "../src/cli/toolchain.js";
import { runWatch } from "../src/cli/watch.js";
import { inFolder, removeTempDirs } from "./helpers/cli.js";
import { eventually } from "./helpers/package.js";
import { watchProject, writeRun } from "./helpers/watch.js";

afterAll(removeTempDirs);

/** A reporter whose stdout and stderr are kept as text. */
function recordingReporter(): { reporter: Reporter; stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  const reporter = new Reporter(
    { quiet: false, json: false, jsonLines: true },
    {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      env: {},
    },
  );
  return { reporter, stdout: () => out, stderr: () => err };
}

describe("--watch keeps the compiler and the formatter loaded", () => {
  it("loads them once, after a first run answered from the manifest, and every later run reuses them", async () => {
    const cwd = watchProject();
    // The stages read and write relative to the process's working folder, as under the CLI (test/helpers/cli.ts).
    await inFolder(cwd, async () => {
      const settings = await generateSettings([], {}, cwd);
      const flags = { check: false, force: false, signal: new AbortController().signal };
      // The outputs are up to date before the watch starts, so its first run is answered from the manifest.
      const first = recordingReporter();
      expect(await runGenerate(settings, flags, first.reporter), first.stderr()).toBe(0);

      const toolchain = new Toolchain();
      const { reporter, stdout, stderr } = recordingReporter();
      const stop = new AbortController();
      const log = () =>
        `stdout:\n${stdout()}\nstderr:\n${stderr()}\nloads ${toolchain.loads}, uses ${toolchain.uses}`;
      const reports = () => stdout().match(/^structgen: 1 document, .*$/gm) ?? [];
      const watching = runWatch(() => Promise.resolve(settings), reporter, stop.signal, toolchain);

      await eventually(() => reports().length === 1 && /watching/.test(stderr()), log);
      expect(reports()[0]).toMatch(/0 files written, 5 unchanged/);
      expect(toolchain.uses, "the first run needed no tools").toBe(0);
      // Loaded while the watch waits for an edit.
      await eventually(() => toolchain.loads === 1, log);
      await toolchain.load();

      for (const [round, fields] of [["first_edit"], ["first_edit", "second_edit"]].entries()) {
        writeRun(cwd, fields);
        await eventually(() => reports().length === round + 2, log);
        expect(reports()[round + 1]).toMatch(/1 document, \d+ files? written/);
      }
      expect(readFileSync(join("gen", "letta-run.types.ts"), "utf8")).toContain("second_edit");
      expect({ loads: toolchain.loads, uses: toolchain.uses }).toEqual({ loads: 1, uses: 2 });

      stop.abort();
      expect(await watching).toBe(0);
    });
  }, 120_000);
});
