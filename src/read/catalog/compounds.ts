/**
 * Objects, arrays, maps and enums in the catalog reading.
 *  - An object's members come from a field list (`fields` or `children`: objects with `name`, `type`,
 *    `required: boolean`) or a `properties` map (`required` is then a list of names, or `required: true` on the
 *    member). Keys are kept as written (`@type` stays the wire key). Extra keys follow `additionalProperties`, else
 *    the `--additional-properties` option. A nested object is a declaration of its own, named by its property path
 *    (or by its `name`, for an item or value type that has one).
 *  - `additionalProperties: S` without members is a map of S; an object with neither is an open record, with a
 *    warning (SG_OPEN_OBJECT).
 *  - An array takes `items` (a type text, a schema, a named field list, `{"$ref": ...}`); without it, any values,
 *    with a warning (SG_UNTYPED_ARRAY). `set` and `uniqueItems: true` make the items distinct.
 *  - An enum (`enum`, `values`, `enum[...]`) of scalars is a literal union declared under its property path; a
 *    `null` among the values makes the property nullable instead.
 */
import type { Annotations, LiteralValue, Property, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import {
  describeJson,
  hasLoneSurrogate,
  isArrayValue,
  isObject,
  type JsonObject,
  type JsonValue,
  own,
} from "../source.js";
import { ANY, below, fail, orNull, placeOf, type Reading, type Site, warn } from "./context.js";
import { derivedName, entryName, prefixed, typeNameOf } from "./names.js";

const MEMBER_KEYS = ["fields", "children", "properties", "members"];

export function hasMembers(node: JsonObject): boolean {
  return MEMBER_KEYS.some((key) => own(node, key) !== undefined);
}

/** An object type: a declaration of its own unless it is a declaration's whole body; a map when it has no members. */
export function objectType(node: JsonObject, site: Site, r: Reading): TypeNode {
  const extra = additionalPropertiesOf(node, site, r);
  if (!hasMembers(node)) {
    if (typeof extra === "object") {
      return { kind: "map", values: extra };
    }
    if (extra === false) {
      return { kind: "object", properties: [], additionalProperties: false };
    }
    warn(
      site,
      "SG_OPEN_OBJECT",
      site.pointer,
      `${placeOf(site)} is an object without fields or properties: it is read as an open record (any keys, any values)`,
    );
    return { kind: "map", values: ANY };
  }
  const body = () => ({
    type: {
      kind: "object" as const,
      properties: membersOf(node, site, r),
      additionalProperties: extra ?? r.options.additionalProperties,
    },
    annotations: descriptionOnly(node),
  });
  return site.top ? body().type : declareNested(node, site, r, body);
}

/** A nested type's declaration documents what the type is; examples and defaults stay with the member. */
function descriptionOnly(node: JsonObject): Annotations {
  const description = own(node, "description");
  return typeof description === "string" && description.trim() !== "" ? { description } : {};
}

/** A nested type's declaration: named by its `name` when an item or value type has one, else by its path. */
function declareNested(
  node: JsonObject,
  site: Site,
  r: Reading,
  body: () => { type: TypeNode; annotations: Annotations },
): TypeNode {
  const declared = site.typeName === undefined ? undefined : typeNameOf(site.typeName);
  return declared === undefined
    ? r.declare(site, "derived", derivedName(site.unit.rootName, site.path), body)
    : r.declare(site, "declared", prefixed(site.unit.rootName, declared), body);
}

function additionalPropertiesOf(
  node: JsonObject,
  site: Site,
  r: Reading,
): boolean | TypeNode | undefined {
  const raw = own(node, "additionalProperties");
  if (raw === undefined || typeof raw === "boolean") {
    return raw;
  }
  const at = appendPointer(site.pointer, "additionalProperties");
  if (isObject(raw) || typeof raw === "string") {
    return itemType(raw, at, site, r, "Value");
  }
  warn(
    site,
    "SG_WRONG_SHAPE",
    at,
    `additionalProperties must be true, false or a type, not ${describeJson(raw)}; it is ignored`,
  );
  return undefined;
}

function membersOf(node: JsonObject, site: Site, r: Reading): Property[] {
  const required = requiredNames(node, site);
  const properties: Property[] = [];
  const seen = new Map<string, string>();
  for (const key of ["fields", "children"]) {
    const list = own(node, key);
    if (list === undefined) {
      continue;
    }
    const at = appendPointer(site.pointer, key);
    if (!isArrayValue(list)) {
      fail(
        site,
        "SG_WRONG_SHAPE",
        at,
        `${key} must be an array of fields, not ${describeJson(list)}`,
      );
      continue;
    }
    list.forEach((item, index) => {
      const field = fieldOf(item, appendPointer(at, index), site, seen);
      if (field !== undefined) {
        properties.push(
          member(
            field.name,
            item,
            field.pointer,
            field.required || required.has(field.name),
            site,
            r,
          ),
        );
      }
    });
  }
  for (const key of ["properties", "members"]) {
    properties.push(...mapMembers(node, key, required, site, r));
  }
  for (const name of required) {
    if (!properties.some((p) => p.key === name)) {
      warn(
        site,
        "SG_MISSING_KEY",
        appendPointer(site.pointer, "required"),
        `required names "${name}", which is not a member here; it is ignored`,
      );
    }
  }
  return properties;
}

/** The members of a `properties` map (or of `members`, read the same way, with a warning). */
function mapMembers(
  node: JsonObject,
  key: string,
  required: ReadonlySet<string>,
  site: Site,
  r: Reading,
): Property[] {
  const map = own(node, key);
  const at = appendPointer(site.pointer, key);
  if (map === undefined) {
    return [];
  }
  if (!isObject(map)) {
    fail(site, "SG_WRONG_SHAPE", at, `${key} must be an object of types, not ${describeJson(map)}`);
    return [];
  }
  if (key === "members") {
    warn(
      site,
      "SG_GUESSED_TYPE",
      at,
      "members is read as properties (a map of member names to types)",
    );
  }
  return Object.keys(map).flatMap((name) => {
    const memberAt = appendPointer(at, name);
    if (!wellFormedName(name, memberAt, site)) {
      return [];
    }
    const schema = map[name] as JsonValue;
    const flag = isObject(schema) ? requiredFlag(schema, memberAt, site) : false;
    return [member(name, schema, memberAt, required.has(name) || flag, site, r)];
  });
}

/** A field of a field list: an object with a name and a type (or a `$ref`); problems are errors. */
function fieldOf(
  item: JsonValue,
  pointer: string,
  site: Site,
  seen: Map<string, string>,
): { name: string; pointer: string; required: boolean } | undefined {
  if (!isObject(item)) {
    fail(
      site,
      "SG_WRONG_SHAPE",
      pointer,
      `a field must be an object with a name and a type, not ${describeJson(item)}`,
    );
    return undefined;
  }
  const name = own(item, "name");
  if (typeof name !== "string" || name === "") {
    const problem = name === undefined ? "has no name" : `has the name ${JSON.stringify(name)}`;
    fail(
      site,
      name === undefined ? "SG_MISSING_KEY" : "SG_BAD_NAME",
      pointer,
      `a field ${problem}; every field needs a non-empty name`,
    );
    return undefined;
  }
  if (own(item, "type") === undefined && typeof own(item, "$ref") !== "string") {
    fail(site, "SG_MISSING_KEY", pointer, `field "${name}" has no type`);
    return undefined;
  }
  if (!wellFormedName(name, pointer, site)) {
    return undefined;
  }
  const earlier = seen.get(name);
  if (earlier !== undefined) {
    fail(
      site,
      "SG_DUPLICATE_FIELD",
      pointer,
      `field "${name}" is declared twice (first at ${earlier})`,
    );
    return undefined;
  }
  seen.set(name, pointer);
  if (/[^.]\.[^.]/.test(name)) {
    // Field lists flatten nested objects this way ("status.code"); JSON has no such path syntax, so it is a key.
    warn(
      site,
      "SG_DOTTED_NAME",
      appendPointer(pointer, "name"),
      `field "${name}" is read as one key with dots in it; if it is a path into nested objects, nest the fields instead`,
    );
  }
  return { name, pointer, required: requiredFlag(item, pointer, site) };
}

function wellFormedName(name: string, pointer: string, site: Site): boolean {
  if (hasLoneSurrogate(name)) {
    fail(
      site,
      "SG_BAD_NAME",
      pointer,
      "a member name must be well-formed Unicode (it holds a lone surrogate escape)",
    );
    return false;
  }
  return true;
}

/** `required: true|false` on a member; a list there names the required members of its own fields (read by it). */
function requiredFlag(schema: JsonObject, pointer: string, site: Site): boolean {
  const raw = own(schema, "required");
  if (raw === undefined || typeof raw === "boolean" || isNameList(raw)) {
    return raw === true;
  }
  fail(
    site,
    "SG_WRONG_SHAPE",
    appendPointer(pointer, "required"),
    `required must be true, false or a list of member names, not ${describeJson(raw)}`,
  );
  return false;
}

function requiredNames(node: JsonObject, site: Site): Set<string> {
  const raw = own(node, "required");
  if (raw === undefined || typeof raw === "boolean") {
    return new Set();
  }
  if (!isNameList(raw)) {
    // A member's own `required` is checked as a flag by its parent; the root has no parent.
    if (site.path.length === 0) {
      fail(
        site,
        "SG_WRONG_SHAPE",
        appendPointer(site.pointer, "required"),
        `required must be a list of member names, not ${describeJson(raw)}`,
      );
    }
    return new Set();
  }
  return new Set(raw as readonly string[]);
}

function isNameList(value: JsonValue): boolean {
  return isArrayValue(value) && value.every((v) => typeof v === "string");
}

function member(
  key: string,
  schema: JsonValue,
  pointer: string,
  required: boolean,
  site: Site,
  r: Reading,
): Property {
  const type = r.read(schema, below(site, pointer, key));
  const annotations = r.documentation(schema);
  const format = annotations.format ?? checkedFormat(type);
  return {
    key,
    required,
    type,
    annotations: format === undefined ? annotations : { ...annotations, format },
    pointer,
  };
}

/** The format a type is checked against (`uuid` for a `uuid` field), for the member's `@format`. */
function checkedFormat(type: TypeNode): string | undefined {
  switch (type.kind) {
    case "string":
      return type.format ?? type.coreFormat;
    case "number":
      return type.format;
    case "union":
      return type.members.map(checkedFormat).find((f) => f !== undefined);
    default:
      return undefined;
  }
}

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
