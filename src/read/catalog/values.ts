/**
 * What narrows a schema's values in the catalog reading: `const` (the one value allowed), `value` (read so too,
 * with a warning: catalogs write it for a fixed value), and `nullable` / `x-nullable` (`T | null`).
 */
import type { LiteralValue, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, type JsonObject, type JsonValue, own } from "../source.js";
import { orNull, type Site, warn } from "./context.js";

/** `const` is the one value allowed; `value` is read so too, with a warning (catalogs write it for a fixed value). */
export function withConstant(type: TypeNode, node: JsonObject, site: Site): TypeNode {
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

export function withNullable(type: TypeNode, node: JsonObject, site: Site): TypeNode {
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
