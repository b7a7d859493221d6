/**
 * Constraint keywords. `maxLength` is Core (§`maxLength` Keyword) and always enforced, as the SDK and its test
 * assets do. The rest come from the validation extension (Val §Validation Keywords): they are enforced only when
 * the document enables it (`$uses: ["JSONStructureValidation"]` or the validation meta-schema); otherwise they are
 * ignored with a warning. Either way a malformed value, a keyword on the wrong type or a contradiction
 * (`minimum` > `maximum`, ...) is an error, as in the SDK's `schemas/invalid`.
 */
import { formatHint, STRING_FORMATS } from "../../model/string-formats.js";
import type { NumberNode, StringNode, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { checkPattern } from "../pattern-safety.js";
import { describeJson, type JsonObject, type JsonValue, own } from "../source.js";
import { type Ctx } from "./context.js";

type Family = "string" | "number" | "array" | "object" | "map";

const FAMILY_KEYWORDS: Readonly<Record<Family, readonly string[]>> = {
  string: ["minLength", "pattern", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  array: ["minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains"],
  object: [
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "patternProperties",
    "propertyNames",
  ],
  map: ["minEntries", "maxEntries", "keyNames", "patternKeys"],
};

export const VALIDATION_KEYWORDS: readonly string[] = Object.values(FAMILY_KEYWORDS).flat();

export type ParseNested = (value: JsonValue, pointer: string) => TypeNode | undefined;

function familiesOf(node: TypeNode): Family[] {
  switch (node.kind) {
    case "string":
      return ["string"];
    case "number":
    case "encoded":
      return ["number"];
    case "array":
      return ["array"];
    case "object":
      return ["object"];
    case "map":
      return ["map"];
    case "union":
      return node.choice === undefined ? [...new Set(node.members.flatMap(familiesOf))] : [];
    default:
      return [];
  }
}

/**
 * Reports validation keywords that do not fit the node's type (always an error) and, when the extension is not
 * enabled, each keyword that will be ignored. Returns whether the keywords are to be enforced.
 */
export function validationGate(
  schema: JsonObject,
  node: TypeNode,
  pointer: string,
  ctx: Ctx,
): boolean {
  const present = VALIDATION_KEYWORDS.filter((key) => own(schema, key) !== undefined);
  const fits = familiesOf(node).flatMap((family) => FAMILY_KEYWORDS[family]);
  for (const key of present.filter((k) => !fits.includes(k))) {
    const typeName = typeof schema["type"] === "string" ? schema["type"] : node.kind;
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, key),
      `${key} does not apply to ${typeName}`,
    );
  }
  if (!ctx.source.features.validation) {
    for (const key of present.filter((k) => fits.includes(k))) {
      ctx.source.sink.warning(
        "SG_EXTENSION_NOT_ENABLED",
        appendPointer(pointer, key),
        `${key} is a validation keyword, but the document does not enable it ($uses: ["JSONStructureValidation"]); it is ignored`,
      );
    }
  }
  return ctx.source.features.validation;
}

/** A non-negative integer keyword, or undefined (reported when present but malformed). */
export function readCount(
  schema: JsonObject,
  key: string,
  pointer: string,
  ctx: Ctx,
): number | undefined {
  const raw = own(schema, key);
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, key),
      `${key} must be a non-negative integer, not ${JSON.stringify(raw)}`,
    );
    return undefined;
  }
  return raw;
}

function readNumber(
  schema: JsonObject,
  key: string,
  pointer: string,
  ctx: Ctx,
): number | undefined {
  const raw = own(schema, key);
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== "number") {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, key),
      `${key} must be a number, not ${describeJson(raw)}`,
    );
    return undefined;
  }
  return raw;
}

/** A pair of limits that cannot both hold is an error, whether or not the keywords are enforced. */
export function checkOrder(
  low: number | undefined,
  high: number | undefined,
  names: [string, string],
  pointer: string,
  ctx: Ctx,
): void {
  if (low !== undefined && high !== undefined && low > high) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, names[0]),
      `${names[0]} (${low}) is greater than ${names[1]} (${high}): no value can match`,
    );
  }
}

/** A regular expression that ajv can compile: ECMA-262 with the "u" flag. */
export function readPattern(raw: JsonValue | undefined, at: string, ctx: Ctx): string | undefined {
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== "string") {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `a pattern must be a string, not ${describeJson(raw)}`,
    );
    return undefined;
  }
  try {
    new RegExp(raw, "u");
  } catch (error) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `invalid regular expression ${JSON.stringify(raw)}: ${(error as Error).message}`,
    );
    return undefined;
  }
  checkPattern(raw, at, ctx.source.sink, ctx.source.patterns);
  return raw;
}

/** The string keywords of a schema, read once (a union applies them to each string member). */
export interface StringPatch {
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: string;
}

/** String rules: Core `maxLength` always; `minLength`, `pattern`, `format` when enforced. */
export function readStringRules(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
): StringPatch {
  const maxLength = readCount(schema, "maxLength", pointer, ctx);
  const minLength = readCount(schema, "minLength", pointer, ctx);
  const pattern = readPattern(own(schema, "pattern"), appendPointer(pointer, "pattern"), ctx);
  checkOrder(minLength, maxLength, ["minLength", "maxLength"], pointer, ctx);
  const format = enforce ? readFormat(schema, pointer, ctx) : undefined;
  return {
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(enforce && minLength !== undefined ? { minLength } : {}),
    ...(enforce && pattern !== undefined ? { pattern } : {}),
    ...(format === undefined ? {} : { format }),
  };
}

/** A `format` keyword does not replace the format a Core type already has (`uuid`, `date`, ...). */
export function withStringRules(node: StringNode, patch: StringPatch): StringNode {
  const { format, ...rest } = patch;
  const keepsOwn = node.format !== undefined || node.coreFormat !== undefined;
  return { ...node, ...rest, ...(format === undefined || keepsOwn ? {} : { format }) };
}

function readFormat(schema: JsonObject, pointer: string, ctx: Ctx): string | undefined {
  const raw = own(schema, "format");
  const at = appendPointer(pointer, "format");
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== "string") {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `format must be a string, not ${describeJson(raw)}`,
    );
    return undefined;
  }
  if (!STRING_FORMATS.includes(raw)) {
    ctx.source.sink.warning(
      "SG_UNKNOWN_FORMAT",
      at,
      `format ${JSON.stringify(raw)} is not a format structgen knows${formatHint(raw)}; it is not checked`,
    );
    return undefined;
  }
  return raw;
}

/** The number keywords of a schema, read once. */
export interface NumberPatch {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export function readNumberRules(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
): NumberPatch {
  const read = (key: string): number | undefined => readNumber(schema, key, pointer, ctx);
  const [minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf] = [
    read("minimum"),
    read("maximum"),
    read("exclusiveMinimum"),
    read("exclusiveMaximum"),
    read("multipleOf"),
  ];
  checkOrder(minimum, maximum, ["minimum", "maximum"], pointer, ctx);
  if (multipleOf !== undefined && multipleOf <= 0) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, "multipleOf"),
      `multipleOf must be greater than 0, not ${multipleOf}`,
    );
  }
  if (!enforce) {
    return {};
  }
  return {
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
    ...(exclusiveMinimum === undefined ? {} : { exclusiveMinimum }),
    ...(exclusiveMaximum === undefined ? {} : { exclusiveMaximum }),
    ...(multipleOf === undefined || multipleOf <= 0 ? {} : { multipleOf }),
  };
}

/** Number rules merged with the range of the integer type: the narrower limit wins. */
export function withNumberRules(node: NumberNode, patch: NumberPatch): NumberNode {
  const tighter = (
    a: number | undefined,
    b: number | undefined,
    pick: (x: number, y: number) => number,
  ) => (a === undefined ? b : b === undefined ? a : pick(a, b));
  const min = tighter(node.minimum, patch.minimum, Math.max);
  const max = tighter(node.maximum, patch.maximum, Math.min);
  return {
    ...node,
    ...patch,
    ...(min === undefined ? {} : { minimum: min }),
    ...(max === undefined ? {} : { maximum: max }),
  };
}
