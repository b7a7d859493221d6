/**
 * Enrich, step 2: one OpenAPI schema object (3.0 or 3.1) -> a model TypeNode.
 * It reads what the shared model can say exactly: scalars with their formats and limits, enums and consts,
 * nullability (`type: [X, "null"]`, `anyOf`/`oneOf` with a null member, 3.0 `nullable: true`), arrays, objects
 * and maps, `anyOf`/`oneOf` as unions (a discriminator only names the property the members' consts already
 * separate), a single-member `allOf`, and `$ref`s, which become named declarations (components.ts).
 * Anything else (`not`, `if`, a many-member `allOf`, ...) becomes `any` with a warning naming the construct, so
 * the three outputs still agree: they all accept what the spec could not tell us about.
 */
import { isNumberFormat, isStringFormat } from "../model/string-formats.js";
import type {
  Annotations,
  LiteralValue,
  NumberNode,
  Property,
  StringNode,
  TypeNode,
} from "../model/model.js";
import { appendPointer } from "../model/pointer.js";
import { isObject, type JsonObject, type JsonValue } from "../read/source.js";

const ANY: TypeNode = { kind: "any" };
const NULL: TypeNode = { kind: "null" };

export interface ConvertContext {
  readonly version: "3.0" | "3.1";
  /** What objects become when the spec does not say whether extra keys are allowed. */
  readonly additionalProperties: boolean;
  /** A construct read loosely or not at all, at a pointer in the spec. */
  warn(pointer: string, message: string): void;
  /** Checks a pattern the model keeps for catastrophic backtracking (read/pattern-safety.ts), at its pointer. */
  checkPattern(pattern: string, pointer: string): void;
  /** A `$ref`, as a reference to its named declaration (or `any` when it cannot be one). */
  refer(ref: string, pointer: string): TypeNode;
}

/** Keywords whose meaning the model cannot hold: the schema falls back to `any`. */
const UNSUPPORTED = [
  "not",
  "if",
  "then",
  "else",
  "prefixItems",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
];

export function toTypeNode(
  schema: JsonValue | undefined,
  at: string,
  ctx: ConvertContext,
): TypeNode {
  if (schema === undefined || schema === true) {
    return ANY;
  }
  if (!isObject(schema)) {
    ctx.warn(at, `a schema must be an object; ${JSON.stringify(schema)} is read as any value`);
    return ANY;
  }
  const unsupported = UNSUPPORTED.find((key) => key in schema);
  if (unsupported !== undefined) {
    ctx.warn(
      appendPointer(at, unsupported),
      `"${unsupported}" cannot be expressed in the generated types; this schema is read as any value`,
    );
    return ANY;
  }
  if (typeof schema["$ref"] === "string") {
    return withNull(ctx.refer(schema["$ref"], appendPointer(at, "$ref")), isNullable(schema, ctx));
  }
  const allOf = schema["allOf"];
  if (Array.isArray(allOf)) {
    if (allOf.length === 1) {
      return withNull(
        toTypeNode(allOf[0] as JsonValue, appendPointer(appendPointer(at, "allOf"), 0), ctx),
        isNullable(schema, ctx),
      );
    }
    ctx.warn(
      appendPointer(at, "allOf"),
      `"allOf" with ${allOf.length} members cannot be expressed in the generated types; this schema is read as any value`,
    );
    return ANY;
  }
  const choiceKey = Array.isArray(schema["anyOf"])
    ? "anyOf"
    : Array.isArray(schema["oneOf"])
      ? "oneOf"
      : undefined;
  if (choiceKey !== undefined) {
    const members = (schema[choiceKey] as readonly JsonValue[]).map((member, index) =>
      toTypeNode(member, appendPointer(appendPointer(at, choiceKey), index), ctx),
    );
    return withNull(unionOf(members), isNullable(schema, ctx));
  }
  if ("const" in schema) {
    return literalOf([schema["const"]], appendPointer(at, "const"), ctx);
  }
  if (Array.isArray(schema["enum"])) {
    const values = schema["enum"] as readonly JsonValue[];
    return literalOf(
      isNullable(schema, ctx) && !values.includes(null) ? [...values, null] : values,
      appendPointer(at, "enum"),
      ctx,
    );
  }
  const types = typesOf(schema, at, ctx);
  if (types.length === 0) {
    return ANY;
  }
  return unionOf(types.map((type) => typed(schema, type, at, ctx)));
}

/** Property-level documentation: description, deprecated, default, and a format the guards cannot check. */
export function annotationsOf(schema: JsonValue | undefined): Annotations {
  if (!isObject(schema)) {
    return {};
  }
  const description = schema["description"];
  const format = schema["format"];
  return {
    ...(typeof description === "string" && description.trim() !== "" ? { description } : {}),
    ...(schema["deprecated"] === true ? { deprecated: true } : {}),
    ...("default" in schema ? { default: schema["default"] } : {}),
    ...(typeof format === "string" ? { format } : {}),
  };
}

/** `T | null`; `any` already holds null, and a union gains a null member once. */
export function withNull(type: TypeNode, nullable: boolean): TypeNode {
  if (!nullable || type.kind === "any" || type.kind === "null") {
    return type;
  }
  if (type.kind === "union") {
    return type.members.some((m) => m.kind === "null")
      ? type
      : { kind: "union", members: [...type.members, NULL] };
  }
  if (type.kind === "literal") {
    return type.values.includes(null) ? type : { kind: "literal", values: [...type.values, null] };
  }
  return { kind: "union", members: [type, NULL] };
}

/** Members in order, null last; a union with an `any` member is `any`; one member is that member. */
function unionOf(members: readonly TypeNode[]): TypeNode {
  if (members.some((m) => m.kind === "any")) {
    return ANY;
  }
  const nonNull = members.filter((m) => m.kind !== "null");
  const nullable = nonNull.length < members.length;
  if (nonNull.length === 0) {
    return members.length === 0 ? ANY : NULL;
  }
  const single =
    nonNull.length === 1 ? (nonNull[0] as TypeNode) : { kind: "union" as const, members: nonNull };
  return withNull(single, nullable);
}

/** 3.0 `nullable: true`; 3.1 spells nullability in `type` or as a null member, read elsewhere. */
function isNullable(schema: JsonObject, ctx: ConvertContext): boolean {
  return ctx.version === "3.0" && schema["nullable"] === true;
}

function literalOf(values: readonly JsonValue[], at: string, ctx: ConvertContext): TypeNode {
  const scalars = values.filter((v): v is LiteralValue => v === null || typeof v !== "object");
  if (scalars.length !== values.length || values.length === 0) {
    ctx.warn(
      at,
      values.length === 0
        ? "an empty enum cannot be expressed; read as any value"
        : "an enum or const holding objects or arrays cannot be expressed in the generated types; read as any value",
    );
    return ANY;
  }
  return { kind: "literal", values: [...new Set(scalars)] };
}

const TYPES = ["string", "integer", "number", "boolean", "null", "array", "object"];

/** The JSON types a schema allows: `type` (a word or a list), else what its keywords imply. */
function typesOf(schema: JsonObject, at: string, ctx: ConvertContext): string[] {
  const type = schema["type"];
  const listed =
    typeof type === "string"
      ? [type]
      : Array.isArray(type)
        ? type.filter((t): t is string => typeof t === "string")
        : [];
  const unknown = listed.filter((t) => !TYPES.includes(t));
  if (unknown.length > 0) {
    ctx.warn(
      appendPointer(at, "type"),
      `unknown type ${JSON.stringify(unknown[0])}; this schema is read as any value`,
    );
    return [];
  }
  const types =
    listed.length > 0
      ? listed
      : isObject(schema["properties"]) || "additionalProperties" in schema
        ? ["object"]
        : "items" in schema
          ? ["array"]
          : [];
  return isNullable(schema, ctx) && types.length > 0 && !types.includes("null")
    ? [...types, "null"]
    : types;
}

function typed(schema: JsonObject, type: string, at: string, ctx: ConvertContext): TypeNode {
  switch (type) {
    case "string":
      return stringNode(schema, at, ctx);
    case "integer":
    case "number":
      return numberNode(schema, type === "integer");
    case "boolean":
      return { kind: "boolean" };
    case "null":
      return NULL;
    case "array":
      return {
        kind: "array",
        items: toTypeNode(schema["items"], appendPointer(at, "items"), ctx),
        unique: schema["uniqueItems"] === true,
        ...count(schema, "minItems"),
        ...count(schema, "maxItems"),
      };
    default:
      return objectNode(schema, at, ctx);
  }
}

function stringNode(schema: JsonObject, at: string, ctx: ConvertContext): StringNode {
  const format = schema["format"];
  const pattern = schema["pattern"];
  let usablePattern: string | undefined;
  if (typeof pattern === "string") {
    try {
      new RegExp(pattern, "u");
      usablePattern = pattern;
      ctx.checkPattern(pattern, appendPointer(at, "pattern"));
    } catch {
      ctx.warn(
        appendPointer(at, "pattern"),
        `pattern ${JSON.stringify(pattern)} is not an ECMAScript regular expression (with the "u" flag); it is not checked`,
      );
    }
  }
  return {
    kind: "string",
    ...(typeof format === "string" && isStringFormat(format) ? { format } : {}),
    ...count(schema, "minLength"),
    ...count(schema, "maxLength"),
    ...(usablePattern === undefined ? {} : { pattern: usablePattern }),
  };
}

function numberNode(schema: JsonObject, integer: boolean): NumberNode {
  const format = schema["format"];
  const num = (key: string) =>
    typeof schema[key] === "number" && Number.isFinite(schema[key]) ? schema[key] : undefined;
  const minimum = num("minimum");
  const maximum = num("maximum");
  // 3.0 writes exclusiveness as a boolean beside minimum/maximum; 3.1 as the bound itself.
  const lowExclusive = schema["exclusiveMinimum"] === true ? minimum : num("exclusiveMinimum");
  const highExclusive = schema["exclusiveMaximum"] === true ? maximum : num("exclusiveMaximum");
  const multipleOf = num("multipleOf");
  return {
    kind: "number",
    integer,
    ...(minimum !== undefined && schema["exclusiveMinimum"] !== true ? { minimum } : {}),
    ...(maximum !== undefined && schema["exclusiveMaximum"] !== true ? { maximum } : {}),
    ...(lowExclusive === undefined ? {} : { exclusiveMinimum: lowExclusive }),
    ...(highExclusive === undefined ? {} : { exclusiveMaximum: highExclusive }),
    ...(multipleOf !== undefined && multipleOf > 0 ? { multipleOf } : {}),
    ...(typeof format === "string" && isNumberFormat(format) ? { format } : {}),
  };
}

/** Properties make an object; `additionalProperties` alone (or nothing) makes a map of its values. */
function objectNode(schema: JsonObject, at: string, ctx: ConvertContext): TypeNode {
  const declared = isObject(schema["properties"]) ? schema["properties"] : {};
  const extra = schema["additionalProperties"];
  const extraAt = appendPointer(at, "additionalProperties");
  if (Object.keys(declared).length === 0 && extra !== false) {
    return { kind: "map", values: isObject(extra) ? toTypeNode(extra, extraAt, ctx) : ANY };
  }
  const required = Array.isArray(schema["required"])
    ? schema["required"].filter((k): k is string => typeof k === "string")
    : [];
  const propertiesAt = appendPointer(at, "properties");
  const properties: Property[] = Object.entries(declared).map(([key, value]) => {
    const pointer = appendPointer(propertiesAt, key);
    return {
      key,
      required: required.includes(key),
      type: toTypeNode(value, pointer, ctx),
      annotations: annotationsOf(value),
      pointer,
    };
  });
  const additionalProperties =
    extra === false
      ? false
      : extra === true
        ? true
        : isObject(extra)
          ? toTypeNode(extra, extraAt, ctx)
          : ctx.additionalProperties;
  return { kind: "object", properties, additionalProperties };
}

function count(schema: JsonObject, key: string): Record<string, number> {
  const value = schema[key];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? { [key]: value } : {};
}
