/**
 * Guard bodies for object nodes: declared properties (own keys only, so `__proto__` and `constructor` are data),
 * then the object rules (key counts, required key sets, dependent keys), then one loop over the keys for key
 * names, pattern properties and undeclared keys. The loop is the JSON Schema reading: a key matched by a pattern
 * is not additional, and every key, declared or not, meets `propertyNames`.
 */
import type { ObjectNode, TypeNode } from "../model/model.js";
import { escapePointerSegment } from "../model/pointer.js";
import {
  add,
  assign,
  call,
  compare,
  type Expression,
  FALSE,
  index,
  isAlwaysTrue,
  local,
  member,
  not,
  number,
  string,
  TRUE,
} from "./code/expression.js";
import {
  block,
  BREAK,
  constStatement,
  expressionStatement,
  forOf,
  ifStatement,
  letStatement,
  reads,
  returnStatement,
  type Statement,
  switchStatement,
} from "./code/statement.js";
import {
  type GuardContext,
  hasOwn,
  keyPath,
  memberValue,
  nestedCheck,
  nestedTest,
  ownKeys,
  PATH,
  push,
  regexConstant,
  VALUE,
  RETURN_FALSE,
  failAndStop,
  unlessObject,
} from "./guard-context.js";
import { dependentRequiredLines, keyCountLimits, requiredSetsCondition } from "./guard-rules.js";

/** The value of the member being checked. */
const V = local("v");
const KEY = local("key");
const MEMBER = local("member");
const MATCHED = local("matched");

/** Statements for `function (value: unknown): boolean`. */
export function objectTestBody(node: ObjectNode, ctx: GuardContext): Statement[] {
  const lines = [unlessObject(ctx, [RETURN_FALSE])];
  // Required keys first: a missing key is the cheapest failure to find, so it should not wait behind
  // format checks of optional members (the verdict is the same in any order).
  const ordered = [
    ...node.properties.filter((p) => p.required),
    ...node.properties.filter((p) => !p.required),
  ];
  for (const property of ordered) {
    // Built only when written: hasOwn records the _hasOwn helper for copying, and an unused copy fails
    // noUnusedLocals (an object whose members are all optional and of any type needs no presence check).
    const has = (): Expression => hasOwn(ctx, VALUE, property.key);
    const test = nestedTest(property.type, V, ctx);
    if (isAlwaysTrue(test)) {
      // Any value will do: only presence matters, and only when required.
      lines.push(...(property.required ? [ifStatement(not(has()), [RETURN_FALSE])] : []));
      continue;
    }
    const checked = [
      constStatement("v", memberValue(VALUE, property.key)),
      ifStatement(not(test), [RETURN_FALSE]),
    ];
    lines.push(
      ...(property.required
        ? [ifStatement(not(has()), [RETURN_FALSE]), block(checked)]
        : [ifStatement(has(), checked)]),
    );
  }
  const sets = requiredSetsCondition(node, ctx);
  lines.push(
    ...[...keyCountLimits(node), ...(sets === undefined ? [] : [sets])].map((c) =>
      ifStatement(not(c.test), [RETURN_FALSE]),
    ),
    ...dependentRequiredLines(node, ctx, () => [RETURN_FALSE]),
    ...keyLoop(node, ctx, {
      member: (type) => [ifStatement(not(nestedTest(type, MEMBER, ctx)), [RETURN_FALSE])],
      badName: () => [RETURN_FALSE],
      forbidden: () => [RETURN_FALSE],
    }),
    returnStatement(TRUE),
  );
  return lines;
}

/** Statements for `function (value: unknown, path: string, errors): void`. */
export function objectCheckBody(node: ObjectNode, ctx: GuardContext): Statement[] {
  const lines = [unlessObject(ctx, failAndStop("must be object"))];
  const memberPath = (key: string): Expression =>
    add(PATH, string(`/${escapePointerSegment(key)}`));
  for (const property of node.properties) {
    const at = memberPath(property.key);
    const check = nestedCheck(property.type, V, at, ctx);
    const has = (): Expression => hasOwn(ctx, VALUE, property.key);
    const missing = [push(at, "is required")];
    if (check.length === 0) {
      lines.push(...(property.required ? [ifStatement(not(has()), missing)] : []));
      continue;
    }
    const present = [constStatement("v", memberValue(VALUE, property.key)), ...check];
    lines.push(
      property.required ? ifStatement(has(), present, missing) : ifStatement(has(), present),
    );
  }
  const sets = requiredSetsCondition(node, ctx);
  lines.push(
    ...[...keyCountLimits(node), ...(sets === undefined ? [] : [sets])].map((c) =>
      ifStatement(not(c.test), [push(PATH, c.message)]),
    ),
    ...dependentRequiredLines(node, ctx, (key, trigger) => [
      push(memberPath(key), `is required when "${trigger}" is present`),
    ]),
    // keyPath is built only where a statement needs it, so that an unused pointer helper is never copied.
    ...keyLoop(node, ctx, {
      member: (type) => nestedCheck(type, MEMBER, keyPath(ctx, PATH, KEY), ctx),
      badName: () => [push(keyPath(ctx, PATH, KEY), "is not an allowed property name")],
      forbidden: () => [push(keyPath(ctx, PATH, KEY), "is not allowed")],
    }),
  );
  return lines;
}

interface KeyHandlers {
  /** Checks `member` (the key's value) against a type. */
  readonly member: (type: TypeNode) => Statement[];
  readonly badName: () => Statement[];
  readonly forbidden: () => Statement[];
}

/** The loop over every own key, or nothing when no rule looks at undeclared keys or key names. */
function keyLoop(node: ObjectNode, ctx: GuardContext, on: KeyHandlers): Statement[] {
  const extra = node.additionalProperties;
  const patterns = node.patternProperties ?? [];
  const names = node.propertyNames;
  if (extra === true && patterns.length === 0 && names === undefined) {
    return [];
  }
  const parts: Statement[] = [];
  if (names !== undefined) {
    parts.push(ifStatement(not(nestedTest(names, KEY, ctx)), on.badName()));
  }
  const tracked = patterns.length > 0 && extra !== true;
  if (tracked) {
    parts.push(letStatement("matched", FALSE));
  }
  for (const { pattern, type } of patterns) {
    const mark = tracked ? [expressionStatement(assign(MATCHED, TRUE))] : [];
    const matches = call(member(regexConstant(ctx, pattern), "test"), [KEY]);
    parts.push(ifStatement(matches, [...mark, ...on.member(type)]));
  }
  if (extra !== true) {
    const handle = extra === false ? on.forbidden() : on.member(extra);
    const guarded = tracked ? [ifStatement(not(MATCHED), handle)] : handle;
    const known = node.properties.map((p) => string(p.key));
    parts.push(
      ...(known.length === 0
        ? guarded
        : [switchStatement(KEY, [{ labels: known, body: [BREAK] }], [block(guarded)])]),
    );
  }
  // Declared only when a check reads it: generated code must pass noUnusedLocals.
  const body = reads(parts, "member")
    ? [constStatement("member", index(VALUE, KEY)), ...parts]
    : parts;
  // A closed object without properties rejects any key: no loop variable to leave unread.
  return reads(body, "key")
    ? [forOf("key", ownKeys(VALUE), body)]
    : [ifStatement(compare(member(ownKeys(VALUE), "length"), ">", number(0)), body)];
}
