/**
 * Paths that are not there, or are in the way, as a user meets them through the CLI: every message names the path
 * and says what is wrong in words, never Node's raw error (ENOENT, ENOTDIR, "open '/x'") or a stack trace, and the
 * run exits non-zero.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileErrorReason } from "../src/model/file-errors.js";
import { listFiles, removeTempDirs, runCli, SEED, stackFrames, tempCwd } from "./helpers/cli.js";

afterAll(removeTempDirs);

/** A working folder with the seed as run.json and a plain file, notes.txt. */
function project(): string {
  const cwd = tempCwd("structgen-file-errors-");
  cpSync(SEED, join(cwd, "run.json"));
  writeFileSync(join(cwd, "notes.txt"), "not a folder\n");
  return cwd;
}

/** Node's own words for file errors, which must not reach a user. */
const RAW = /E[A-Z]{3,}|no such file or directory|, (open|mkdir|stat|lstat|scandir) '/;

describe("a missing or misplaced path", () => {
  it.each([
    [
      "an input",
      ["generate", "missing.json", "--out", "gen"],
      1,
      "missing.json: error SG_READ_FAILED: cannot read the file: no such file or folder\n",
    ],
    [
      "the source spec",
      ["generate", "run.json", "--out", "gen", "--source-spec", "spec/openapi.json"],
      1,
      "spec/openapi.json:1:1: error SG_READ_FAILED: cannot read the source spec (--source-spec): no such file or folder\n",
    ],
    [
      "--out under a file",
      ["generate", "run.json", "--out", "notes.txt/gen"],
      1,
      "notes.txt/gen: error SG_WRITE_FAILED: cannot create the output folder: notes.txt is a file, not a folder\n",
    ],
    [
      "--out deeper under a file",
      ["generate", "run.json", "--out", "notes.txt/a/b"],
      1,
      "notes.txt/a/b: error SG_WRITE_FAILED: cannot create the output folder: notes.txt is a file, not a folder\n",
    ],
  ])("%s is named, with what is wrong, in words", async (_what, args, code, stderr) => {
    const cwd = project();
    const result = await runCli(args, { cwd });
    expect([result.code, result.stderr]).toEqual([code, stderr]);
    expect(listFiles(cwd)).toEqual(["notes.txt", "run.json"]);
  });

  it("a config file named by --config that is not there, or is a folder, is a usage error naming it", async () => {
    const cwd = project();
    mkdirSync(join(cwd, "tools"));
    for (const [config, reason] of [
      ["tools/structgen.json", "no such file or folder"],
      ["tools", "it is a folder, not a file"],
    ] as const) {
      const result = await runCli(["generate", "--config", config], { cwd });
      expect([result.code, result.stderr]).toEqual([
        2,
        `structgen: ${join(cwd, config)}: cannot be read: ${reason}\n`,
      ]);
    }
  });

  it("a missing source spec in a config file is named from the working folder", async () => {
    const cwd = project();
    writeFileSync(
      join(cwd, "structgen.config.json"),
      JSON.stringify({ inputs: ["run.json"], out: "gen", sourceSpec: "openapi.yaml" }),
    );
    const result = await runCli(["generate"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "openapi.yaml:1:1: error SG_READ_FAILED: cannot read the source spec (--source-spec): no such file or folder\n",
    );
  });

  it("validate names a missing data file and a missing document", async () => {
    const cwd = project();
    const data = await runCli(["validate", "run.json", "runs/one.json"], { cwd });
    expect(data.code).toBe(1);
    expect(data.stderr.split("\n")[0]).toBe(
      "runs/one.json: error SG_READ_FAILED: cannot read the file: no such file or folder",
    );
    const document = await runCli(["validate", "structure.json", "run.json"], { cwd });
    expect(document.code).toBe(1);
    expect(document.stderr.split("\n")[0]).toBe(
      "structure.json: error SG_READ_FAILED: cannot read the file: no such file or folder",
    );
    for (const result of [data, document]) {
      expect(result.stderr).not.toMatch(RAW);
      expect(stackFrames(result.stderr)).toEqual([]);
    }
  });
});

describe("fileErrorReason", () => {
  it("says a system error it has no words for by its own description and code, without the path", () => {
    const error = Object.assign(new Error("EBUSY: resource busy or locked, open '/x/y'"), {
      code: "EBUSY",
      syscall: "open",
      path: "/x/y",
    });
    expect(fileErrorReason(error)).toBe("resource busy or locked (EBUSY)");
    expect(fileErrorReason(new Error("CUSTOM: a message, kept\nsecond line"))).toBe(
      "CUSTOM: a message, kept",
    );
  });
});
