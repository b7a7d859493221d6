/**
 * Guard bodies for JSON Structure `choice` unions. The union members alone give the exact meaning; the choice
 * information only lets the guard go straight to the one member that can match, so `validate` reports the
 * failures inside that member (`/paymentMethod/creditCard/expiryMonth`) instead of "must be A or B".
 *  - tagged: an object with exactly one key, the choice name, whose value is of that choice's type;
 *  - inline: an object whose `selector` member names the choice; the member object (base + variant + selector).
 */
import type { ObjectNode, TypeNode, UnionNode } from "../model/model.js";
import { escapePointerSegment } from "../model/pointer.js";
import { checkStatements, type GuardContext, push, testExpression } from "./guard-code.js";
import { use } from "./guard-rules.js";
import { stringLiteral } from "./ts-text.js";

interface Variant {
  readonly name: string;
  readonly member: TypeNode;
}

/** Tagged members are closed objects with one property (the choice name); inline members carry the selector literal. */
export function choiceVariants(node: UnionNode): Variant[] {
  const choice = node.choice;
  return node.members.map((member, index) => {
    const object = member.kind === "object" ? member : undefined;
    const key =
      choice?.mode === "inline"
        ? selectorValue(object, choice.selector)
        : object?.properties.length === 1
          ? object.properties[0]?.key
          : undefined;
    return { name: key ?? `#${index}`, member };
  });
}

function selectorValue(object: ObjectNode | undefined, selector: string): string | undefined {
  const type = object?.properties.find((p) => p.key === selector)?.type;
  const value = type?.kind === "literal" && type.values.length === 1 ? type.values[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** The value type of a tagged member (`{ name: T }` -> T). */
function taggedValue(member: TypeNode): TypeNode | undefined {
  return member.kind === "object" && member.properties.length === 1
    ? member.properties[0]?.type
    : undefined;
}

function listed(variants: readonly Variant[]): string {
  return variants.map((v) => JSON.stringify(v.name)).join(", ");
}

/** Statements for `function (value: unknown): boolean`. */
export function choiceTestBody(node: UnionNode, ctx: GuardContext): string[] {
  const variants = choiceVariants(node);
  const head = `if (!${use(ctx, "_isObject")}(value)) { return false; }`;
  if (node.choice?.mode === "inline") {
    const cases = variants.map(
      (v) => `case ${stringLiteral(v.name)}: return ${testExpression(v.member, "value", ctx)};`,
    );
    return [
      head,
      `switch (${selectorRead(node.choice.selector, ctx)}) { ${cases.join(" ")} default: return false; }`,
    ];
  }
  const cases = variants.map((v) => {
    const type = taggedValue(v.member);
    if (type === undefined) {
      return `case ${stringLiteral(v.name)}: return ${testExpression(v.member, "value", ctx)};`;
    }
    const test = testExpression(type, "v", ctx);
    return test === "true"
      ? `case ${stringLiteral(v.name)}: return true;`
      : `case ${stringLiteral(v.name)}: { const v = value[${stringLiteral(v.name)}]; return ${test}; }`;
  });
  return [
    head,
    "const keys = Object.keys(value);",
    "if (keys.length !== 1) { return false; }",
    `switch (keys[0]) { ${cases.join(" ")} default: return false; }`,
  ];
}

/** Statements for `function (value: unknown, path: string, errors): void`. */
export function choiceCheckBody(node: UnionNode, ctx: GuardContext): string[] {
  const variants = choiceVariants(node);
  const head = `if (!${use(ctx, "_isObject")}(value)) { ${push("path", "must be object")} return; }`;
  if (node.choice?.mode === "inline") {
    const at = `path + ${stringLiteral(`/${escapePointerSegment(node.choice.selector)}`)}`;
    const cases = variants.map(
      (v) =>
        `case ${stringLiteral(v.name)}: { ${checkStatements(v.member, "value", "path", ctx).join(" ")} break; }`,
    );
    const fallback = push(at, `must be one of ${listed(variants)}`);
    return [
      head,
      `switch (${selectorRead(node.choice.selector, ctx)}) { ${cases.join(" ")} default: { ${fallback} } }`,
    ];
  }
  const cases = variants.map((v) => {
    const type = taggedValue(v.member);
    const at = `path + ${stringLiteral(`/${escapePointerSegment(v.name)}`)}`;
    const check =
      type === undefined
        ? checkStatements(v.member, "value", "path", ctx)
        : checkStatements(type, "v", at, ctx);
    const binding =
      type === undefined || check.length === 0 ? "" : `const v = value[${stringLiteral(v.name)}]; `;
    return `case ${stringLiteral(v.name)}: { ${binding}${check.join(" ")} break; }`;
  });
  const wrongKey = push(
    `path + "/" + ${use(ctx, "_pointerSegment")}(keys[0] ?? "")`,
    `is not one of the choices ${listed(variants)}`,
  );
  return [
    head,
    "const keys = Object.keys(value);",
    `if (keys.length !== 1) { ${push("path", `must have exactly one key, one of ${listed(variants)}`)} return; }`,
    `switch (keys[0]) { ${cases.join(" ")} default: { ${wrongKey} } }`,
  ];
}

/** The selector's value when it is an own member, else undefined (an inherited `constructor` is not data). */
function selectorRead(selector: string, ctx: GuardContext): string {
  return `(${use(ctx, "_hasOwn")}(value, ${stringLiteral(selector)}) ? value[${stringLiteral(selector)}] : undefined)`;
}
