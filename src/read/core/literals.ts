/**
 * `enum` and `const` (Core §`enum` Keyword, §`const` Keyword): only on primitive types; the values must be
 * unique, non-empty and of the declared type. They become a literal node; values the type's own rules can never
 * accept (too long, out of range, wrong lexical form) are errors, so the literal never admits more than the type.
 * The `default` of a string-encoded number (Val §`default`) must be a value of it too: lexical form and range.
 */
import { ENCODED_NUMBERS, encodedValueProblem } from "../../model/encoded-numbers.js";
import type { EncodedNumberNode, LiteralNode, LiteralValue, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, type JsonObject, type JsonValue, own } from "../source.js";
import { coreFormatPattern } from "../../model/string-formats.js";
import { type Ctx } from "./context.js";

/** Replaces a primitive node by the literal of its `enum` or `const`, when it has one; undefined on error. */
export function literalRules(
  node: TypeNode,
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
): TypeNode | undefined {
  const enumRaw = own(schema, "enum");
  const constRaw = own(schema, "const");
  if (!defaultFits(node, schema, pointer, ctx)) {
    return undefined;
  }
  if (enumRaw === undefined && constRaw === undefined) {
    return node;
  }
  const primitive = ["string", "number", "encoded", "boolean", "null"].includes(node.kind);
  const key = enumRaw === undefined ? "const" : "enum";
  const at = appendPointer(pointer, key);
  if (!primitive) {
    const code = key === "enum" ? "SG_ENUM_TYPE" : "SG_MISPLACED_KEYWORD";
    ctx.source.sink.error(
      code,
      at,
      `${key} is only allowed on primitive types, not on ${node.kind === "union" ? "a union" : node.kind}`,
    );
    return undefined;
  }
  if (enumRaw !== undefined && constRaw !== undefined) {
    ctx.source.sink.error(
      "SG_MISPLACED_KEYWORD",
      appendPointer(pointer, "const"),
      "enum and const cannot be combined",
    );
    return undefined;
  }
  if (key === "const") {
    return literalOf([constRaw as JsonValue], node, ctx, () => at);
  }
  if (!Array.isArray(enumRaw)) {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      at,
      `enum must be an array of values, not ${describeJson(enumRaw)}`,
    );
    return undefined;
  }
  if (enumRaw.length === 0) {
    ctx.source.sink.error("SG_ENUM_EMPTY", at, "enum must list at least one value");
    return undefined;
  }
  return literalOf(enumRaw as readonly JsonValue[], node, ctx, (index) => appendPointer(at, index));
}

function literalOf(
  raw: readonly JsonValue[],
  node: TypeNode,
  ctx: Ctx,
  where: (index: number) => string,
): LiteralNode | undefined {
  const values: LiteralValue[] = [];
  // SameValueZero, as `===` on JSON values (0 and -0 are one value); a set keeps long enums linear.
  const seen = new Set<JsonValue>();
  let usable = true;
  raw.forEach((value, index) => {
    const problem = valueProblem(value, node);
    if (problem !== undefined) {
      ctx.source.sink.error("SG_ENUM_TYPE", where(index), `${JSON.stringify(value)} ${problem}`);
      usable = false;
    } else if (seen.has(value)) {
      ctx.source.sink.error(
        "SG_ENUM_DUPLICATE",
        where(index),
        `${JSON.stringify(value)} is listed twice`,
      );
      usable = false;
    } else {
      values.push(value as LiteralValue);
      seen.add(value);
    }
  });
  return usable && values.length > 0 ? { kind: "literal", values } : undefined;
}

/** Why a JSON value cannot be an instance of a primitive node, or undefined when it can. */
export function valueProblem(value: JsonValue, node: TypeNode): string | undefined {
  switch (node.kind) {
    case "null":
      return value === null ? undefined : "is not null";
    case "boolean":
      return typeof value === "boolean" ? undefined : "is not a boolean";
    case "encoded":
      return encodedProblem(value, node);
    case "number":
      return numberProblem(value, node);
    case "string":
      return stringProblem(value, node);
    default:
      return undefined;
  }
}

function encodedProblem(value: JsonValue, node: EncodedNumberNode): string | undefined {
  const problem = typeof value === "string" ? encodedValueProblem(value, node.encoding) : "lexical";
  const range = ENCODED_NUMBERS[node.encoding].range;
  switch (problem) {
    case undefined:
      return undefined;
    case "lexical":
      return `is not a ${node.encoding} string`;
    case "range":
      return `is outside the ${node.encoding} range (${range?.min ?? ""} to ${range?.max ?? ""})`;
  }
}

/**
 * A string-encoded number's `default` must be one of its values (its guard and JSON Schema would reject any
 * other); other defaults are documentation only. False after reporting a bad one.
 */
function defaultFits(node: TypeNode, schema: JsonObject, pointer: string, ctx: Ctx): boolean {
  const value = own(schema, "default");
  const problem =
    node.kind === "encoded" && value !== undefined ? encodedProblem(value, node) : undefined;
  if (problem !== undefined) {
    ctx.source.sink.error(
      "SG_ENUM_TYPE",
      appendPointer(pointer, "default"),
      `default ${JSON.stringify(value)} ${problem}`,
    );
  }
  return problem === undefined;
}

function numberProblem(
  value: JsonValue,
  node: Extract<TypeNode, { kind: "number" }>,
): string | undefined {
  if (typeof value !== "number" || (node.integer && !Number.isInteger(value))) {
    return node.integer ? "is not an integer" : "is not a number";
  }
  const outside =
    (node.minimum !== undefined && value < node.minimum) ||
    (node.maximum !== undefined && value > node.maximum) ||
    (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) ||
    (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum);
  return outside ? "is outside the type's range" : undefined;
}

function stringProblem(
  value: JsonValue,
  node: Extract<TypeNode, { kind: "string" }>,
): string | undefined {
  if (typeof value !== "string") {
    return "is not a string";
  }
  const length = [...value].length;
  if (
    (node.maxLength !== undefined && length > node.maxLength) ||
    (node.minLength !== undefined && length < node.minLength)
  ) {
    return "does not fit the length limits";
  }
  if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value)) {
    return "does not match the pattern";
  }
  if (
    node.coreFormat !== undefined &&
    !new RegExp(coreFormatPattern(node.coreFormat), "u").test(value)
  ) {
    return `is not a valid ${node.coreFormat} string`;
  }
  return undefined;
}
