/**
 * Guard code for one type node, in two forms that must agree:
 *  - `testExpression`: a boolean expression, for the fast `is` path;
 *  - `checkStatements`: statements that push `{ path, message }` for every failure, for `validate`.
 * Compound nodes become internal helper functions ($is1, $check1, ...), numbered in traversal order so output is
 * deterministic. Runtime helpers (formats, own-key checks) are recorded by name and copied from templates/.
 * Value rules live in guard-rules.ts, objects in guard-object.ts, JSON Structure choices in guard-choice.ts.
 */
import { assertNever } from "../model/diagnostics.js";
import type {
  ArrayNode,
  ChoiceInfo,
  MapNode,
  ObjectNode,
  TupleNode,
  TypeNode,
  UnionNode,
} from "../model/model.js";
import { describeNode } from "./describe.js";
import { choiceCheckBody, choiceTestBody } from "./guard-choice.js";
import { objectCheckBody, objectTestBody } from "./guard-object.js";
import {
  containsCount,
  containsLimits,
  encodedCall,
  keyCountLimits,
  lengthLimits,
  numberConditions,
  stringConditions,
  use,
} from "./guard-rules.js";
import { literalText, stringLiteral } from "./ts-text.js";

export interface GuardContext {
  readonly checkFormats: boolean;
  /** Template declarations the output needs. */
  readonly runtime: Set<string>;
  /** Internal helper functions and regex constants, as source text, in creation order. */
  readonly helpers: string[];
  readonly counter: { next: number };
  /** Pattern source -> name of its module-level RegExp constant. */
  readonly regexes: Map<string, string>;
}

/** The guards file's local alias for one failure (see guards.ts, resultTypes). */
export const ERROR_TYPE = "Failure";
export const ERRORS_PARAM = `errors: ${ERROR_TYPE}[]`;

export function isFunctionName(typeName: string): string {
  return `is${typeName}`;
}
export function checkFunctionName(typeName: string): string {
  return `$check${typeName}`;
}

/** A union that is a JSON Structure choice: checked by dispatch on its tag or selector. */
export function isChoice(node: TypeNode): node is UnionNode & { readonly choice: ChoiceInfo } {
  return node.kind === "union" && node.choice !== undefined;
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
      return [
        `typeof ${v} === "string"`,
        ...stringConditions(node, v, ctx).map((c) => c.test),
      ].join(" && ");
    case "number":
      return numberConditions(node, v, ctx)
        .map((c) => c.test)
        .join(" && ");
    case "encoded":
      return `typeof ${v} === "string" && ${encodedCall(node, v, ctx)}`;
    case "literal":
      return `(${node.values.map((value) => `${v} === ${literalText(value)}`).join(" || ")})`;
    case "union":
      if (isChoice(node)) {
        return `${helper(ctx, "is", compoundTestBody(node, ctx))}(${v})`;
      }
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
export function checkStatements(
  node: TypeNode,
  v: string,
  path: string,
  ctx: GuardContext,
): string[] {
  switch (node.kind) {
    case "any":
      return [];
    case "string": {
      const typeCheck = `if (typeof ${v} !== "string") { ${push(path, "must be string")} }`;
      return [
        typeCheck +
          stringConditions(node, v, ctx)
            .map((c) => ` else if (!(${c.test})) { ${push(path, c.message)} }`)
            .join(""),
      ];
    }
    case "number": {
      const [first, ...rest] = numberConditions(node, v, ctx);
      const head = `if (!(${first?.test ?? "true"})) { ${push(path, first?.message ?? "")} }`;
      return [
        head + rest.map((c) => ` else if (!(${c.test})) { ${push(path, c.message)} }`).join(""),
      ];
    }
    case "null":
    case "boolean":
    case "encoded":
    case "literal":
      return [
        `if (!(${testExpression(node, v, ctx)})) { ${push(path, `must be ${describeNode(node)}`)} }`,
      ];
    case "union":
      if (isChoice(node)) {
        return [`${helper(ctx, "check", compoundCheckBody(node, ctx))}(${v}, ${path}, errors);`];
      }
      return [
        `if (!(${testExpression(node, v, ctx)})) { ${push(path, `must be ${describeNode(node)}`)} }`,
      ];
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

export type Compound = ObjectNode | ArrayNode | MapNode | TupleNode | UnionNode;

/** Statements for `function (value: unknown): boolean` testing a compound node. */
export function compoundTestBody(node: Compound, ctx: GuardContext): string[] {
  switch (node.kind) {
    case "object":
      return objectTestBody(node, ctx);
    case "array":
      return arrayTestBody(node, ctx);
    case "map": {
      const loop = [
        ...(node.keys === undefined
          ? []
          : [`if (!(${testExpression(node.keys, "key", ctx)})) { return false; }`]),
        ...(node.values.kind === "any"
          ? []
          : [
              `const item = value[key]; if (!(${testExpression(node.values, "item", ctx)})) { return false; }`,
            ]),
      ];
      return [
        `if (!${use(ctx, "_isObject")}(value)) { return false; }`,
        ...keyCountLimits(node).map((c) => `if (!(${c.test})) { return false; }`),
        ...(loop.length === 0
          ? []
          : [`for (const key of Object.keys(value)) { ${loop.join(" ")} }`]),
        "return true;",
      ];
    }
    case "tuple":
      return [
        `if (!Array.isArray(value) || value.length !== ${node.elements.length}) { return false; }`,
        ...node.elements.flatMap((element, index) => {
          const test = testExpression(element, "item", ctx);
          return test === "true"
            ? []
            : [`{ const item = value[${index}]; if (!(${test})) { return false; } }`];
        }),
        "return true;",
      ];
    case "union":
      return isChoice(node)
        ? choiceTestBody(node, ctx)
        : [`return ${testExpression(node, "value", ctx)};`];
    default:
      return assertNever(node, "compound node");
  }
}

function arrayTestBody(node: ArrayNode, ctx: GuardContext): string[] {
  const unique = node.unique ? [`if (${use(ctx, "_hasDuplicates")}(value)) { return false; }`] : [];
  const contains = node.contains;
  return [
    "if (!Array.isArray(value)) { return false; }",
    ...lengthLimits(node).map((c) => `if (!(${c.test})) { return false; }`),
    ...(node.items.kind === "any"
      ? []
      : [
          `for (const item of value as unknown[]) { if (!(${testExpression(node.items, "item", ctx)})) { return false; } }`,
        ]),
    ...unique,
    ...(contains === undefined
      ? []
      : [
          `{ ${containsCount(testExpression(contains.type, "item", ctx))} if (!(${containsLimits(
            contains,
          )
            .map((c) => c.test)
            .join(" && ")})) { return false; } }`,
        ]),
    "return true;",
  ];
}

/** Statements for `function (value: unknown, path: string, errors): void` checking a compound node. */
export function compoundCheckBody(node: Compound, ctx: GuardContext): string[] {
  switch (node.kind) {
    case "object":
      return objectCheckBody(node, ctx);
    case "array":
      return arrayCheckBody(node, ctx);
    case "map": {
      const keyPath = () => `path + "/" + ${use(ctx, "_pointerSegment")}(key)`;
      const names =
        node.keys === undefined
          ? []
          : [
              `if (!(${testExpression(node.keys, "key", ctx)})) { ${push(keyPath(), "is not an allowed key")} }`,
            ];
      const values =
        node.values.kind === "any" ? [] : checkStatements(node.values, "item", keyPath(), ctx);
      const loop = [
        ...names,
        ...(values.length === 0 ? [] : [`const item = value[key]; ${values.join(" ")}`]),
      ];
      return [
        `if (!${use(ctx, "_isObject")}(value)) { ${push("path", "must be object")} return; }`,
        ...keyCountLimits(node).map((c) => `if (!(${c.test})) { ${push("path", c.message)} }`),
        ...(loop.length === 0
          ? []
          : [`for (const key of Object.keys(value)) { ${loop.join(" ")} }`]),
      ];
    }
    case "tuple":
      return [
        `if (!Array.isArray(value) || value.length !== ${node.elements.length}) { ${push("path", `must be an array of ${node.elements.length} items`)} return; }`,
        ...node.elements.flatMap((element, index) => {
          const checks = checkStatements(element, "item", `path + "/${index}"`, ctx);
          return checks.length === 0
            ? []
            : [`{ const item = value[${index}]; ${checks.join(" ")} }`];
        }),
      ];
    case "union":
      return isChoice(node)
        ? choiceCheckBody(node, ctx)
        : checkStatements(node, "value", "path", ctx);
    default:
      return assertNever(node, "compound node");
  }
}

function arrayCheckBody(node: ArrayNode, ctx: GuardContext): string[] {
  const contains = node.contains;
  return [
    `if (!Array.isArray(value)) { ${push("path", "must be array")} return; }`,
    ...lengthLimits(node).map((c) => `if (!(${c.test})) { ${push("path", c.message)} }`),
    ...eachItem(checkStatements(node.items, "item", 'path + "/" + index', ctx)),
    ...(node.unique
      ? [
          `if (${use(ctx, "_hasDuplicates")}(value)) { ${push("path", "must not contain duplicate items")} }`,
        ]
      : []),
    ...(contains === undefined
      ? []
      : [
          `{ ${containsCount(testExpression(contains.type, "item", ctx))} ${containsLimits(contains)
            .map((c) => `if (!(${c.test})) { ${push("path", c.message)} }`)
            .join(" ")} }`,
        ]),
  ];
}

/** A loop over array items, or nothing when the items need no check. */
function eachItem(checks: readonly string[]): string[] {
  return checks.length === 0
    ? []
    : [`(value as unknown[]).forEach((item, index) => { ${checks.join(" ")} });`];
}

export function push(path: string, message: string): string {
  return `errors.push({ path: ${path}, message: ${stringLiteral(message)} });`;
}

/** Helpers already emitted in a context, by signature and body, so identical nested types share one function. */
const emittedHelpers = new WeakMap<GuardContext, Map<string, string>>();

function helper(ctx: GuardContext, kind: "is" | "check", body: readonly string[]): string {
  const signature =
    kind === "is"
      ? "(value: unknown): boolean"
      : `(value: unknown, path: string, ${ERRORS_PARAM}): void`;
  const text = `${signature} {\n${body.join("\n")}\n}`;
  const known = emittedHelpers.get(ctx) ?? new Map<string, string>();
  emittedHelpers.set(ctx, known);
  const existing = known.get(text);
  if (existing !== undefined) {
    return existing;
  }
  ctx.counter.next += 1;
  const name = `$${kind}${ctx.counter.next}`;
  known.set(text, name);
  ctx.helpers.push(`function ${name}${text}`);
  return name;
}
