/**
 * fast-check arbitraries for catalog files (issue 13): whole documents in either form (a field list, or a
 * `properties` map), with members spelled in the catalog grammar: type names and aliases, `T[]`, `array<T>`,
 * `map<string,T>`, `enum[...]`, `A|null`, Python list text, `nullable` / `x-nullable`, type hints, nested
 * members, objects and arrays left untyped, and constraints. The property test reads them through generate() and
 * checks guard and ajv against the model the reading gives. Deterministic given fast-check's seed.
 */
import fc from "fast-check";
import { declaredKeyArb } from "./arbitraries.js";

type Json = Record<string, unknown>;
export type CatalogForm = "fields" | "properties";

const SCALARS = [
  "string",
  "integer",
  "int32",
  "int64",
  "number",
  "boolean",
  "datetime",
  "date-time",
  "date",
  "uuid",
  "uri",
  "email",
  "any",
  "timestamp",
];

/** A scalar type text, sometimes written another way (a hint, a Python list, a union with null). */
const scalarTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SCALARS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("string (date-time)", "string (uuid)", "string (free text)"),
  },
  { weight: 1, arbitrary: fc.constantFrom(...SCALARS).map((s) => `${s}|null`) },
  { weight: 1, arbitrary: fc.constantFrom(...SCALARS).map((s) => `['${s}', 'null']`) },
  { weight: 1, arbitrary: fc.constantFrom(...SCALARS).map((s) => `${s}[]`) },
  { weight: 1, arbitrary: fc.constantFrom(...SCALARS).map((s) => `array<${s}>`) },
  { weight: 1, arbitrary: fc.constantFrom(...SCALARS).map((s) => `map<string,${s}>`) },
  { weight: 1, arbitrary: fc.constantFrom("enum[a,b]", "enum[on,off,auto]", "string|number") },
);

/** Constraints that fit the type text (an integer's range, a string's length or pattern, an array's size). */
function constraintsFor(text: string): fc.Arbitrary<Json> {
  if (/^(integer|int32|int64|number)$/.test(text)) {
    return fc.oneof(
      fc.constant({}),
      fc.integer({ min: -5, max: 5 }).map((minimum) => ({ minimum, maximum: minimum + 10 })),
    );
  }
  if (text === "string") {
    return fc.oneof(
      fc.constant({}),
      fc.constant({ minLength: 1, maxLength: 4 }),
      fc.constant({ pattern: "^[a-z]+$" }),
      fc.constant({ format: "email" }),
    );
  }
  if (/\[\]$|^array</.test(text)) {
    return fc.oneof(fc.constant({}), fc.constant({ minItems: 1, maxItems: 3 }));
  }
  return fc.constant({});
}

const memberFlagsArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ nullable: true }) },
  { weight: 1, arbitrary: fc.constant({ "x-nullable": true }) },
  { weight: 1, arbitrary: fc.constant({ description: "documented */ text", example: "x" }) },
);

/** One member schema (without its name), for `form`; objects nest up to `depth` levels. */
function memberArb(form: CatalogForm, depth: number): fc.Arbitrary<Json> {
  const scalar = scalarTextArb.chain((type) =>
    fc
      .tuple(constraintsFor(type), memberFlagsArb)
      .map(([constraints, flags]) => ({ type, ...constraints, ...flags })),
  );
  const enumeration = fc.constantFrom<Json>(
    { type: "string", enum: ["red", "green"] },
    { type: "enum", values: ["x", "y", null] },
    { type: "integer", enum: [1, 2, 3] },
  );
  const untyped = fc.constantFrom<Json>({ type: "object" }, { type: "array" });
  const leaves = [
    { weight: 8, arbitrary: scalar },
    { weight: 2, arbitrary: enumeration },
    { weight: 1, arbitrary: untyped },
  ];
  if (depth <= 0) {
    return fc.oneof(...leaves);
  }
  const nested = membersArb(form, depth - 1).map((members) => ({ type: "object", ...members }));
  const items = membersArb(form, depth - 1).map((members) => ({
    type: "array",
    items: { type: "object", ...members },
  }));
  return fc.oneof(...leaves, { weight: 2, arbitrary: nested }, { weight: 1, arbitrary: items });
}

/** The members of an object in `form`: `{fields: [...]}` or `{properties: {...}, required: [...]}`. */
function membersArb(form: CatalogForm, depth: number): fc.Arbitrary<Json> {
  const entries = fc.uniqueArray(
    fc.tuple(
      form === "fields" ? declaredKeyArb.filter((k) => k !== "") : declaredKeyArb,
      fc.boolean(),
      memberArb(form, depth),
    ),
    { minLength: 1, maxLength: 4, selector: ([key]) => key },
  );
  return entries.map((list) =>
    form === "fields"
      ? { fields: list.map(([name, required, schema]) => ({ name, ...schema, required })) }
      : {
          properties: Object.fromEntries(list.map(([key, , schema]) => [key, schema])),
          required: list.filter(([, required]) => required).map(([key]) => key),
        },
  );
}

/** A whole catalog document's text, of one form, with a root name the reading keeps. */
export function catalogDocumentArb(): fc.Arbitrary<{ form: CatalogForm; text: string }> {
  return fc.constantFrom<CatalogForm>("fields", "properties").chain((form) =>
    fc
      .tuple(
        membersArb(form, 2),
        fc.constantFrom("Order", "Sign-up Request Structure", "tidb cluster"),
      )
      .map(([members, name]) => {
        const head =
          form === "properties"
            ? { $schema: "https://json-structure.org/draft/2020-12/schema", name, type: "object" }
            : { title: name };
        return { form, text: JSON.stringify({ ...head, ...members }, null, 2) };
      }),
  );
}
