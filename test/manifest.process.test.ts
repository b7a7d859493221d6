/**
 * What the manifest spares a run, as the process sees it: `--check` and an unchanged regenerate answer from
 * `<out>/.structgen-manifest.json` without loading the compiler or prettier's parsers. Which modules a run loads
 * is a property of the process, so the bin runs with a loader hook that lists them (test/helpers/trace-loads.mjs).
 * What the manifest answers, and that it never lies, is manifest.test.ts's.
 */
import { execFile } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { GENERATE_SEED, removeTempDirs, seedGenerated } from "./helpers/cli.js";
import { BIN, ensureBuilt, runBin, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

// Three spawns in a row: the same room as the other CLI test files give one.
vi.setConfig({ testTimeout: 2 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const GENERATE = GENERATE_SEED;
const CHECK = [...GENERATE, "--check"];

/** The seed's outputs written by the bin, which the bin must answer from (see seedGenerated). */
const generated = () => seedGenerated(runBin);

/** Runs the CLI and lists the node_modules packages (and prettier's parser plugins) the process loaded. */
function runTraced(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; loaded: string[] }> {
  const trace = join(cwd, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", STRUCTGEN_TRACE_LOADS: trace };
  delete env["NODE_OPTIONS"];
  const hook = join(REPO_ROOT, "test", "helpers", "trace-loads.mjs");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", hook, BIN, ...args],
      { cwd, env, timeout: SPAWN_TIMEOUT_MS },
      (error) => {
        const urls = readFileSync(trace, "utf8").split("\n");
        const loaded = new Set(
          urls.flatMap(
            (url) =>
              /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:(plugins)\/)?/
                .exec(url)
                ?.slice(1, 3)
                .filter((part) => part !== undefined)
                .join("/") ?? [],
          ),
        );
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : null,
          loaded: [...loaded].sort(),
        });
      },
    );
  });
}

describe("the fast path", () => {
  it("--check and a regenerate with nothing changed answer from the manifest, without ts-morph or prettier's parsers", async () => {
    const cwd = await generated();
    const check = await runTraced(CHECK, cwd);
    expect(check.code).toBe(0);
    expect(check.loaded).not.toContain("ts-morph");
    expect(check.loaded).not.toContain("prettier/plugins");
    const again = await runTraced(GENERATE, cwd);
    expect(again.code).toBe(0);
    expect(again.loaded).not.toContain("ts-morph");
    // Sanity: the tracer does see them on the full path (here: the manifest is gone).
    rmSync(join(cwd, "gen", MANIFEST_FILE));
    const full = await runTraced(CHECK, cwd);
    expect(full.code).toBe(0);
    expect(full.loaded).toEqual(expect.arrayContaining(["ts-morph", "prettier/plugins"]));
  });

  it("in a folder two runs share, the last run's --check answers from the manifest too", async () => {
    const cwd = await generated();
    copyFileSync(
      join(REPO_ROOT, "fixtures", "pipeline", "schemas", "billing", "invoice.json"),
      join(cwd, "invoice.json"),
    );
    const second = ["generate", "invoice.json", "--out", "gen"];
    const written = await runBin(second, { cwd });
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(join(cwd, "gen", "index.ts"), "utf8")).toContain('"./letta-run.types.js"');
    const check = await runTraced([...second, "--check"], cwd);
    expect(check.code).toBe(0);
    expect(check.loaded).not.toContain("ts-morph");
  });
});
