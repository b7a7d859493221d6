/**
 * The emitted schemas' `$id`s, through the CLI: each is the schema's path in the output folder, so that every
 * schema of a folder can be added to one ajv instance (strict, ajv-formats), and a schema that references another
 * by a relative path resolves it like the file path between them.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles, removeTempDirs, runCli, SEED, tempCwd } from "./helpers/cli.js";
import { ajvWarnings, strictAjv } from "./helpers/outputs.js";

afterAll(removeTempDirs);

/** A project with two versions of one API, `api/v1/run.json` and `api/v2/run.json`, both named "letta-run". */
function twoVersions(entities: { readonly v1: string; readonly v2: string }): string {
  const cwd = tempCwd("structgen-ids-");
  const seed = JSON.parse(readFileSync(SEED, "utf8")) as Record<string, unknown>;
  for (const [version, entity] of Object.entries(entities)) {
    mkdirSync(join(cwd, "api", version), { recursive: true });
    writeFileSync(join(cwd, "api", version, "run.json"), JSON.stringify({ ...seed, entity }));
  }
  return cwd;
}

function schemaOf(cwd: string, path: string): { $id: string } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(cwd, "gen", path), "utf8")) as { $id: string };
}

const SCHEMAS = ["v1/letta-run.schema.json", "v2/letta-run.schema.json"];

describe("schema $id", () => {
  it("is the path in the output folder: two letta-run.schema.json from different subfolders share one ajv instance", async () => {
    const cwd = twoVersions({ v1: "Run", v2: "RunV2" });
    const result = await runCli(["generate", "api/**/*.json", "--out", "gen"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(join(cwd, "gen")).filter((f) => f.endsWith(".schema.json"))).toEqual(SCHEMAS);
    const schemas = SCHEMAS.map((path) => schemaOf(cwd, path));
    expect(schemas.map((s) => s.$id)).toEqual(SCHEMAS);

    const ajv = strictAjv();
    for (const schema of schemas) {
      ajv.addSchema(schema);
    }
    // Another schema of the project's own, in v1/, referencing both generated ones by relative paths.
    ajv.addSchema({
      $id: "v1/envelope.schema.json",
      type: "object",
      properties: {
        current: { $ref: "letta-run.schema.json" },
        next: { $ref: "../v2/letta-run.schema.json" },
        status: { $ref: "letta-run.schema.json#/$defs/RunStatus" },
      },
      required: ["current", "next"],
    });
    const envelope = ajv.getSchema("v1/envelope.schema.json");
    expect(envelope).toBeDefined();
    const run = { agent_id: "agent-1", status: "running" };
    expect(envelope?.({ current: run, next: run, status: "failed" }), "valid").toBe(true);
    expect(envelope?.({ current: { status: "running" }, next: run }), "v1 lacks agent_id").toBe(
      false,
    );
    expect(envelope?.({ current: run, next: { agent_id: 1 } }), "v2 agent_id not a string").toBe(
      false,
    );
    expect(envelope?.({ current: run, next: run, status: "paused" }), "not a status").toBe(false);
    for (const id of SCHEMAS) {
      expect(ajv.getSchema(id)?.(run), id).toBe(true);
    }
    expect(ajvWarnings(ajv)).toEqual([]);
  });

  it("--emit schema: one document in two subfolders makes no index.ts, so its names clash with nothing", async () => {
    const cwd = twoVersions({ v1: "Run", v2: "Run" });
    const both = await runCli(["generate", "api/**/*.json", "--out", "both"], { cwd });
    expect(both.code, "with types and guards, index.ts would export Run twice").toBe(1);
    expect(both.stderr).toMatch(/SG_NAME_COLLISION: exported names "Run", /);

    const result = await runCli(["generate", "api/**/*.json", "--out", "gen", "--emit", "schema"], {
      cwd,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(join(cwd, "gen"))).toEqual([".structgen-manifest.json", ...SCHEMAS]);
    const ajv = strictAjv();
    for (const path of SCHEMAS) {
      ajv.addSchema(schemaOf(cwd, path));
    }
    expect(SCHEMAS.map((id) => ajv.getSchema(id)?.({ agent_id: "a" }))).toEqual([true, true]);
    expect(ajvWarnings(ajv)).toEqual([]);
  });

  it("percent-encodes what a URI segment cannot hold: a subfolder with a space", async () => {
    const cwd = tempCwd("structgen-ids-");
    mkdirSync(join(cwd, "api", "my api"), { recursive: true });
    writeFileSync(join(cwd, "api", "my api", "run.json"), readFileSync(SEED));
    const result = await runCli(["generate", "api/**/*.json", "--out", "gen"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const schema = schemaOf(cwd, "my api/letta-run.schema.json");
    expect(schema.$id).toBe("my%20api/letta-run.schema.json");
    const ajv = strictAjv();
    ajv.addSchema(schema);
    expect(ajv.getSchema("my%20api/letta-run.schema.json#/$defs/RunStatus")?.("created")).toBe(
      true,
    );
    expect(ajvWarnings(ajv)).toEqual([]);
  });
});
