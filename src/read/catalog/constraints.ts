/**
 * Constraint keywords in the catalog reading, checked by guard and schema alike: `minLength`, `maxLength`,
 * `pattern`, `format` on strings; `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers, or the
 * draft-4 booleans), `multipleOf`, `format` on numbers; `minItems`, `maxItems`, `uniqueItems` on arrays. A union
 * applies each to the members it fits. A keyword that fits no member, or whose value cannot be used, is ignored
 * with a warning: nothing is dropped silently, and nothing unusable stops the document.
 */
import { formatHint, isNumberFormat, isStringFormat } from "../../model/string-formats.js";
import type { ArrayNode, NumberNode, StringNode, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, type JsonObject, type JsonValue, own } from "../source.js";
import { type Site, warn } from "./context.js";

type Family = "string" | "number" | "array";

const FAMILY_KEYS: Readonly<Record<Family, readonly string[]>> = {
  string: ["minLength", "maxLength", "pattern"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  array: ["minItems", "maxItems", "uniqueItems"],
};

export const CONSTRAINT_KEYS: readonly string[] = [...Object.values(FAMILY_KEYS).flat(), "format"];

function familiesOf(type: TypeNode): Family[] {
  switch (type.kind) {
    case "string":
      return ["string"];
    case "number":
      return ["number"];
    case "array":
      return ["array"];
    case "union":
      return [...new Set(type.members.flatMap(familiesOf))];
    default:
      return [];
  }
}

/** The node with the schema's constraint keywords applied where they fit. */
export function withConstraints(type: TypeNode, schema: JsonObject, site: Site): TypeNode {
  const present = CONSTRAINT_KEYS.filter((key) => own(schema, key) !== undefined);
  if (present.length === 0) {
    return type;
  }
  const families = familiesOf(type);
  for (const key of present.filter((k) => k !== "format")) {
    const family = (Object.keys(FAMILY_KEYS) as Family[]).find((f) => FAMILY_KEYS[f].includes(key));
    if (family !== undefined && !families.includes(family)) {
      warn(
        site,
        "SG_BAD_CONSTRAINT",
        appendPointer(site.pointer, key),
        `${key} does not apply to ${describeKind(type)}; it is ignored`,
      );
    }
  }
  const strings = families.includes("string") ? stringPatch(schema, site) : {};
  const numbers = families.includes("number") ? numberPatch(schema, site) : {};
  const arrays = families.includes("array") ? arrayPatch(schema, site) : {};
  const apply = (node: TypeNode): TypeNode => {
    switch (node.kind) {
      case "string":
        return { ...node, ...strings };
      case "number":
        return withRange(node, numbers);
      case "array":
        return { ...node, ...arrays };
      case "union":
        return { ...node, members: node.members.map(apply) };
      default:
        return node;
    }
  };
  return withFormat(apply(type), schema, site);
}

function describeKind(type: TypeNode): string {
  switch (type.kind) {
    case "ref":
      return "a named type (an enum's values or an object's members are checked instead)";
    case "literal":
      return "an enum (its values are checked instead)";
    case "any":
      return "a value of any type";
    default:
      return `${type.kind === "map" ? "an object" : `a ${type.kind}`}`;
  }
}

type Patch<T> = { -readonly [K in keyof T]?: T[K] };

function stringPatch(schema: JsonObject, site: Site): Patch<StringNode> {
  const minLength = count(schema, "minLength", site);
  const maxLength = count(schema, "maxLength", site);
  const pattern = patternOf(schema, site);
  return ordered(site, { minLength, maxLength, pattern }, ["minLength", "maxLength"]);
}

function numberPatch(schema: JsonObject, site: Site): Patch<NumberNode> {
  const minimum = numeric(schema, "minimum", site);
  const maximum = numeric(schema, "maximum", site);
  const multipleOf = numeric(schema, "multipleOf", site);
  // Draft 4 wrote exclusiveMinimum: true beside minimum; later drafts give the limit itself.
  const exclusive = (key: "exclusiveMinimum" | "exclusiveMaximum", limit: number | undefined) => {
    const raw = own(schema, key);
    return raw === true ? limit : raw === false ? undefined : numeric(schema, key, site);
  };
  const exclusiveMinimum = exclusive("exclusiveMinimum", minimum);
  const exclusiveMaximum = exclusive("exclusiveMaximum", maximum);
  if (multipleOf !== undefined && multipleOf <= 0) {
    warn(
      site,
      "SG_BAD_CONSTRAINT",
      appendPointer(site.pointer, "multipleOf"),
      `multipleOf must be greater than 0; it is ignored`,
    );
  }
  return ordered(
    site,
    {
      minimum: own(schema, "exclusiveMinimum") === true ? undefined : minimum,
      maximum: own(schema, "exclusiveMaximum") === true ? undefined : maximum,
      exclusiveMinimum,
      exclusiveMaximum,
      multipleOf: multipleOf !== undefined && multipleOf > 0 ? multipleOf : undefined,
    },
    ["minimum", "maximum"],
  );
}

function arrayPatch(schema: JsonObject, site: Site): Patch<ArrayNode> {
  const minItems = count(schema, "minItems", site);
  const maxItems = count(schema, "maxItems", site);
  const unique = own(schema, "uniqueItems") === true ? { unique: true } : {};
  return { ...ordered(site, { minItems, maxItems }, ["minItems", "maxItems"]), ...unique };
}

/** Drops the undefined entries; a lower limit above the upper one drops both, with a warning. */
function ordered<T extends Record<string, number | string | undefined>>(
  site: Site,
  patch: T,
  [low, high]: [keyof T & string, keyof T & string],
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const lo = patch[low];
  const hi = patch[high];
  const clash = typeof lo === "number" && typeof hi === "number" && lo > hi;
  if (clash) {
    warn(
      site,
      "SG_BAD_CONSTRAINT",
      appendPointer(site.pointer, low),
      `${low} (${lo}) is greater than ${high} (${hi}): no value could match, so both are ignored`,
    );
  }
  const entries = Object.entries(patch).filter(
    ([key, value]) => value !== undefined && !(clash && (key === low || key === high)),
  );
  return Object.fromEntries(entries) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function count(schema: JsonObject, key: string, site: Site): number | undefined {
  const raw = own(schema, key);
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0) {
    return raw;
  }
  warn(
    site,
    "SG_BAD_CONSTRAINT",
    appendPointer(site.pointer, key),
    `${key} must be a non-negative integer, not ${JSON.stringify(raw)}; it is ignored`,
  );
  return undefined;
}

function numeric(schema: JsonObject, key: string, site: Site): number | undefined {
  const raw = own(schema, key);
  if (raw === undefined || typeof raw === "number") {
    return raw;
  }
  warn(
    site,
    "SG_BAD_CONSTRAINT",
    appendPointer(site.pointer, key),
    `${key} must be a number, not ${describeJson(raw)}; it is ignored`,
  );
  return undefined;
}

/** Whether a keyword that takes text has text; warns (the keyword is then ignored) when not. */
function isText(raw: JsonValue, key: string, at: string, site: Site): raw is string {
  if (typeof raw === "string") {
    return true;
  }
  warn(
    site,
    "SG_BAD_CONSTRAINT",
    at,
    `${key} must be a string, not ${describeJson(raw)}; it is ignored`,
  );
  return false;
}

/** A pattern ajv can compile: ECMA-262 with the "u" flag. */
function patternOf(schema: JsonObject, site: Site): string | undefined {
  const raw = own(schema, "pattern");
  const at = appendPointer(site.pointer, "pattern");
  if (raw === undefined || !isText(raw, "pattern", at, site)) {
    return undefined;
  }
  try {
    new RegExp(raw, "u");
    return raw;
  } catch (error) {
    warn(
      site,
      "SG_BAD_CONSTRAINT",
      at,
      `pattern ${JSON.stringify(raw)} is not a regular expression ajv can compile (${(error as Error).message}); it is ignored`,
    );
    return undefined;
  }
}

/** Limits merged with a type's own range: the narrower one wins. */
function withRange(node: NumberNode, patch: Patch<NumberNode>): NumberNode {
  const pick = (
    a: number | undefined,
    b: number | undefined,
    f: (x: number, y: number) => number,
  ) => (a === undefined ? b : b === undefined ? a : f(a, b));
  const minimum = pick(node.minimum, patch.minimum, Math.max);
  const maximum = pick(node.maximum, patch.maximum, Math.min);
  return {
    ...node,
    ...patch,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

/**
 * `format`: a format ajv-formats knows is checked on strings (unless the type already has one) and on numbers
 * (`int32`, `int64`, `float`, `double`); any other is documentation, with a warning.
 */
function withFormat(type: TypeNode, schema: JsonObject, site: Site): TypeNode {
  const raw = own(schema, "format");
  if (raw === undefined) {
    return type;
  }
  const at = appendPointer(site.pointer, "format");
  if (!isText(raw, "format", at, site)) {
    return type;
  }
  const families = familiesOf(type);
  const fitsString = families.includes("string") && isStringFormat(raw);
  const fitsNumber = families.includes("number") && isNumberFormat(raw);
  if (!fitsString && !fitsNumber) {
    const why =
      isStringFormat(raw) || isNumberFormat(raw)
        ? `does not apply to ${describeKind(type)}`
        : "is not a format structgen knows";
    warn(
      site,
      "SG_UNKNOWN_FORMAT",
      at,
      `format ${JSON.stringify(raw)} ${why}${formatHint(raw)}; it is kept as documentation only`,
    );
    return type;
  }
  const apply = (node: TypeNode): TypeNode =>
    node.kind === "string" &&
    fitsString &&
    node.format === undefined &&
    node.coreFormat === undefined
      ? { ...node, format: raw }
      : node.kind === "number" && fitsNumber && node.format === undefined
        ? { ...node, format: raw }
        : node.kind === "union"
          ? { ...node, members: node.members.map(apply) }
          : node;
  return apply(type);
}
