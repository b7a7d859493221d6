/**
 * Invalid JSON Structure Core documents: each is rejected with the expected diagnostic code at the expected JSON
 * pointer, positioned (line and column), and nothing is generated. Warnings keep the document usable. A few of
 * them lean on what only the catalog reading understands (a bare $ref, no $id, ...): detection gives them that
 * reading, so they are rejected as Core under `--dialect core`, and read as catalog files otherwise (last test).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiagnosticCode } from "../../src/model/diagnostics.js";
import { generate } from "../../src/pipeline/generate.js";
import { REPO_ROOT } from "../helpers/fixtures.js";

const HEAD = { $schema: "https://json-structure.org/meta/core/v0/#", $id: "https://example.com/t" };
const root = (extra: Record<string, unknown>): Record<string, unknown> => ({
  ...HEAD,
  name: "Root",
  type: "object",
  ...extra,
});
const prop = (schema: unknown): Record<string, unknown> => root({ properties: { a: schema } });

interface Given {
  readonly name: string;
  readonly doc: Record<string, unknown>;
  readonly code: DiagnosticCode;
  readonly pointer: string;
  /** Read as Core only when forced: detection gives the document the catalog reading (at this pointer). */
  readonly catalogAt?: string;
}

const ERRORS: readonly Given[] = [
  {
    name: "unresolved $ref",
    doc: prop({ type: { $ref: "#/definitions/Nope" } }),
    code: "SG_UNRESOLVED_REF",
    pointer: "/properties/a/type/$ref",
  },
  {
    name: "$ref to a namespace",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/Ns" } } },
      definitions: { Ns: { T: { type: "string" } } },
    }),
    code: "SG_UNRESOLVED_REF",
    pointer: "/properties/a/type/$ref",
  },
  {
    name: "$ref outside definitions",
    doc: prop({ type: { $ref: "#/properties/b" } }),
    code: "SG_UNRESOLVED_REF",
    pointer: "/properties/a/type/$ref",
  },
  {
    name: "$ref with a bad escape",
    doc: prop({ type: { $ref: "#/definitions/~2x" } }),
    code: "SG_UNRESOLVED_REF",
    pointer: "/properties/a/type/$ref",
  },
  {
    name: "bare $ref",
    doc: prop({ $ref: "#/definitions/T" }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/properties/a/$ref",
    catalogAt: "/properties/a/$ref",
  },
  {
    name: "$defs instead of definitions",
    doc: root({ properties: { a: { type: "string" } }, $defs: {} }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/$defs",
  },
  {
    name: "self alias",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/T" } } },
      definitions: { T: { type: { $ref: "#/definitions/T" } } },
    }),
    code: "SG_REF_CYCLE",
    pointer: "/definitions/T",
  },
  {
    name: "alias ring through a union",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/T" } } },
      definitions: {
        T: { type: [{ $ref: "#/definitions/U" }, "null"] },
        U: { type: { $ref: "#/definitions/T" } },
      },
    }),
    code: "SG_REF_CYCLE",
    pointer: "/definitions/T",
  },
  {
    name: "$extends cycle",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: {
        A: {
          abstract: true,
          type: "object",
          $extends: "#/definitions/B",
          properties: { x: { type: "string" } },
        },
        B: {
          abstract: true,
          type: "object",
          $extends: "#/definitions/A",
          properties: { y: { type: "string" } },
        },
      },
    }),
    code: "SG_REF_CYCLE",
    pointer: "/definitions/B/$extends",
  },
  {
    name: "property name not an identifier",
    doc: root({ properties: { "a-b": { type: "string" } } }),
    code: "SG_BAD_NAME",
    pointer: "/properties/a-b",
  },
  {
    name: "definition name not an identifier",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: { "9lives": { type: "string" } },
    }),
    code: "SG_BAD_NAME",
    pointer: "/definitions/9lives",
  },
  {
    name: "names colliding after sanitizing",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: { x: { type: "string" }, X: { type: "int32" } },
    }),
    code: "SG_NAME_COLLISION",
    pointer: "/definitions/X",
  },
  {
    name: "$ref to an abstract type",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/B" } } },
      definitions: { B: { abstract: true, type: "object", properties: { x: { type: "string" } } } },
    }),
    code: "SG_ABSTRACT_USE",
    pointer: "/properties/a/type/$ref",
  },
  {
    name: "$root naming an abstract type",
    doc: {
      ...HEAD,
      name: "R",
      $root: "#/definitions/B",
      definitions: { B: { abstract: true, type: "object", properties: { x: { type: "string" } } } },
    },
    code: "SG_ABSTRACT_USE",
    pointer: "/$root",
  },
  {
    name: "type and $root together",
    doc: root({
      $root: "#/definitions/T",
      properties: { a: { type: "string" } },
      definitions: { T: { type: "string" } },
    }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/$root",
  },
  {
    name: "missing $id",
    doc: { $schema: HEAD.$schema, name: "R", type: "string" },
    code: "SG_MISSING_KEY",
    pointer: "",
    catalogAt: "",
  },
  {
    name: "root type without a name",
    doc: { ...HEAD, type: "string" },
    code: "SG_MISSING_KEY",
    pointer: "",
    catalogAt: "",
  },
  {
    name: "schema without type",
    doc: prop({ description: "no type" }),
    code: "SG_MISSING_KEY",
    pointer: "/properties/a",
  },
  {
    name: "unknown type",
    doc: prop({ type: "int33" }),
    code: "SG_UNKNOWN_TYPE",
    pointer: "/properties/a/type",
  },
  {
    name: "empty enum",
    doc: prop({ type: "string", enum: [] }),
    code: "SG_ENUM_EMPTY",
    pointer: "/properties/a/enum",
  },
  {
    name: "enum value of the wrong type",
    doc: prop({ type: "uint8", enum: [1, 256] }),
    code: "SG_ENUM_TYPE",
    pointer: "/properties/a/enum/1",
  },
  {
    name: "enum value that is not an int64 string",
    doc: prop({ type: "int64", enum: [5] }),
    code: "SG_ENUM_TYPE",
    pointer: "/properties/a/enum/0",
  },
  {
    name: "duplicate enum value",
    doc: prop({ type: "string", enum: ["x", "x"] }),
    code: "SG_ENUM_DUPLICATE",
    pointer: "/properties/a/enum/1",
  },
  {
    name: "enum on an object",
    doc: prop({ type: "object", properties: { x: { type: "string" } }, enum: [{}] }),
    code: "SG_ENUM_TYPE",
    pointer: "/properties/a/enum",
  },
  {
    name: "enum with a union",
    doc: prop({ type: ["string", "null"], enum: ["x"] }),
    code: "SG_ENUM_TYPE",
    pointer: "/properties/a/enum",
  },
  {
    name: "inline compound in a union",
    doc: prop({ type: ["string", "object"] }),
    code: "SG_UNKNOWN_TYPE",
    pointer: "/properties/a/type/1",
  },
  {
    name: "empty union",
    doc: prop({ type: [] }),
    code: "SG_WRONG_SHAPE",
    pointer: "/properties/a/type",
  },
  {
    name: "object without properties",
    doc: prop({ type: "object" }),
    code: "SG_MISSING_KEY",
    pointer: "/properties/a",
    catalogAt: "/properties/a",
  },
  {
    name: "required names an undeclared property",
    doc: root({ properties: { a: { type: "string" } }, required: [["a"], ["b"]] }),
    code: "SG_MISSING_KEY",
    pointer: "/required/1/0",
  },
  {
    name: "redefined inherited property",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/D" } } },
      definitions: {
        B: { abstract: true, type: "object", properties: { x: { type: "string" } } },
        D: { type: "object", $extends: "#/definitions/B", properties: { x: { type: "int32" } } },
      },
    }),
    code: "SG_BAD_EXTENDS",
    pointer: "/definitions/D/properties/x",
  },
  {
    name: "$extends of a string type",
    doc: root({
      properties: { a: { type: { $ref: "#/definitions/D" } } },
      definitions: {
        S: { type: "string" },
        D: { type: "object", $extends: "#/definitions/S", properties: { x: { type: "string" } } },
      },
    }),
    code: "SG_BAD_EXTENDS",
    pointer: "/definitions/D/$extends",
  },
  {
    name: "abstract with additionalProperties",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: {
        B: {
          abstract: true,
          type: "object",
          properties: { x: { type: "string" } },
          additionalProperties: false,
        },
      },
    }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/definitions/B/additionalProperties",
  },
  {
    name: "abstract on a string",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: { B: { abstract: true, type: "string" } },
    }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/definitions/B/abstract",
  },
  {
    name: "items on an object",
    doc: prop({ type: "object", properties: { x: { type: "string" } }, items: { type: "string" } }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/properties/a/items",
  },
  {
    name: "maxLength on an int32",
    doc: prop({ type: "int32", maxLength: 3 }),
    code: "SG_MISPLACED_KEYWORD",
    pointer: "/properties/a/maxLength",
  },
  {
    name: "tuple listing an unknown name",
    doc: prop({ type: "tuple", properties: { x: { type: "string" } }, tuple: ["x", "y"] }),
    code: "SG_WRONG_SHAPE",
    pointer: "/properties/a/tuple",
  },
  {
    name: "choice without choices",
    doc: prop({ type: "choice" }),
    code: "SG_MISSING_KEY",
    pointer: "/properties/a",
  },
  {
    name: "inline choice without selector",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: {
        B: { abstract: true, type: "object", properties: { x: { type: "string" } } },
        C: {
          type: "choice",
          $extends: "#/definitions/B",
          choices: { x: { type: "object", properties: { y: { type: "string" } } } },
        },
      },
    }),
    code: "SG_MISSING_KEY",
    pointer: "/definitions/C",
  },
  {
    name: "selector declared as a number",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: {
        B: { abstract: true, type: "object", properties: { kind: { type: "int32" } } },
        C: {
          type: "choice",
          $extends: "#/definitions/B",
          selector: "kind",
          choices: { x: { type: "object", properties: { y: { type: "string" } } } },
        },
      },
    }),
    code: "SG_BAD_EXTENDS",
    pointer: "/definitions/C/choices/x",
  },
  {
    name: "pattern property matching a declared key",
    doc: {
      ...root({
        properties: { xa: { type: "string" } },
        patternProperties: { "^x": { type: "string" } },
      }),
      $uses: ["JSONStructureValidation"],
    },
    code: "SG_UNSUPPORTED",
    pointer: "/patternProperties/^x",
  },
  {
    name: "minContains above maxContains",
    doc: prop({
      type: "array",
      items: { type: "int32" },
      contains: { type: "int32" },
      minContains: 3,
      maxContains: 1,
    }),
    code: "SG_BAD_CONSTRAINT",
    pointer: "/properties/a/minContains",
  },
  {
    name: "invalid regular expression",
    doc: prop({ type: "string", pattern: "(" }),
    code: "SG_BAD_CONSTRAINT",
    pointer: "/properties/a/pattern",
  },
  {
    name: "minimum on a string",
    doc: prop({ type: "string", minimum: 1 }),
    code: "SG_BAD_CONSTRAINT",
    pointer: "/properties/a/minimum",
  },
  {
    name: "conditional composition",
    doc: prop({ type: "string", allOf: [] }),
    code: "SG_UNSUPPORTED",
    pointer: "/properties/a/allOf",
  },
  {
    name: "patternKeys",
    doc: {
      ...prop({
        type: "map",
        values: { type: "string" },
        patternKeys: { "^a": { type: "string" } },
      }),
      $uses: ["JSONStructureValidation"],
    },
    code: "SG_UNSUPPORTED",
    pointer: "/properties/a/patternKeys",
  },
  {
    name: "binary with an unknown encoding",
    doc: prop({ type: "binary", contentEncoding: "base85" }),
    code: "SG_BAD_CONSTRAINT",
    pointer: "/properties/a/type/contentEncoding",
  },
  {
    name: "import of a network URI",
    doc: root({
      properties: { a: { type: "string" } },
      $import: "https://example.com/lib.struct.json",
    }),
    code: "SG_IMPORT_FAILED",
    pointer: "/$import",
  },
  {
    name: "import of a missing file",
    doc: root({
      properties: { a: { type: "string" } },
      definitions: { Lib: { $import: "does-not-exist.struct.json" } },
    }),
    code: "SG_IMPORT_FAILED",
    pointer: "/definitions/Lib/$import",
  },
];

async function run(
  doc: unknown,
  path = "test/core/inline.struct.json",
  dialect: "auto" | "core" = "auto",
) {
  return generate(
    { inputs: [{ path, contents: JSON.stringify(doc, null, 2) }] },
    { prettier: false, dialect },
  );
}

describe("invalid Core documents", () => {
  it.each(ERRORS)("$name: $code at $pointer", async ({ doc, code, pointer, catalogAt }) => {
    const result = await run(doc, undefined, catalogAt === undefined ? "auto" : "core");
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(result.files).toEqual([]);
    expect(errors.map((d) => ({ code: d.code, pointer: d.pointer }))).toContainEqual({
      code,
      pointer,
    });
    expect(errors.find((d) => d.code === code && d.pointer === pointer)?.line).toBeTypeOf("number");
  });

  it.each(ERRORS.filter((given) => given.catalogAt !== undefined))(
    "$name, read without --dialect core: the catalog reading, with a note where the document leans on it",
    async ({ doc, catalogAt }) => {
      const result = await run(doc);
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.models.map((m) => m.dialect)).toEqual(["catalog"]);
      expect(result.diagnostics.filter((d) => d.severity === "info")).toEqual([
        expect.objectContaining({ code: "SG_CATALOG_READING", pointer: catalogAt }),
      ]);
    },
  );

  it("an import cycle is reported with the chain of files", async () => {
    const path = "test/core/imports/cycle-a.struct.json";
    const result = await generate(
      { inputs: [{ path, contents: readFileSync(join(REPO_ROOT, path)) }] },
      { prettier: false },
    );
    const cycle = result.diagnostics.find((d) => d.code === "SG_IMPORT_CYCLE");
    expect(cycle).toMatchObject({
      severity: "error",
      file: "test/core/imports/cycle-b.struct.json",
      pointer: "/$import",
    });
    expect(cycle?.message).toMatch(
      /cycle-a\.struct\.json -> .*cycle-b\.struct\.json -> .*cycle-a\.struct\.json/,
    );
    expect(result.files).toEqual([]);
  });
});

describe("warnings keep a Core document usable", () => {
  it.each([
    {
      name: "validation keyword without $uses",
      doc: prop({ type: "string", minLength: 1 }),
      code: "SG_EXTENSION_NOT_ENABLED",
      pointer: "/properties/a/minLength",
    },
    {
      name: "default without $uses",
      doc: prop({ type: "string", default: "x" }),
      code: "SG_EXTENSION_NOT_ENABLED",
      pointer: "/properties/a/default",
    },
    {
      name: "$extends of a concrete type",
      doc: root({
        properties: { a: { type: { $ref: "#/definitions/D" } } },
        definitions: {
          B: { type: "object", properties: { x: { type: "string" } } },
          D: { type: "object", $extends: "#/definitions/B", properties: { y: { type: "string" } } },
        },
      }),
      code: "SG_BAD_EXTENDS",
      pointer: "/definitions/D/$extends",
    },
    {
      name: "a type library",
      doc: { ...HEAD, definitions: { T: { type: "string" } } },
      code: "SG_NO_ROOT",
      pointer: "",
    },
    {
      name: "unknown keyword",
      doc: prop({ type: "string", colour: "red" }),
      code: "SG_UNKNOWN_KEY",
      pointer: "/properties/a/colour",
    },
    {
      name: "unknown format",
      doc: { ...prop({ type: "string", format: "zip-code" }), $uses: ["JSONStructureValidation"] },
      code: "SG_UNKNOWN_FORMAT",
      pointer: "/properties/a/format",
    },
  ] as const)("$name: $code", async ({ doc, code, pointer }) => {
    const result = await run(doc);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(
      result.diagnostics.map((d) => ({ code: d.code, pointer: d.pointer, severity: d.severity })),
    ).toContainEqual({ code, pointer, severity: "warning" });
    expect(result.files.length).toBeGreaterThan(0);
  });
});

describe("string-encoded numbers: enum, const and default values are checked for form and range", () => {
  const USES = { $uses: ["JSONStructureValidation"] };
  it.each([
    {
      given: { type: "int64", enum: ["1", "99999999999999999999"] },
      want: {
        pointer: "/properties/a/enum/1",
        message:
          '"99999999999999999999" is outside the int64 range (-9223372036854775808 to 9223372036854775807)',
      },
    },
    {
      given: { type: "int64", const: "-9223372036854775809" },
      want: {
        pointer: "/properties/a/const",
        message:
          '"-9223372036854775809" is outside the int64 range (-9223372036854775808 to 9223372036854775807)',
      },
    },
    {
      given: { type: "uint64", enum: ["-1"] },
      want: { pointer: "/properties/a/enum/0", message: '"-1" is not a uint64 string' },
    },
    {
      given: { type: "uint128", default: "340282366920938463463374607431768211456" },
      want: {
        pointer: "/properties/a/default",
        message:
          'default "340282366920938463463374607431768211456" is outside the uint128 range (0 to 340282366920938463463374607431768211455)',
      },
    },
    {
      given: { type: "decimal", default: 1.5 },
      want: { pointer: "/properties/a/default", message: "default 1.5 is not a decimal string" },
    },
  ])("$given.type $given: SG_ENUM_TYPE", async ({ given, want }) => {
    const result = await run({ ...prop(given), ...USES });
    expect(result.files).toEqual([]);
    expect(
      result.diagnostics.map(({ code, severity, pointer, message }) => ({
        code,
        severity,
        pointer,
        message,
      })),
    ).toEqual([{ code: "SG_ENUM_TYPE", severity: "error", ...want }]);
  });

  it.each([
    { type: "int64", enum: ["-9223372036854775808", "-0", "9223372036854775807"] },
    { type: "uint64", const: "18446744073709551615" },
    { type: "int128", default: "-170141183460469231731687303715884105728" },
    { type: "uint128", default: "340282366920938463463374607431768211455" },
    { type: "decimal", enum: ["-0.5", "12.25"], default: "-0.5" },
  ])("$type at its limits: accepted", async (given) => {
    const result = await run({ ...prop(given), ...USES });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.length).toBeGreaterThan(0);
  });
});
