/**
 * The guard emitter (src/emit/guard-*.ts), one model kind at a time:
 *  - given a node, want its test expression over `v` and the runtime helpers it calls;
 *  - given a node and values, want each verdict, from `is`, from `validate` and from ajv on the emitted schema.
 * The wants are written by hand from what the node means.
 */
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { local } from "../../../src/emit/code/expression.js";
import { NODE_GUARDS, testExpression } from "../../../src/emit/guard-code.js";
import { guardContext } from "../../../src/emit/guard-context.js";
import type { Declaration, ModelDocument, TypeNode } from "../../../src/model/model.js";
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
import { emitModel, type GuardModule, loadGuards, strictAjv } from "../../helpers/outputs.js";

describe("test expressions", () => {
  const cases: TestCase<TypeNode, { expression: string; runtime: string[] }>[] = [
    ["any", { given: { kind: "any" }, want: { expression: "true", runtime: [] } }],
    ["null", { given: NULL, want: { expression: "v === null", runtime: [] } }],
    [
      "boolean",
      { given: { kind: "boolean" }, want: { expression: 'typeof v === "boolean"', runtime: [] } },
    ],
    ["string", { given: STRING, want: { expression: 'typeof v === "string"', runtime: [] } }],
    [
      "string with lengths",
      {
        given: { kind: "string", maxLength: 3, minLength: 1 },
        want: {
          expression:
            'typeof v === "string" && _codePointLength(v) <= 3 && _codePointLength(v) >= 1',
          runtime: ["_codePointLength"],
        },
      },
    ],
    [
      "string with a pattern",
      {
        given: { kind: "string", pattern: "^a" },
        want: { expression: 'typeof v === "string" && $re1.test(v)', runtime: [] },
      },
    ],
    [
      "string with a format",
      {
        given: { kind: "string", format: "date" },
        want: { expression: 'typeof v === "string" && formatDate(v)', runtime: ["formatDate"] },
      },
    ],
    [
      "number",
      {
        given: { kind: "number", integer: false },
        want: { expression: 'typeof v === "number" && Number.isFinite(v)', runtime: [] },
      },
    ],
    [
      "integer with a range",
      {
        given: { kind: "number", integer: true, minimum: -1, maximum: 255, multipleOf: 2 },
        want: {
          expression:
            'typeof v === "number" && Number.isInteger(v) && v <= 255 && v >= -1 && _isMultipleOf(v, 2)',
          runtime: ["_isMultipleOf"],
        },
      },
    ],
    [
      "encoded int64",
      {
        given: { kind: "encoded", encoding: "int64" },
        want: { expression: 'typeof v === "string" && encodedInt64(v)', runtime: ["encodedInt64"] },
      },
    ],
    [
      "literal",
      {
        given: { kind: "literal", values: ["a", -1, null] },
        want: { expression: 'v === "a" || v === -1 || v === null', runtime: [] },
      },
    ],
    [
      "union: an and inside an or needs no parentheses",
      {
        given: { kind: "union", members: [STRING, INTEGER] },
        want: {
          expression: 'typeof v === "string" || typeof v === "number" && Number.isInteger(v)',
          runtime: [],
        },
      },
    ],
    [
      "ref",
      {
        given: { kind: "ref", target: "Contact" },
        want: { expression: "isContact(v)", runtime: [] },
      },
    ],
    [
      "object: a helper",
      { given: CONTACT, want: { expression: "$is1(v)", runtime: ["_hasOwn", "_isObject"] } },
    ],
    [
      "array: a helper",
      {
        given: { kind: "array", items: STRING, unique: true },
        want: { expression: "$is1(v)", runtime: ["_hasDuplicates"] },
      },
    ],
    [
      "map: a helper",
      {
        given: { kind: "map", values: INTEGER },
        want: { expression: "$is1(v)", runtime: ["_isObject"] },
      },
    ],
    [
      "tuple: a helper",
      {
        given: { kind: "tuple", elements: [STRING] },
        want: { expression: "$is1(v)", runtime: [] },
      },
    ],
    [
      "choice: a helper",
      { given: PAYMENT, want: { expression: "$is1(v)", runtime: ["_isObject"] } },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const ctx = guardContext(true, NODE_GUARDS);
    const expression = testExpression(given, local("v"), ctx).text;
    expect({ expression, runtime: [...ctx.runtime].sort() }).toEqual(want);
  });
});

interface Verdicts {
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

const VERDICTS: TestCase<TypeNode, Verdicts>[] = [
  ["any", { given: { kind: "any" }, want: { valid: [null, 0, "", [], {}], invalid: [] } }],
  ["null", { given: NULL, want: { valid: [null], invalid: [0, "", false, {}] } }],
  [
    "boolean",
    { given: { kind: "boolean" }, want: { valid: [true, false], invalid: [0, "true", null] } },
  ],
  [
    "string with lengths in code points",
    {
      given: { kind: "string", minLength: 1, maxLength: 2 },
      want: { valid: ["a", "ab", "😀😀"], invalid: ["", "abc", 1, null] },
    },
  ],
  [
    "integer with a range",
    {
      given: { kind: "number", integer: true, minimum: -1, maximum: 3 },
      want: { valid: [-1, 0, 3], invalid: [-2, 4, 1.5, "1", null] },
    },
  ],
  [
    "encoded int64: form and range",
    {
      given: { kind: "encoded", encoding: "int64" },
      want: {
        valid: ["0", "-9223372036854775808", "9223372036854775807"],
        invalid: ["9223372036854775808", "99999999999999999999", "01", "1.0", 1],
      },
    },
  ],
  [
    "encoded decimal",
    {
      given: { kind: "encoded", encoding: "decimal" },
      want: { valid: ["0.5", "-12.25"], invalid: ["1", "1.5e3", ".5", 0.5] },
    },
  ],
  [
    "literal",
    {
      given: { kind: "literal", values: ["a", -1, null] },
      want: { valid: ["a", -1, null], invalid: ["b", 1, "null", false] },
    },
  ],
  [
    "object: declared keys, closed",
    {
      given: {
        kind: "object",
        properties: [property("id", STRING), property("n", INTEGER, false)],
        additionalProperties: false,
      },
      want: {
        valid: [{ id: "x" }, { id: "x", n: 1 }],
        invalid: [{}, { id: 1 }, { id: "x", n: "1" }, { id: "x", extra: 1 }, [], null],
      },
    },
  ],
  [
    "object: own keys only",
    {
      given: {
        kind: "object",
        properties: [property("constructor", STRING)],
        additionalProperties: true,
      },
      want: { valid: [{ constructor: "x" }], invalid: [{}, { constructor: 1 }] },
    },
  ],
  [
    "object with required key sets: exactly one set",
    {
      given: CONTACT,
      want: {
        valid: [{ email: "a@b.c" }, { phone: "1" }],
        invalid: [{}, { email: "a@b.c", phone: "1" }, { email: 1 }, { fax: "1" }],
      },
    },
  ],
  [
    "array",
    {
      given: { kind: "array", items: STRING, unique: false, minItems: 1 },
      want: { valid: [["a"], ["a", "a"]], invalid: [[], [1], "a", {}] },
    },
  ],
  [
    "set: items distinct",
    {
      given: { kind: "array", items: INTEGER, unique: true },
      want: { valid: [[], [1, 2]], invalid: [[1, 1], [1.5]] },
    },
  ],
  [
    "array of objects with required key sets",
    {
      given: { kind: "array", items: CONTACT, unique: false },
      want: {
        valid: [[], [{ email: "a@b.c" }, { phone: "1" }]],
        invalid: [[{}], [{ email: "a", phone: "1" }], { email: "a" }],
      },
    },
  ],
  [
    "map",
    {
      given: { kind: "map", values: INTEGER, keys: { kind: "string", pattern: "^[a-z]+$" } },
      want: { valid: [{}, { a: 1, bc: 2 }], invalid: [{ a: "1" }, { A: 1 }, [], null] },
    },
  ],
  [
    "tuple",
    {
      given: { kind: "tuple", elements: [STRING, INTEGER] },
      want: { valid: [["a", 1]], invalid: [["a"], ["a", 1, 2], [1, "a"], {}] },
    },
  ],
  [
    "union",
    {
      given: { kind: "union", members: [STRING, NULL] },
      want: { valid: ["a", null], invalid: [1, {}, []] },
    },
  ],
  [
    "ref",
    { given: { kind: "ref", target: "Contact" }, want: { valid: [{ phone: "1" }], invalid: [{}] } },
  ],
  [
    "tagged choice: exactly one key, a choice name",
    {
      given: PAYMENT,
      want: {
        valid: [{ card: "1234" }, { cash: 12 }],
        invalid: [{}, { card: "1", cash: 1 }, { card: 1 }, { cheque: "1" }, "card"],
      },
    },
  ],
  [
    "inline choice: the selector picks the member",
    {
      given: PET,
      want: {
        valid: [
          { kind: "dog", barks: true },
          { kind: "fish", fins: 2 },
        ],
        invalid: [
          { kind: "dog", fins: 2 },
          { kind: "cat" },
          { barks: true },
          { kind: "fish", fins: "2" },
        ],
      },
    },
  ],
  [
    "array of tagged choices",
    {
      given: { kind: "array", items: PAYMENT, unique: false },
      want: { valid: [[{ card: "1" }, { cash: 1 }]], invalid: [[{}], [{ card: "1", cash: 1 }]] },
    },
  ],
];

/** One document holding every table row as a declaration `Case<i>`, plus `Contact` for the ref row. */
function tableDocument(): ModelDocument {
  const declaration = (name: string, type: TypeNode): Declaration => ({
    name,
    type,
    annotations: {},
    pointer: `/definitions/${name}`,
  });
  return {
    file: "table.json",
    baseName: "table",
    dialect: "core",
    root: "Root",
    declarations: [
      declaration("Root", { kind: "any" }),
      declaration("Contact", CONTACT),
      ...VERDICTS.map(([, { given }], i) => declaration(`Case${i}`, given)),
    ],
  };
}

describe("verdicts: is, validate and ajv", () => {
  let guards: GuardModule;
  let ajv: (name: string) => ValidateFunction;

  beforeAll(async () => {
    const doc = tableDocument();
    const files = emitModel(doc);
    const guardFile = files.find((f) => f.path.endsWith(".guards.ts"));
    const schemaFile = files.find((f) => f.path.endsWith(".schema.json"));
    guards = await loadGuards(guardFile ?? { path: "missing.ts", contents: "" }, files);
    const schema = JSON.parse(schemaFile?.contents ?? "{}") as { $id: string };
    const validator = strictAjv();
    validator.addSchema(schema);
    ajv = (name) => {
      const validate = validator.getSchema(`${schema.$id}#/$defs/${name}`);
      if (validate === undefined) {
        throw new Error(`no $defs/${name}`);
      }
      return validate;
    };
  });

  it.each(VERDICTS.map((row, i) => [...row, i] as const))("%s", (_name, { want }, i) => {
    const is = guards[`isCase${i}`];
    const validate = guards[`validateCase${i}`];
    const schema = ajv(`Case${i}`);
    const verdicts = (values: readonly unknown[]) =>
      values.map((value) => ({
        value,
        is: is?.(value),
        validate: (validate?.(value) as { ok: boolean } | undefined)?.ok,
        ajv: schema(value),
      }));
    const expected = (values: readonly unknown[], verdict: boolean) =>
      values.map((value) => ({ value, is: verdict, validate: verdict, ajv: verdict }));
    expect(verdicts(want.valid)).toEqual(expected(want.valid, true));
    expect(verdicts(want.invalid)).toEqual(expected(want.invalid, false));
  });
});
