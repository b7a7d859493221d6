/**
 * Guard bodies for object nodes: declared properties (own keys only, so `__proto__` and `constructor` are data),
 * then the object rules (key counts, required key sets, dependent keys), then one loop over the keys for key
 * names, pattern properties and undeclared keys. The loop is the JSON Schema reading: a key matched by a pattern
 * is not additional, and every key, declared or not, meets `propertyNames`.
 */
import type { ObjectNode, TypeNode } from "../model/model.js";
import { escapePointerSegment } from "../model/pointer.js";
import { checkStatements, type GuardContext, push, testExpression } from "./guard-code.js";
import {
  dependentRequiredLines,
  keyCountLimits,
  regexConstant,
  requiredSetsCondition,
  use,
} from "./guard-rules.js";
import { stringLiteral } from "./ts-text.js";

/** Statements for `function (value: unknown): boolean`. */
export function objectTestBody(node: ObjectNode, ctx: GuardContext): string[] {
  const lines = [`if (!${use(ctx, "_isObject")}(value)) { return false; }`];
  // Required keys first: a missing key is the cheapest failure to find, so it should not wait behind
  // format checks of optional members (the verdict is the same in any order).
  const ordered = [
    ...node.properties.filter((p) => p.required),
    ...node.properties.filter((p) => !p.required),
  ];
  for (const property of ordered) {
    // Asked for only when written: `use` copies the helper into the guards, and an unused copy fails
    // noUnusedLocals (an object whose members are all optional and of any type needs no presence check).
    const has = () => `${use(ctx, "_hasOwn")}(value, ${stringLiteral(property.key)})`;
    if (property.type.kind === "any") {
      // Any value will do: only presence matters, and only when required.
      lines.push(...(property.required ? [`if (!${has()}) { return false; }`] : []));
      continue;
    }
    const test = `{ const v = value[${stringLiteral(property.key)}]; if (!(${testExpression(property.type, "v", ctx)})) { return false; } }`;
    lines.push(
      property.required ? `if (!${has()}) { return false; } ${test}` : `if (${has()}) ${test}`,
    );
  }
  const sets = requiredSetsCondition(node, ctx);
  lines.push(
    ...[...keyCountLimits(node), ...(sets === undefined ? [] : [sets])].map(
      (c) => `if (!(${c.test})) { return false; }`,
    ),
  );
  lines.push(...dependentRequiredLines(node, ctx, () => "return false;"));
  lines.push(
    ...keyLoop(node, ctx, {
      member: (type) => `if (!(${testExpression(type, "member", ctx)})) { return false; }`,
      badName: () => "return false;",
      forbidden: () => "return false;",
    }),
  );
  lines.push("return true;");
  return lines;
}

/** Statements for `function (value: unknown, path: string, errors): void`. */
export function objectCheckBody(node: ObjectNode, ctx: GuardContext): string[] {
  const lines = [
    `if (!${use(ctx, "_isObject")}(value)) { ${push("path", "must be object")} return; }`,
  ];
  for (const property of node.properties) {
    const at = `path + ${stringLiteral(`/${escapePointerSegment(property.key)}`)}`;
    const check = checkStatements(property.type, "v", at, ctx).join(" ");
    const has = () => `${use(ctx, "_hasOwn")}(value, ${stringLiteral(property.key)})`;
    if (check === "") {
      lines.push(...(property.required ? [`if (!${has()}) { ${push(at, "is required")} }`] : []));
      continue;
    }
    const present = `{ const v = value[${stringLiteral(property.key)}]; ${check} }`;
    lines.push(
      property.required
        ? `if (${has()}) ${present} else { ${push(at, "is required")} }`
        : `if (${has()}) ${present}`,
    );
  }
  const sets = requiredSetsCondition(node, ctx);
  lines.push(
    ...[...keyCountLimits(node), ...(sets === undefined ? [] : [sets])].map(
      (c) => `if (!(${c.test})) { ${push("path", c.message)} }`,
    ),
  );
  const memberPath = (key: string): string =>
    `path + ${stringLiteral(`/${escapePointerSegment(key)}`)}`;
  lines.push(
    ...dependentRequiredLines(node, ctx, (key, trigger) =>
      push(memberPath(key), `is required when "${trigger}" is present`),
    ),
  );
  // Only mention the pointer helper when the loop is emitted, so unused helpers are never copied.
  const keyPath = (): string => `path + "/" + ${use(ctx, "_pointerSegment")}(key)`;
  lines.push(
    ...keyLoop(node, ctx, {
      member: (type) => checkStatements(type, "member", keyPath(), ctx).join(" "),
      badName: () => push(keyPath(), "is not an allowed property name"),
      forbidden: () => push(keyPath(), "is not allowed"),
    }),
  );
  return lines;
}

interface KeyHandlers {
  /** Checks `member` (the key's value) against a type. */
  readonly member: (type: TypeNode) => string;
  readonly badName: () => string;
  readonly forbidden: () => string;
}

/** The loop over every own key, or nothing when no rule looks at undeclared keys or key names. */
function keyLoop(node: ObjectNode, ctx: GuardContext, on: KeyHandlers): string[] {
  const extra = node.additionalProperties;
  const patterns = node.patternProperties ?? [];
  const names = node.propertyNames;
  if (extra === true && patterns.length === 0 && names === undefined) {
    return [];
  }
  const parts: string[] = [];
  if (names !== undefined) {
    parts.push(`if (!(${testExpression(names, "key", ctx)})) { ${on.badName()} }`);
  }
  const tracked = patterns.length > 0 && extra !== true;
  if (tracked) {
    parts.push("let matched = false;");
  }
  for (const { pattern, type } of patterns) {
    const mark = tracked ? "matched = true; " : "";
    parts.push(`if (${regexConstant(ctx, pattern)}.test(key)) { ${mark}${on.member(type)} }`);
  }
  if (extra !== true) {
    const handle = extra === false ? on.forbidden() : on.member(extra);
    const guarded = tracked ? `if (!matched) { ${handle} }` : handle;
    const known = node.properties.map((p) => `case ${stringLiteral(p.key)}:`).join(" ");
    parts.push(known === "" ? guarded : `switch (key) { ${known} break; default: { ${guarded} } }`);
  }
  // Declared only when a check reads it: generated code must pass noUnusedLocals.
  const reads = (part: string): boolean =>
    /\bmember\b/.test(part.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
  const member = parts.some(reads) ? "const member = value[key]; " : "";
  const body = `${member}${parts.join(" ")}`;
  // A closed object without properties rejects any key: no loop variable to leave unread.
  if (!/\bkey\b/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    return [`if (Object.keys(value).length > 0) { ${body} }`];
  }
  return [`for (const key of Object.keys(value)) { ${body} }`];
}
