/**
 * Guard code for one type node, in two forms that must agree:
 *  - `testExpression`: a boolean expression, for the fast `is` path;
 *  - `checkStatements`: statements that push `{ path, message }` for every failure, for `validate`.
 * Compound nodes become internal helper functions ($is1, $check1, ...), numbered in traversal order so output is
 * deterministic. Runtime helpers (formats, own-key checks) are recorded by name and copied from templates/.
 * Value rules live in guard-rules.ts, objects in guard-object.ts, arrays, maps and tuples in
 * guard-collections.ts, JSON Structure choices in guard-choice.ts; those reach back here only through
 * `GuardContext.nested` (NODE_GUARDS).
 */
import { assertNever } from "../model/diagnostics.js";
import type { ArrayNode, MapNode, ObjectNode, TupleNode, TypeNode } from "../model/model.js";
import { describeNode } from "./describe.js";
import {
  and,
  call,
  type Expression,
  literal,
  not,
  notEquals,
  or,
  reference,
  string,
  TRUE,
  typeIs,
  equals,
  typeOf,
} from "./code/expression.js";
import { expressionStatement, ifStatement, type Statement } from "./code/statement.js";
import { type ChoiceNode, choiceCheckBody, choiceTestBody } from "./guard-choice.js";
import {
  arrayCheckBody,
  arrayTestBody,
  mapCheckBody,
  mapTestBody,
  tupleCheckBody,
  tupleTestBody,
} from "./guard-collections.js";
import {
  checkFunctionName,
  ERRORS,
  type GuardContext,
  helper,
  isFunctionName,
  type NodeGuards,
  push,
} from "./guard-context.js";
import { objectCheckBody, objectTestBody } from "./guard-object.js";
import { encodedCall, numberConditions, stringConditions } from "./guard-rules.js";

/** A union that is a JSON Structure choice: checked by dispatch on its tag or selector. */
export function isChoice(node: TypeNode): node is ChoiceNode {
  return node.kind === "union" && node.choice !== undefined;
}

/** A boolean expression that is true exactly when `v` (an expression of type unknown) matches the node. */
export function testExpression(node: TypeNode, v: Expression, ctx: GuardContext): Expression {
  switch (node.kind) {
    case "any":
      return TRUE;
    case "null":
      return equals(v, literal(null));
    case "boolean":
      return typeIs(v, "boolean");
    case "string":
      return and([typeIs(v, "string"), ...stringConditions(node, v, ctx).map((c) => c.test)]);
    case "number":
      return and(numberConditions(node, v, ctx).map((c) => c.test));
    case "encoded":
      return and([typeIs(v, "string"), encodedCall(node, v, ctx)]);
    case "literal":
      return or(node.values.map((value) => equals(v, literal(value))));
    case "union":
      return isChoice(node)
        ? call(helper(ctx, "is", compoundTestBody(node, ctx)), [v])
        : or(node.members.map((m) => testExpression(m, v, ctx)));
    case "ref":
      return call(reference(isFunctionName(node.target)), [v]);
    case "object":
    case "array":
    case "map":
    case "tuple":
      return call(helper(ctx, "is", compoundTestBody(node, ctx)), [v]);
    default:
      return assertNever(node, "type node");
  }
}

/** Statements that push one error per failure of `v` against the node; `path` is a string expression. */
export function checkStatements(
  node: TypeNode,
  v: Expression,
  path: Expression,
  ctx: GuardContext,
): Statement[] {
  switch (node.kind) {
    case "any":
      return [];
    case "string":
      return [
        firstFailure(
          [
            { fails: notEquals(typeOf(v), string("string")), message: "must be string" },
            ...stringConditions(node, v, ctx).map((c) => ({
              fails: not(c.test),
              message: c.message,
            })),
          ],
          path,
        ),
      ];
    case "number":
      return [
        firstFailure(
          numberConditions(node, v, ctx).map((c) => ({ fails: not(c.test), message: c.message })),
          path,
        ),
      ];
    case "null":
    case "boolean":
    case "encoded":
    case "literal":
      return [
        ifStatement(not(testExpression(node, v, ctx)), [
          push(path, `must be ${describeNode(node)}`),
        ]),
      ];
    case "union":
      if (isChoice(node)) {
        return [checkCall(helper(ctx, "check", compoundCheckBody(node, ctx)), v, path)];
      }
      return [
        ifStatement(not(testExpression(node, v, ctx)), [
          push(path, `must be ${describeNode(node)}`),
        ]),
      ];
    case "ref":
      return [checkCall(reference(checkFunctionName(node.target)), v, path)];
    case "object":
    case "array":
    case "map":
    case "tuple":
      return [checkCall(helper(ctx, "check", compoundCheckBody(node, ctx)), v, path)];
    default:
      return assertNever(node, "type node");
  }
}

/** `checker(v, path, errors);`. */
function checkCall(checker: Expression, v: Expression, path: Expression): Statement {
  return expressionStatement(call(checker, [v, path, ERRORS]));
}

/** `if (a fails) { push } else if (b fails) { push } ...`: only the first failing condition is reported. */
function firstFailure(
  conditions: readonly { readonly fails: Expression; readonly message: string }[],
  path: Expression,
): Statement {
  const [first, ...rest] = conditions;
  const then = [push(path, first?.message ?? "")];
  return rest.length === 0
    ? ifStatement(first?.fails ?? TRUE, then)
    : ifStatement(first?.fails ?? TRUE, then, firstFailure(rest, path));
}

/** The entry points the object, collection and choice modules recurse through. */
export const NODE_GUARDS: NodeGuards = { test: testExpression, check: checkStatements };

export type Compound = ObjectNode | ArrayNode | MapNode | TupleNode | ChoiceNode;

/** Statements for `function (value: unknown): boolean` testing a compound node. */
export function compoundTestBody(node: Compound, ctx: GuardContext): Statement[] {
  switch (node.kind) {
    case "object":
      return objectTestBody(node, ctx);
    case "array":
      return arrayTestBody(node, ctx);
    case "map":
      return mapTestBody(node, ctx);
    case "tuple":
      return tupleTestBody(node, ctx);
    case "union":
      return choiceTestBody(node, ctx);
    default:
      return assertNever(node, "compound node");
  }
}

/** Statements for `function (value: unknown, path: string, errors): void` checking a compound node. */
export function compoundCheckBody(node: Compound, ctx: GuardContext): Statement[] {
  switch (node.kind) {
    case "object":
      return objectCheckBody(node, ctx);
    case "array":
      return arrayCheckBody(node, ctx);
    case "map":
      return mapCheckBody(node, ctx);
    case "tuple":
      return tupleCheckBody(node, ctx);
    case "union":
      return choiceCheckBody(node, ctx);
    default:
      return assertNever(node, "compound node");
  }
}
