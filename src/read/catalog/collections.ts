/**
 * Arrays, maps and enums in the catalog reading.
 *  - An array takes `items` (a type text, a schema, a named field list, `{"$ref": ...}`); without it, any values,
 *    with a warning (SG_UNTYPED_ARRAY). `set` and `uniqueItems: true` make the items distinct.
 *  - A map takes `values` (or `additionalProperties`); without one, any values, with a warning.
 *  - An enum (`enum`, `values`, `enum[...]`) of scalars is a literal union declared under its property path; a
 *    `null` among the values makes the property nullable instead.
 */
import type { LiteralValue, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { isArrayValue, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import { ANY, below, orNull, placeOf, type Reading, type Site, warn } from "./context.js";
import { descriptionOnly, hasMembers } from "./members.js";
import { derivedName, entryName } from "./names.js";

/** An array of `items` (or of the item type the type text gave). */
export function arrayType(node: JsonObject, site: Site, r: Reading, unique: boolean): TypeNode {
  const items = own(node, "items");
  const at = appendPointer(site.pointer, "items");
  if (items === undefined) {
    warn(
      site,
      "SG_UNTYPED_ARRAY",
      site.pointer,
      `${placeOf(site)} is an array without items: it is read as an array of any values`,
    );
    return { kind: "array", items: ANY, unique };
  }
  if (isArrayValue(items)) {
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      "items as a list (a tuple) is not read; the array holds any values",
    );
    return { kind: "array", items: ANY, unique };
  }
  return { kind: "array", items: itemType(items, at, site, r), unique };
}

/**
 * The item (or map value) type; a named field list (`{"name": "Application", "fields": [...]}`) declares its
 * type under that name.
 */
export function itemType(
  items: JsonValue,
  pointer: string,
  site: Site,
  r: Reading,
  segment: "Item" | "Value" = "Item",
): TypeNode {
  const name = isObject(items) && hasMembers(items) ? entryName(items) : undefined;
  return r.read(items, {
    ...below(site, pointer, segment),
    ...(name === undefined ? {} : { typeName: name }),
  });
}

/** A map: `values` (or `additionalProperties`) is the value type; without one, any values, with a warning. */
export function mapType(node: JsonObject, site: Site, r: Reading): TypeNode {
  const raw = own(node, "values") ?? own(node, "additionalProperties");
  if (raw === undefined || typeof raw === "boolean") {
    warn(
      site,
      "SG_OPEN_OBJECT",
      site.pointer,
      `${placeOf(site)} is a map without a value type: it is read as an open record (any values)`,
    );
    return { kind: "map", values: ANY };
  }
  const key = own(node, "values") === undefined ? "additionalProperties" : "values";
  return {
    kind: "map",
    values: itemType(raw, appendPointer(site.pointer, key), site, r, "Value"),
  };
}

/**
 * An enum of scalar values, declared under its property path (the root's own enum stays the root's type). Values
 * that do not fit `base` (when the type names one), or repeat, are dropped with a warning; `null` makes it nullable.
 */
export function enumType(
  values: readonly JsonValue[],
  base: TypeNode | undefined,
  site: Site,
  r: Reading,
  at: string,
  node: JsonObject = {},
): TypeNode {
  const kept: LiteralValue[] = [];
  let nullable = false;
  values.forEach((value, index) => {
    const where = appendPointer(at, index);
    if (value === null) {
      nullable = true;
    } else if (typeof value === "object") {
      warn(
        site,
        "SG_ENUM_TYPE",
        where,
        `enum value ${JSON.stringify(value)} is not a scalar; it is ignored`,
      );
    } else if (base !== undefined && !fits(value, base)) {
      warn(
        site,
        "SG_ENUM_TYPE",
        where,
        `enum value ${JSON.stringify(value)} is not a ${describeBase(base)}; it is ignored`,
      );
    } else if (kept.includes(value)) {
      warn(site, "SG_ENUM_DUPLICATE", where, `enum value ${JSON.stringify(value)} is listed twice`);
    } else {
      kept.push(value);
    }
  });
  if (kept.length === 0) {
    warn(
      site,
      "SG_ENUM_EMPTY",
      at,
      `the enum lists no usable values; read as ${base === undefined ? "a string" : describeBase(base)}`,
    );
    const plain = base ?? { kind: "string" };
    return nullable ? orNull(plain) : plain;
  }
  const literal: TypeNode = { kind: "literal", values: kept };
  const named = site.top
    ? literal
    : r.declare(site, "derived", derivedName(site.unit.rootName, site.path), () => ({
        type: literal,
        annotations: descriptionOnly(node),
      }));
  return nullable ? orNull(named) : named;
}

function fits(value: string | number | boolean, base: TypeNode): boolean {
  switch (base.kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && (!base.integer || Number.isInteger(value));
    case "boolean":
      return typeof value === "boolean";
    case "union":
      return base.members.some((m) => fits(value, m));
    default:
      return true;
  }
}

function describeBase(base: TypeNode): string {
  return base.kind === "number" ? (base.integer ? "integer" : "number") : base.kind;
}
