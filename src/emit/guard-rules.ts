/**
 * The value rules guards check beside the JSON type: string lengths, formats and patterns, number ranges and
 * `multipleOf`, array lengths and `contains`, and the object / map rules (property counts, required key sets,
 * dependent keys, key names). Each rule reads exactly as ajv applies the same JSON Schema keyword, so that a guard
 * and ajv agree on every value: lengths count code points, patterns compile with the "u" flag, `multipleOf` uses
 * ajv's arithmetic (templates/runtime.ts).
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
import type { GuardContext } from "./guard-code.js";
import { literalText, stringLiteral } from "./ts-text.js";

export interface Condition {
  readonly test: string;
  readonly message: string;
}

export function use(ctx: GuardContext, name: string): string {
  ctx.runtime.add(name);
  return name;
}

/** A module-level `RegExp` for a pattern, created once per distinct pattern ("u" flag, as ajv compiles it). */
export function regexConstant(ctx: GuardContext, pattern: string): string {
  const known = ctx.regexes.get(pattern);
  if (known !== undefined) {
    return known;
  }
  const name = `$re${ctx.regexes.size + 1}`;
  ctx.regexes.set(pattern, name);
  ctx.helpers.push(`const ${name} = new RegExp(${stringLiteral(pattern)}, "u");`);
  return name;
}

/** The template helper for a Core lexical rule: "base64url" -> "coreBase64url". */
export function coreFormatFunctionName(format: CoreFormat): string {
  return `core${format.charAt(0).toUpperCase()}${format.slice(1)}`;
}

/** Conditions after `typeof v === "string"`, in the order ajv reports them. */
export function stringConditions(node: StringNode, v: string, ctx: GuardContext): Condition[] {
  const conditions: Condition[] = [];
  if (node.maxLength !== undefined) {
    conditions.push({
      test: `${use(ctx, "_codePointLength")}(${v}) <= ${node.maxLength}`,
      message: `must NOT have more than ${node.maxLength} characters`,
    });
  }
  if (node.minLength !== undefined) {
    conditions.push({
      test: `${use(ctx, "_codePointLength")}(${v}) >= ${node.minLength}`,
      message: `must NOT have fewer than ${node.minLength} characters`,
    });
  }
  if (node.pattern !== undefined) {
    conditions.push({
      test: `${regexConstant(ctx, node.pattern)}.test(${v})`,
      message: `must match pattern ${stringLiteral(node.pattern)}`,
    });
  }
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({
      test: `${use(ctx, formatFunctionName(node.format))}(${v})`,
      message: `must match format "${node.format}"`,
    });
  }
  if (node.coreFormat !== undefined && ctx.checkFormats) {
    conditions.push({
      test: `${use(ctx, coreFormatFunctionName(node.coreFormat))}(${v})`,
      message: `must be a valid ${node.coreFormat} string`,
    });
  }
  return conditions;
}

/** The type test first (integer or finite number), then the range and `multipleOf`. */
export function numberConditions(node: NumberNode, v: string, ctx: GuardContext): Condition[] {
  const conditions: Condition[] = node.integer
    ? [{ test: `typeof ${v} === "number" && Number.isInteger(${v})`, message: "must be integer" }]
    : [{ test: `typeof ${v} === "number" && Number.isFinite(${v})`, message: "must be number" }];
  const limit = (value: number | undefined, op: string): void => {
    if (value !== undefined) {
      conditions.push({
        test: `${v} ${op} ${literalText(value)}`,
        message: `must be ${op} ${literalText(value)}`,
      });
    }
  };
  limit(node.maximum, "<=");
  limit(node.minimum, ">=");
  limit(node.exclusiveMaximum, "<");
  limit(node.exclusiveMinimum, ">");
  if (node.multipleOf !== undefined) {
    conditions.push({
      test: `${use(ctx, "_isMultipleOf")}(${v}, ${literalText(node.multipleOf)})`,
      message: `must be multiple of ${literalText(node.multipleOf)}`,
    });
  }
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({
      test: `${use(ctx, formatFunctionName(node.format))}(${v} as number)`,
      message: `must match format "${node.format}"`,
    });
  }
  return conditions;
}

export function encodedCall(node: EncodedNumberNode, v: string, ctx: GuardContext): string {
  const name = `encoded${node.encoding.charAt(0).toUpperCase()}${node.encoding.slice(1)}`;
  return `${use(ctx, name)}(${v})`;
}

/** Array length limits; `value` is the array. */
export function lengthLimits(node: ArrayNode): Condition[] {
  return countLimits("(value as unknown[]).length", node.minItems, node.maxItems, "items");
}

/** Own-key count limits of an object or map; `value` is the object. */
export function keyCountLimits(node: ObjectNode | MapNode): Condition[] {
  const min = node.kind === "object" ? node.minProperties : node.minEntries;
  const max = node.kind === "object" ? node.maxProperties : node.maxEntries;
  return countLimits("Object.keys(value).length", min, max, "properties");
}

function countLimits(
  count: string,
  min: number | undefined,
  max: number | undefined,
  what: string,
): Condition[] {
  const limits: Condition[] = [];
  if (min !== undefined) {
    limits.push({ test: `${count} >= ${min}`, message: `must NOT have fewer than ${min} ${what}` });
  }
  if (max !== undefined) {
    limits.push({ test: `${count} <= ${max}`, message: `must NOT have more than ${max} ${what}` });
  }
  return limits;
}

/** `contains`: the number of matching items, then its limits; `test` is the item test over `item`. */
export function containsCount(test: string): string {
  return `let count = 0; for (const item of value as unknown[]) { if (${test}) { count++; } }`;
}

export function containsLimits(contains: NonNullable<ArrayNode["contains"]>): Condition[] {
  const limits: Condition[] = [
    {
      test: `count >= ${contains.min}`,
      message: `must contain at least ${contains.min} valid item(s)`,
    },
  ];
  if (contains.max !== undefined) {
    limits.push({
      test: `count <= ${contains.max}`,
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
  const has = (key: string): string => `${use(ctx, "_hasOwn")}(value, ${stringLiteral(key)})`;
  const terms = sets.map((set) => `(${set.map(has).join(" && ") || "true"} ? 1 : 0)`);
  const listed = sets
    .map((set) => `[${set.map((key) => JSON.stringify(key)).join(", ")}]`)
    .join(", ");
  return {
    test: `${terms.join(" + ")} === 1`,
    message: `must have all the keys of exactly one of ${listed}`,
  };
}

/** `dependentRequired`: for each trigger key, the keys it requires; `onMissing` handles one missing key. */
export function dependentRequiredLines(
  node: ObjectNode,
  ctx: GuardContext,
  onMissing: (key: string, trigger: string) => string,
): string[] {
  const has = (key: string): string => `${use(ctx, "_hasOwn")}(value, ${stringLiteral(key)})`;
  return (node.dependentRequired ?? []).map(({ key, requires }) => {
    const checks = requires
      .map((needed) => `if (!${has(needed)}) { ${onMissing(needed, key)} }`)
      .join(" ");
    return `if (${has(key)}) { ${checks} }`;
  });
}
