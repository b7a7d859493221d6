/**
 * --source-spec beyond the golden cases (fixtures/enrich/): the warnings that name both places, unsupported
 * constructs in JSON and YAML with their positions, a spec that cannot be used (positioned errors, exit 1, nothing
 * written), the config file (a path relative to it), one spec read once for many inputs, and Core documents.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkConfig } from "../src/cli/config.js";
import type { Diagnostic } from "../src/model/diagnostics.js";
import { SpecCache } from "../src/enrich/spec.js";
import { generate } from "../src/pipeline/generate.js";
import {
  diagnosticLines,
  listFiles,
  removeTempDirs,
  runCli,
  SEED,
  tempCwd,
} from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

afterAll(removeTempDirs);

const CASE = join(REPO_ROOT, "fixtures", "enrich", "unions-and-mismatches");
const short = (d: Diagnostic) =>
  `${d.file.split(/[/\\]/).pop()}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.pointer}`;

/** A flat summary with one field of each kind, entity `Thing`. */
function summary(
  fields: readonly { name: string; type: string; required?: boolean }[],
  entity = "Thing",
): string {
  const full = fields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required ?? false,
    description: "",
    enum: null,
    format: null,
  }));
  return JSON.stringify({ jsonStructure: "0.1", name: "thing", entity, fields: full }, null, 2);
}

async function run(files: Record<string, string>, sourceSpec: string, inputs = ["thing.json"]) {
  const dir = tempCwd("structgen-enrich-");
  for (const [name, contents] of Object.entries(files)) {
    writeFileSync(join(dir, name), contents);
  }
  const result = await generate(
    { inputs: inputs.map((i) => join(dir, i)), outDir: dir },
    { prettier: false, sourceSpec: join(dir, sourceSpec) },
  );
  return { dir, result };
}

describe("disagreements between the summary and the spec", () => {
  it("warn on the summary's field, naming the spec's file, line, column and pointer; the summary wins", async () => {
    const result = await generate(
      { inputs: [join(CASE, "input.json")] },
      { prettier: false, sourceSpec: join(CASE, "openapi.json") },
    );
    expect(result.diagnostics.map(short)).toEqual([
      "input.json:15:32 warning SG_SPEC_MISMATCH /fields/6/type",
      "input.json:16:54 warning SG_SPEC_MISMATCH /fields/7/required",
      "input.json:17:5 warning SG_SPEC_MISMATCH /fields/8",
      "input.json:8:13 warning SG_SPEC_MISMATCH /fields",
      "openapi.json:29:36 warning SG_UNSUPPORTED /components/schemas/Message/properties/not_a_string/not",
      "openapi.json:30:30 warning SG_UNSUPPORTED /components/schemas/Message/properties/both/allOf",
    ]);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages[0]).toMatch(
      /the summary says string, the spec integer at .*openapi\.json:31:20 \(\/components\/schemas\/Message\/properties\/count\); the summary's type is kept/,
    );
    expect(messages[1]).toMatch(
      /"flag" is required here but optional at .*openapi\.json:9:21 \(\/components\/schemas\/Message\/required\)/,
    );
    expect(messages[2]).toMatch(/"local_only" is not a property of .*openapi\.json:10:23/);
    expect(messages[3]).toContain('("hidden")');
  });

  it("keeps the summary's enum values when the spec's enum differs, with a warning", async () => {
    const spec = `openapi: 3.1.0
info: { title: t, version: "1" }
components:
  schemas:
    Thing:
      type: object
      properties:
        state: { $ref: "#/components/schemas/State" }
    State:
      type: string
      enum: [a, b, c]
`;
    const flat = JSON.parse(summary([{ name: "state", type: "string" }])) as {
      fields: { enum: unknown }[];
    };
    (flat.fields[0] as { enum: unknown }).enum = ["a", "b"];
    const { result } = await run(
      { "thing.json": JSON.stringify(flat, null, 2), "spec.yaml": spec },
      "spec.yaml",
    );
    expect(result.diagnostics.map(short)).toEqual([
      "thing.json:11:15 warning SG_SPEC_MISMATCH /fields/0/enum",
    ]);
    expect(result.diagnostics[0]?.message).toMatch(
      /differs from .*spec\.yaml:10:7 \(\/components\/schemas\/State\) \(3 values\)/,
    );
    const types = result.files.find((f) => f.path === "thing.types.ts")?.contents ?? "";
    expect(types).toContain('export type ThingState = "a" | "b";');
  });
});

describe("inline enums", () => {
  it("that differ from the summary's are a warning at the spec's enum; the summary's values stay", async () => {
    const spec = JSON.stringify(
      {
        openapi: "3.1.0",
        components: {
          schemas: {
            Thing: {
              type: "object",
              properties: {
                mode: { anyOf: [{ type: "string", enum: ["x", "y"] }, { type: "null" }] },
              },
            },
          },
        },
      },
      null,
      2,
    );
    const flat = JSON.parse(summary([{ name: "mode", type: "string" }])) as {
      fields: { enum: unknown }[];
    };
    (flat.fields[0] as { enum: unknown }).enum = ["x"];
    const { result } = await run(
      { "thing.json": JSON.stringify(flat, null, 2), "spec.json": spec },
      "spec.json",
    );
    expect(result.diagnostics.map((d) => `${d.code} ${d.pointer}`)).toEqual([
      "SG_SPEC_MISMATCH /fields/0/enum",
    ]);
    expect(result.diagnostics[0]?.message).toContain(
      "(/components/schemas/Thing/properties/mode/anyOf/0/enum) (2 values)",
    );
    const types = result.files.find((f) => f.path === "thing.types.ts")?.contents ?? "";
    expect(types).toContain("mode?: ThingMode | null;");
    expect(types).toContain('export type ThingMode = "x";');
  });
});

describe("constructs the model cannot express", () => {
  it("fall back to unknown with a warning positioned in the YAML spec", async () => {
    const spec = [
      "openapi: 3.0.3",
      "info: { title: t, version: '1' }",
      "components:",
      "  schemas:",
      "    Thing:",
      "      type: object",
      "      properties:",
      "        odd:",
      "          not:",
      "            type: string",
      "        ext:",
      "          $ref: 'other.yaml#/Thing'",
      "        either:",
      "          anyOf:",
      "            - type: string",
      "            - allOf: [{ type: string }, { minLength: 1 }]",
      "",
    ].join("\n");
    const fields = [
      { name: "odd", type: "object" },
      { name: "ext", type: "object" },
      { name: "either", type: "object" },
    ];
    const { result } = await run({ "thing.json": summary(fields), "spec.yaml": spec }, "spec.yaml");
    expect(result.diagnostics.map(short)).toEqual([
      "spec.yaml:10:13 warning SG_UNSUPPORTED /components/schemas/Thing/properties/odd/not",
      "spec.yaml:12:17 warning SG_UNSUPPORTED /components/schemas/Thing/properties/ext/$ref",
      "spec.yaml:16:22 warning SG_UNSUPPORTED /components/schemas/Thing/properties/either/anyOf/1/allOf",
    ]);
    const types = result.files.find((f) => f.path === "thing.types.ts")?.contents ?? "";
    expect(types).toContain("odd?: unknown;");
    expect(types).toContain("ext?: unknown;");
  });
});

describe("extra keys", () => {
  it("follow the spec where it speaks (false, true, a schema) and --additional-properties where it is silent", async () => {
    const spec = (extra: unknown) =>
      JSON.stringify({
        openapi: "3.1.0",
        components: {
          schemas: {
            Thing: {
              type: "object",
              ...(extra === undefined ? {} : { additionalProperties: extra }),
              properties: { id: { type: "string" } },
            },
          },
        },
      });
    const root = async (extra: unknown, additionalProperties: boolean) => {
      const dir = tempCwd("structgen-enrich-extra-");
      writeFileSync(join(dir, "thing.json"), summary([{ name: "id", type: "string" }]));
      writeFileSync(join(dir, "spec.json"), spec(extra));
      const result = await generate(
        { inputs: [join(dir, "thing.json")] },
        { prettier: false, additionalProperties, sourceSpec: join(dir, "spec.json") },
      );
      const type = result.models[0]?.declarations[0]?.type;
      return type?.kind === "object" ? type.additionalProperties : "no object";
    };
    expect(await root(false, true)).toBe(false);
    expect(await root(true, false)).toBe(true);
    expect(await root({ type: "integer" }, false)).toEqual({ kind: "number", integer: true });
    expect(await root(undefined, false)).toBe(false);
    expect(await root(undefined, true)).toBe(true);
  });
});

describe("reference rings", () => {
  it("components that only name each other become unknown with a warning; a ring through an object is a recursive type", async () => {
    const spec = JSON.stringify(
      {
        openapi: "3.1.0",
        components: {
          schemas: {
            Thing: {
              type: "object",
              properties: {
                a: { $ref: "#/components/schemas/A" },
                tree: { $ref: "#/components/schemas/Tree" },
              },
            },
            A: { $ref: "#/components/schemas/B" },
            B: { anyOf: [{ $ref: "#/components/schemas/A" }, { type: "null" }] },
            Tree: {
              type: "object",
              properties: { kids: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
            },
          },
        },
      },
      null,
      2,
    );
    const { result } = await run(
      {
        "thing.json": summary([
          { name: "a", type: "object" },
          { name: "tree", type: "object" },
        ]),
        "spec.json": spec,
      },
      "spec.json",
    );
    expect(result.diagnostics.map((d) => `${d.code} ${d.pointer}`)).toEqual([
      "SG_UNSUPPORTED /components/schemas/A",
      "SG_UNSUPPORTED /components/schemas/B",
    ]);
    const types = result.files.find((f) => f.path === "thing.types.ts")?.contents ?? "";
    expect(types).toContain("export type ThingA = unknown;");
    expect(types).toContain("kids?: ThingTree[];");
  });
});

describe("a spec that cannot be used", () => {
  const openapi = (schemas: unknown) =>
    JSON.stringify(
      { openapi: "3.1.0", info: { title: "t", version: "1" }, components: { schemas } },
      null,
      2,
    );
  const thing = summary([{ name: "id", type: "string" }]);
  const cases: { name: string; spec: string; file: string; expected: string }[] = [
    {
      name: "malformed JSON",
      file: "spec.json",
      spec: '{\n  "openapi": "3.1.0",\n  oops\n}',
      expected: "spec.json:3:3 error SG_JSON_SYNTAX ",
    },
    {
      name: "malformed YAML",
      file: "spec.yaml",
      spec: "openapi: 3.1.0\ncomponents:\n  schemas: [a\n",
      expected: "spec.yaml:4:1 error SG_YAML_SYNTAX ",
    },
    {
      name: "a repeated YAML key",
      file: "spec.yaml",
      spec: "openapi: 3.1.0\nopenapi: 3.0.0\n",
      expected: "spec.yaml:2:1 error SG_YAML_SYNTAX ",
    },
    {
      name: "Swagger 2.0",
      file: "spec.json",
      spec: '{ "swagger": "2.0" }',
      expected: "spec.json:1:1 error SG_SPEC_INVALID ",
    },
    {
      name: "no components.schemas",
      file: "spec.json",
      spec: '{\n  "openapi": "3.0.1",\n  "components": {}\n}',
      expected: "spec.json:3:17 error SG_SPEC_INVALID /components",
    },
    {
      name: "an entity it does not have",
      file: "spec.json",
      spec: openapi({ Other: { type: "object" } }),
      expected: "thing.json:4:13 error SG_SPEC_NO_ENTITY /entity",
    },
  ];

  it.each(cases)("$name: a positioned error, and no files", async ({ spec, file, expected }) => {
    const { result } = await run({ "thing.json": thing, [file]: spec }, file);
    expect(result.diagnostics.map(short)).toEqual([expected]);
    expect(result.files).toEqual([]);
  });

  it("a missing spec file: an error naming it, and no files", async () => {
    const { result } = await run({ "thing.json": thing }, "nowhere.json");
    expect(result.diagnostics.map(short)).toEqual(["nowhere.json:1:1 error SG_READ_FAILED "]);
    expect(result.diagnostics[0]?.message).toBe(
      "cannot read the source spec (--source-spec): no such file or folder",
    );
  });

  it("from the CLI: exit 1, the diagnostic on stderr, nothing written, even for the good inputs", async () => {
    const cwd = tempCwd("structgen-enrich-cli-");
    writeFileSync(join(cwd, "run.json"), readFileSync(SEED));
    writeFileSync(
      join(cwd, "openapi.yaml"),
      "openapi: 3.1.0\ncomponents:\n  schemas:\n    Other: {}\n",
    );
    const result = await runCli(
      ["generate", "run.json", "--out", "gen", "--source-spec", "openapi.yaml"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(
      diagnosticLines(result.stderr).map(
        (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`,
      ),
    ).toEqual(["run.json:7:13 error SG_SPEC_NO_ENTITY"]);
    expect(result.stderr).toContain("openapi.yaml:4:5 (/components/schemas)");
    expect(listFiles(join(cwd, "gen"))).toEqual([]);
  });
});

describe("one spec for many inputs", () => {
  it("is read once per run, and its problems are reported once", async () => {
    const cache = new SpecCache();
    expect(cache.load("spec.json")).toBe(cache.load(join(".", "spec.json")));
    const spec = JSON.stringify({
      openapi: "3.1.0",
      components: {
        schemas: {
          Thing: { type: "object", properties: { x: { not: {} } } },
          Other: { type: "object", properties: { x: { not: {} } } },
        },
      },
    });
    const other = summary([{ name: "x", type: "object" }], "Other").replace(
      '"name": "thing"',
      '"name": "other"',
    );
    const { result } = await run(
      {
        "thing.json": summary([{ name: "x", type: "object" }]),
        "other.json": other,
        "spec.json": spec,
      },
      "spec.json",
      ["thing.json", "other.json"],
    );
    expect(result.diagnostics.map((d) => d.pointer)).toEqual([
      "/components/schemas/Thing/properties/x/not",
      "/components/schemas/Other/properties/x/not",
    ]);
    expect(result.documents).toHaveLength(2);
  });

  it("gives each document its own copy of a shared component, prefixed by its entity, so index.ts re-exports both", async () => {
    const spec = JSON.stringify({
      openapi: "3.1.0",
      components: {
        schemas: {
          Thing: { type: "object", properties: { cfg: { $ref: "#/components/schemas/Config" } } },
          Other: {
            type: "object",
            properties: {
              cfg: { anyOf: [{ $ref: "#/components/schemas/Config" }, { type: "null" }] },
            },
          },
          Config: { type: "object", properties: { on: { type: "boolean" } } },
        },
      },
    });
    const other = summary([{ name: "cfg", type: "object" }], "Other").replace(
      '"name": "thing"',
      '"name": "other"',
    );
    const { result } = await run(
      {
        "thing.json": summary([{ name: "cfg", type: "object" }]),
        "other.json": other,
        "spec.json": spec,
      },
      "spec.json",
      ["thing.json", "other.json"],
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.flatMap((d) => d.exports)).toEqual(
      expect.arrayContaining(["ThingConfig", "isThingConfig", "OtherConfig", "isOtherConfig"]),
    );
  });
});

describe("the config file", () => {
  it("checks sourceSpec: a path, resolved against the config's folder", () => {
    expect(
      checkConfig({ sourceSpec: "api/openapi.yaml" }, join("/", "project", "tools"), false),
    ).toEqual({ config: { sourceSpec: join("/", "project", "tools", "api", "openapi.yaml") } });
    expect(checkConfig({ sourceSpec: 3 }, "/", false)).toEqual({
      error: '"sourceSpec": must be a string; got 3',
    });
    expect(checkConfig({ sourceSpec: " " }, "/", false)).toEqual({
      error: '"sourceSpec": needs a file path',
    });
  });

  it("takes sourceSpec relative to the config file, and the flag overrides it", async () => {
    const cwd = tempCwd("structgen-enrich-config-");
    writeFileSync(join(cwd, "package.json"), "{}");
    writeFileSync(join(cwd, "run.json"), readFileSync(SEED));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(cwd, "tools", "specs"), { recursive: true });
    const spec = {
      openapi: "3.1.0",
      components: {
        schemas: {
          Run: {
            type: "object",
            properties: {
              completed_at: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
            },
          },
        },
      },
    };
    writeFileSync(join(cwd, "tools", "specs", "openapi.json"), JSON.stringify(spec));
    writeFileSync(
      join(cwd, "tools", "structgen.config.json"),
      JSON.stringify({ inputs: ["../run.json"], out: "../gen", sourceSpec: "specs/openapi.json" }),
    );
    const result = await runCli(
      ["generate", "--config", "tools/structgen.config.json", "--quiet"],
      { cwd },
    );
    expect(result.stderr).toContain("tools/specs/openapi.json");
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, "gen", "letta-run.types.ts"), "utf8")).toContain(
      "completed_at?: string | null;",
    );
    const flag = await runCli(
      ["generate", "--config", "tools/structgen.config.json", "--source-spec", "missing.json"],
      { cwd },
    );
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("missing.json");
  });
});

describe("validate", () => {
  it("checks data with the enriched guards, as generate writes them", async () => {
    const cwd = tempCwd("structgen-enrich-validate-");
    writeFileSync(join(cwd, "run.json"), readFileSync(SEED));
    const spec = {
      openapi: "3.1.0",
      components: {
        schemas: {
          Run: {
            type: "object",
            properties: { ttft_ns: { anyOf: [{ type: "integer" }, { type: "null" }] } },
          },
        },
      },
    };
    writeFileSync(join(cwd, "openapi.json"), JSON.stringify(spec));
    writeFileSync(join(cwd, "good.json"), JSON.stringify({ agent_id: "a", ttft_ns: null }));
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ agent_id: "a", ttft_ns: "5" }));
    const plain = await runCli(["validate", "run.json", "good.json", "bad.json", "--quiet"], {
      cwd,
    });
    expect(plain.code).toBe(0);
    const enriched = await runCli(
      ["validate", "run.json", "good.json", "bad.json", "--quiet", "--source-spec", "openapi.json"],
      { cwd },
    );
    expect(enriched.code).toBe(1);
    expect(
      diagnosticLines(enriched.stderr)
        .filter((d) => d.severity === "error")
        .map((d) => `${d.file} ${d.code}`),
    ).toEqual(["bad.json SG_INVALID_DATA"]);
  });
});

describe("JSON Structure Core documents", () => {
  it("are generated as they are, with a warning, since only flat summaries are enriched", async () => {
    const core = join(REPO_ROOT, "fixtures", "core", "choice-tagged", "input.struct.json");
    const plain = await generate({ inputs: [core] }, { prettier: false });
    const withSpec = await generate(
      { inputs: [core] },
      { prettier: false, sourceSpec: join(CASE, "openapi.json") },
    );
    expect(withSpec.files).toEqual(plain.files);
    expect(withSpec.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      "warning SG_SPEC_MISMATCH",
    ]);
  });
});
