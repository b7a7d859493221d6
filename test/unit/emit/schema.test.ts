/**
 * The JSON Schema emitter (src/emit/schema.ts), one model kind at a time: given a node as a document's root,
 * want the root schema object (without the header keywords), written by hand from what the node means in JSON
 * Schema 2020-12 as ajv reads it in strict mode.
 */
import { describe, expect, it } from "vitest";
import { emitSchema } from "../../../src/emit/schema.js";
import type { ModelDocument, TypeNode } from "../../../src/model/model.js";
import { resolveOptions } from "../../../src/model/options.js";
import {
  CONTACT,
  INTEGER,
  NULL,
  PAYMENT,
  PET,
  property,
  STRING,
  type TestCase,
} from "../../helpers/model-kinds.js";

const CONTACT_SCHEMA = {
  type: "object",
  properties: { email: { type: "string" }, phone: { type: "string" } },
  additionalProperties: false,
  oneOf: [
    { properties: { email: true }, required: ["email"] },
    { properties: { phone: true }, required: ["phone"] },
  ],
};

const cases: TestCase<TypeNode, object>[] = [
  ["any", { given: { kind: "any" }, want: {} }],
  ["null", { given: NULL, want: { type: "null" } }],
  ["boolean", { given: { kind: "boolean" }, want: { type: "boolean" } }],
  [
    "string with rules",
    {
      given: { kind: "string", format: "date", minLength: 1, maxLength: 9, pattern: "^2" },
      want: { type: "string", format: "date", minLength: 1, maxLength: 9, pattern: "^2" },
    },
  ],
  [
    "integer with a range",
    {
      given: { kind: "number", integer: true, minimum: 0, exclusiveMaximum: 10, multipleOf: 2 },
      want: { type: "integer", minimum: 0, exclusiveMaximum: 10, multipleOf: 2 },
    },
  ],
  [
    "encoded decimal: its lexical form",
    {
      given: { kind: "encoded", encoding: "decimal" },
      want: { type: "string", pattern: "^-?(0|[1-9][0-9]*)\\.[0-9]+$" },
    },
  ],
  ["literal, one value", { given: { kind: "literal", values: ["on"] }, want: { const: "on" } }],
  [
    "literal, several",
    { given: { kind: "literal", values: ["a", 1, null] }, want: { enum: ["a", 1, null] } },
  ],
  [
    "object",
    {
      given: {
        kind: "object",
        properties: [property("id", STRING), property("n", INTEGER, false)],
        additionalProperties: false,
        minProperties: 1,
      },
      want: {
        type: "object",
        properties: { id: { type: "string" }, n: { type: "integer" } },
        required: ["id"],
        additionalProperties: false,
        minProperties: 1,
      },
    },
  ],
  [
    "object with typed extra keys",
    {
      given: { kind: "object", properties: [], additionalProperties: INTEGER },
      want: { type: "object", additionalProperties: { type: "integer" } },
    },
  ],
  ["object with required key sets: oneOf over the sets", { given: CONTACT, want: CONTACT_SCHEMA }],
  [
    "array",
    {
      given: { kind: "array", items: STRING, unique: false, maxItems: 3 },
      want: { type: "array", items: { type: "string" }, maxItems: 3 },
    },
  ],
  [
    "set",
    {
      given: { kind: "array", items: INTEGER, unique: true },
      want: { type: "array", items: { type: "integer" }, uniqueItems: true },
    },
  ],
  [
    "array of objects with required key sets",
    {
      given: { kind: "array", items: CONTACT, unique: false },
      want: { type: "array", items: CONTACT_SCHEMA },
    },
  ],
  [
    "map",
    {
      given: { kind: "map", values: INTEGER, minEntries: 1 },
      want: { type: "object", additionalProperties: { type: "integer" }, minProperties: 1 },
    },
  ],
  [
    "tuple",
    {
      given: { kind: "tuple", elements: [STRING, INTEGER] },
      want: {
        type: "array",
        prefixItems: [{ type: "string" }, { type: "integer" }],
        items: false,
        minItems: 2,
      },
    },
  ],
  [
    "union",
    {
      given: { kind: "union", members: [STRING, NULL] },
      want: { anyOf: [{ type: "string" }, { type: "null" }] },
    },
  ],
  ["ref", { given: { kind: "ref", target: "Contact" }, want: { $ref: "#/$defs/Contact" } }],
  [
    "tagged choice: closed one-key objects",
    {
      given: PAYMENT,
      want: {
        anyOf: [
          {
            type: "object",
            properties: { card: { type: "string" } },
            required: ["card"],
            additionalProperties: false,
          },
          {
            type: "object",
            properties: { cash: { type: "integer" } },
            required: ["cash"],
            additionalProperties: false,
          },
        ],
      },
    },
  ],
  [
    "inline choice: the selector as a const",
    {
      given: PET,
      want: {
        anyOf: [
          {
            type: "object",
            properties: { kind: { const: "dog" }, barks: { type: "boolean" } },
            required: ["kind", "barks"],
            additionalProperties: false,
          },
          {
            type: "object",
            properties: { kind: { const: "fish" }, fins: { type: "integer" } },
            required: ["kind", "fins"],
            additionalProperties: false,
          },
        ],
      },
    },
  ],
];

function rootSchema(type: TypeNode): Record<string, unknown> {
  const doc: ModelDocument = {
    file: "t.json",
    baseName: "t",
    dialect: "core",
    root: "T",
    declarations: [
      { name: "T", type, annotations: {}, pointer: "" },
      { name: "Contact", type: CONTACT, annotations: {}, pointer: "/definitions/Contact" },
    ],
  };
  const {
    $schema: _s,
    $id: _i,
    $comment: _c,
    title: _t,
    $defs: _d,
    ...root
  } = emitSchema(doc, resolveOptions({}));
  return root;
}

describe("emitSchema", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(rootSchema(given)).toEqual(want);
  });

  it("encoded integers: one exact pattern of form and range (see test/core/encoded-numbers.test.ts)", () => {
    const pattern = rootSchema({ kind: "encoded", encoding: "uint64" })["pattern"] as string;
    const re = new RegExp(pattern, "u");
    expect(["0", "18446744073709551615"].map((s) => re.test(s))).toEqual([true, true]);
    expect(["-1", "18446744073709551616", "01"].map((s) => re.test(s))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
