/**
 * The value rules guards check beside the JSON type: string lengths, formats and patterns, number ranges and
 * `multipleOf`, array lengths and `contains`, and the object / map rules (property counts, required key sets,
 * dependent keys). Each rule reads exactly as ajv applies the same JSON Schema keyword, so that a guard and ajv
 * agree on every value: lengths count code points, patterns compile with the "u" flag, `multipleOf` uses ajv's
 * arithmetic (templates/runtime.ts).
 */
import { formatFunctionName } from "../model/string-formats.js";
import type {
  ArrayNode,
  CoreFormat,
  EncodedNumberNode,
  MapNode,
  NumberNode,
  ObjectNode,
  StringNode,
} from "../model/model.js";
import {
  add,
  and,
  call,
  cast,
  compare,
  conditional,
  equals,
  type Expression,
  increment,
  local,
  member,
  not,
  number,
  reference,
  typeIs,
} from "./code/expression.js";
import { numberLiteral, stringLiteral } from "./code/literal.js";
import {
  expressionStatement,
  forOf,
  ifStatement,
  letStatement,
  type Statement,
} from "./code/statement.js";
import { keyword } from "./code/type-expression.js";
import {
  type GuardContext,
  hasOwn,
  ownKeys,
  regexConstant,
  runtimeCall,
  UNKNOWN_ARRAY,
  VALUE,
} from "./guard-context.js";

export interface Condition {
  readonly test: Expression;
  readonly message: string;
}

/** The template helper for a Core lexical rule: "base64url" -> "coreBase64url". */
export function coreFormatFunctionName(format: CoreFormat): string {
  return `core${format.charAt(0).toUpperCase()}${format.slice(1)}`;
}

/** Conditions after `typeof v === "string"`, in the order ajv reports them. */
export function stringConditions(node: StringNode, v: Expression, ctx: GuardContext): Condition[] {
  const conditions: Condition[] = [];
  const length = (): Expression => runtimeCall(ctx, "_codePointLength", [v]);
  if (node.maxLength !== undefined) {
    conditions.push({
      test: compare(length(), "<=", number(node.maxLength)),
      message: `must NOT have more than ${node.maxLength} characters`,
    });
  }
  if (node.minLength !== undefined) {
    conditions.push({
      test: compare(length(), ">=", number(node.minLength)),
      message: `must NOT have fewer than ${node.minLength} characters`,
    });
  }
  if (node.pattern !== undefined) {
    conditions.push({
      test: call(member(regexConstant(ctx, node.pattern), "test"), [v]),
      message: `must match pattern ${stringLiteral(node.pattern)}`,
    });
  }
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({
      test: runtimeCall(ctx, formatFunctionName(node.format), [v]),
      message: `must match format "${node.format}"`,
    });
  }
  if (node.coreFormat !== undefined && ctx.checkFormats) {
    conditions.push({
      test: runtimeCall(ctx, coreFormatFunctionName(node.coreFormat), [v]),
      message: `must be a valid ${node.coreFormat} string`,
    });
  }
  return conditions;
}

/** The type test first (integer or finite number), then the range and `multipleOf`. */
export function numberConditions(node: NumberNode, v: Expression, ctx: GuardContext): Condition[] {
  const numberMethod = (name: string): Expression => call(member(reference("Number"), name), [v]);
  const conditions: Condition[] = [
    node.integer
      ? { test: and([typeIs(v, "number"), numberMethod("isInteger")]), message: "must be integer" }
      : { test: and([typeIs(v, "number"), numberMethod("isFinite")]), message: "must be number" },
  ];
  const limit = (value: number | undefined, operator: "<=" | ">=" | "<" | ">"): void => {
    if (value !== undefined) {
      conditions.push({
        test: compare(v, operator, number(value)),
        message: `must be ${operator} ${numberLiteral(value)}`,
      });
    }
  };
  limit(node.maximum, "<=");
  limit(node.minimum, ">=");
  limit(node.exclusiveMaximum, "<");
  limit(node.exclusiveMinimum, ">");
  if (node.multipleOf !== undefined) {
    conditions.push({
      test: runtimeCall(ctx, "_isMultipleOf", [v, number(node.multipleOf)]),
      message: `must be multiple of ${numberLiteral(node.multipleOf)}`,
    });
  }
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({
      test: runtimeCall(ctx, formatFunctionName(node.format), [cast(v, keyword("number"))]),
      message: `must match format "${node.format}"`,
    });
  }
  return conditions;
}

/** The template check of a string-encoded number: "int64" -> `encodedInt64(v)`. */
export function encodedCall(node: EncodedNumberNode, v: Expression, ctx: GuardContext): Expression {
  const name = `encoded${node.encoding.charAt(0).toUpperCase()}${node.encoding.slice(1)}`;
  return runtimeCall(ctx, name, [v]);
}

/** Array length limits; `value` is the array. */
export function lengthLimits(node: ArrayNode): Condition[] {
  return countLimits(
    member(cast(VALUE, UNKNOWN_ARRAY), "length"),
    node.minItems,
    node.maxItems,
    "items",
  );
}

/** Own-key count limits of an object or map; `value` is the object. */
export function keyCountLimits(node: ObjectNode | MapNode): Condition[] {
  const min = node.kind === "object" ? node.minProperties : node.minEntries;
  const max = node.kind === "object" ? node.maxProperties : node.maxEntries;
  return countLimits(member(ownKeys(VALUE), "length"), min, max, "properties");
}

function countLimits(
  count: Expression,
  min: number | undefined,
  max: number | undefined,
  what: string,
): Condition[] {
  const limits: Condition[] = [];
  if (min !== undefined) {
    limits.push({
      test: compare(count, ">=", number(min)),
      message: `must NOT have fewer than ${min} ${what}`,
    });
  }
  if (max !== undefined) {
    limits.push({
      test: compare(count, "<=", number(max)),
      message: `must NOT have more than ${max} ${what}`,
    });
  }
  return limits;
}

const COUNT = local("count");

/** `contains`: counts the items for which `test` (over `item`) holds into `count`. */
export function containsCount(test: Expression): Statement[] {
  return [
    letStatement("count", number(0)),
    forOf("item", cast(VALUE, UNKNOWN_ARRAY), [
      ifStatement(test, [expressionStatement(increment(COUNT))]),
    ]),
  ];
}

/** The limits on `count` (see containsCount). */
export function containsLimits(contains: NonNullable<ArrayNode["contains"]>): Condition[] {
  const limits: Condition[] = [
    {
      test: compare(COUNT, ">=", number(contains.min)),
      message: `must contain at least ${contains.min} valid item(s)`,
    },
  ];
  if (contains.max !== undefined) {
    limits.push({
      test: compare(COUNT, "<=", number(contains.max)),
      message: `must contain at most ${contains.max} valid item(s)`,
    });
  }
  return limits;
}

/** `required` as alternative key sets: exactly one set must be fully present. */
export function requiredSetsCondition(node: ObjectNode, ctx: GuardContext): Condition | undefined {
  const sets = node.requiredSets;
  if (sets === undefined || sets.length === 0) {
    return undefined;
  }
  const terms = sets.map((set) =>
    conditional(and(set.map((key) => hasOwn(ctx, VALUE, key))), number(1), number(0)),
  );
  const listed = sets
    .map((set) => `[${set.map((key) => JSON.stringify(key)).join(", ")}]`)
    .join(", ");
  return {
    test: equals(terms.slice(1).reduce(add, terms[0] ?? number(0)), number(1)),
    message: `must have all the keys of exactly one of ${listed}`,
  };
}

/** `dependentRequired`: for each trigger key, the keys it requires; `onMissing` handles one missing key. */
export function dependentRequiredLines(
  node: ObjectNode,
  ctx: GuardContext,
  onMissing: (key: string, trigger: string) => Statement[],
): Statement[] {
  return (node.dependentRequired ?? []).map(({ key, requires }) =>
    ifStatement(
      hasOwn(ctx, VALUE, key),
      requires.map((needed) =>
        ifStatement(not(hasOwn(ctx, VALUE, needed)), onMissing(needed, key)),
      ),
    ),
  );
}
