/**
 * Hostile input documents, one arbitrary per dialect, for test/hostile.test.ts. Each dialect puts hostile text
 * (helpers/arbitraries.ts `hostileText`: every low code unit, backslash runs before quotes, string, template,
 * regular expression and comment delimiters, ...) everywhere it can carry text: names, descriptions, enum and
 * const values, patterns, defaults and examples, wire keys.
 *
 * Catalog files are built in hostile-catalog.ts. A new dialect plugs in beside them: a `HostileDialect` whose
 * `documentArb` builds its documents with hostile text in the same places, listed in hostile-dialects.ts; the test
 * runs every listed dialect through the same checks.
 */
import fc from "fast-check";
import { HAZARD_KEYS, hostileText } from "./arbitraries.js";

export interface HostileDocument {
  /** The document as an object (serialized by the test, in several styles). */
  readonly document: object;
  /** Texts the document holds that a value may be equal to (enum and const values, pattern literals, ...). */
  readonly texts: readonly string[];
}

export interface HostileDialect {
  readonly name: string;
  readonly documentArb: fc.Arbitrary<HostileDocument>;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions made from hostile text

/** `text` as a `u`-mode regular expression source that matches it literally. */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** A pattern built from hostile text, and the text it was built from (which it usually matches). */
export const patternArb: fc.Arbitrary<{ pattern: string; text: string }> = hostileText.chain(
  (text) =>
    fc
      .constantFrom<(t: string) => string>(
        (t) => literalPattern(t),
        (t) => `^(?:${literalPattern(t)})$`,
        (t) => `${literalPattern(t)}|^[a-z]+$`,
        (t) => `^(?:${literalPattern(t)})+$`,
        (t) => literalPattern(t),
        // Raw text: often not a valid regular expression (an error the reader must report), sometimes one.
        (t) => t,
      )
      .map((make) => ({ pattern: make(text), text })),
);

// ---------------------------------------------------------------------------------------------
// JSON Structure Core

const identifierArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
      "class",
      "function",
      "default",
      "delete",
      "value",
      "errors",
      "path",
      "types",
    ),
  },
);
/** Names where Core wants identifiers: mostly identifiers, now and then hostile (an error to report). */
const coreNameArb = fc.oneof(
  { weight: 24, arbitrary: identifierArb },
  { weight: 1, arbitrary: hostileText },
);

/** A member's schema, and the texts in it that a value may be equal to. */
export interface Member {
  readonly schema: Record<string, unknown>;
  readonly texts: readonly string[];
}

const annotationsArb = fc.record(
  {
    description: hostileText,
    title: hostileText,
    examples: fc.array(hostileText, { maxLength: 2 }),
    altnames: fc.oneof(hostileText, fc.constantFrom(...HAZARD_KEYS)).map((json) => ({ json })),
    deprecated: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A string with hostile pattern, default and format (the same keys in Core and catalog files). */
export const stringMemberArb: fc.Arbitrary<Member> = fc
  .record(
    {
      pattern: patternArb,
      maxLength: fc.integer({ min: 0, max: 40 }),
      default: hostileText,
      format: fc.oneof(fc.constantFrom("email", "uri", "date"), hostileText),
    },
    { requiredKeys: [] },
  )
  .map(({ pattern, ...rest }) => ({
    schema: {
      type: "string",
      ...rest,
      ...(pattern === undefined ? {} : { pattern: pattern.pattern }),
    },
    texts: [
      ...(pattern === undefined ? [] : [pattern.text]),
      ...(rest.default === undefined ? [] : [rest.default]),
    ],
  }));

const enumMemberArb: fc.Arbitrary<Member> = fc
  .uniqueArray(fc.oneof(hostileText, fc.constantFrom(...HAZARD_KEYS)), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((values) =>
    fc.oneof(
      fc.constant<Member>({ schema: { type: "string", enum: values }, texts: values }),
      fc.constant<Member>({
        schema: { type: "string", const: values[0] },
        texts: values.slice(0, 1),
      }),
      fc.constant<Member>({
        schema: { type: "string", enum: values, default: values[0] },
        texts: values,
      }),
    ),
  );

const otherMemberArb: fc.Arbitrary<Member> = fc.oneof(
  fc.constant<Member>({ schema: { type: "int32", default: 3, examples: [1, 2] }, texts: [] }),
  fc.constant<Member>({ schema: { type: "boolean", default: false }, texts: [] }),
  patternArb.map(({ pattern, text }): Member => ({
    schema: {
      type: "map",
      values: { type: "string" },
      keyNames: { type: "string", pattern },
    },
    texts: [text],
  })),
  fc.tuple(patternArb, hostileText).map(([{ pattern, text }, description]): Member => ({
    schema: {
      type: "object",
      properties: { inner: { type: "string", description } },
      patternProperties: { [pattern]: { type: "string" } },
    },
    texts: [text],
  })),
  fc.array(hostileText, { minLength: 1, maxLength: 3 }).map((texts): Member => ({
    schema: { type: "array", items: { type: "string", enum: [...new Set(texts)] } },
    texts,
  })),
);

const memberArb: fc.Arbitrary<Member> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: stringMemberArb },
      { weight: 3, arbitrary: enumMemberArb },
      { weight: 2, arbitrary: otherMemberArb },
    ),
    annotationsArb,
  )
  .map(([member, annotations]) => ({
    schema: { ...annotations, ...member.schema },
    texts: [...member.texts, ...(annotations.examples ?? [])],
  }));

/** A Core document with validation enabled: a root object, its members, and enum definitions it refers to. */
export const coreDocumentArb: fc.Arbitrary<HostileDocument> = fc
  .record({
    name: coreNameArb,
    description: hostileText,
    id: fc.oneof(
      { weight: 12, arbitrary: fc.constant("https://example.com/hostile") },
      { weight: 1, arbitrary: hostileText },
    ),
    members: fc.uniqueArray(fc.tuple(coreNameArb, memberArb), {
      maxLength: 5,
      selector: ([name]) => name,
    }),
    definitions: fc.uniqueArray(fc.tuple(coreNameArb, enumMemberArb, hostileText), {
      maxLength: 2,
      selector: ([name]) => name,
    }),
    required: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    closed: fc.boolean(),
  })
  .map(({ name, description, id, members, definitions, required, closed }) => {
    const references = definitions.map(([definition]): [string, Member] => [
      `ref_${definition}`,
      { schema: { type: { $ref: `#/definitions/${definition}` } }, texts: [] },
    ]);
    const all = [...members, ...references];
    const properties = Object.fromEntries(all.map(([key, member]) => [key, member.schema]));
    const document = {
      $schema: "https://json-structure.org/meta/extended/v0/#",
      $id: id,
      $uses: ["JSONStructureValidation"],
      name,
      description,
      type: "object",
      properties,
      required: members.filter((_, i) => required[i] === true).map(([key]) => key),
      ...(closed ? { additionalProperties: false } : {}),
      ...(definitions.length === 0
        ? {}
        : {
            definitions: Object.fromEntries(
              definitions.map(([definition, member, text]) => [
                definition,
                { ...member.schema, description: text },
              ]),
            ),
          }),
    };
    const texts = [
      ...all.flatMap(([, member]) => member.texts),
      ...definitions.flatMap(([, member]) => member.texts),
    ];
    return { document, texts };
  });

/** The flat dialect's documents are built in hostile.test.ts (they come first, with their own checks). */
export const CORE_DIALECT: HostileDialect = { name: "core", documentArb: coreDocumentArb };
