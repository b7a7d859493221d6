/**
 * The types emitter (src/emit/types.ts), one model kind at a time: given a node, want its TypeScript type text.
 * The wants are what each node means as a TypeScript type, written by hand; the nesting rows are where
 * precedence matters (an intersection or union as an array element, a choice inside an array).
 */
import { describe, expect, it } from "vitest";
import { typeText } from "../../../src/emit/types.js";
import type { TypeNode } from "../../../src/model/model.js";
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

const cases: TestCase<TypeNode, string>[] = [
  ["any", { given: { kind: "any" }, want: "unknown" }],
  ["null", { given: NULL, want: "null" }],
  ["boolean", { given: { kind: "boolean" }, want: "boolean" }],
  [
    "string, its rules are not types",
    { given: { kind: "string", maxLength: 3, format: "date" }, want: "string" },
  ],
  ["number", { given: { kind: "number", integer: false, minimum: 0 }, want: "number" }],
  [
    "encoded int64 travels as a string",
    { given: { kind: "encoded", encoding: "int64" }, want: "string" },
  ],
  ["literal, one value", { given: { kind: "literal", values: ["on"] }, want: '"on"' }],
  [
    "literal, every JSON scalar",
    {
      given: { kind: "literal", values: ["a", -1, 2.5, true, null] },
      want: '"a" | -1 | 2.5 | true | null',
    },
  ],
  [
    "literal with a quote",
    { given: { kind: "literal", values: ['say "hi"'] }, want: '"say \\"hi\\""' },
  ],
  [
    "object, required and optional",
    {
      given: {
        kind: "object",
        properties: [property("id", STRING), property("first-name", STRING, false)],
        additionalProperties: true,
      },
      want: '{ id: string; "first-name"?: string }',
    },
  ],
  [
    "object, no properties",
    { given: { kind: "object", properties: [], additionalProperties: false }, want: "{}" },
  ],
  [
    "object, typed extra keys alone",
    {
      given: { kind: "object", properties: [], additionalProperties: INTEGER },
      want: "{ [key: string]: number }",
    },
  ],
  [
    "object, typed extra keys beside properties",
    {
      given: {
        kind: "object",
        properties: [property("id", STRING)],
        additionalProperties: INTEGER,
      },
      want: "{ id: string; [key: string]: unknown }",
    },
  ],
  [
    "object with required key sets",
    {
      given: CONTACT,
      want: "{ email?: string; phone?: string } & ({ email: string } | { phone: string })",
    },
  ],
  ["array", { given: { kind: "array", items: STRING, unique: false }, want: "string[]" }],
  ["set", { given: { kind: "array", items: INTEGER, unique: true }, want: "number[]" }],
  [
    "array of literals",
    {
      given: { kind: "array", items: { kind: "literal", values: ["a", "b"] }, unique: false },
      want: '("a" | "b")[]',
    },
  ],
  [
    "array of a union",
    {
      given: { kind: "array", items: { kind: "union", members: [STRING, NULL] }, unique: false },
      want: "(string | null)[]",
    },
  ],
  [
    "array of objects with required key sets (bug 1)",
    {
      given: { kind: "array", items: CONTACT, unique: false },
      want: "({ email?: string; phone?: string } & ({ email: string } | { phone: string }))[]",
    },
  ],
  [
    "array of arrays of a union",
    {
      given: {
        kind: "array",
        items: { kind: "array", items: { kind: "union", members: [STRING, NULL] }, unique: false },
        unique: false,
      },
      want: "(string | null)[][]",
    },
  ],
  ["map", { given: { kind: "map", values: INTEGER }, want: "{ [key: string]: number }" }],
  [
    "map of objects with required key sets",
    {
      given: { kind: "map", values: CONTACT },
      want: "{ [key: string]: { email?: string; phone?: string } & ({ email: string } | { phone: string }) }",
    },
  ],
  ["tuple", { given: { kind: "tuple", elements: [STRING, INTEGER] }, want: "[string, number]" }],
  [
    "tuple, labeled",
    {
      given: { kind: "tuple", elements: [INTEGER, INTEGER], labels: ["lat", "long"] },
      want: "[lat: number, long: number]",
    },
  ],
  [
    "tuple, a label that is no identifier leaves all unlabeled",
    {
      given: { kind: "tuple", elements: [INTEGER, INTEGER], labels: ["lat", "long-itude"] },
      want: "[number, number]",
    },
  ],
  [
    "tuple, a reserved word as a label (tsc takes none: `default`, `class`) leaves all unlabeled",
    {
      given: { kind: "tuple", elements: [INTEGER, STRING], labels: ["default", "class"] },
      want: "[number, string]",
    },
  ],
  [
    "tuple, a word a type can start with is a label",
    {
      given: { kind: "tuple", elements: [INTEGER, STRING], labels: ["typeof", "null"] },
      want: "[typeof: number, null: string]",
    },
  ],
  [
    "tuple holding a union",
    {
      given: { kind: "tuple", elements: [{ kind: "union", members: [STRING, NULL] }] },
      want: "[string | null]",
    },
  ],
  ["union", { given: { kind: "union", members: [STRING, INTEGER] }, want: "string | number" }],
  [
    "union of a literal union and null flattens",
    {
      given: { kind: "union", members: [{ kind: "literal", values: ["a", "b"] }, NULL] },
      want: '"a" | "b" | null',
    },
  ],
  [
    "union of an object with required key sets and null",
    {
      given: { kind: "union", members: [CONTACT, NULL] },
      want: "{ email?: string; phone?: string } & ({ email: string } | { phone: string }) | null",
    },
  ],
  [
    "object: an optional key named like a member of Object also admits the inherited member",
    {
      given: {
        kind: "object",
        properties: [
          property("constructor", STRING, false),
          property("toString", INTEGER, false),
          property("valueOf", INTEGER),
          property("hasOwnProperty", { kind: "any" }, false),
        ],
        additionalProperties: true,
      },
      want: "{ constructor?: string | globalThis.Function; toString?: number | ((...args: never[]) => unknown); valueOf: number; hasOwnProperty?: unknown }",
    },
  ],
  ["ref", { given: { kind: "ref", target: "Contact" }, want: "Contact" }],
  [
    "tagged choice: one key, the others ruled out",
    {
      given: PAYMENT,
      want: "{ card: string; cash?: never } | { cash: number; card?: never }",
    },
  ],
  [
    "tagged choice named like a member of Object",
    {
      given: {
        kind: "union",
        members: [
          {
            kind: "object",
            properties: [property("constructor", STRING)],
            additionalProperties: false,
          },
          { kind: "object", properties: [property("b", INTEGER)], additionalProperties: false },
        ],
        choice: { mode: "tagged", names: ["constructor", "b"] },
      },
      want: "{ constructor: string; b?: never } | { b: number; constructor?: globalThis.Function }",
    },
  ],
  [
    "array of a tagged choice",
    {
      given: { kind: "array", items: PAYMENT, unique: false },
      want: "({ card: string; cash?: never } | { cash: number; card?: never })[]",
    },
  ],
  [
    "inline choice: the member objects",
    {
      given: PET,
      want: '{ kind: "dog"; barks: boolean } | { kind: "fish"; fins: number }',
    },
  ],
  [
    "object holding an array of objects with required key sets",
    {
      given: {
        kind: "object",
        properties: [property("contacts", { kind: "array", items: CONTACT, unique: false })],
        additionalProperties: false,
      },
      want: "{ contacts: ({ email?: string; phone?: string } & ({ email: string } | { phone: string }))[] }",
    },
  ],
];

describe("typeText", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(typeText(given)).toBe(want);
  });
});
