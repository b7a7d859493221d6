/**
 * `--optional-null` / `optionalNull` through the CLI in process: a catalog field list like Trello's card file
 * (`due` optional, sent as `null` by the API) generates and validates with the flag and with the config key alike,
 * a flat summary too, a JSON Structure Core document not at all; without the option nothing changes; and the
 * option is part of the run's key, so that `--check` after a change of it reports the outputs stale instead of
 * answering from the manifest. The golden cases fixtures/{catalog,flat,enrich}/optional-null hold the outputs and
 * the verdicts on samples.
 */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles, readText, removeTempDirs, runCli, SEED, tempCwd } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

afterAll(removeTempDirs);

const CARD = join(REPO_ROOT, "fixtures", "catalog", "optional-null", "input.json");
const GENERATE = ["generate", "card.json", "--out", "gen"] as const;

/** A temp project: a package.json (the config search stops here), the card file, a card as Trello sends it. */
function project(config?: Record<string, unknown>): string {
  const cwd = tempCwd("structgen-optional-null-");
  writeFileSync(join(cwd, "package.json"), JSON.stringify({ name: "p", private: true }));
  cpSync(CARD, join(cwd, "card.json"));
  cpSync(SEED, join(cwd, "run.json"));
  writeFileSync(
    join(cwd, "trello-card.json"),
    JSON.stringify({ id: "5abbe4b7", name: "No due date", closed: false, due: null }),
  );
  if (config !== undefined) {
    writeFileSync(join(cwd, "structgen.config.json"), JSON.stringify(config));
  }
  return cwd;
}

/** Every generated file of `cwd/gen` with its text, the manifest left out (it holds the run's key). */
function outputs(cwd: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(join(cwd, "gen"))
      .filter((file) => !file.startsWith("."))
      .map((file) => [file, readText(cwd, "gen", file)]),
  );
}

describe("a catalog field list whose optional member the API sends as null", () => {
  it("is rejected by default, as the file says", async () => {
    const cwd = project();
    const result = await runCli(["validate", "card.json", "trello-card.json"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("must be string (at /due)");
    const generated = await runCli([...GENERATE, "-q"], { cwd });
    expect(generated.code, generated.stderr).toBe(0);
    expect(readText(cwd, "gen", "card.types.ts")).toContain("  due?: string;\n");
  });

  it("is accepted with --optional-null, by validate and in the generated files", async () => {
    const cwd = project();
    const result = await runCli(["validate", "card.json", "trello-card.json", "--optional-null"], {
      cwd,
    });
    expect(result.code, result.stderr).toBe(0);
    const generated = await runCli([...GENERATE, "--optional-null", "-q"], { cwd });
    expect(generated.code, generated.stderr).toBe(0);
    const types = readText(cwd, "gen", "card.types.ts");
    expect(types).toContain("  due?: string | null;\n");
    // Required members stay non-null.
    expect(types).toContain("  id: string;\n");
    const schema = JSON.parse(readText(cwd, "gen", "card.schema.json")) as {
      properties: Record<string, unknown>;
    };
    expect(schema.properties["due"]).toEqual({
      anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
    });
    expect(schema.properties["id"]).toEqual({ type: "string" });
  });

  it("the config key optionalNull: true writes the same files as the flag", async () => {
    const flagged = project();
    const byFlag = await runCli([...GENERATE, "--optional-null", "-q"], { cwd: flagged });
    expect(byFlag.code, byFlag.stderr).toBe(0);
    const configured = project({ inputs: ["card.json"], out: "gen", optionalNull: true });
    const byConfig = await runCli(["generate", "-q"], { cwd: configured });
    expect(byConfig.code, byConfig.stderr).toBe(0);
    expect(outputs(configured)).toEqual(outputs(flagged));
    expect(readText(configured, "gen", "card.types.ts")).toContain("  due?: string | null;\n");
    const validated = await runCli(["validate", "card.json", "trello-card.json"], {
      cwd: configured,
    });
    expect(validated.code, validated.stderr).toBe(0);
  });

  it("a config value that is not a boolean is a usage error naming the key", async () => {
    const cwd = project({ inputs: ["card.json"], out: "gen", optionalNull: "yes" });
    const result = await runCli(["generate"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"optionalNull": must be true or false; got "yes"');
    expect(listFiles(join(cwd, "gen"))).toEqual([]);
  });
});

describe("a flat summary", () => {
  it("with --optional-null: optional fields accept null, required ones and `unknown` fields stay", async () => {
    const cwd = project();
    const result = await runCli(["generate", "run.json", "--out", "gen", "--optional-null", "-q"], {
      cwd,
    });
    expect(result.code, result.stderr).toBe(0);
    const types = readText(cwd, "gen", "letta-run.types.ts");
    expect(types).toContain("  id?: string | null;\n");
    expect(types).toContain("  status?: RunStatus | null;\n");
    expect(types).toContain("  agent_id: string;\n");
    expect(types).toContain("  metadata?: unknown;\n");
  });
});

describe("a JSON Structure Core document", () => {
  it("states nullability itself: --optional-null changes none of its outputs", async () => {
    const core = join(REPO_ROOT, "fixtures", "core", "objects", "input.struct.json");
    const [plain, nullable] = [project(), project()];
    for (const [cwd, flags] of [
      [plain, []],
      [nullable, ["--optional-null"]],
    ] as const) {
      cpSync(core, join(cwd, "objects.struct.json"));
      const result = await runCli(
        ["generate", "objects.struct.json", "--out", "gen", "-q", ...flags],
        {
          cwd,
        },
      );
      expect(result.code, result.stderr).toBe(0);
    }
    // The document has optional members, which the option would have made nullable in any other reading.
    expect(Object.values(outputs(plain)).join("")).toMatch(/\?: /);
    expect(outputs(nullable)).toEqual(outputs(plain));
  });
});

describe("the run's key", () => {
  // The seed, a flat summary: a run without diagnostics is keyed, so an unchanged --check answers from the manifest.
  const GENERATE_RUN = ["generate", "run.json", "--out", "gen"] as const;
  const check = async (cwd: string, args: readonly string[]) => {
    const result = await runCli([...GENERATE_RUN, "--check", ...args], { cwd });
    return { code: result.code, stale: result.stderr.includes("stale: gen/letta-run.types.ts") };
  };

  it("holds the option: turning it on or off makes --check report the outputs stale", async () => {
    const plain = project();
    expect((await runCli([...GENERATE_RUN, "-q"], { cwd: plain })).code).toBe(0);
    expect(await check(plain, [])).toEqual({ code: 0, stale: false });
    expect(await check(plain, ["--optional-null"])).toEqual({ code: 1, stale: true });

    const nullable = project({ optionalNull: true });
    expect((await runCli([...GENERATE_RUN, "-q"], { cwd: nullable })).code).toBe(0);
    expect(await check(nullable, [])).toEqual({ code: 0, stale: false });
    // The config file sets the option; a flag cannot turn a boolean option off, so the config goes.
    writeFileSync(join(nullable, "structgen.config.json"), JSON.stringify({}));
    expect(await check(nullable, [])).toEqual({ code: 1, stale: true });
  });
});
