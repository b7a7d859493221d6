/**
 * One schema of a catalog file, in either form (a field of a field list, or a member of a `properties` map), read
 * into a type node: its type (a `$ref`, a type text, a list of them, a composition, or what its keywords imply),
 * then its constraints (constraints.ts), its constant and `nullable` / `x-nullable` (values.ts). Keys the reading does not know are ignored with a
 * warning; `x-` extensions are the authors' own and ignored silently.
 */
import type { TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import {
  describeJson,
  isArrayValue,
  isObject,
  type JsonObject,
  type JsonValue,
  own,
} from "../source.js";
import { DOCUMENTATION_KEYS } from "./annotations.js";
import { arrayType, mapType } from "./collections.js";
import { composition, COMPOSITION_KEYS, ignoredComposition } from "./composition.js";
import { CONSTRAINT_KEYS, withConstraints } from "./constraints.js";
import { ANY, fail, type Reading, type Site, warn } from "./context.js";
import { hasMembers } from "./members.js";
import { objectType } from "./objects.js";
import { enumOf, fromExpr, unionOf } from "./text.js";
import { parseTypeText } from "./type-text.js";
import { withConstant, withNullable } from "./values.js";

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
