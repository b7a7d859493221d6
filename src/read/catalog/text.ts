/**
 * A parsed type text (type-text.ts) given its meaning, with the keywords of the schema it sits in: `object` takes
 * the schema's members, `array` its `items`, `enum` its `values`, `map` its `values`; `T[]` and `array<T>` hand
 * those keywords to the item type, so `"object[]"` with `fields` is an array of those objects. A name is a
 * primitive (named.ts), else a type the document or the run declares, else any value, with a warning.
 */
import type { TypeNode } from "../../model/model.js";
import { isNumberFormat } from "../../model/string-formats.js";
import { isArrayValue, type JsonObject, type JsonValue, own } from "../source.js";
import { arrayType, enumType, mapType } from "./collections.js";
import { objectType } from "./objects.js";
import { ANY, below, NULL, orNull, type Reading, type Site, warn } from "./context.js";
import { hintedString, primitiveType } from "./named.js";
import type { TypeExpr } from "./type-text.js";

/**
 * `enumHere`: the schema's `enum` applies to this expression. A union's members leave it to the union, which
 * takes the enum once (`["string", "null"]` with `enum: ["a", null]` is one nullable enum).
 */
export function fromExpr(
  expr: TypeExpr,
  node: JsonObject,
  site: Site,
  r: Reading,
  at: string,
  enumHere = true,
): TypeNode {
  switch (expr.kind) {
    case "name":
      return fromName(expr.name, node, site, r, at, enumHere);
    case "array":
      return {
        kind: "array",
        items: fromExpr(expr.items, node, below(site, at, "Item"), r, at, enumHere),
        unique: expr.unique,
      };
    case "map":
      return mapOf(expr, site, r, at);
    case "object":
      return objectOf(expr.of, node, site, r, at);
    case "enum":
      return enumType(expr.values, { kind: "string" }, site, r, at, node);
    case "union": {
      const union = unionOf(expr.members.map((m) => fromExpr(m, node, site, r, at, false)));
      return enumHere ? enumOf(node, union, site, r, at) : union;
    }
    case "hinted":
      return withHint(fromExpr(expr.base, node, site, r, at, enumHere), expr.hint, site, at);
  }
}

/** A union without nested unions or a second `null`; one member alone is that member. */
export function unionOf(members: readonly TypeNode[]): TypeNode {
  const flat = members.flatMap((m) =>
    m.kind === "union" && m.choice === undefined ? m.members : [m],
  );
  const nullable = flat.some((m) => m.kind === "null");
  const rest = flat.filter((m) => m.kind !== "null");
  if (rest.some((m) => m.kind === "any")) {
    return ANY;
  }
  const [only] = rest;
  const base: TypeNode | undefined =
    rest.length === 0
      ? undefined
      : rest.length === 1 && only !== undefined
        ? only
        : { kind: "union", members: rest };
  return base === undefined ? NULL : nullable ? orNull(base) : base;
}

function fromName(
  name: string,
  node: JsonObject,
  site: Site,
  r: Reading,
  at: string,
  enumHere: boolean,
): TypeNode {
  const lower = name.toLowerCase();
  switch (lower) {
    case "object":
      return objectType(node, site, r);
    case "array":
    case "list":
    case "set":
      return arrayType(node, site, r, lower === "set");
    case "map":
    case "dict":
    case "dictionary":
    case "record":
      return mapType(node, site, r);
    case "enum":
      return enumOf(node, undefined, site, r, at);
  }
  const exact = primitiveType(name);
  const declared = exact === undefined ? r.named(name, site, at) : undefined;
  if (declared !== undefined) {
    return declared;
  }
  const primitive = exact ?? primitiveType(lower);
  if (primitive === undefined) {
    warn(
      site,
      "SG_UNRESOLVED_REF",
      at,
      `type ${JSON.stringify(name)} is neither a type structgen knows nor one this document or another of the run declares; it is read as any value`,
    );
    return ANY;
  }
  if (primitive.note !== undefined) {
    warn(site, primitive.note.code, at, primitive.note.message);
  }
  return enumHere ? enumOf(node, primitive.type, site, r, at) : primitive.type;
}

/**
 * The enum the `enum` or `values` keyword lists, of values that fit `base` (a scalar type, or a union holding
 * one); `type: "enum"` without values is a string, warned. Without such a keyword (or on another type), `base`.
 */
export function enumOf(
  node: JsonObject,
  base: TypeNode | undefined,
  site: Site,
  r: Reading,
  at: string,
): TypeNode {
  const key = ["enum", "values"].find((k) => isArrayValue(own(node, k)));
  if (base !== undefined && !hasScalar(base)) {
    return base;
  }
  if (key === undefined) {
    if (base === undefined) {
      warn(site, "SG_ENUM_EMPTY", at, 'type "enum" without "values" or "enum" is read as a string');
    }
    return base ?? { kind: "string" };
  }
  const values = own(node, key) as readonly JsonValue[];
  const scalar =
    base?.kind === "union" ? unionOf(base.members.filter((m) => m.kind !== "null")) : base;
  const nullable = base?.kind === "union" && base.members.some((m) => m.kind === "null");
  const literal = enumType(values, scalar, site, r, `${site.pointer}/${key}`, node);
  return nullable ? orNull(literal) : literal;
}

function hasScalar(type: TypeNode): boolean {
  return type.kind === "union"
    ? type.members.some(hasScalar)
    : type.kind === "string" || type.kind === "number" || type.kind === "boolean";
}

function mapOf(
  expr: Extract<TypeExpr, { kind: "map" }>,
  site: Site,
  r: Reading,
  at: string,
): TypeNode {
  const key = expr.key;
  if (key !== undefined && !(key.kind === "name" && key.name.toLowerCase() === "string")) {
    warn(
      site,
      "SG_GUESSED_TYPE",
      at,
      "the keys of a JSON object are strings; the map's key type is documentation only",
    );
  }
  return { kind: "map", values: fromExpr(expr.values, {}, below(site, at, "Value"), r, at) };
}

/** `object<Name>`: the named type; when nothing has that name, an open record (it is an object), with a warning. */
function objectOf(of: TypeExpr, node: JsonObject, site: Site, r: Reading, at: string): TypeNode {
  if (of.kind !== "name") {
    return fromExpr(of, node, site, r, at);
  }
  const declared = r.named(of.name, site, at);
  if (declared !== undefined) {
    return declared;
  }
  warn(
    site,
    "SG_UNRESOLVED_REF",
    at,
    `object<${of.name}>: ${of.name} is not declared in this document or another of the run; it is read as an open record (any keys, any values)`,
  );
  return { kind: "map", values: ANY };
}

/** A hint that names a format gives it to a plain string (or number); any other hint is documentation. */
function withHint(base: TypeNode, hint: string, site: Site, at: string): TypeNode {
  if (base.kind === "number" && isNumberFormat(hint) && base.format === undefined) {
    return { ...base, format: hint };
  }
  const hinted = hintedString(hint);
  if (
    base.kind !== "string" ||
    base.format !== undefined ||
    base.coreFormat !== undefined ||
    hinted === undefined
  ) {
    return base;
  }
  if (!hinted.exact) {
    warn(
      site,
      "SG_GUESSED_TYPE",
      at,
      `the hint "${hint}" is read as the format ${hinted.type.format ?? hinted.type.coreFormat ?? ""}, which it mentions`,
    );
  }
  return { ...base, ...hinted.type };
}
