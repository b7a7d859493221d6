/**
 * One schema of a catalog file, in either form (a field of a field list, or a member of a `properties` map), read
 * into a type node: its type (a `$ref`, a type text, a list of them, or what its keywords imply), then its
 * constraints, its constant, and `nullable` / `x-nullable`. Keys the reading does not know are ignored with a
 * warning; `x-` extensions are the authors' own and ignored silently.
 */
import type { Annotations, LiteralValue, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import {
  describeJson,
  isArrayValue,
  isObject,
  type JsonObject,
  type JsonValue,
  own,
} from "../source.js";
import { annotationsOf, DOCUMENTATION_KEYS } from "./annotations.js";
import { arrayType, hasMembers, mapType, objectType } from "./compounds.js";
import { CONSTRAINT_KEYS, withConstraints } from "./constraints.js";
import { ANY, fail, orNull, type Reading, type Site, warn } from "./context.js";
import { hintedString } from "./named.js";
import { enumOf, fromExpr, unionOf } from "./text.js";
import { parseTypeText } from "./type-text.js";

const STRUCTURE_KEYS = [
  "type",
  "$ref",
  "name",
  "required",
  "nullable",
  "x-nullable",
  "enum",
  "values",
  "const",
  "value",
  "items",
  "fields",
  "children",
  "properties",
  "members",
  "additionalProperties",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
];
const COMPOSITION_KEYS = ["allOf", "anyOf", "oneOf"];
const KNOWN_KEYS = new Set([...STRUCTURE_KEYS, ...CONSTRAINT_KEYS, ...DOCUMENTATION_KEYS]);

export function readSchema(
  value: JsonValue | undefined,
  site: Site,
  r: Reading,
  extraKeys?: ReadonlySet<string>,
): TypeNode {
  if (typeof value === "string") {
    return typeText(value, {}, site, r, site.pointer);
  }
  if (!isObject(value)) {
    warn(
      site,
      "SG_WRONG_SHAPE",
      site.pointer,
      `a type must be an object or a type name, not ${describeJson(value)}; it is read as any value`,
    );
    return ANY;
  }
  warnUnknownKeys(value, site, extraKeys);
  const typed = withConstraints(baseType(value, site, r), value, site);
  return withNullable(withConstant(typed, value, site), value, site);
}

function warnUnknownKeys(
  node: JsonObject,
  site: Site,
  extraKeys: ReadonlySet<string> | undefined,
): void {
  for (const key of Object.keys(node)) {
    if (!KNOWN_KEYS.has(key) && !key.startsWith("x-") && extraKeys?.has(key) !== true) {
      const like = likelyKey(key);
      warn(
        site,
        "SG_UNKNOWN_KEY",
        appendPointer(site.pointer, key),
        `unknown key ${JSON.stringify(key)} is ignored${like === undefined ? "" : ` (the catalog reading knows ${JSON.stringify(like)})`}`,
      );
    }
  }
}

/** A structure key the unknown one looks like (`itemType` -> `items`), to hint at what the reading expected. */
function likelyKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  return STRUCTURE_KEYS.find((known) => {
    const stem = known.toLowerCase().replace(/s$/, "");
    return stem.length >= 4 && lower !== known.toLowerCase() && lower.startsWith(stem);
  });
}

function baseType(node: JsonObject, site: Site, r: Reading): TypeNode {
  const ref = own(node, "$ref");
  const type = own(node, "type");
  if (type !== undefined || typeof ref === "string") {
    ignoredComposition(node, site);
  }
  if (typeof ref === "string") {
    if (type !== undefined) {
      warn(
        site,
        "SG_UNKNOWN_KEY",
        appendPointer(site.pointer, "type"),
        "type beside $ref is ignored: the reference says what the value is",
      );
    }
    return r.reference(ref, site, appendPointer(site.pointer, "$ref"));
  }
  const at = appendPointer(site.pointer, "type");
  if (type === undefined) {
    return impliedType(node, site, r);
  }
  if (typeof type === "string") {
    return typeText(type, node, site, r, at);
  }
  if (isArrayValue(type)) {
    const members = type.map((member, index) =>
      typeMember(member, node, site, r, appendPointer(at, index)),
    );
    return enumOf(node, unionOf(members), site, r, at);
  }
  const inner = isObject(type) ? own(type, "$ref") : undefined;
  if (typeof inner === "string") {
    return r.reference(inner, site, appendPointer(at, "$ref"));
  }
  warn(
    site,
    "SG_WRONG_SHAPE",
    at,
    `type must be a type name, a list of them or {"$ref": ...}, not ${describeJson(type)}; it is read as any value`,
  );
  return ANY;
}

/**
 * `allOf`, `anyOf` or `oneOf` beside a type or a reference: only documentation members are read (as the member's
 * documentation); typed ones are not, with a warning. A composition that is not a list is an error.
 */
function ignoredComposition(node: JsonObject, site: Site): void {
  for (const key of COMPOSITION_KEYS) {
    const list = own(node, key);
    const at = appendPointer(site.pointer, key);
    if (list === undefined) {
      continue;
    }
    if (!isArrayValue(list)) {
      fail(site, "SG_WRONG_SHAPE", at, `${key} must be a list of types, not ${describeJson(list)}`);
    } else if (!list.every(isDocumentationOnly)) {
      warn(
        site,
        "SG_UNSUPPORTED",
        at,
        `${key} beside a type or $ref is not read; the type alone is checked`,
      );
    }
  }
}

/** One member of a `type` list: a type text, `{"$ref": ...}` or a schema. */
function typeMember(
  member: JsonValue,
  node: JsonObject,
  site: Site,
  r: Reading,
  at: string,
): TypeNode {
  if (typeof member === "string") {
    const parsed = parseTypeText(member);
    if ("error" in parsed) {
      fail(site, "SG_UNKNOWN_TYPE", at, parsed.error);
      return ANY;
    }
    return fromExpr(parsed.expr, node, site, r, at, false);
  }
  return readSchema(member, { ...site, pointer: at }, r);
}

function typeText(text: string, node: JsonObject, site: Site, r: Reading, at: string): TypeNode {
  const parsed = parseTypeText(text);
  if ("error" in parsed) {
    fail(site, "SG_UNKNOWN_TYPE", at, parsed.error);
    return ANY;
  }
  return fromExpr(parsed.expr, node, site, r, at);
}

/** A schema without `type`: its members, items, values or composition say what it is; else any value, warned. */
function impliedType(node: JsonObject, site: Site, r: Reading): TypeNode {
  if (COMPOSITION_KEYS.some((key) => own(node, key) !== undefined)) {
    return composition(node, site, r);
  }
  if (hasMembers(node) || isObject(own(node, "additionalProperties"))) {
    return objectType(node, site, r);
  }
  if (own(node, "items") !== undefined) {
    return arrayType(node, site, r, own(node, "uniqueItems") === true);
  }
  if (own(node, "values") !== undefined && !isArrayValue(own(node, "values"))) {
    return mapType(node, site, r);
  }
  if (isArrayValue(own(node, "enum")) || isArrayValue(own(node, "values"))) {
    return enumOf(node, undefined, site, r, site.pointer);
  }
  if (own(node, "const") === undefined && own(node, "value") === undefined) {
    warn(
      site,
      "SG_GUESSED_TYPE",
      site.pointer,
      "a schema without a type, reference, members or items is read as any value",
    );
  }
  return ANY;
}

/**
 * `allOf` with one typed member is that member (the others carry documentation, as in
 * `allOf: [{"$ref": ...}, {"description": ...}]`); `anyOf` is a union; `oneOf` too, with a warning (a value that
 * matches two members is accepted). Several typed members of `allOf`, `not` and `if` are not read.
 */
function composition(node: JsonObject, site: Site, r: Reading): TypeNode {
  for (const key of ["not", "if"].filter((k) => own(node, k) !== undefined)) {
    warn(
      site,
      "SG_UNSUPPORTED",
      appendPointer(site.pointer, key),
      `${key} is not read; it is ignored`,
    );
  }
  const [key = "allOf", ...others] = COMPOSITION_KEYS.filter((k) => own(node, k) !== undefined);
  for (const other of others) {
    warn(
      site,
      "SG_UNSUPPORTED",
      appendPointer(site.pointer, other),
      `${other} beside ${key} is not read; it is ignored`,
    );
  }
  const list = own(node, key);
  const at = appendPointer(site.pointer, key);
  if (!isArrayValue(list)) {
    fail(site, "SG_WRONG_SHAPE", at, `${key} must be a list of types, not ${describeJson(list)}`);
    return ANY;
  }
  const typed = list
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => !isDocumentationOnly(member));
  const read = ({ member, index }: { member: JsonValue; index: number }) =>
    readSchema(
      member,
      { ...site, pointer: appendPointer(at, index), path: [...site.path, String(index + 1)] },
      r,
    );
  const [first] = typed;
  if (key === "allOf") {
    if (typed.length === 1 && first !== undefined) {
      return readSchema(first.member, { ...site, pointer: appendPointer(at, first.index) }, r);
    }
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      typed.length === 0
        ? "allOf holds no type; any value"
        : "allOf of several types is not read; it is read as any value",
    );
    return ANY;
  }
  if (key === "oneOf" && typed.length > 1) {
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      "oneOf is read as anyOf: a value that matches more than one of its types is accepted too",
    );
  }
  return typed.length === 1 && first !== undefined
    ? readSchema(first.member, { ...site, pointer: appendPointer(at, first.index) }, r)
    : unionOf(typed.map(read));
}

function isDocumentationOnly(value: JsonValue): boolean {
  return isObject(value) && Object.keys(value).every((key) => DOCUMENTATION_KEYS.includes(key));
}

/** `const` is the one value allowed; `value` is read so too, with a warning (catalogs write it for a fixed value). */
function withConstant(type: TypeNode, node: JsonObject, site: Site): TypeNode {
  const key =
    own(node, "const") !== undefined
      ? "const"
      : own(node, "value") !== undefined
        ? "value"
        : undefined;
  if (key === undefined) {
    return type;
  }
  const value = own(node, key) as JsonValue;
  const at = appendPointer(site.pointer, key);
  if (typeof value === "object" && value !== null) {
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      `a ${key} that is an object or array is not checked; it is ignored`,
    );
    return type;
  }
  if (!fitsType(value, type)) {
    warn(
      site,
      "SG_VALUE_CONSTANT",
      at,
      `${key} ${JSON.stringify(value)} is not a value of the type; it is ignored`,
    );
    return type;
  }
  if (key === "value") {
    warn(
      site,
      "SG_VALUE_CONSTANT",
      at,
      `value ${JSON.stringify(value)} is read as the only value allowed (a constant)`,
    );
  }
  return { kind: "literal", values: [value] };
}

function fitsType(value: LiteralValue, type: TypeNode): boolean {
  switch (type.kind) {
    case "any":
    case "ref":
      return true;
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && (!type.integer || Number.isInteger(value));
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "literal":
      return type.values.includes(value);
    case "union":
      return type.members.some((m) => fitsType(value, m));
    default:
      return false;
  }
}

function withNullable(type: TypeNode, node: JsonObject, site: Site): TypeNode {
  let nullable = false;
  for (const key of ["nullable", "x-nullable"]) {
    const raw = own(node, key);
    if (raw !== undefined && typeof raw !== "boolean") {
      warn(
        site,
        "SG_WRONG_SHAPE",
        appendPointer(site.pointer, key),
        `${key} must be true or false, not ${describeJson(raw)}; it is ignored`,
      );
    }
    nullable ||= raw === true;
  }
  return nullable ? orNull(type) : type;
}

/**
 * The documentation of a member: its own keys, those of documentation-only `allOf` members, and a type hint that
 * names no format (kept as `@format`).
 */
export function documentationOf(schema: JsonValue | undefined): Annotations {
  if (!isObject(schema)) {
    return {};
  }
  const parts = own(schema, "allOf");
  const extra = isArrayValue(parts) ? parts.filter(isDocumentationOnly) : [];
  const format = own(schema, "format");
  const hint = typeHint(own(schema, "type"));
  const own_ = annotationsOf(schema, {
    ...(typeof format === "string" ? { format } : {}),
    ...(hint === undefined ? {} : { hint }),
  });
  return extra.map((part) => annotationsOf(part)).reduce(mergeAnnotations, own_);
}

/** The schema's own documentation first; what it lacks comes from `more`. */
function mergeAnnotations(first: Annotations, more: Annotations): Annotations {
  const examples = [...(first.examples ?? []), ...(more.examples ?? [])];
  const tags = [...(first.tags ?? []), ...(more.tags ?? [])];
  const description = first.description ?? more.description;
  const fallback = first.default ?? more.default;
  return {
    ...more,
    ...first,
    ...(description === undefined ? {} : { description }),
    ...(first.deprecated === true || more.deprecated === true ? { deprecated: true } : {}),
    ...(examples.length === 0 ? {} : { examples }),
    ...(fallback === undefined ? {} : { default: fallback }),
    ...(tags.length === 0 ? {} : { tags }),
  };
}

function typeHint(type: JsonValue | undefined): string | undefined {
  if (typeof type !== "string") {
    return undefined;
  }
  const parsed = parseTypeText(type);
  if ("error" in parsed || parsed.expr.kind !== "hinted") {
    return undefined;
  }
  const hinted = hintedString(parsed.expr.hint);
  return hinted?.exact === true ? undefined : parsed.expr.hint;
}
