/**
 * `structgen generate --watch`, as a real spawned process editing real files, stopped by a real SIGINT. Nothing
 * here measures time: each step polls for its outcome (an output's contents, a line on stderr) with a generous
 * timeout. watch.test.ts drives the same watcher in process.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliFixture, listFiles, runCli, removeTempDirs } from "./helpers/cli.js";
import { BIN, ensureBuilt, writeGateConfig } from "./helpers/cli-process.js";
import { eventually, type Running, start } from "./helpers/package.js";
import { watchProject, writeRun } from "./helpers/watch.js";

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

let watcher: Running | undefined;

afterEach(async () => {
  if (
    watcher !== undefined &&
    watcher.child.exitCode === null &&
    watcher.child.signalCode === null
  ) {
    watcher.child.kill("SIGKILL");
    await watcher.exited;
  }
  watcher = undefined;
});

describe("--watch", () => {
  it("regenerates on edits, keeps the last good outputs through a bad edit, picks up new files and config edits, and stops on SIGINT", async () => {
    const cwd = watchProject();
    const running = start(process.execPath, [BIN, "generate", "--watch"], { cwd });
    watcher = running;
    const types = join(cwd, "gen", "letta-run.types.ts");
    const read = (file: string) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    };
    const log = () => `stdout:\n${running.stdout()}\nstderr:\n${running.stderr()}`;

    await eventually(
      () =>
        /watching 2 folders for changes/.test(running.stderr()) &&
        read(types).includes("export interface Run"),
      log,
    );
    expect(running.stdout()).toMatch(
      /^structgen: 1 document, 5 files written, 0 unchanged in gen \(\d+ ms\)$/m,
    );

    writeRun(cwd, ["first_edit"]);
    // The run's report, not just its first renamed output: until the run has committed every file, the folder
    // still holds its temp files and the outputs it has not renamed yet.
    const reports = () =>
      running.stdout().match(/^structgen: 1 document, .* in gen \(\d+ ms\)$/gm)?.length ?? 0;
    await eventually(() => reports() >= 2 && read(types).includes("first_edit"), log);

    // A bad edit: diagnostics, the outputs stay as they were, and the watcher keeps running.
    const good = listFiles(join(cwd, "gen")).map((file) => read(join(cwd, "gen", file)));
    const kept = () => running.stderr().match(/kept the last good outputs in gen/g)?.length ?? 0;
    const keptBefore = kept();
    writeFileSync(join(cwd, "schemas", "run.json"), '{ "jsonStructure": "0.1", "entity": ');
    await eventually(
      () =>
        /schemas\/run\.json:\d+:\d+: error SG_JSON_SYNTAX/.test(running.stderr()) &&
        kept() > keptBefore,
      log,
    );
    expect(listFiles(join(cwd, "gen")).map((file) => read(join(cwd, "gen", file)))).toEqual(good);
    expect(running.child.exitCode).toBeNull();

    // A burst of edits ends in outputs that match the last one exactly (checked by a separate --check run).
    for (const count of [1, 2, 3, 4, 5]) {
      writeRun(
        cwd,
        Array.from({ length: count }, (_, i) => `burst_${i + 1}`),
      );
    }
    await eventually(() => read(types).includes("burst_5"), log);
    await eventually(async () => (await runCli(["generate", "--check"], { cwd })).code === 0, log);

    // A new document in the watched folder is generated and re-exported.
    copyFileSync(cliFixture("folder", "alpha.json"), join(cwd, "schemas", "alpha.json"));
    await eventually(() => read(join(cwd, "gen", "index.ts")).includes("./alpha.types.js"), log);

    // An edit of the config file applies to the next run.
    writeFileSync(
      join(cwd, "structgen.config.json"),
      JSON.stringify({ inputs: ["schemas"], out: "gen", additionalProperties: false }),
    );
    await eventually(
      () =>
        read(join(cwd, "gen", "letta-run.schema.json")).includes('"additionalProperties": false'),
      log,
    );

    running.child.kill("SIGINT");
    expect(await running.exited).toBe(0);
    expect(running.stderr()).toMatch(/stopped watching\n$/);
    expect(listFiles(join(cwd, "gen")).filter((file) => file.endsWith(".tmp"))).toEqual([]);
  }, 240_000);

  it("picks up an edit saved while the first run is still going", async () => {
    const cwd = watchProject();
    rmSync(join(cwd, "structgen.config.json"));
    // A custom emitter holds the first run until the test opens the gate (later runs pass straight through).
    writeGateConfig(cwd, { inputs: ["schemas"], out: "gen" });
    const running = start(process.execPath, [BIN, "generate", "--watch"], { cwd });
    watcher = running;
    const log = () => `stdout:\n${running.stdout()}\nstderr:\n${running.stderr()}`;
    await eventually(() => existsSync(join(cwd, "gate-reached")), log);
    writeRun(cwd, ["saved_during_first_run"]);
    writeFileSync(join(cwd, "gate-open"), "");
    await eventually(() => /watching 2 folders for changes/.test(running.stderr()), log);
    const types = join(cwd, "gen", "letta-run.types.ts");
    await eventually(
      () => existsSync(types) && readFileSync(types, "utf8").includes("saved_during_first_run"),
      log,
      20_000,
    );
    running.child.kill("SIGINT");
    expect(await running.exited).toBe(0);
  }, 120_000);

  it("regenerates when the --source-spec file changes, a YAML one in another folder included", async () => {
    const cwd = watchProject();
    mkdirSync(join(cwd, "api"));
    const spec = (type: string) =>
      `openapi: 3.1.0\ncomponents:\n  schemas:\n    Run:\n      type: object\n      properties:\n        ttft_ns:\n          type: [${type}, "null"]\n`;
    writeFileSync(join(cwd, "api", "openapi.yaml"), spec("integer"));
    const running = start(
      process.execPath,
      [BIN, "generate", "--watch", "--source-spec", "api/openapi.yaml"],
      { cwd },
    );
    watcher = running;
    const types = join(cwd, "gen", "letta-run.types.ts");
    const read = () => {
      try {
        return readFileSync(types, "utf8");
      } catch {
        return "";
      }
    };
    const log = () => `stdout:\n${running.stdout()}\nstderr:\n${running.stderr()}`;
    await eventually(
      () =>
        /watching 3 folders for changes/.test(running.stderr()) &&
        read().includes("ttft_ns?: number | null;"),
      log,
    );
    writeFileSync(join(cwd, "api", "openapi.yaml"), spec("string"));
    await eventually(() => read().includes("ttft_ns?: string | null;"), log);
    running.child.kill("SIGINT");
    expect(await running.exited).toBe(0);
  }, 120_000);
});
