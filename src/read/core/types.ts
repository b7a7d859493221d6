/**
 * Reads one schema (Core §Schema): the `type` keyword decides what it is.
 *  - a type name: a primitive (primitives.ts) or a compound (compounds.ts, choice.ts);
 *  - `{"$ref": pointer}`: a reference to a declaration (Core §`$ref` Keyword); `$ref` is legal nowhere else;
 *  - an array: a union of primitive names and references (Core §Unions), first match wins, so `anyOf`.
 * Then the constraint keywords (constraints.ts) and `enum`/`const` (literals.ts) apply.
 */
import type { TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import { readChoice } from "./choice.js";
import { readArray, readMap, readObject, readTuple } from "./compounds.js";
import {
  readNumberRules,
  readStringRules,
  validationGate,
  VALIDATION_KEYWORDS,
  withNumberRules,
  withStringRules,
} from "./constraints.js";
import { type Ctx } from "./context.js";
import { checkKeywords, warnExtensionAnnotations } from "./keywords.js";
import { literalRules } from "./literals.js";
import { isPrimitiveName, primitiveNode } from "./primitives.js";

const COMPOUNDS = ["object", "array", "set", "map", "tuple", "choice"];

export interface SchemaOptions {
  /** The document root's inline type: root-only keywords sit beside it. */
  readonly isDocumentRoot?: boolean;
}

/** Reads a schema into a type node; undefined when it is unusable (every problem is reported). */
export function parseSchema(
  value: JsonValue | undefined,
  pointer: string,
  ctx: Ctx,
  options: SchemaOptions = {},
): TypeNode | undefined {
  if (!isObject(value)) {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      pointer,
      `a schema must be an object, not ${describeJson(value)}`,
    );
    return undefined;
  }
  const typeValue = own(value, "type");
  const typeName =
    typeof typeValue === "string"
      ? typeValue
      : Array.isArray(typeValue)
        ? "union"
        : isObject(typeValue)
          ? "ref"
          : undefined;
  if (typeName === undefined) {
    return missingType(value, typeValue, pointer, ctx, options);
  }
  if (!checkKeywords(value, typeName, pointer, ctx, options.isDocumentRoot === true)) {
    return undefined;
  }
  warnExtensionAnnotations(value, typeName, pointer, ctx);
  if (COMPOUNDS.includes(typeName)) {
    const key = ["enum", "const"].find((k) => own(value, k) !== undefined);
    if (key !== undefined) {
      const code = key === "enum" ? "SG_ENUM_TYPE" : "SG_MISPLACED_KEYWORD";
      ctx.source.sink.error(
        code,
        appendPointer(pointer, key),
        `${key} is only allowed on primitive types, not on ${typeName}`,
      );
      return undefined;
    }
  }
  const at = appendPointer(pointer, "type");
  const parse = (nested: JsonValue, nestedPointer: string) =>
    parseSchema(nested, nestedPointer, ctx);
  switch (typeName) {
    case "ref":
      return withValueRules(parseRef(typeValue as JsonObject, at, ctx), value, pointer, ctx);
    case "union":
      return withValueRules(
        parseUnion(typeValue as readonly JsonValue[], at, ctx),
        value,
        pointer,
        ctx,
      );
    case "object":
      return readObject(value, pointer, ctx, parse);
    case "array":
    case "set":
      return readArray(value, pointer, ctx, parse, typeName === "set");
    case "map":
      return readMap(value, pointer, ctx, parse);
    case "tuple":
      return readTuple(value, pointer, ctx, parse);
    case "choice":
      return readChoice(value, pointer, ctx, parse);
    default:
      return withValueRules(namedPrimitive(typeName, value, at, ctx), value, pointer, ctx);
  }
}

function missingType(
  value: JsonObject,
  typeValue: JsonValue | undefined,
  pointer: string,
  ctx: Ctx,
  options: SchemaOptions,
): undefined {
  if (typeValue !== undefined) {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      appendPointer(pointer, "type"),
      `type must be a type name, {"$ref": ...} or an array of them, not ${describeJson(typeValue)}`,
    );
    return undefined;
  }
  // checkKeywords explains a bare $ref, $defs or conditional composition better than "type is missing".
  const explained = !checkKeywords(value, "none", pointer, ctx, options.isDocumentRoot === true);
  if (!explained) {
    ctx.source.sink.error("SG_MISSING_KEY", pointer, 'a schema needs a "type"');
  }
  return undefined;
}

function namedPrimitive(
  name: string,
  schema: JsonObject,
  at: string,
  ctx: Ctx,
): TypeNode | undefined {
  const node = primitiveNode(name, schema, at, ctx);
  if (node === undefined) {
    const known = COMPOUNDS.includes(name)
      ? ""
      : "; see the README for the JSON Structure Core types structgen reads";
    ctx.source.sink.error("SG_UNKNOWN_TYPE", at, `unknown type ${JSON.stringify(name)}${known}`);
  }
  return node;
}

/** Constraint keywords, then `enum`/`const`, on a primitive, reference or union. */
function withValueRules(
  node: TypeNode | undefined,
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
): TypeNode | undefined {
  if (node === undefined) {
    return undefined;
  }
  if (own(schema, "enum") !== undefined && node.kind === "union") {
    ctx.source.sink.error(
      "SG_ENUM_TYPE",
      appendPointer(pointer, "enum"),
      "enum cannot be combined with a union",
    );
    return undefined;
  }
  const enforce = validationGate(schema, node, pointer, ctx);
  const ruled = applyRules(node, schema, pointer, ctx, enforce);
  return literalRules(ruled, schema, pointer, ctx);
}

function applyRules(
  node: TypeNode,
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
): TypeNode {
  const kinds = node.kind === "union" ? node.members.map((m) => m.kind) : [node.kind];
  // Read once, applied to every member it fits, so a problem is reported once.
  const strings =
    kinds.includes("string") || own(schema, "maxLength") === undefined
      ? readStringRules(schema, pointer, ctx, enforce)
      : undefined;
  const numbers = kinds.includes("number")
    ? readNumberRules(schema, pointer, ctx, enforce)
    : undefined;
  if (strings === undefined) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, "maxLength"),
      `maxLength does not apply to ${node.kind}`,
    );
  }
  if (node.kind === "encoded" && enforce) {
    for (const key of VALIDATION_KEYWORDS.filter((k) => own(schema, k) !== undefined)) {
      ctx.source.sink.warning(
        "SG_UNSUPPORTED",
        appendPointer(pointer, key),
        `${key} on a string-encoded ${node.encoding} cannot be checked by JSON Schema; it is ignored`,
      );
    }
  }
  const rule = (member: TypeNode): TypeNode =>
    member.kind === "string" && strings !== undefined
      ? withStringRules(member, strings)
      : member.kind === "number" && numbers !== undefined
        ? withNumberRules(member, numbers)
        : member;
  return node.kind === "union" ? { ...node, members: node.members.map(rule) } : rule(node);
}

/** `{"$ref": "#/definitions/..."}` as the value of `type`; an abstract target is an error (Core §`abstract`). */
export function parseRef(typeValue: JsonObject, at: string, ctx: Ctx): TypeNode | undefined {
  for (const key of Object.keys(typeValue).filter((k) => k !== "$ref" && k !== "description")) {
    ctx.source.sink.warning(
      "SG_UNKNOWN_KEY",
      appendPointer(at, key),
      `${JSON.stringify(key)} beside $ref is ignored`,
    );
  }
  const entry = ctx.scope.lookup(
    own(typeValue, "$ref"),
    ctx.source,
    appendPointer(at, "$ref"),
    "$ref",
  );
  if (entry === undefined) {
    return undefined;
  }
  if (own(entry.schema, "abstract") === true) {
    const name = ctx.scope.nameOf(entry);
    ctx.source.sink.error(
      "SG_ABSTRACT_USE",
      appendPointer(at, "$ref"),
      `${name} is abstract: it can only be extended ($extends), not used as a type`,
    );
    return undefined;
  }
  return { kind: "ref", target: ctx.scope.nameOf(entry) };
}

/** Core §Unions: primitive names and references only; inline compounds must be declared and referenced. */
function parseUnion(members: readonly JsonValue[], at: string, ctx: Ctx): TypeNode | undefined {
  if (members.length === 0) {
    ctx.source.sink.error("SG_WRONG_SHAPE", at, "a union needs at least one member type");
    return undefined;
  }
  const nodes = members.map((member, index): TypeNode | undefined => {
    const memberAt = appendPointer(at, index);
    if (isObject(member) && own(member, "$ref") !== undefined) {
      return parseRef(member, memberAt, ctx);
    }
    if (typeof member === "string" && isPrimitiveName(member)) {
      return primitiveNode(member, undefined, memberAt, ctx);
    }
    const why =
      typeof member === "string" && COMPOUNDS.includes(member)
        ? `an inline ${member} cannot be a union member; declare it in definitions and use {"$ref": ...}`
        : `${JSON.stringify(member)} is not a primitive type name or {"$ref": ...}`;
    ctx.source.sink.error("SG_UNKNOWN_TYPE", memberAt, why);
    return undefined;
  });
  if (nodes.some((n) => n === undefined)) {
    return undefined;
  }
  const present = nodes as TypeNode[];
  return present.length === 1 && present[0] !== undefined
    ? present[0]
    : { kind: "union", members: present };
}
