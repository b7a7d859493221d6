/**
 * The members of an object in the catalog reading: a field list (`fields` or `children`: objects with `name`,
 * `type`, `required: boolean`) or a `properties` map (`required` is then a list of names, or `required: true` on
 * the member; `members` is read the same way, with a warning). Keys are kept as written (`@type` stays the wire
 * key); a field name with dots is one key, with a warning. A field without a name or a type, two fields with one
 * name, a name with a lone surrogate and a malformed `required` are errors.
 */
import type { Annotations, Property, TypeNode } from "../../model/model.js";
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
import { below, fail, type Reading, type Site, warn } from "./context.js";

const MEMBER_KEYS = ["fields", "children", "properties", "members"];

export function hasMembers(node: JsonObject): boolean {
  return MEMBER_KEYS.some((key) => own(node, key) !== undefined);
}

/** A nested type's declaration documents what the type is; examples and defaults stay with the member. */
export function descriptionOnly(node: JsonObject): Annotations {
  const description = own(node, "description");
  return typeof description === "string" && description.trim() !== "" ? { description } : {};
}

export function membersOf(node: JsonObject, site: Site, r: Reading): Property[] {
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
