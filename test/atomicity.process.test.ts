/**
 * Nothing half-written, with real processes: a run interrupted by SIGINT (in the middle of the pipeline, or while
 * it stages the new files) or killed by SIGKILL leaves the previous outputs byte for byte as they were, or the
 * complete new set, and no temp file; two runs into one folder at once end with a consistent set. Every run here
 * is the bin's, so that the outputs compared (the manifest's key covers the code that ran) come from one build.
 * The failures a run can have in process are atomicity.test.ts's.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { manyDocuments } from "./helpers/big-inputs.js";
import { listFiles, removeTempDirs, stackFrames, tempCwd } from "./helpers/cli.js";
import {
  ensureBuilt,
  generatedFolder,
  hasTempFile,
  leftovers,
  runBin,
  snapshot,
  SPAWN_TIMEOUT_MS,
  startBin,
  waitFor,
  wholeFileProblem,
  writeDocuments,
  writeGateConfig,
} from "./helpers/cli-process.js";
import { exportedByRuntime, importedFromRuntime } from "./helpers/outputs.js";

const SIGNAL_DOCS = 300;
vi.setConfig({ testTimeout: 4 * SPAWN_TIMEOUT_MS, hookTimeout: 4 * SPAWN_TIMEOUT_MS });

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const temp = () => tempCwd("structgen-atomic-");

/** Helpers a guards file imports from runtime.ts that runtime.ts does not export. */
function missingHelpers(files: Readonly<Record<string, string>>): string[] {
  const exported = new Set(exportedByRuntime(files["runtime.ts"] ?? ""));
  return Object.entries(files)
    .filter(([file]) => file.endsWith(".guards.ts"))
    .flatMap(([file, text]) =>
      importedFromRuntime(text)
        .filter((name) => !exported.has(name))
        .map((name) => `${file}: ${name}`),
    );
}

function expectWholeFiles(out: string): void {
  const problems = listFiles(out).flatMap(
    (file) => wholeFileProblem(file, readFileSync(join(out, file), "utf8")) ?? [],
  );
  expect(problems).toEqual([]);
}

describe("a real SIGINT sent to a running CLI", () => {
  let cwd: string;
  let previous: Record<string, string>;
  let complete: Record<string, string>;

  beforeAll(async () => {
    // Version 1 on disk; version 2 in in/, and what a complete version 2 run writes (to compare against).
    cwd = await generatedFolder(temp(), SIGNAL_DOCS, runBin);
    previous = snapshot(join(cwd, "out"));
    writeDocuments(join(cwd, "in"), manyDocuments(SIGNAL_DOCS, { version: 2 }));
    const full = await runBin(["generate", "in", "--out", "complete", "--no-format"], { cwd });
    expect(full.code, full.stderr).toBe(0);
    complete = snapshot(join(cwd, "complete"));
    expect(Object.keys(complete)).toEqual(Object.keys(previous));
    expect(complete).not.toEqual(previous);
  });

  /** Outcome of one interrupted run: the folder holds version 1 exactly, or version 2 complete. */
  function expectIntactOrComplete(code: number | null): "previous" | "complete" {
    const now = snapshot(join(cwd, "out"));
    expect(leftovers(cwd)).toEqual([]);
    if (code === 130) {
      expect([previous, complete]).toContainEqual(now);
    } else {
      expect(code).toBe(0);
      expect(now).toEqual(complete);
    }
    return JSON.stringify(now) === JSON.stringify(previous) ? "previous" : "complete";
  }

  function restorePrevious(): void {
    rmSync(join(cwd, "out"), { recursive: true, force: true });
    for (const [file, text] of Object.entries(previous)) {
      mkdirSync(join(cwd, "out", file, ".."), { recursive: true });
      writeFileSync(join(cwd, "out", file), text, "latin1");
    }
  }

  it("in the middle of the run (held there by a custom emitter): exit 130 and the previous outputs byte for byte", async () => {
    restorePrevious();
    // The emitter runs inside the pipeline, after the CLI installed its handler: it marks the moment and waits.
    writeGateConfig(cwd);
    try {
      const run = startBin(["generate", "in", "--out", "out", "--no-format"], { cwd });
      expect(
        await waitFor(() => existsSync(join(cwd, "gate-reached")), 3 * SPAWN_TIMEOUT_MS, 10),
      ).toBe(true);
      run.child.kill("SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 200));
      writeFileSync(join(cwd, "gate-open"), "");
      const finished = await run.done;
      expect(stackFrames(finished.stderr)).toEqual([]);
      expect([finished.signal, finished.code], finished.stderr).toEqual([null, 130]);
      expect(expectIntactOrComplete(finished.code)).toBe("previous");
    } finally {
      for (const file of ["structgen.config.mjs", "gate-reached", "gate-open"]) {
        rmSync(join(cwd, file), { force: true });
      }
    }
  });

  it("while it stages the new files (a temp file has appeared): exit 130 with the previous outputs, or the complete new set", async () => {
    restorePrevious();
    const run = startBin(["generate", "in", "--out", "out", "--no-format"], { cwd });
    const staging = await waitFor(() => hasTempFile(join(cwd, "out")), 3 * SPAWN_TIMEOUT_MS);
    run.child.kill("SIGINT");
    const finished = await run.done;
    expect(staging, "the run reached the write stage").toBe(true);
    expect(stackFrames(finished.stderr)).toEqual([]);
    expectIntactOrComplete(finished.code);
  });

  it("SIGKILL while staging leaves whole files only, and the next run cleans up and completes", async () => {
    restorePrevious();
    const run = startBin(["generate", "in", "--out", "out", "--no-format"], { cwd });
    expect(
      await waitFor(() => hasTempFile(join(cwd, "out")), 3 * SPAWN_TIMEOUT_MS),
      "the run reached the write stage",
    ).toBe(true);
    run.child.kill("SIGKILL");
    const finished = await run.done;
    expect(finished.signal).toBe("SIGKILL");
    const files = listFiles(join(cwd, "out")).filter(
      (file) => !/\.tmp$|\.structgen\.lock/.test(file),
    );
    expect(files.sort()).toEqual(Object.keys(previous).sort());
    for (const file of files) {
      expect(wholeFileProblem(file, readFileSync(join(cwd, "out", file), "utf8"))).toBeUndefined();
    }
    const next = await runBin(["generate", "in", "--out", "out", "--no-format"], { cwd });
    expect(next.code, next.stderr).toBe(0);
    expect(snapshot(join(cwd, "out"))).toEqual(complete);
    expect(leftovers(cwd)).toEqual([]);
  });
});

describe("two runs into the same folder at once", () => {
  it("end with a consistent set: every file whole, and index.ts and the shared files all from the same run", async () => {
    const cwd = temp();
    // Run A: shared-* (version 1) and a-*; run B: shared-* (version 2) and b-*. Both write shared-* and index.ts.
    writeDocuments(join(cwd, "inA"), [
      ...manyDocuments(60, { prefix: "shared", version: 1 }),
      ...manyDocuments(20, { prefix: "a" }),
    ]);
    writeDocuments(join(cwd, "inB"), [
      ...manyDocuments(60, { prefix: "shared", version: 2 }),
      ...manyDocuments(20, { prefix: "b" }),
    ]);
    const alone = await Promise.all(
      ["A", "B"].map((run) =>
        runBin(["generate", `in${run}`, "--out", `alone${run}`, "--no-format"], { cwd }),
      ),
    );
    expect(alone.map((r) => r.code)).toEqual([0, 0]);
    const expected = { A: snapshot(join(cwd, "aloneA")), B: snapshot(join(cwd, "aloneB")) };
    const shared = Object.keys(expected.A).filter((file) => file in expected.B);
    expect(shared).toContain("index.ts");
    // The manifest is written in the same transaction, so it must come from the same run as index.ts too.
    expect(shared).toContain(MANIFEST_FILE);
    expect(shared).toContain("runtime.ts");
    expect(shared.length).toBe(3 + 60 * 3);

    for (let round = 0; round < 2; round++) {
      const out = `together${round}`;
      const runs = ["A", "B"].map((run) =>
        startBin(["generate", `in${run}`, "--out", out, "--no-format"], { cwd }),
      );
      const finished = await Promise.all(runs.map((run) => run.done));
      expect(
        finished.map((f) => f.code),
        finished.map((f) => f.stderr).join("\n"),
      ).toEqual([0, 0]);
      const now = snapshot(join(cwd, out));
      expectWholeFiles(join(cwd, out));
      expect(leftovers(join(cwd, out))).toEqual([]);
      expect(Object.keys(now).sort()).toEqual(
        [...new Set([...Object.keys(expected.A), ...Object.keys(expected.B)])].sort(),
      );
      const winner = now["index.ts"] === expected.A["index.ts"] ? "A" : "B";
      expect([expected.A["index.ts"], expected.B["index.ts"]]).toContain(now["index.ts"]);
      for (const file of shared) {
        expect(now[file], `${file} comes from run ${winner}, like index.ts`).toBe(
          expected[winner][file],
        );
      }
      // The shared runtime module holds what every guards file left in the folder imports (the later run reads
      // what the earlier run's other guards files import).
      expect(missingHelpers(now)).toEqual([]);
      for (const file of Object.keys(now).filter((f) => !shared.includes(f))) {
        expect(now[file]).toBe(expected.A[file] ?? expected.B[file]);
      }
    }
  });
});
