/**
 * Hostile catalog files (src/read/catalog/) for test/hostile.test.ts, in both forms the catalogs publish: field
 * lists (`fields`, with the field grammar's type texts) and `properties` maps (with `nullable`, `example`, `value`).
 * Hostile text goes wherever a catalog file carries text: the root's name and title, field names and property keys,
 * descriptions, examples, defaults, enum values, `value` constants and patterns.
 */
import fc from "fast-check";
import { HAZARD_KEYS, hostileText } from "./arbitraries.js";
import {
  type HostileDialect,
  type HostileDocument,
  type Member,
  stringMemberArb,
} from "./hostile-documents.js";

/** Keys as catalogs write them (snake_case, dotted, `@type`), and now and then hostile. */
const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom("@type", "status.code", "default", ...HAZARD_KEYS) },
  { weight: 2, arbitrary: hostileText },
);

const documentationArb = fc.record(
  { description: hostileText, title: hostileText, example: hostileText, deprecated: fc.boolean() },
  { requiredKeys: [] },
);

const valuesArb = fc.uniqueArray(fc.oneof(hostileText, fc.constantFrom(...HAZARD_KEYS)), {
  minLength: 1,
  maxLength: 4,
});

const enumArb: fc.Arbitrary<Member> = fc.oneof(
  valuesArb.map((values) => ({ schema: { type: "string", enum: values }, texts: values })),
  valuesArb.map((values) => ({ schema: { type: "enum", values }, texts: values })),
  hostileText.map((value) => ({ schema: { type: "string", value }, texts: [value] })),
  hostileText.map((value) => ({ schema: { type: "string", const: value }, texts: [value] })),
);

/** Type texts of the field grammar, with a hostile type name or hint now and then. */
const typeTextArb: fc.Arbitrary<Member> = fc.oneof(
  fc
    .constantFrom("integer", "boolean", "int64", "date-time", "string|null", "array<string>")
    .map((type) => ({ schema: { type }, texts: [] })),
  fc.constantFrom("string (date-time)", "map<string,number>", "['string', 'null']").map((type) => ({
    schema: { type },
    texts: [],
  })),
  hostileText.map((hint) => ({ schema: { type: `string (${hint})` }, texts: [] })),
  hostileText.map((name) => ({ schema: { type: name }, texts: [] })),
);

const memberArb: fc.Arbitrary<Member> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: stringMemberArb },
      { weight: 3, arbitrary: enumArb },
      { weight: 2, arbitrary: typeTextArb },
    ),
    documentationArb,
    fc.boolean(),
  )
  .map(([member, documentation, nullable]) => ({
    schema: { ...documentation, ...member.schema, ...(nullable ? { nullable: true } : {}) },
    texts: [
      ...member.texts,
      ...(documentation.example === undefined ? [] : [documentation.example]),
    ],
  }));

const rootArb = fc.record({
  name: fc.oneof(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/), hostileText),
  title: hostileText,
  description: hostileText,
  members: fc.uniqueArray(fc.tuple(keyArb, memberArb, fc.boolean()), {
    maxLength: 5,
    selector: ([key]) => key,
  }),
});

/** A field list: `{name, title, description, fields: [{name, type, required, ...}]}`. */
const fieldsDocumentArb: fc.Arbitrary<HostileDocument> = rootArb.map(
  ({ name, title, description, members }) => ({
    document: {
      name,
      title,
      description,
      type: "object",
      fields: members.map(([key, member, required]) => ({
        name: key,
        required,
        ...member.schema,
      })),
    },
    texts: members.flatMap(([, member]) => member.texts),
  }),
);

/** A properties map without a Core `$schema`: `{name, description, type, properties, required}`. */
const propertiesDocumentArb: fc.Arbitrary<HostileDocument> = rootArb.map(
  ({ name, title, description, members }) => ({
    document: {
      $schema: "http://json-schema.org/draft-07/schema#",
      name,
      title,
      description,
      type: "object",
      properties: Object.fromEntries(members.map(([key, member]) => [key, member.schema])),
      required: members.filter(([, , required]) => required).map(([key]) => key),
    },
    texts: members.flatMap(([, member]) => member.texts),
  }),
);

export const CATALOG_DIALECT: HostileDialect = {
  name: "catalog",
  documentArb: fc.oneof(fieldsDocumentArb, propertiesDocumentArb),
};
