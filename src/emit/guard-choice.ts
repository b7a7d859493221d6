/**
 * Guard bodies for JSON Structure `choice` unions. The union members alone give the exact meaning; the choice
 * information only lets the guard go straight to the one member that can match, so `validate` reports the
 * failures inside that member (`/paymentMethod/creditCard/expiryMonth`) instead of "must be A or B".
 *  - tagged: an object with exactly one key, the choice name, whose value is of that choice's type;
 *  - inline: an object whose `selector` member names the choice; the member object (base + variant + selector).
 * The choice names come from the model (ChoiceInfo.names), in member order.
 */
import { type ChoiceInfo, taggedChoiceValue, type UnionNode } from "../model/model.js";
import { escapePointerSegment } from "../model/pointer.js";
import {
  add,
  coalesce,
  conditional,
  type Expression,
  index,
  local,
  member,
  notEquals,
  number,
  reference,
  string,
} from "./code/expression.js";
import {
  block,
  BREAK,
  constStatement,
  ifStatement,
  reads,
  returnStatement,
  type Statement,
  type SwitchCase,
  switchStatement,
} from "./code/statement.js";
import {
  type GuardContext,
  hasOwn,
  keyPath,
  listed,
  memberValue,
  nestedCheck,
  nestedTest,
  ownKeys,
  PATH,
  push,
  VALUE,
  RETURN_FALSE,
  failAndStop,
  unlessObject,
} from "./guard-context.js";

/** A union that is a JSON Structure choice. */
export type ChoiceNode = UnionNode & { readonly choice: ChoiceInfo };

const V = local("v");
const KEYS = local("keys");
/** `keys[0]`: the one key of a tagged choice. */
const FIRST_KEY = index(KEYS, number(0));

/** Each member with its choice name. */
function variants(node: ChoiceNode): { name: string; member: UnionNode["members"][number] }[] {
  return node.members.map((m, i) => ({ name: node.choice.names[i] ?? "", member: m }));
}

/** The selector's value when it is an own member, else undefined (an inherited `constructor` is not data). */
function selectorRead(selector: string, ctx: GuardContext): Expression {
  return conditional(
    hasOwn(ctx, VALUE, selector),
    memberValue(VALUE, selector),
    reference("undefined"),
  );
}

/** The statements that bind `v` to the tagged member's value, when `body` reads it, then `body`. */
function withValue(name: string, body: readonly Statement[]): Statement[] {
  return reads(body, "v") ? [constStatement("v", memberValue(VALUE, name)), ...body] : [...body];
}

/** `const keys = Object.keys(value);` then the one-key test. */
function oneKey(onFailure: readonly Statement[]): Statement[] {
  return [
    constStatement("keys", ownKeys(VALUE)),
    ifStatement(notEquals(member(KEYS, "length"), number(1)), onFailure),
  ];
}

/** Statements for `function (value: unknown): boolean`. */
export function choiceTestBody(node: ChoiceNode, ctx: GuardContext): Statement[] {
  const head = unlessObject(ctx, [RETURN_FALSE]);
  const choice = node.choice;
  if (choice.mode === "inline") {
    const cases = variants(node).map(({ name, member: m }): SwitchCase => ({
      labels: [string(name)],
      body: [returnStatement(nestedTest(m, VALUE, ctx))],
    }));
    return [head, switchStatement(selectorRead(choice.selector, ctx), cases, [RETURN_FALSE])];
  }
  const cases = variants(node).map(({ name, member: m }): SwitchCase => {
    const type = taggedChoiceValue(m, name);
    if (type === undefined) {
      return { labels: [string(name)], body: [returnStatement(nestedTest(m, VALUE, ctx))] };
    }
    const body = withValue(name, [returnStatement(nestedTest(type, V, ctx))]);
    return { labels: [string(name)], body: body.length === 1 ? body : [block(body)] };
  });
  return [head, ...oneKey([RETURN_FALSE]), switchStatement(FIRST_KEY, cases, [RETURN_FALSE])];
}

/** Statements for `function (value: unknown, path: string, errors): void`. */
export function choiceCheckBody(node: ChoiceNode, ctx: GuardContext): Statement[] {
  const head = unlessObject(ctx, failAndStop("must be object"));
  const choice = node.choice;
  const names = listed(choice.names);
  if (choice.mode === "inline") {
    const at = add(PATH, string(`/${escapePointerSegment(choice.selector)}`));
    const cases = variants(node).map(({ name, member: m }): SwitchCase => ({
      labels: [string(name)],
      body: [block([...nestedCheck(m, VALUE, PATH, ctx), BREAK])],
    }));
    const fallback = push(at, `must be one of ${names}`);
    return [head, switchStatement(selectorRead(choice.selector, ctx), cases, [block([fallback])])];
  }
  const cases = variants(node).map(({ name, member: m }): SwitchCase => {
    const type = taggedChoiceValue(m, name);
    const at = add(PATH, string(`/${escapePointerSegment(name)}`));
    const check =
      type === undefined
        ? nestedCheck(m, VALUE, PATH, ctx)
        : withValue(name, nestedCheck(type, V, at, ctx));
    return { labels: [string(name)], body: [block([...check, BREAK])] };
  });
  const wrongKey = push(
    keyPath(ctx, PATH, coalesce(FIRST_KEY, string(""))),
    `is not one of the choices ${names}`,
  );
  return [
    head,
    ...oneKey([push(PATH, `must have exactly one key, one of ${names}`), returnStatement()]),
    switchStatement(FIRST_KEY, cases, [block([wrongKey])]),
  ];
}
