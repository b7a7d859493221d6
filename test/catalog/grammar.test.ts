/** The catalog reading's pure parts: the type-text grammar, type names, detection. Given this, want that. */
import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../src/model/diagnostics.js";
import type { DialectChoice } from "../../src/model/options.js";
import { typeNameOf, derivedName, pathName, prefixed } from "../../src/read/catalog/names.js";
import { parseTypeText, type TypeExpr } from "../../src/read/catalog/type-text.js";
import { detectDialect } from "../../src/read/detect.js";
import type { JsonObject } from "../../src/read/source.js";

const name = (n: string): TypeExpr => ({ kind: "name", name: n });
const array = (items: TypeExpr, unique = false): TypeExpr => ({ kind: "array", items, unique });

describe("type text grammar", () => {
  const table: [string, TypeExpr][] = [
    ["string", name("string")],
    ["  date-time  ", name("date-time")],
    ["StatsigUser", name("StatsigUser")],
    ["string[]", array(name("string"))],
    ["string[][]", array(array(name("string")))],
    ["array<Phone>", array(name("Phone"))],
    ["Array<int>", array(name("int"))],
    ["set<string>", array(name("string"), true)],
    ["map<string,string>", { kind: "map", key: name("string"), values: name("string") }],
    ["map<string, array<int>>", { kind: "map", key: name("string"), values: array(name("int")) }],
    ["map<number>", { kind: "map", values: name("number") }],
    ["object<Budget>", { kind: "object", of: name("Budget") }],
    ["enum[a,b]", { kind: "enum", values: ["a", "b"] }],
    ["enum['a', \"b c\"]", { kind: "enum", values: ["a", "b c"] }],
    ["string|null", { kind: "union", members: [name("string"), name("null")] }],
    [
      "string | number | null",
      { kind: "union", members: [name("string"), name("number"), name("null")] },
    ],
    ["string (date-time)", { kind: "hinted", base: name("string"), hint: "date-time" }],
    ["string (the user's name)", { kind: "hinted", base: name("string"), hint: "the user's name" }],
    [
      "array<string> (comma list)",
      { kind: "hinted", base: array(name("string")), hint: "comma list" },
    ],
    ["['string', 'null']", { kind: "union", members: [name("string"), name("null")] }],
    ['["integer","null"]', { kind: "union", members: [name("integer"), name("null")] }],
    ["['object']", name("object")],
  ];
  it.each(table)("%j parses", (text, want) => {
    expect(parseTypeText(text)).toEqual({ expr: want });
  });

  const errors: [string, RegExp][] = [
    ["", /empty/],
    ["array<string", /unbalanced: "<" is not closed/],
    ["map<string,string", /unbalanced/],
    ["string)", /unbalanced: "\)" closes nothing/],
    ["array<string]", /unbalanced/],
    ["a||b", /union member is empty/],
    ["['string' 'null']", /not a list of quoted type names/],
    ["[string, null]", /not a list of quoted type names/],
    ["['string', ]", /not a list of quoted type names/],
    ["[]", /not a list of quoted type names/],
    ["['']", /not a list of quoted type names|empty type name/],
    ["map<a,b,c>", /key and a value type/],
    ["array<a,b>", /one item type/],
    ["tuple<a,b>", /not a type structgen reads/],
    ["enum[a,,b]", /empty enum value/],
    ["3d", /not a type name/],
  ];
  it.each(errors)("%j is an error", (text, want) => {
    const parsed = parseTypeText(text);
    expect("error" in parsed ? parsed.error : "parsed").toMatch(want);
  });
});

describe("type names", () => {
  it.each([
    ["TiDB Cloud Cluster", "TiDBCloudCluster"],
    ["BlackRock Aladdin Portfolio Structure", "BlackRockAladdinPortfolio"],
    ["RedisStreamEntryStructure", "RedisStreamEntry"],
    ["redis-stream-entry-structure", "RedisStreamEntry"],
    ["order", "Order"],
    ["my_type", "My_type"],
    ["Structure", "Structure"],
    ["Infrastructure", "Infrastructure"],
    ["Worker process", "WorkerProcess"],
    ["straße", "Straße"],
    ["--", undefined],
  ])("%j -> %j", (text, want) => {
    expect(typeNameOf(text)).toBe(want);
  });

  it("derived names join the path in PascalCase under the root; their fallback keeps the path as written", () => {
    expect(derivedName("Run", ["status"])).toBe("RunStatus");
    expect(derivedName("Run", ["user_id"])).toBe(derivedName("Run", ["userId"]));
    expect(pathName("Run", ["user_id"])).toBe("Run_user_id");
    expect(pathName("Run", ["user-id", "Item"])).toBe("Run_user_id_Item");
    expect(prefixed("Account", "Application")).toBe("AccountApplication");
    expect(prefixed("Run", "RunStatus")).toBe("RunStatus");
  });

  it("derived names keep only letters every TypeScript takes in an identifier (a property test found U+323B0)", () => {
    expect(derivedName("Run", ["straße", "Ωmega", "日本"])).toBe("RunStraßeΩmega日本");
    expect(derivedName("Run", ["\u{323b0}"])).toBe("Run");
    expect(derivedName("Run", ["a\u{1d400}b"])).toBe("RunAB");
    expect(pathName("Run", ["\u{323b0}x"])).toBe("Run_x");
  });
});

describe("detection", () => {
  const CORE = "https://json-structure.org/meta/core/v0/#";
  const core = (extra: Record<string, unknown>) => ({
    $schema: CORE,
    $id: "https://example.com/x",
    name: "X",
    type: "object",
    properties: { a: { type: "string" } },
    ...extra,
  });
  const table: [string, Record<string, unknown>, DialectChoice, string, string | undefined][] = [
    ["a flat summary", { jsonStructure: "0.1", fields: [] }, "auto", "flat", undefined],
    ["strict Core", core({}), "auto", "core", undefined],
    ["a field list", { name: "X", fields: [] }, "auto", "catalog", "/fields"],
    ["properties without $schema", { name: "X", properties: {} }, "auto", "catalog", ""],
    [
      "another $schema",
      { $schema: "https://json-structure.org/draft/2020-12/schema", type: "object" },
      "auto",
      "catalog",
      "/$schema",
    ],
    [
      "Core with nullable",
      core({ properties: { a: { type: "string", nullable: true } } }),
      "auto",
      "catalog",
      "/properties/a/nullable",
    ],
    [
      "Core with x-nullable",
      core({ properties: { a: { type: "string", "x-nullable": true } } }),
      "auto",
      "catalog",
      "/properties/a/x-nullable",
    ],
    [
      "Core with a bare $ref",
      core({ properties: { a: { $ref: "#/definitions/A" } } }),
      "auto",
      "catalog",
      "/properties/a/$ref",
    ],
    [
      "Core with a Python list",
      core({ properties: { a: { type: "['string', 'null']" } } }),
      "auto",
      "catalog",
      "/properties/a/type",
    ],
    [
      "Core with example",
      core({ properties: { a: { type: "string", example: "x" } } }),
      "auto",
      "catalog",
      "/properties/a/example",
    ],
    [
      "Core with value",
      core({ properties: { a: { type: "string", value: "x" } } }),
      "auto",
      "catalog",
      "/properties/a/value",
    ],
    [
      "Core with a property named value",
      core({ properties: { value: { type: "string" } } }),
      "auto",
      "core",
      undefined,
    ],
    [
      "Core with {$ref} in a type list",
      core({ properties: { a: { type: [{ $ref: "#/definitions/A" }, "null"] } } }),
      "auto",
      "core",
      undefined,
    ],
    ["Core without $id", { ...core({}), $id: undefined }, "auto", "catalog", ""],
    [
      "Core with a title for a name",
      { ...core({}), name: undefined, title: "X" },
      "auto",
      "catalog",
      "",
    ],
    ["Core with a prose name", core({ name: "Bandwidth Message" }), "auto", "catalog", "/name"],
    [
      "Core with an object without properties",
      core({ properties: { a: { type: "object" } } }),
      "auto",
      "catalog",
      "/properties/a",
    ],
    ["forced flat", { name: "X", fields: [] }, "flat", "flat", undefined],
    ["forced core", core({ properties: { a: { $ref: "#/x" } } }), "core", "core", undefined],
    ["forced catalog", core({}), "catalog", "catalog", undefined],
  ];
  it.each(table)("%s", (_label, doc, choice, want, notedAt) => {
    const sink = new DiagnosticSink("doc.json");
    const value = JSON.parse(JSON.stringify(doc)) as JsonObject;
    expect(detectDialect(value, sink, choice)?.dialect).toBe(want);
    expect(sink.items.map((d) => [d.severity, d.code, d.pointer])).toEqual(
      notedAt === undefined ? [] : [["info", "SG_CATALOG_READING", notedAt]],
    );
  });

  it("a document that describes no type is not a catalog file either", () => {
    const sink = new DiagnosticSink("doc.json");
    expect(detectDialect({ openapi: "3.1.0", info: {} }, sink)).toBeUndefined();
    expect(sink.items.map((d) => d.code)).toEqual(["SG_UNKNOWN_DIALECT"]);
  });
});
