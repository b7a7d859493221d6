/**
 * Objects in the catalog reading. An object with members is a declaration of its own (named by its property path,
 * or by its `name` for an item or value type that has one) unless it is a declaration's whole body; extra keys
 * follow `additionalProperties`, else the `--additional-properties` option. `additionalProperties: S` without
 * members is a map of S; an object with neither is an open record, with a warning (SG_OPEN_OBJECT).
 */
import type { Annotations, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, isObject, type JsonObject, own } from "../source.js";
import { itemType } from "./collections.js";
import { ANY, placeOf, type Reading, type Site, warn } from "./context.js";
import { descriptionOnly, hasMembers, membersOf } from "./members.js";
import { derivedName, prefixed, typeNameOf } from "./names.js";

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
