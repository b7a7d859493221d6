/**
 * What every guard module shares: the emission context (runtime helpers used, internal helper functions and
 * regex constants created, in creation order) and the code pieces that name them. The per-node entry points of
 * guard-code.ts reach the object and choice modules through `GuardContext.nested`, so that no guard module
 * imports another in a loop.
 */
import type { TypeNode } from "../model/model.js";
import {
  add,
  call,
  construct,
  type Expression,
  FALSE,
  index,
  local,
  member,
  not,
  objectLiteral,
  reference,
  string,
} from "./code/expression.js";
import {
  constStatement,
  expressionStatement,
  ifStatement,
  returnStatement,
  type Statement,
} from "./code/statement.js";
import { arrayType, keyword, type TypeExpression, typeReference } from "./code/type-expression.js";

/** The guard code of one type node, in two forms that must agree (see guard-code.ts). */
export interface NodeGuards {
  /** A boolean expression: true exactly when `subject` (of type unknown) matches the node. */
  readonly test: (node: TypeNode, subject: Expression, ctx: GuardContext) => Expression;
  /** Statements that push one failure per problem of `subject`; `path` is its JSON pointer, a string. */
  readonly check: (
    node: TypeNode,
    subject: Expression,
    path: Expression,
    ctx: GuardContext,
  ) => Statement[];
}

export interface GuardContext {
  readonly checkFormats: boolean;
  /** Template declarations the output needs. */
  readonly runtime: Set<string>;
  /** Internal helper functions and regex constants, as source text, in creation order. */
  readonly helpers: string[];
  /** Helper function text (signature and body) -> its name, so identical nested types share one function. */
  readonly helperNames: Map<string, string>;
  /** Pattern source -> name of its module-level RegExp constant. */
  readonly regexes: Map<string, string>;
  readonly nested: NodeGuards;
}

export function guardContext(checkFormats: boolean, nested: NodeGuards): GuardContext {
  return {
    checkFormats,
    runtime: new Set(),
    helpers: [],
    helperNames: new Map(),
    regexes: new Map(),
    nested,
  };
}

export function nestedTest(node: TypeNode, subject: Expression, ctx: GuardContext): Expression {
  return ctx.nested.test(node, subject, ctx);
}

export function nestedCheck(
  node: TypeNode,
  subject: Expression,
  path: Expression,
  ctx: GuardContext,
): Statement[] {
  return ctx.nested.check(node, subject, path, ctx);
}

/** The guards file's local alias for one failure (see guards.ts, resultTypes). */
export const ERROR_TYPE = "Failure";

/** The parameters every checker function has. */
export const VALUE = local("value");
export const PATH = local("path");
export const ERRORS = local("errors");

const ERRORS_PUSH = member(ERRORS, "push");

export const UNKNOWN_ARRAY: TypeExpression = arrayType(keyword("unknown"));

export function isFunctionName(typeName: string): string {
  return `is${typeName}`;
}
export function checkFunctionName(typeName: string): string {
  return `$check${typeName}`;
}

/** A call of a template helper; the helper is recorded, to be copied into the output. */
export function runtimeCall(
  ctx: GuardContext,
  name: string,
  args: readonly Expression[],
): Expression {
  ctx.runtime.add(name);
  return call(reference(name), args);
}

/** Whether `object` has `key` as an own property (a `__proto__` or `constructor` key in the data is data). */
export function hasOwn(ctx: GuardContext, object: Expression, key: string): Expression {
  return runtimeCall(ctx, "_hasOwn", [object, string(key)]);
}

/**
 * The value of a member, `object["key"]`, always bracketed: the guard's objects have an index signature, and
 * projects that set noPropertyAccessFromIndexSignature reject `object.key` on one.
 */
export function memberValue(object: Expression, key: string): Expression {
  return index(object, string(key));
}

/** `Object.keys(object)`. */
export function ownKeys(object: Expression): Expression {
  return call(member(reference("Object"), "keys"), [object]);
}

/** `path + "/" + _pointerSegment(key)`: the pointer of an undeclared key's member. */
export function keyPath(ctx: GuardContext, path: Expression, key: Expression): Expression {
  return add(add(path, string("/")), runtimeCall(ctx, "_pointerSegment", [key]));
}

/** A module-level `RegExp` for a pattern, created once per distinct pattern ("u" flag, as ajv compiles it). */
export function regexConstant(ctx: GuardContext, pattern: string): Expression {
  const known = ctx.regexes.get(pattern);
  if (known !== undefined) {
    return reference(known);
  }
  const name = `$re${ctx.regexes.size + 1}`;
  ctx.regexes.set(pattern, name);
  const regex = construct(reference("RegExp"), [string(pattern), string("u")]);
  ctx.helpers.push(constStatement(name, regex).text);
  return reference(name);
}

export const RETURN_FALSE = returnStatement(FALSE);

/** A failure at `path` that ends the check: `errors.push(...); return;`. */
export function failAndStop(message: string): Statement[] {
  return [push(PATH, message), returnStatement()];
}

/** `if (!_isObject(value)) { ...otherwise }`: the head of every object, map and choice body. */
export function unlessObject(ctx: GuardContext, otherwise: readonly Statement[]): Statement {
  return ifStatement(not(runtimeCall(ctx, "_isObject", [VALUE])), otherwise);
}

/** `errors.push({ path, message })`. */
export function push(path: Expression, message: string): Statement {
  const failure = objectLiteral([
    ["path", path],
    ["message", string(message)],
  ]);
  return expressionStatement(call(ERRORS_PUSH, [failure]));
}

/** `(value: unknown): boolean` for tests, `(value: unknown, path: string, errors: Failure[]): void` for checks. */
function signatureText(kind: "is" | "check"): string {
  const parameters: [string, TypeExpression][] =
    kind === "is"
      ? [["value", keyword("unknown")]]
      : [
          ["value", keyword("unknown")],
          ["path", keyword("string")],
          ["errors", arrayType(typeReference(ERROR_TYPE))],
        ];
  const list = parameters.map(([name, type]) => `${name}: ${type.text}`).join(", ");
  return `(${list}): ${keyword(kind === "is" ? "boolean" : "void").text}`;
}

const SIGNATURES = { is: signatureText("is"), check: signatureText("check") } as const;

/**
 * The name of an internal helper function with this body ($is1, $check2, ...), numbered in creation order so
 * output is deterministic; an identical helper made earlier is reused.
 */
export function helper(
  ctx: GuardContext,
  kind: "is" | "check",
  body: readonly Statement[],
): Expression {
  const text = `${SIGNATURES[kind]} {\n${body.map((s) => s.text).join("\n")}\n}`;
  const existing = ctx.helperNames.get(text);
  if (existing !== undefined) {
    return reference(existing);
  }
  const name = `$${kind}${ctx.helperNames.size + 1}`;
  ctx.helperNames.set(text, name);
  ctx.helpers.push(`function ${name}${text}`);
  return reference(name);
}

/** A message naming values: each as JSON, so that a name with a quote or a comma reads unambiguously. */
export function listed(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}
