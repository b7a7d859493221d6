/**
 * Guard code for one type node, in two forms that must agree:
 *  - `testExpression`: a boolean expression, for the fast `is` path;
 *  - `checkStatements`: statements that push `{ path, message }` for every failure, for `validate`.
 * Compound nodes become internal helper functions ($is1, $check1, ...), numbered in traversal order so output is
 * deterministic. Runtime helpers (formats, own-key checks) are recorded by name and copied from templates/.
 */
import { assertNever } from "../diagnostics.js";
import { formatFunctionName } from "../formats.js";
import type { ArrayNode, EncodedNumberNode, MapNode, NumberNode, ObjectNode, StringNode, TupleNode, TypeNode } from "../model.js";
import { escapePointerSegment } from "../parse/pointer.js";
import { describeNode } from "./describe.js";
import { literalText, stringLiteral } from "./ts-text.js";

export interface GuardContext {
  readonly checkFormats: boolean;
  /** Template declarations the output needs. */
  readonly runtime: Set<string>;
  /** Internal helper functions, as source text, in creation order. */
  readonly helpers: string[];
  readonly counter: { next: number };
}

export const ERROR_TYPE = "{ readonly path: string; readonly message: string }";
export const ERRORS_PARAM = `errors: ${ERROR_TYPE}[]`;

export function isFunctionName(typeName: string): string {
  return `is${typeName}`;
}
export function checkFunctionName(typeName: string): string {
  return `$check${typeName}`;
}

function use(ctx: GuardContext, name: string): string {
  ctx.runtime.add(name);
  return name;
}

/** A boolean expression that is true exactly when `v` (an expression of type unknown) matches the node. */
export function testExpression(node: TypeNode, v: string, ctx: GuardContext): string {
  switch (node.kind) {
    case "any":
      return "true";
    case "null":
      return `${v} === null`;
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "string":
      return [`typeof ${v} === "string"`, ...stringConditions(node, v, ctx).map((c) => c.test)].join(" && ");
    case "number":
      return numberConditions(node, v, ctx).map((c) => c.test).join(" && ");
    case "encoded":
      return `typeof ${v} === "string" && ${encodedCall(node, v, ctx)}`;
    case "literal":
      return `(${node.values.map((value) => `${v} === ${literalText(value)}`).join(" || ")})`;
    case "union":
      return `(${node.members.map((member) => `(${testExpression(member, v, ctx)})`).join(" || ")})`;
    case "ref":
      return `${isFunctionName(node.target)}(${v})`;
    case "object":
    case "array":
    case "map":
    case "tuple":
      return `${helper(ctx, "is", compoundTestBody(node, ctx))}(${v})`;
    default:
      return assertNever(node, "type node");
  }
}

/** Statements that push one error per failure of `v` against the node; `path` is a string expression. */
export function checkStatements(node: TypeNode, v: string, path: string, ctx: GuardContext): string[] {
  switch (node.kind) {
    case "any":
      return [];
    case "string": {
      const typeCheck = `if (typeof ${v} !== "string") { ${push(path, "must be string")} }`;
      return [typeCheck + stringConditions(node, v, ctx).map((c) => ` else if (!(${c.test})) { ${push(path, c.message)} }`).join("")];
    }
    case "number": {
      const [first, ...rest] = numberConditions(node, v, ctx);
      const head = `if (!(${first?.test ?? "true"})) { ${push(path, first?.message ?? "")} }`;
      return [head + rest.map((c) => ` else if (!(${c.test})) { ${push(path, c.message)} }`).join("")];
    }
    case "null":
    case "boolean":
    case "encoded":
    case "literal":
    case "union":
      return [`if (!(${testExpression(node, v, ctx)})) { ${push(path, `must be ${describeNode(node)}`)} }`];
    case "ref":
      return [`${checkFunctionName(node.target)}(${v}, ${path}, errors);`];
    case "object":
    case "array":
    case "map":
    case "tuple":
      return [`${helper(ctx, "check", compoundCheckBody(node, ctx))}(${v}, ${path}, errors);`];
    default:
      return assertNever(node, "type node");
  }
}

type Compound = ObjectNode | ArrayNode | MapNode | TupleNode;

/** Statements for `function (value: unknown): boolean` testing a compound node. */
export function compoundTestBody(node: Compound, ctx: GuardContext): string[] {
  switch (node.kind) {
    case "object":
      return objectTestBody(node, ctx);
    case "array": {
      const unique = node.unique ? [`if (${use(ctx, "_hasDuplicates")}(value)) { return false; }`] : [];
      return [
        "if (!Array.isArray(value)) { return false; }",
        ...lengthLimits(node).map((c) => `if (!(${c.test})) { return false; }`),
        ...(node.items.kind === "any"
          ? []
          : [`for (const item of value as unknown[]) { if (!(${testExpression(node.items, "item", ctx)})) { return false; } }`]),
        ...unique,
        "return true;",
      ];
    }
    case "map":
      return [
        `if (!${use(ctx, "_isObject")}(value)) { return false; }`,
        ...(node.values.kind === "any"
          ? []
          : [`for (const key of Object.keys(value)) { const item = value[key]; if (!(${testExpression(node.values, "item", ctx)})) { return false; } }`]),
        "return true;",
      ];
    case "tuple":
      return [
        `if (!Array.isArray(value) || value.length !== ${node.elements.length}) { return false; }`,
        ...node.elements.map((element, index) => `if (!(${testExpression(element, `value[${index}]`, ctx)})) { return false; }`),
        "return true;",
      ];
    default:
      return assertNever(node, "compound node");
  }
}

/** Statements for `function (value: unknown, path: string, errors): void` checking a compound node. */
export function compoundCheckBody(node: Compound, ctx: GuardContext): string[] {
  switch (node.kind) {
    case "object":
      return objectCheckBody(node, ctx);
    case "array":
      return [
        `if (!Array.isArray(value)) { ${push("path", "must be array")} return; }`,
        ...lengthLimits(node).map((c) => `if (!(${c.test})) { ${push("path", c.message)} }`),
        ...eachItem(checkStatements(node.items, "item", 'path + "/" + index', ctx)),
        ...(node.unique ? [`if (${use(ctx, "_hasDuplicates")}(value)) { ${push("path", "must not contain duplicate items")} }`] : []),
      ];
    case "map":
      return [
        `if (!${use(ctx, "_isObject")}(value)) { ${push("path", "must be object")} return; }`,
        ...eachEntry(node.values.kind === "any" ? [] : checkStatements(node.values, "item", `path + "/" + ${use(ctx, "_pointerSegment")}(key)`, ctx)),
      ];
    case "tuple":
      return [
        `if (!Array.isArray(value) || value.length !== ${node.elements.length}) { ${push("path", `must be an array of ${node.elements.length} items`)} return; }`,
        ...node.elements.flatMap((element, index) => checkStatements(element, `value[${index}]`, `path + "/${index}"`, ctx)),
      ];
    default:
      return assertNever(node, "compound node");
  }
}

/** A loop over array items, or nothing when the items need no check. */
function eachItem(checks: readonly string[]): string[] {
  return checks.length === 0 ? [] : [`(value as unknown[]).forEach((item, index) => { ${checks.join(" ")} });`];
}

/** A loop over map entries, or nothing when the values need no check. */
function eachEntry(checks: readonly string[]): string[] {
  return checks.length === 0 ? [] : [`for (const key of Object.keys(value)) { const item = value[key]; ${checks.join(" ")} }`];
}

function objectTestBody(node: ObjectNode, ctx: GuardContext): string[] {
  const lines = [`if (!${use(ctx, "_isObject")}(value)) { return false; }`];
  for (const property of node.properties) {
    const has = `${use(ctx, "_hasOwn")}(value, ${stringLiteral(property.key)})`;
    if (property.type.kind === "any") {
      // Any value will do: only presence matters, and only when required.
      lines.push(...(property.required ? [`if (!${has}) { return false; }`] : []));
      continue;
    }
    const test = `{ const v = value[${stringLiteral(property.key)}]; if (!(${testExpression(property.type, "v", ctx)})) { return false; } }`;
    lines.push(property.required ? `if (!${has}) { return false; } ${test}` : `if (${has}) ${test}`);
  }
  lines.push(...extraKeysLoop(node, ctx, (v) => `if (!(${v})) { return false; }`, () => "return false;"));
  lines.push("return true;");
  return lines;
}

function objectCheckBody(node: ObjectNode, ctx: GuardContext): string[] {
  const lines = [`if (!${use(ctx, "_isObject")}(value)) { ${push("path", "must be object")} return; }`];
  for (const property of node.properties) {
    const at = `path + ${stringLiteral(`/${escapePointerSegment(property.key)}`)}`;
    const check = checkStatements(property.type, "v", at, ctx).join(" ");
    const has = `${use(ctx, "_hasOwn")}(value, ${stringLiteral(property.key)})`;
    if (check === "") {
      lines.push(...(property.required ? [`if (!${has}) { ${push(at, "is required")} }`] : []));
      continue;
    }
    const present = `{ const v = value[${stringLiteral(property.key)}]; ${check} }`;
    lines.push(property.required ? `if (${has}) ${present} else { ${push(at, "is required")} }` : `if (${has}) ${present}`);
  }
  // Only mention the pointer helper when the loop is emitted, so unused helpers are never copied.
  const keyPath = () => `path + "/" + ${use(ctx, "_pointerSegment")}(key)`;
  lines.push(
    ...extraKeysLoop(
      node,
      ctx,
      (_test, extra) => checkStatements(extra, "value[key]", keyPath(), ctx).join(" "),
      () => push(keyPath(), "is not allowed"),
    ),
  );
  return lines;
}

/** The loop over undeclared keys, when the object is closed or types its extra keys. */
function extraKeysLoop(
  node: ObjectNode,
  ctx: GuardContext,
  onExtraValue: (test: string, extra: TypeNode) => string,
  onForbidden: () => string,
): string[] {
  const extra = node.additionalProperties;
  if (extra === true) {
    return [];
  }
  const known = node.properties.map((p) => `case ${stringLiteral(p.key)}:`).join(" ");
  const handle = extra === false ? onForbidden() : onExtraValue(testExpression(extra, "value[key]", ctx), extra);
  const body = known === "" ? handle : `switch (key) { ${known} break; default: { ${handle} } }`;
  return [`for (const key of Object.keys(value)) { ${body} }`];
}

interface Condition {
  readonly test: string;
  readonly message: string;
}

function stringConditions(node: StringNode, v: string, ctx: GuardContext): Condition[] {
  const conditions: Condition[] = [];
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({ test: `${use(ctx, formatFunctionName(node.format))}(${v})`, message: `must match format "${node.format}"` });
  }
  return conditions;
}

function numberConditions(node: NumberNode, v: string, ctx: GuardContext): Condition[] {
  const conditions: Condition[] = node.integer
    ? [{ test: `typeof ${v} === "number" && Number.isInteger(${v})`, message: "must be integer" }]
    : [{ test: `typeof ${v} === "number" && Number.isFinite(${v})`, message: "must be number" }];
  if (node.format !== undefined && ctx.checkFormats) {
    conditions.push({ test: `${use(ctx, formatFunctionName(node.format))}(${v} as number)`, message: `must match format "${node.format}"` });
  }
  return conditions;
}

function lengthLimits(node: ArrayNode): Condition[] {
  const limits: Condition[] = [];
  if (node.minItems !== undefined) {
    limits.push({ test: `(value as unknown[]).length >= ${node.minItems}`, message: `must have at least ${node.minItems} items` });
  }
  if (node.maxItems !== undefined) {
    limits.push({ test: `(value as unknown[]).length <= ${node.maxItems}`, message: `must have at most ${node.maxItems} items` });
  }
  return limits;
}

function encodedCall(node: EncodedNumberNode, v: string, ctx: GuardContext): string {
  const name = `encoded${node.encoding.charAt(0).toUpperCase()}${node.encoding.slice(1)}`;
  return `${use(ctx, name)}(${v})`;
}

function push(path: string, message: string): string {
  return `errors.push({ path: ${path}, message: ${stringLiteral(message)} });`;
}

function helper(ctx: GuardContext, kind: "is" | "check", body: readonly string[]): string {
  ctx.counter.next += 1;
  const name = `$${kind}${ctx.counter.next}`;
  const signature = kind === "is" ? "(value: unknown): boolean" : `(value: unknown, path: string, ${ERRORS_PARAM}): void`;
  ctx.helpers.push(`function ${name}${signature} {\n${body.join("\n")}\n}`);
  return name;
}
