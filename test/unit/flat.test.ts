/** The flat reader and normalizer: given a flat document, want this model or these diagnostics. */
import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../src/model/diagnostics.js";
import type { ModelDocument, TypeNode } from "../../src/model/model.js";
import { normalizeFlat } from "../../src/read/flat/normalize.js";
import { type Options, resolveOptions } from "../../src/model/options.js";
import { parseFlat } from "../../src/read/flat/parse.js";
import type { JsonObject } from "../../src/read/source.js";

function run(fields: unknown[], extra: Record<string, unknown> = {}, options: Options = {}) {
  const sink = new DiagnosticSink("doc.json");
  const doc = {
    jsonStructure: "0.1",
    name: "demo",
    entity: "Demo",
    fields,
    ...extra,
  } as unknown as JsonObject;
  const flat = parseFlat(doc, sink);
  const model =
    flat === undefined ? undefined : normalizeFlat(flat, "doc.json", resolveOptions(options), sink);
  return {
    model,
    diagnostics: sink.items.map(({ code, severity, pointer }) => ({ code, severity, pointer })),
  };
}

function rootProperty(model: ModelDocument | undefined, key: string) {
  const root = model?.declarations[0]?.type;
  return root?.kind === "object" ? root.properties.find((p) => p.key === key) : undefined;
}

describe("flat field types", () => {
  const table: [string, Options, TypeNode][] = [
    ["string", {}, { kind: "string" }],
    ["number", {}, { kind: "number", integer: false }],
    ["integer", {}, { kind: "number", integer: true }],
    ["boolean", {}, { kind: "boolean" }],
    ["object", {}, { kind: "any" }],
    ["object", { objectFields: "record" }, { kind: "map", values: { kind: "any" } }],
    ["array", {}, { kind: "array", items: { kind: "any" }, unique: false }],
    ["array<object>", {}, { kind: "array", items: { kind: "any" }, unique: false }],
    ["array<string>", {}, { kind: "array", items: { kind: "string" }, unique: false }],
    [
      "array<integer>",
      {},
      { kind: "array", items: { kind: "number", integer: true }, unique: false },
    ],
    [
      "array<array<boolean>>",
      {},
      {
        kind: "array",
        items: { kind: "array", items: { kind: "boolean" }, unique: false },
        unique: false,
      },
    ],
  ];
  it.each(table)("%s (options %j) becomes the right node", (type, options, want) => {
    const { model, diagnostics } = run([{ name: "f", type, required: true }], {}, options);
    expect(diagnostics).toEqual([]);
    expect(rootProperty(model, "f")?.type).toEqual(want);
  });

  it("keeps a checkable format on strings and warns about one it cannot check", () => {
    const { model, diagnostics } = run([
      { name: "at", type: "string", format: "date-time" },
      { name: "odd", type: "string", format: "made-up" },
      { name: "n", type: "integer", format: "date-time" },
    ]);
    expect(rootProperty(model, "at")?.type).toEqual({ kind: "string", format: "date-time" });
    expect(rootProperty(model, "odd")?.type).toEqual({ kind: "string" });
    expect(rootProperty(model, "odd")?.annotations.format).toBe("made-up");
    expect(diagnostics).toEqual([
      { code: "SG_UNKNOWN_FORMAT", severity: "warning", pointer: "/fields/1/format" },
      { code: "SG_UNKNOWN_FORMAT", severity: "warning", pointer: "/fields/2/format" },
    ]);
  });

  it("treats null and absent enum, format and description alike, and absent required as optional", () => {
    const a = run([{ name: "f", type: "string", enum: null, format: null, description: null }]);
    const b = run([{ name: "f", type: "string" }]);
    expect(a.model).toEqual(b.model);
    expect(rootProperty(b.model, "f")?.required).toBe(false);
  });

  it("makes each enum a named literal declaration referenced by the property", () => {
    const { model } = run([{ name: "stop_reason", type: "string", enum: ["a", "b"] }]);
    expect(model?.declarations.map((d) => d.name)).toEqual(["Demo", "DemoStopReason"]);
    expect(model?.declarations[1]?.type).toEqual({ kind: "literal", values: ["a", "b"] });
    expect(rootProperty(model, "stop_reason")?.type).toEqual({
      kind: "ref",
      target: "DemoStopReason",
    });
  });

  it("marks descriptions that start with Deprecated", () => {
    const { model } = run([
      { name: "a", type: "string", description: "Deprecated: use b." },
      { name: "b", type: "string", description: "Not deprecated at all." },
    ]);
    expect(rootProperty(model, "a")?.annotations.deprecated).toBe(true);
    expect(rootProperty(model, "b")?.annotations.deprecated).toBeUndefined();
  });
});

describe("flat diagnostics", () => {
  const table: [
    string,
    unknown[],
    Record<string, unknown>,
    { code: string; severity: string; pointer: string }[],
  ][] = [
    [
      "unknown type",
      [{ name: "f", type: "strng" }],
      {},
      [{ code: "SG_UNKNOWN_TYPE", severity: "error", pointer: "/fields/0/type" }],
    ],
    [
      "non-boolean required",
      [{ name: "f", type: "string", required: "yes" }],
      {},
      [{ code: "SG_WRONG_SHAPE", severity: "error", pointer: "/fields/0/required" }],
    ],
    [
      "duplicate field",
      [
        { name: "f", type: "string" },
        { name: "f", type: "integer" },
      ],
      {},
      [{ code: "SG_DUPLICATE_FIELD", severity: "error", pointer: "/fields/1" }],
    ],
    [
      "enum of wrong type",
      [{ name: "f", type: "string", enum: ["a", 1] }],
      {},
      [{ code: "SG_ENUM_TYPE", severity: "error", pointer: "/fields/0/enum/1" }],
    ],
    [
      "non-integer in integer enum",
      [{ name: "f", type: "integer", enum: [1, 1.5] }],
      {},
      [{ code: "SG_ENUM_TYPE", severity: "error", pointer: "/fields/0/enum/1" }],
    ],
    [
      "empty enum",
      [{ name: "f", type: "string", enum: [] }],
      {},
      [{ code: "SG_ENUM_EMPTY", severity: "error", pointer: "/fields/0/enum" }],
    ],
    [
      "duplicate enum value",
      [{ name: "f", type: "string", enum: ["a", "a"] }],
      {},
      [{ code: "SG_ENUM_DUPLICATE", severity: "error", pointer: "/fields/0/enum/1" }],
    ],
    [
      "enum on an object field",
      [{ name: "f", type: "object", enum: ["a"] }],
      {},
      [{ code: "SG_ENUM_TYPE", severity: "error", pointer: "/fields/0/enum" }],
    ],
    [
      "field that is not an object",
      ["f"],
      {},
      [{ code: "SG_WRONG_SHAPE", severity: "error", pointer: "/fields/0" }],
    ],
    [
      "empty field name",
      [{ name: "", type: "string" }],
      {},
      [{ code: "SG_BAD_NAME", severity: "error", pointer: "/fields/0/name" }],
    ],
    [
      "name with a path separator",
      [{ name: "f", type: "string" }],
      { name: "../evil" },
      [{ code: "SG_BAD_NAME", severity: "error", pointer: "/name" }],
    ],
    [
      "Windows device name",
      [{ name: "f", type: "string" }],
      { name: "con" },
      [{ code: "SG_BAD_NAME", severity: "error", pointer: "/name" }],
    ],
    [
      "entity without letters",
      [{ name: "f", type: "string" }],
      { entity: "---" },
      [{ code: "SG_BAD_NAME", severity: "error", pointer: "/entity" }],
    ],
    [
      "unknown keys",
      [{ name: "f", type: "string", nullable: true }],
      { extra: 1 },
      [
        { code: "SG_UNKNOWN_KEY", severity: "warning", pointer: "/extra" },
        { code: "SG_UNKNOWN_KEY", severity: "warning", pointer: "/fields/0/nullable" },
      ],
    ],
    [
      "wrong counts",
      [{ name: "f", type: "string", required: true }],
      { fieldCount: 2, requiredCount: 0 },
      [
        { code: "SG_COUNT_MISMATCH", severity: "warning", pointer: "/fieldCount" },
        { code: "SG_COUNT_MISMATCH", severity: "warning", pointer: "/requiredCount" },
      ],
    ],
    // The field with the bad type is left out, so its count would disagree too: only the error is worth saying.
    [
      "a field with an error, counted",
      [
        { name: "f", type: "string" },
        { name: "g", type: "strng" },
      ],
      { fieldCount: 2 },
      [{ code: "SG_UNKNOWN_TYPE", severity: "error", pointer: "/fields/1/type" }],
    ],
  ];
  it.each(table)("%s", (_name, fields, extra, want) => {
    expect(run(fields, extra).diagnostics).toEqual(want);
  });

  it("rejects a document whose fields is not an array, and one without an entity", () => {
    expect(run("nope" as unknown as unknown[]).diagnostics).toContainEqual({
      code: "SG_WRONG_SHAPE",
      severity: "error",
      pointer: "/fields",
    });
    expect(run([], { entity: undefined }).diagnostics).toContainEqual({
      code: "SG_MISSING_KEY",
      severity: "error",
      pointer: "",
    });
  });
});

describe("format hints", () => {
  it("suggests the known format an unknown one differs from only in case and punctuation", () => {
    const sink = new DiagnosticSink("doc.json");
    const doc = {
      jsonStructure: "0.1",
      name: "demo",
      entity: "Demo",
      fields: [
        { name: "at", type: "string", format: "datetime" },
        { name: "x", type: "string", format: "currency" },
      ],
    } as unknown as JsonObject;
    const flat = parseFlat(doc, sink);
    normalizeFlat(flat!, "doc.json", resolveOptions({}), sink);
    expect(sink.items.map((d) => d.message)).toEqual([
      'format "datetime" is not a format structgen knows (did you mean "date-time"?); it is kept as documentation only',
      'format "currency" is not a format structgen knows; it is kept as documentation only',
    ]);
  });
});
