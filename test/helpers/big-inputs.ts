/**
 * Inputs too big (or too regular) to keep as files: each is built from a recipe, named in a case's recipe.json
 * (fixtures/errors/<case>/recipe.json) and by the stress tests. Every builder is pure and deterministic, and the
 * position of anything a test points at does not depend on the size.
 */

/** What fixtures/errors/<case>/recipe.json holds: the builder, its size for `npm test` and for `npm run test:stress`. */
export interface Recipe {
  readonly builder: BuilderName;
  readonly size: number;
  readonly stressSize?: number;
}

export type BuilderName = keyof typeof BUILDERS;

const LOREM =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ";
const CORE_SCHEMA = "https://json-structure.org/meta/core/v0/#";

/** A flat summary with `count` fields of every flat type, some required, some with enums and formats. */
export function flatFields(count: number, name = "many-fields"): string {
  const fields = Array.from({ length: count }, (_, i) => {
    switch (i % 6) {
      case 0:
        return { name: `id_${i}`, type: "string", required: true, format: "uuid" };
      case 1:
        return { name: `count_${i}`, type: "integer", required: false };
      case 2:
        return {
          name: `state_${i}`,
          type: "string",
          required: false,
          enum: ["open", "closed", `s${i}`],
        };
      case 3:
        return {
          name: `tags_${i}`,
          type: "array<string>",
          required: false,
          description: `Tags number ${i}.`,
        };
      case 4:
        return { name: `extra_${i}`, type: "object", required: false };
      default:
        return { name: `flag_${i}`, type: "boolean", required: i % 2 === 0 };
    }
  });
  return `${JSON.stringify({ jsonStructure: "0.1", name, entity: "ManyFields", fieldCount: count, fields }, null, 2)}\n`;
}

/** `depth` arrays inside each other around a 1, on one line: `[[[1]]]`. */
export function deepArrays(depth: number): string {
  return `${"[".repeat(depth)}1${"]".repeat(depth)}\n`;
}

/** `depth` objects inside each other, each with one key "a", on one line. */
export function deepObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}\n`;
}

/**
 * A legal flat summary whose unknown key "x-nested" holds arrays nested so that the deepest array sits at
 * `depth` levels counting the document itself (one level for the document, one for the key's array).
 */
export function flatWithNestedExtra(depth: number): string {
  const inner = depth - 1;
  return `{"jsonStructure": "0.1", "name": "nested-extra", "entity": "NestedExtra", "fields": [], "x-nested": ${"[".repeat(inner)}${"]".repeat(inner)}}\n`;
}

/**
 * A JSON Structure Core document whose root object nests `levels` object types inline, each the `child` property
 * of the one above: JSON depth 2 * levels + 1.
 */
export function coreDeep(levels: number): string {
  const open = '{"type": "object", "properties": {"child": '.repeat(levels - 1);
  const close = "}}".repeat(levels - 1);
  const leaf = '{"type": "string"}';
  return `{"$schema": "${CORE_SCHEMA}", "$id": "https://example.com/deep", "name": "Deep", "type": "object", "properties": {"child": ${open}${leaf}${close}}}\n`;
}

/** A legal flat summary of about `bytes` bytes: 40 string fields with long descriptions. */
export function flatBigDescriptions(bytes: number): string {
  const count = 40;
  const per = Math.ceil(bytes / count);
  const text = LOREM.repeat(Math.ceil(per / LOREM.length))
    .slice(0, per)
    .trimEnd();
  const fields = Array.from({ length: count }, (_, i) => ({
    name: `f${i}`,
    type: "string",
    required: i % 2 === 0,
    description: text,
  }));
  return `${JSON.stringify({ jsonStructure: "0.1", name: "big-descriptions", entity: "BigDescriptions", fields }, null, 2)}\n`;
}

/**
 * A flat summary of about `bytes` bytes that is wrong only at its very end: every field on line 1, then on
 * line 2 an `entity` that is a number. The error is always at /entity, line 2, column 11.
 */
export function flatBigWrongAtEnd(bytes: number): string {
  const field = (i: number) =>
    JSON.stringify({ name: `field_${i}`, type: "string", required: false, description: LOREM });
  const count = Math.max(1, Math.ceil(bytes / (field(0).length + 1)));
  const fields = Array.from({ length: count }, (_, i) => field(i)).join(",");
  return `{"jsonStructure": "0.1", "name": "wrong-at-end", "fields": [${fields}],\n"entity": 5}\n`;
}

/** A flat summary whose one string field has an enum of `count` distinct values. */
export function flatBigEnum(count: number): string {
  const values = Array.from({ length: count }, (_, i) => `value-${i}`);
  return `${JSON.stringify({ jsonStructure: "0.1", name: "big-enum", entity: "BigEnum", fields: [{ name: "state", type: "string", required: true, enum: values }] })}\n`;
}

/**
 * The same enum with one value of the wrong type at its end (an error): no outputs are made, so the time is the
 * reading and checking of the values alone.
 */
export function flatBigEnumWrongAtEnd(count: number): string {
  const values = [...Array.from({ length: count }, (_, i) => `value-${i}`), 0];
  return `${JSON.stringify({ jsonStructure: "0.1", name: "big-enum", entity: "BigEnum", fields: [{ name: "state", type: "string", required: true, enum: values }] })}\n`;
}

/** A flat summary with `count` keys that structgen does not know (each a warning). */
export function flatUnknownKeys(count: number): string {
  const extra = Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-extra-${i}`, i]));
  return `${JSON.stringify({ jsonStructure: "0.1", name: "unknown-keys", entity: "UnknownKeys", fields: [{ name: "id", type: "string" }], ...extra })}\n`;
}

/** A flat summary where `count` fields repeat one name (each repeat an error). */
export function flatDuplicateFields(count: number): string {
  const fields = Array.from({ length: count }, () => ({ name: "id", type: "string" }));
  return `${JSON.stringify({ jsonStructure: "0.1", name: "duplicates", entity: "Duplicates", fields })}\n`;
}

/**
 * A Core document with `count` object definitions in a ring (each refers to the next, the last to the first:
 * legal recursion through objects), and a root object that refers to the first.
 */
export function coreWide(count: number): string {
  const definitions = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `D${i}`,
      {
        type: "object",
        description: `Definition ${i}.`,
        properties: {
          id: { type: "string" },
          size: { type: "int32" },
          next: { type: { $ref: `#/definitions/D${(i + 1) % count}` } },
        },
        required: ["id"],
      },
    ]),
  );
  const root = { type: "object", properties: { first: { type: { $ref: "#/definitions/D0" } } } };
  return `${JSON.stringify({ $schema: CORE_SCHEMA, $id: "https://example.com/wide", name: "Wide", ...root, definitions }, null, 2)}\n`;
}

/**
 * A Core document whose `count` definitions are aliases in a chain (A0 is A1, ..., the last a string): legal,
 * nested `count` deep through references rather than through JSON.
 */
export function coreAliasChain(count: number): string {
  const definitions = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `A${i}`,
      i === count - 1 ? { type: "string" } : { type: { $ref: `#/definitions/A${i + 1}` } },
    ]),
  );
  const root = { type: "object", properties: { first: { type: { $ref: "#/definitions/A0" } } } };
  return `${JSON.stringify({ $schema: CORE_SCHEMA, $id: "https://example.com/alias-chain", name: "AliasChain", ...root, definitions })}\n`;
}

/** A Core document whose root extends A0, which extends A1, ..., `count` abstract objects deep: legal. */
/**
 * A Core document whose root extends a chain of `count` abstract types: E0 extends nothing, E<i> extends E<i-1>.
 * The definitions come before the root, so a diagnostic at E<n> has the same position whatever `count` is.
 */
export function coreExtendsChain(count: number): string {
  const definitions = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `E${i}`,
      {
        type: "object",
        abstract: true,
        ...(i === 0 ? {} : { $extends: `#/definitions/E${i - 1}` }),
        properties: { [`p${i}`]: { type: "string" } },
      },
    ]),
  );
  const root = {
    type: "object",
    $extends: `#/definitions/E${count - 1}`,
    properties: { id: { type: "string" } },
  };
  return `${JSON.stringify({ $schema: CORE_SCHEMA, $id: "https://example.com/extends-chain", name: "ExtendsChain", definitions, ...root })}\n`;
}

export const BUILDERS = {
  "flat-fields": (size: number) => flatFields(size),
  "deep-arrays": deepArrays,
  "deep-objects": deepObjects,
  "flat-nested-extra": flatWithNestedExtra,
  "core-deep": coreDeep,
  "flat-big-descriptions": flatBigDescriptions,
  "flat-big-wrong-at-end": flatBigWrongAtEnd,
  "flat-big-enum": flatBigEnum,
  "flat-big-enum-wrong-at-end": flatBigEnumWrongAtEnd,
  "flat-unknown-keys": flatUnknownKeys,
  "flat-duplicate-fields": flatDuplicateFields,
  "core-wide": coreWide,
  "core-alias-chain": coreAliasChain,
  "core-extends-chain": coreExtendsChain,
} satisfies Record<string, (size: number) => string>;

export function build(recipe: Recipe, stress = false): string {
  return BUILDERS[recipe.builder](stress ? (recipe.stressSize ?? recipe.size) : recipe.size);
}

/**
 * `count` small, distinct, legal flat summaries (for runs over many documents). Documents of different
 * `version`s give different outputs for every file; `prefix` names them (`doc-0007`).
 */
export function manyDocuments(
  count: number,
  options: { fieldsEach?: number; version?: number; prefix?: string } = {},
): { name: string; text: string }[] {
  const { fieldsEach = 8, version = 1, prefix = "doc" } = options;
  return Array.from({ length: count }, (_, i) => {
    const name = `${prefix}-${String(i).padStart(4, "0")}`;
    const fields = Array.from({ length: fieldsEach }, (_, k) => ({
      name: `field_${k}`,
      type: ["string", "integer", "boolean", "array<number>"][k % 4],
      required: k % 3 === 0,
      ...(k === 1 ? { description: `Field ${k} of ${name}, version ${version}.` } : {}),
    }));
    fields.push({ name: `added_in_v${version}`, type: "string", required: false });
    const entity = `${prefix.replace(/[^A-Za-z0-9]/g, "")}Entity${i}`;
    const text = `${JSON.stringify({ jsonStructure: "0.1", name, description: `Version ${version}.`, entity, fields }, null, 2)}\n`;
    return { name, text };
  });
}
