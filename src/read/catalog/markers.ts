/**
 * What makes a document that claims a JSON Structure Core meta-schema a catalog file after all: a construct that
 * only the catalog reading understands. Strict Core has no `nullable`, `x-nullable`, `example`, `value` or
 * `members`, writes `$ref` only as the value of `type`, and names types with plain words, never with Python list
 * text (`"['string', 'null']"`) or the field grammar (`array<T>`, `string[]`, `A|B`, `T (hint)`). A field list
 * (`fields`/`children`) is catalog too, and so are what catalogs write where Core is strict: a document without
 * `$id`, a root type without a `name` or whose name is not an identifier, an object without properties. The scan
 * follows schema positions only, so a property *named* `value` or `example` is no marker. It visits schemas from
 * a queue, not by recursion.
 */
import { appendPointer } from "../../model/pointer.js";
import { isArrayValue, isObject, type JsonObject, type JsonValue, own } from "../source.js";

export interface Marker {
  /** Pointer of the construct in the document. */
  readonly pointer: string;
  /** What it is, for the note that explains the choice ("`nullable`", "a bare $ref", ...). */
  readonly what: string;
}

const MARKER_KEYS: Readonly<Record<string, string>> = {
  nullable: "`nullable`",
  "x-nullable": "`x-nullable`",
  example: "`example`",
  value: "`value`",
  members: "`members`",
  fields: "a `fields` list",
  children: "a `children` list",
};

/** Keys whose value is one schema. */
const SCHEMA_KEYS = ["items", "values", "additionalProperties", "keys", "not"];
/** Keys whose value maps names to schemas. */
const SCHEMA_MAPS = [
  "properties",
  "members",
  "definitions",
  "$defs",
  "choices",
  "patternProperties",
];
/** Keys whose value is a list of schemas. */
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];

/** The first catalog-only construct in document order (breadth first), or undefined for a strict Core document. */
export function firstCatalogMarker(document: JsonObject): Marker | undefined {
  const atRoot = rootMarker(document);
  if (atRoot !== undefined) {
    return atRoot;
  }
  const queue: { value: JsonValue; pointer: string }[] = [{ value: document, pointer: "" }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { value, pointer } = next;
    if (!isObject(value)) {
      continue;
    }
    const found = markerIn(value, pointer);
    if (found !== undefined) {
      return found;
    }
    queue.push(...nestedSchemas(value, pointer));
  }
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function rootMarker(document: JsonObject): Marker | undefined {
  const id = own(document, "$id");
  if (typeof id !== "string" || id === "") {
    return { pointer: "", what: "no $id" };
  }
  const name = own(document, "name");
  if (own(document, "type") !== undefined && name === undefined) {
    return { pointer: "", what: "a root type without a name" };
  }
  if (typeof name === "string" && own(document, "type") !== undefined && !IDENTIFIER.test(name)) {
    return {
      pointer: "/name",
      what: `the root type name ${JSON.stringify(name)}, which is not an identifier`,
    };
  }
  return undefined;
}

function markerIn(schema: JsonObject, pointer: string): Marker | undefined {
  for (const key of Object.keys(schema)) {
    const what = Object.hasOwn(MARKER_KEYS, key) ? MARKER_KEYS[key] : undefined;
    if (what !== undefined) {
      return { pointer: appendPointer(pointer, key), what };
    }
  }
  const properties = own(schema, "properties");
  const empty =
    properties === undefined || (isObject(properties) && Object.keys(properties).length === 0);
  if (own(schema, "type") === "object" && empty && own(schema, "$extends") === undefined) {
    return { pointer, what: "an object without properties" };
  }
  if (typeof own(schema, "$ref") === "string") {
    return {
      pointer: appendPointer(pointer, "$ref"),
      what: 'a bare `$ref` (not the value of "type")',
    };
  }
  const type = own(schema, "type");
  const texts = typeof type === "string" ? [type] : isArrayValue(type) ? type : [];
  const at = appendPointer(pointer, "type");
  for (const text of texts) {
    if (typeof text === "string" && /^\s*\[/.test(text)) {
      return { pointer: at, what: "a type written as a Python list" };
    }
    if (typeof text === "string" && /[<>[\]|()]/.test(text)) {
      return { pointer: at, what: `the type text ${JSON.stringify(text)}` };
    }
  }
  return undefined;
}

function nestedSchemas(
  schema: JsonObject,
  pointer: string,
): { value: JsonValue; pointer: string }[] {
  const nested: { value: JsonValue; pointer: string }[] = [];
  for (const key of SCHEMA_KEYS) {
    const value = own(schema, key);
    if (value !== undefined) {
      nested.push({ value, pointer: appendPointer(pointer, key) });
    }
  }
  for (const key of SCHEMA_MAPS) {
    const map = own(schema, key);
    if (isObject(map)) {
      nested.push(...entriesOf(map, appendPointer(pointer, key), key === "definitions"));
    }
  }
  // Members of a `type` list are names (checked above) or {"$ref": ...}, which is Core there: not walked.
  for (const key of SCHEMA_LISTS) {
    const list = own(schema, key);
    if (isArrayValue(list)) {
      list.forEach((item, index) =>
        nested.push({ value: item, pointer: appendPointer(appendPointer(pointer, key), index) }),
      );
    }
  }
  return nested;
}

/**
 * The schemas of a name -> schema map. In Core `definitions`, an entry without `type` is a namespace (Core
 * §Namespaces) whose own keys are type names, not keywords: its entries are walked instead of its keys, unless it
 * is a bare reference or lists members, which only a schema does.
 */
function entriesOf(
  map: JsonObject,
  pointer: string,
  namespaces: boolean,
): { value: JsonValue; pointer: string }[] {
  return Object.keys(map).flatMap((name) => {
    const value = map[name] as JsonValue;
    const at = appendPointer(pointer, name);
    return namespaces && isNamespace(value)
      ? entriesOf(value as JsonObject, at, true)
      : [{ value, pointer: at }];
  });
}

/**
 * A Core namespace inside `definitions` (Core §Namespaces): an object that is no schema (no type, reference or
 * members) and holds only objects, its types or further namespaces.
 */
export function isNamespace(value: JsonValue): boolean {
  return (
    isObject(value) &&
    Object.keys(value).length > 0 &&
    !SCHEMA_SIGNS.some((k) => Object.hasOwn(value, k)) &&
    Object.values(value).every((v) => isObject(v))
  );
}

const SCHEMA_SIGNS = ["type", "$ref", "properties", "fields", "children", "items", "enum", "allOf"];
