/**
 * What the manifest spares a run, as the process sees it: `--check` and an unchanged regenerate answer from
 * `<out>/.structgen-manifest.json` without loading the compiler or prettier's parsers. Which modules a run loads
 * is a property of the process, so the bin runs with a loader hook that lists them (test/helpers/trace-loads.mjs).
 * What the manifest answers, and that it never lies, is manifest.test.ts's.
 */
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { GENERATE_SEED, removeTempDirs, seedGenerated } from "./helpers/cli.js";
import { ensureBuilt, runBin, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { runTraced } from "./helpers/trace.js";

// Three spawns in a row: the same room as the other CLI test files give one.
vi.setConfig({ testTimeout: 2 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const GENERATE = GENERATE_SEED;
const CHECK = [...GENERATE, "--check"];

/** The seed's outputs written by the bin, which the bin must answer from (see seedGenerated). */
const generated = () => seedGenerated(runBin);

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
    // Sanity: the tracer does see ts-morph on the full path (here: the manifest is gone). prettier's parsers
    // load only under a style the fast printers do not follow (test/prettier-parsers.test.ts).
    rmSync(join(cwd, "gen", MANIFEST_FILE));
    const full = await runTraced(CHECK, cwd);
    expect(full.code).toBe(0);
    expect(full.loaded).toContain("ts-morph");
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
