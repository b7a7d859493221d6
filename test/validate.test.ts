/**
 * `structgen validate` and `validateData`: the verdicts of the generated guards on every golden sample, the
 * same failures (pointer and message) as the guards' own `validateX`, positions in the data file, and the CLI's
 * output, exit codes and options (flags over config).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/pipeline/generate.js";
import { validateData } from "../src/pipeline/validate.js";
import { diagnosticLines, runCli, SEED, removeTempDirs, tempCwd } from "./helpers/cli.js";
import { goldenCases, REPO_ROOT } from "./helpers/fixtures.js";
import { loadGuards } from "./helpers/outputs.js";

afterAll(removeTempDirs);

const cases = goldenCases("flat").filter(
  (golden) => golden.validSamples.length + golden.invalidSamples.length > 0,
);
const LETTA_SAMPLES = join(REPO_ROOT, "fixtures", "flat", "letta-run", "samples");

function samplePaths(dir: string, kind: "valid" | "invalid"): string[] {
  const folder = join(REPO_ROOT, dir, "samples", kind);
  try {
    return readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => join(folder, f));
  } catch {
    return [];
  }
}

describe("validateData on the golden samples", () => {
  it.each(cases)(
    "$dir: valid samples pass, invalid ones fail with the guards' own failures",
    async (golden) => {
      const [input] = golden.inputs;
      expect(input).toBeDefined();
      const document = join(REPO_ROOT, input ?? "");
      const valid = samplePaths(golden.dir, "valid");
      const invalid = samplePaths(golden.dir, "invalid");
      const result = await validateData(document, [...valid, ...invalid], golden.options);
      expect(
        result.diagnostics.filter((d) => d.severity === "error" && d.code !== "SG_INVALID_DATA"),
      ).toEqual([]);
      expect(result.results.map((r) => [r.file, r.ok])).toEqual([
        ...valid.map((f) => [f, true]),
        ...invalid.map((f) => [f, false]),
      ]);

      // The very failures the generated validateX reports, pointer for pointer and message for message.
      const generated = await generate([document], { ...golden.options, prettier: false });
      const guardsFile = generated.files.find((f) => f.path.endsWith(".guards.ts"));
      const guards = await loadGuards(
        guardsFile ?? { path: "none.guards.ts", contents: "" },
        generated.files,
      );
      const validate = guards[`validate${result.root ?? ""}`];
      for (const item of result.results) {
        const own = validate?.(JSON.parse(readFileSync(item.file, "utf8"))) as {
          ok: boolean;
          errors?: { path: string; message: string }[];
        };
        expect(item.errors.map((e) => ({ path: e.pointer, message: e.message }))).toEqual(
          own.errors ?? [],
        );
      }
    },
  );
});

describe("validateData", () => {
  it("places each failure at its line and column in the data file", async () => {
    const data = join(tempCwd(), "data.json");
    writeFileSync(data, '{\n  "agent_id": "a",\n  "status": "done",\n  "id": 7\n}\n');
    const result = await validateData(SEED, [data]);
    expect(result.root).toBe("Run");
    // In the order the guard checks the fields (the document's order), not the data's.
    expect(result.results[0]?.errors).toEqual([
      expect.objectContaining({ pointer: "/id", line: 4, column: 9, message: "must be string" }),
      expect.objectContaining({ pointer: "/status", line: 3, column: 13 }),
    ]);
  });

  it("reports data that is not JSON, or not there, as diagnostics on that file", async () => {
    const cwd = tempCwd();
    writeFileSync(join(cwd, "broken.json"), '{ "agent_id": ');
    const result = await validateData(SEED, [join(cwd, "broken.json"), join(cwd, "absent.json")]);
    expect(result.results.map((r) => r.ok)).toEqual([false, false]);
    expect(result.diagnostics.map((d) => [d.file, d.code])).toEqual([
      [join(cwd, "broken.json"), "SG_JSON_SYNTAX"],
      [join(cwd, "absent.json"), "SG_READ_FAILED"],
    ]);
  });

  it("checks nothing against a document with errors, and says why", async () => {
    const bad = join(REPO_ROOT, "fixtures", "cli", "bad", "type-strng.json");
    const result = await validateData(bad, [
      join(LETTA_SAMPLES, "valid", "minimal-agent-only.json"),
    ]);
    expect(result.root).toBeUndefined();
    expect(result.results).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toContain("SG_UNKNOWN_TYPE");
  });
});

describe("structgen validate", () => {
  function project(): string {
    const cwd = tempCwd("structgen-validate-");
    copyFileSync(SEED, join(cwd, "run.json"));
    mkdirSync(join(cwd, "data"));
    for (const kind of ["valid", "invalid"]) {
      for (const file of readdirSync(join(LETTA_SAMPLES, kind))) {
        copyFileSync(join(LETTA_SAMPLES, kind, file), join(cwd, "data", `${kind}-${file}`));
      }
    }
    return cwd;
  }

  it("exits 0 with one summary line when every file is valid", async () => {
    const cwd = project();
    const result = await runCli(["validate", "run.json", "data/valid-*.json"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /^structgen: 4 of 4 data files valid against Run from run\.json \(\d+ ms\)\n$/,
    );
  });

  it("exits 1 and prints every failure with its position and JSON pointer", async () => {
    const cwd = project();
    const result = await runCli(["validate", "run.json", "data"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const failures = diagnosticLines(result.stderr);
    expect(failures.every((d) => d.code === "SG_INVALID_DATA" && d.severity === "error")).toBe(
      true,
    );
    expect(failures.map((d) => d.file).sort()).toEqual(
      readdirSync(join(cwd, "data"))
        .filter((f) => f.startsWith("invalid-"))
        .map((f) => `data/${f}`)
        .sort(),
    );
    expect(result.stderr).toMatch(
      /^data\/invalid-status-outside-enum\.json:1:\d+: error SG_INVALID_DATA: must be one of .+ \(at \/status\)$/m,
    );
    expect(result.stderr).toMatch(
      /^data\/invalid-null\.json:1:1: error SG_INVALID_DATA: must be object \(at the root\)$/m,
    );
    expect(result.stderr).toMatch(
      /^structgen: 4 of 13 data files valid against Run from run\.json \(\d+ ms\)$/m,
    );
  });

  it("--json reports each file's verdict and failures", async () => {
    const cwd = project();
    const result = await runCli(
      [
        "validate",
        "run.json",
        "data/valid-minimal-agent-only.json",
        "data/invalid-id-null.json",
        "--json",
      ],
      { cwd },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      root: string;
      results: { file: string; ok: boolean; errors: { pointer: string }[] }[];
    };
    expect(report.ok).toBe(false);
    expect(report.root).toBe("Run");
    expect(report.results.map((r) => [r.file, r.ok, r.errors.map((e) => e.pointer)])).toEqual([
      ["data/valid-minimal-agent-only.json", true, []],
      ["data/invalid-id-null.json", false, ["/id"]],
    ]);
  });

  it("takes the guard options from the config file, and flags override them", async () => {
    const cwd = project();
    writeFileSync(
      join(cwd, "structgen.config.json"),
      JSON.stringify({ additionalProperties: false }),
    );
    const extra = "data/valid-extra-keys-from-a-newer-server.json";
    const closed = await runCli(["validate", "run.json", extra], { cwd });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/SG_INVALID_DATA/);
    const open = await runCli(["validate", "run.json", extra, "--additional-properties", "true"], {
      cwd,
    });
    expect(open.code, open.stderr).toBe(0);
  });

  it("fails on a glob that matches nothing, and on a broken document", async () => {
    const cwd = project();
    const glob = await runCli(["validate", "run.json", "nothing/*.json"], { cwd });
    expect(glob.code).toBe(1);
    expect(glob.stderr).toMatch(/no file matches the glob "nothing\/\*\.json"/);
    writeFileSync(join(cwd, "broken.json"), "{");
    const broken = await runCli(["validate", "broken.json", "data"], { cwd });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^broken\.json:\d+:\d+: error SG_JSON_SYNTAX/m);
    expect(broken.stderr).toMatch(/cannot validate against broken\.json/);
  });

  it("is a usage error without data files", async () => {
    const result = await runCli(["validate", "run.json"], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'data'/);
  });
});
