/**
 * The catalog reading through the read stage and the pipeline: each spelling's model node and the warning it
 * carries (or none), references across the documents of a run (through the run index), the root-name rule, and
 * the options that change the reading (--dialect, --strict).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Declaration, ModelDocument, TypeNode } from "../../src/model/model.js";
import type { OutputFile } from "../../src/emit/emitters.js";
import { generate, runPipeline } from "../../src/pipeline/generate.js";
import { normalize, parse } from "../../src/read/read.js";
import { indexDocuments } from "../../src/read/run-index.js";
import { REPO_ROOT } from "../helpers/fixtures.js";

async function readOne(doc: unknown, file = "doc.json", index = indexDocuments([])) {
  const parsed = await parse({ path: file, contents: JSON.stringify(doc, null, 2) });
  return normalize(parsed, {}, index);
}

/**
 * The model node of one member of a `properties` map, with refs to derived declarations followed once. (A field
 * of a field list reads the same way, but must say its type: the field-list cases are in the goldens.)
 */
async function fieldType(field: Record<string, unknown>) {
  const { model, diagnostics } = await readOne({ name: "T", properties: { f: field } });
  const root = model?.declarations[0]?.type;
  const property = root?.kind === "object" ? root.properties[0] : undefined;
  const follow = (type: TypeNode | undefined): TypeNode | Declaration | undefined =>
    type?.kind === "ref" ? model?.declarations.find((d) => d.name === type.target) : type;
  return {
    type: follow(property?.type),
    warnings: diagnostics.filter((d) => d.severity === "warning").map((d) => d.code),
    errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
  };
}

const str = (extra: Record<string, unknown> = {}): TypeNode => ({ kind: "string", ...extra });
const int: TypeNode = { kind: "number", integer: true };
const nullable = (type: TypeNode): TypeNode => ({
  kind: "union",
  members: [type, { kind: "null" }],
});

describe("each spelling: its node, exact or warned", () => {
  const table: [string, Record<string, unknown>, unknown, string[]][] = [
    ["integer is any JSON integer", { type: "integer" }, int, []],
    [
      "int32 keeps its range",
      { type: "int32" },
      { kind: "number", integer: true, minimum: -2147483648, maximum: 2147483647 },
      [],
    ],
    ["int64 is a JSON number, warned", { type: "int64" }, int, ["SG_PRECISION"]],
    [
      "decimal is a JSON number, warned",
      { type: "decimal" },
      { kind: "number", integer: false },
      ["SG_PRECISION"],
    ],
    ["datetime", { type: "datetime" }, str({ format: "date-time" }), []],
    ["date-time", { type: "date-time" }, str({ format: "date-time" }), []],
    ["timestamp, warned", { type: "timestamp" }, str({ format: "date-time" }), ["SG_GUESSED_TYPE"]],
    ["uuid", { type: "uuid" }, str({ format: "uuid" }), []],
    ["uri", { type: "uri" }, str({ format: "uri-reference" }), []],
    ["email", { type: "email" }, str({ format: "email" }), []],
    ["String (case)", { type: "String" }, str(), []],
    ["any", { type: "any" }, { kind: "any" }, []],
    ["string (date-time)", { type: "string (date-time)" }, str({ format: "date-time" }), []],
    [
      "string (ISO 8601 date), warned",
      { type: "string (ISO 8601 date)" },
      str({ format: "date" }),
      ["SG_GUESSED_TYPE"],
    ],
    ["string (free text)", { type: "string (free text)" }, str(), []],
    ["string|null", { type: "string|null" }, nullable(str()), []],
    ["['string', 'null']", { type: "['string', 'null']" }, nullable(str()), []],
    ["[T, null]", { type: ["integer", "null"] }, nullable(int), []],
    ["nullable", { type: "string", nullable: true }, nullable(str()), []],
    ["x-nullable", { type: "string", "x-nullable": true }, nullable(str()), []],
    ['nullable: "yes", warned', { type: "string", nullable: "yes" }, str(), ["SG_WRONG_SHAPE"]],
    ["string[]", { type: "string[]" }, { kind: "array", items: str(), unique: false }, []],
    ["map<string,integer>", { type: "map<string,integer>" }, { kind: "map", values: int }, []],
    [
      "map<integer,string>, warned",
      { type: "map<integer,string>" },
      { kind: "map", values: str() },
      ["SG_GUESSED_TYPE"],
    ],
    [
      "object without fields, warned",
      { type: "object" },
      { kind: "map", values: { kind: "any" } },
      ["SG_OPEN_OBJECT"],
    ],
    [
      "array without items, warned",
      { type: "array" },
      { kind: "array", items: { kind: "any" }, unique: false },
      ["SG_UNTYPED_ARRAY"],
    ],
    [
      "object<Nowhere>, warned",
      { type: "object<Nowhere>" },
      { kind: "map", values: { kind: "any" } },
      ["SG_UNRESOLVED_REF"],
    ],
    ["an unknown name, warned", { type: "Nowhere" }, { kind: "any" }, ["SG_UNRESOLVED_REF"]],
    [
      "additionalProperties without members",
      { type: "object", additionalProperties: { type: "string" } },
      { kind: "map", values: str() },
      [],
    ],
    [
      "value, warned",
      { type: "string", value: "x" },
      { kind: "literal", values: ["x"] },
      ["SG_VALUE_CONSTANT"],
    ],
    ["const", { type: "string", const: "x" }, { kind: "literal", values: ["x"] }, []],
    [
      "pattern and lengths",
      { type: "string", pattern: "^a", minLength: 1, maxLength: 3 },
      str({ minLength: 1, maxLength: 3, pattern: "^a" }),
      [],
    ],
    ["an invalid pattern, warned", { type: "string", pattern: "(" }, str(), ["SG_BAD_CONSTRAINT"]],
    ["minimum on a string, warned", { type: "string", minimum: 1 }, str(), ["SG_BAD_CONSTRAINT"]],
    [
      "minimum above maximum, warned",
      { type: "integer", minimum: 3, maximum: 1 },
      int,
      ["SG_BAD_CONSTRAINT"],
    ],
    [
      "exclusiveMinimum: true (draft 4)",
      { type: "number", minimum: 0, exclusiveMinimum: true },
      { kind: "number", integer: false, exclusiveMinimum: 0 },
      [],
    ],
    ["format email", { type: "string", format: "email" }, str({ format: "email" }), []],
    ["an unknown format, warned", { type: "string", format: "zip" }, str(), ["SG_UNKNOWN_FORMAT"]],
    [
      "format int64 on an integer",
      { type: "integer", format: "int64" },
      { kind: "number", integer: true, format: "int64" },
      [],
    ],
    ["an unknown key, warned", { type: "string", colour: "red" }, str(), ["SG_UNKNOWN_KEY"]],
    ["an x- extension, silent", { type: "string", "x-order": 3 }, str(), []],
    [
      "documentation keys, silent",
      { type: "string", example: "a", default: "b", deprecated: true, readOnly: true, title: "T" },
      str(),
      [],
    ],
    [
      "oneOf, warned",
      { oneOf: [{ type: "string" }, { type: "integer" }] },
      { kind: "union", members: [str(), int] },
      ["SG_UNSUPPORTED"],
    ],
    [
      "anyOf",
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      { kind: "union", members: [str(), int] },
      [],
    ],
    ["allOf [type, docs]", { allOf: [{ type: "integer" }, { description: "d" }] }, int, []],
    ["no type at all, warned", { description: "?" }, { kind: "any" }, ["SG_GUESSED_TYPE"]],
  ];
  it.each(table)("%s", async (_label, field, want, warnings) => {
    const got = await fieldType(field);
    expect(got.errors).toEqual([]);
    expect(got.type).toEqual(want);
    expect(got.warnings).toEqual(warnings);
  });

  it("a member key of letters TypeScript does not know still gets a usable derived name (shrunk from the property test)", async () => {
    const doc = { name: "Order", properties: { "\u{323b0}": { type: "string", enum: ["red"] } } };
    const result = await generate(
      { inputs: [{ path: "order.json", contents: JSON.stringify(doc) }] },
      { prettier: false },
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.models[0]?.declarations.map((d) => d.name)).toEqual(["Order", "Order_2"]);
  });

  it("enum values become a named literal union under the property path; null makes it nullable", async () => {
    const { model } = await readOne({
      name: "Run",
      fields: [{ name: "status", type: "enum", values: ["a", "b", null] }],
    });
    expect(model?.declarations.map((d) => [d.name, d.type])).toEqual([
      [
        "Run",
        expect.objectContaining({
          properties: [
            expect.objectContaining({
              key: "status",
              type: nullable({ kind: "ref", target: "RunStatus" }),
            }),
          ],
        }),
      ],
      ["RunStatus", { kind: "literal", values: ["a", "b"] }],
    ]);
  });
});

describe("references across the run's documents", () => {
  const order = {
    name: "Order",
    properties: { customer: { $ref: "#/components/schemas/Customer" } },
  };
  const customer = {
    $id: "https://example.com/customer.json",
    name: "Customer",
    properties: { name: { type: "string" }, order: { $ref: "https://example.com/order.json" } },
  };

  it("without the run's index a reference to another document is any value, warned", async () => {
    const { model, diagnostics } = await readOne(order);
    expect(diagnostics.filter((d) => d.severity === "warning").map((d) => d.code)).toEqual([
      "SG_UNRESOLVED_REF",
    ]);
    expect(model?.declarations.map((d) => d.name)).toEqual(["Order"]);
  });

  it("with it, the target's declarations are copied under the document's root, the copy warned once", async () => {
    const index = indexDocuments([
      { file: "order.json", value: { ...order, $id: "https://example.com/order.json" } },
      { file: "customer.json", value: customer },
    ]);
    const { model, diagnostics } = await readOne(order, "order.json", index);
    expect(
      diagnostics.filter((d) => d.severity === "warning").map((d) => [d.code, d.pointer]),
    ).toEqual([["SG_CROSS_DOCUMENT_REF", "/properties/customer/$ref"]]);
    const copy = model?.declarations.find((d) => d.name === "OrderCustomer");
    expect(copy?.type).toEqual(
      expect.objectContaining({
        properties: [
          expect.objectContaining({ key: "name" }),
          // The copy's reference back to the document by $id is the document's own root, not a second copy.
          expect.objectContaining({ key: "order", type: { kind: "ref", target: "Order" } }),
        ],
      }),
    );
    // Copies point at the reference that made them: the document's own position.
    expect(copy?.pointer).toBe("/properties/customer/$ref");
  });

  it("two catalog documents that claim one root name are both named after their files, each warned", async () => {
    const a = { name: "FlagState", type: "string", enum: ["ON"] };
    const index = indexDocuments([
      { file: "dir/crm-flag-state.json", value: a },
      { file: "dir/hubspot-flag-state-structure.json", value: a },
    ]);
    const first = await readOne(a, "dir/crm-flag-state.json", index);
    const second = await readOne(a, "dir/hubspot-flag-state-structure.json", index);
    expect([first.model?.root, second.model?.root]).toEqual(["CrmFlagState", "HubspotFlagState"]);
    expect(
      first.diagnostics.filter((d) => d.code === "SG_NAME_DERIVED").map((d) => d.pointer),
    ).toEqual(["/name"]);
  });

  it("names and outputs do not depend on the order the run lists its inputs", async () => {
    const dir = join(REPO_ROOT, "fixtures", "catalog", "refs-across");
    const inputs = ["input-a.json", "input-b.json", "input-c.json"].map((f) => ({
      path: join(dir, f),
      contents: readFileSync(join(dir, f)),
    }));
    const forward = await generate({ inputs, outDir: join(dir, "expected") }, { prettier: false });
    const backward = await generate(
      { inputs: [...inputs].reverse(), outDir: join(dir, "expected") },
      { prettier: false },
    );
    const byPath = (files: readonly OutputFile[]) =>
      Object.fromEntries(files.map((f) => [f.path, f.contents]));
    expect(forward.files.length).toBeGreaterThan(0);
    expect(byPath(backward.files)).toEqual(byPath(forward.files));
  });

  it("the streaming pipeline (the CLI's), which loads each document again, gives the same files as generate()", async () => {
    const dir = join(REPO_ROOT, "fixtures", "catalog", "refs-across");
    const inputs = ["input-a.json", "input-b.json", "input-c.json"].map((f) => join(dir, f));
    const outDir = join(dir, "expected");
    const streamed: OutputFile[] = [];
    const stream = await runPipeline(
      {
        inputs,
        outDir,
        sink: {
          add: (files) => {
            streamed.push(...files);
            return Promise.resolve();
          },
        },
      },
      { prettier: false },
    );
    const whole = await generate({ inputs, outDir }, { prettier: false });
    expect(stream.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(streamed.map((f) => [f.path, f.contents])).toEqual(
      whole.files.map((f) => [f.path, f.contents]),
    );
  });
});

describe("options", () => {
  const guessed = { name: "G", fields: [{ name: "t", type: "timestamp" }] };
  const run = (doc: unknown, options: Parameters<typeof generate>[1]) =>
    generate(
      { inputs: [{ path: "g.json", contents: JSON.stringify(doc) }] },
      { prettier: false, ...options },
    );

  it("--strict makes each catalog warning an error and generates nothing; the note stays a note", async () => {
    const result = await run(guessed, { strict: true });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ["info", "SG_CATALOG_READING"],
      ["error", "SG_GUESSED_TYPE"],
    ]);
  });

  it("--strict leaves flat summaries and exact catalog files alone", async () => {
    const exact = await run(
      { name: "E", fields: [{ name: "t", type: "string" }] },
      { strict: true },
    );
    expect(exact.files.length).toBeGreaterThan(0);
    const flat = await run(
      {
        jsonStructure: "0.1",
        entity: "F",
        name: "f",
        fields: [{ name: "x", type: "string", format: "zip" }],
      },
      { strict: true },
    );
    expect(flat.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ["warning", "SG_UNKNOWN_FORMAT"],
    ]);
  });

  it("--dialect catalog reads a flat summary as a catalog file; --dialect flat refuses a catalog file", async () => {
    const summary = {
      jsonStructure: "0.1",
      entity: "F",
      name: "f",
      fields: [{ name: "x", type: "object" }],
    };
    const asCatalog = await run(summary, { dialect: "catalog" });
    expect(asCatalog.models.map((m: ModelDocument) => m.dialect)).toEqual(["catalog"]);
    expect(asCatalog.diagnostics.map((d) => d.code)).toEqual(["SG_OPEN_OBJECT"]);
    const asFlat = await run(
      { name: "C", fields: [{ name: "x", type: "string" }] },
      { dialect: "flat" },
    );
    expect(asFlat.files).toEqual([]);
    expect(asFlat.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });
});
