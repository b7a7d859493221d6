/**
 * Guard bodies for arrays (and sets), maps and tuples: the container test, its count limits, then each item,
 * entry or element through the nested guards, then `uniqueItems` and `contains` over the whole array.
 */
import type { ArrayNode, MapNode, TupleNode } from "../model/model.js";
import {
  add,
  and,
  call,
  cast,
  type Expression,
  index,
  isAlwaysTrue,
  local,
  member,
  not,
  notEquals,
  number,
  or,
  reference,
  string,
  TRUE,
} from "./code/expression.js";
import {
  arrow,
  block,
  constStatement,
  expressionStatement,
  forOf,
  ifStatement,
  returnStatement,
  type Statement,
} from "./code/statement.js";
import {
  type GuardContext,
  keyPath,
  nestedCheck,
  nestedTest,
  ownKeys,
  PATH,
  push,
  runtimeCall,
  UNKNOWN_ARRAY,
  VALUE,
  RETURN_FALSE,
  failAndStop,
  unlessObject,
} from "./guard-context.js";
import { containsCount, containsLimits, keyCountLimits, lengthLimits } from "./guard-rules.js";

const ITEM = local("item");
const KEY = local("key");
const INDEX = local("index");

function isArray(e: Expression): Expression {
  return call(member(reference("Array"), "isArray"), [e]);
}

/** `!Array.isArray(value) || value.length !== n`. */
function notTupleOf(length: number): Expression {
  return or([not(isArray(VALUE)), notEquals(member(VALUE, "length"), number(length))]);
}

/** Statements for `function (value: unknown): boolean` testing an array. */
export function arrayTestBody(node: ArrayNode, ctx: GuardContext): Statement[] {
  const item = nestedTest(node.items, ITEM, ctx);
  const contains = node.contains;
  return [
    ifStatement(not(isArray(VALUE)), [RETURN_FALSE]),
    ...lengthLimits(node).map((c) => ifStatement(not(c.test), [RETURN_FALSE])),
    ...(isAlwaysTrue(item)
      ? []
      : [forOf("item", cast(VALUE, UNKNOWN_ARRAY), [ifStatement(not(item), [RETURN_FALSE])])]),
    ...(node.unique
      ? [ifStatement(runtimeCall(ctx, "_hasDuplicates", [VALUE]), [RETURN_FALSE])]
      : []),
    ...(contains === undefined
      ? []
      : [
          block([
            ...containsCount(nestedTest(contains.type, ITEM, ctx)),
            ifStatement(not(and(containsLimits(contains).map((c) => c.test))), [RETURN_FALSE]),
          ]),
        ]),
    returnStatement(TRUE),
  ];
}

/** Statements for `function (value: unknown, path: string, errors): void` checking an array. */
export function arrayCheckBody(node: ArrayNode, ctx: GuardContext): Statement[] {
  const contains = node.contains;
  const items = nestedCheck(node.items, ITEM, add(add(PATH, string("/")), INDEX), ctx);
  return [
    ifStatement(not(isArray(VALUE)), failAndStop("must be array")),
    ...lengthLimits(node).map((c) => ifStatement(not(c.test), [push(PATH, c.message)])),
    // A loop over array items, or nothing when the items need no check.
    ...(items.length === 0
      ? []
      : [
          expressionStatement(
            call(member(cast(VALUE, UNKNOWN_ARRAY), "forEach"), [arrow(["item", "index"], items)]),
          ),
        ]),
    ...(node.unique
      ? [
          ifStatement(runtimeCall(ctx, "_hasDuplicates", [VALUE]), [
            push(PATH, "must not contain duplicate items"),
          ]),
        ]
      : []),
    ...(contains === undefined
      ? []
      : [
          block([
            ...containsCount(nestedTest(contains.type, ITEM, ctx)),
            ...containsLimits(contains).map((c) =>
              ifStatement(not(c.test), [push(PATH, c.message)]),
            ),
          ]),
        ]),
  ];
}

/** Statements for `function (value: unknown): boolean` testing a map. */
export function mapTestBody(node: MapNode, ctx: GuardContext): Statement[] {
  const keys = node.keys === undefined ? TRUE : nestedTest(node.keys, KEY, ctx);
  const values = nestedTest(node.values, ITEM, ctx);
  const loop = [
    ...(isAlwaysTrue(keys) ? [] : [ifStatement(not(keys), [RETURN_FALSE])]),
    ...(isAlwaysTrue(values)
      ? []
      : [constStatement("item", index(VALUE, KEY)), ifStatement(not(values), [RETURN_FALSE])]),
  ];
  return [
    unlessObject(ctx, [RETURN_FALSE]),
    ...keyCountLimits(node).map((c) => ifStatement(not(c.test), [RETURN_FALSE])),
    ...(loop.length === 0 ? [] : [forOf("key", ownKeys(VALUE), loop)]),
    returnStatement(TRUE),
  ];
}

/** Statements for `function (value: unknown, path: string, errors): void` checking a map. */
export function mapCheckBody(node: MapNode, ctx: GuardContext): Statement[] {
  const names =
    node.keys === undefined
      ? []
      : [
          ifStatement(not(nestedTest(node.keys, KEY, ctx)), [
            push(keyPath(ctx, PATH, KEY), "is not an allowed key"),
          ]),
        ];
  // keyPath is built only when a check needs it, so that an unused pointer helper is never copied.
  const values =
    node.values.kind === "any" ? [] : nestedCheck(node.values, ITEM, keyPath(ctx, PATH, KEY), ctx);
  const loop = [
    ...names,
    ...(values.length === 0 ? [] : [constStatement("item", index(VALUE, KEY)), ...values]),
  ];
  return [
    unlessObject(ctx, failAndStop("must be object")),
    ...keyCountLimits(node).map((c) => ifStatement(not(c.test), [push(PATH, c.message)])),
    ...(loop.length === 0 ? [] : [forOf("key", ownKeys(VALUE), loop)]),
  ];
}

/** Statements for `function (value: unknown): boolean` testing a tuple. */
export function tupleTestBody(node: TupleNode, ctx: GuardContext): Statement[] {
  return [
    ifStatement(notTupleOf(node.elements.length), [RETURN_FALSE]),
    ...node.elements.flatMap((element, position) => {
      const test = nestedTest(element, ITEM, ctx);
      return isAlwaysTrue(test)
        ? []
        : [
            block([
              constStatement("item", index(VALUE, number(position))),
              ifStatement(not(test), [RETURN_FALSE]),
            ]),
          ];
    }),
    returnStatement(TRUE),
  ];
}

/** Statements for `function (value: unknown, path: string, errors): void` checking a tuple. */
export function tupleCheckBody(node: TupleNode, ctx: GuardContext): Statement[] {
  const length = node.elements.length;
  return [
    ifStatement(notTupleOf(length), failAndStop(`must be an array of ${length} items`)),
    ...node.elements.flatMap((element, position) => {
      const checks = nestedCheck(element, ITEM, add(PATH, string(`/${position}`)), ctx);
      return checks.length === 0
        ? []
        : [block([constStatement("item", index(VALUE, number(position))), ...checks])];
    }),
  ];
}
