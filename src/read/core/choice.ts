/**
 * `choice` (Core §`choice`): a discriminated union, read into a union whose members alone say exactly what is
 * valid, plus a `choice` note so emitters can dispatch: the mode and each member's choice name (ChoiceInfo).
 *  - tagged (no `selector`): `{"creditCard": {...}}`, exactly one key, a choice name; each member is a closed
 *    object with that one required key;
 *  - inline (`$extends` an abstract base plus `selector`): the variant object itself, with the selector member
 *    set to the choice name; each member is base + variant properties (flattened) + the selector as a literal,
 *    so even a closed variant accepts its selector.
 */
import type { ObjectNode, Property, TypeNode, UnionNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import type { ParseNested } from "./constraints.js";
import { type Ctx, IDENTIFIER } from "./context.js";
import { inheritedObject } from "./extends.js";
import { annotationsOf } from "./annotations.js";

export function readChoice(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): UnionNode | undefined {
  const raw = own(schema, "choices");
  const at = appendPointer(pointer, "choices");
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    const problem =
      raw === undefined
        ? 'a choice needs "choices"'
        : `choices must be a non-empty object of name -> schema, not ${describeJson(raw)}`;
    ctx.source.sink.error(
      raw === undefined ? "SG_MISSING_KEY" : "SG_WRONG_SHAPE",
      raw === undefined ? pointer : at,
      problem,
    );
    return undefined;
  }
  const names = Object.keys(raw);
  const bad = names.find((name) => !IDENTIFIER.test(name));
  if (bad !== undefined) {
    ctx.source.sink.error(
      "SG_BAD_NAME",
      appendPointer(at, bad),
      `choice name ${JSON.stringify(bad)} is not an identifier`,
    );
    return undefined;
  }
  const selector = own(schema, "selector");
  if (selector === undefined) {
    if (own(schema, "$extends") !== undefined) {
      ctx.source.sink.error(
        "SG_MISSING_KEY",
        pointer,
        'a choice with $extends is an inline union and needs "selector"',
      );
      return undefined;
    }
    return tagged(raw, at, ctx, parse);
  }
  if (typeof selector !== "string" || !IDENTIFIER.test(selector)) {
    ctx.source.sink.error(
      "SG_BAD_NAME",
      appendPointer(pointer, "selector"),
      "selector must be a property name (an identifier)",
    );
    return undefined;
  }
  const base = inheritedObject(schema, pointer, ctx, "object");
  return base === null ? undefined : inline(raw, at, selector, base, ctx, parse);
}

function tagged(
  choices: JsonObject,
  at: string,
  ctx: Ctx,
  parse: ParseNested,
): UnionNode | undefined {
  const members: TypeNode[] = [];
  const names: string[] = [];
  for (const [name, value] of Object.entries(choices)) {
    const choiceAt = appendPointer(at, name);
    const type = parse(value, choiceAt);
    if (type === undefined) {
      return undefined;
    }
    const property: Property = {
      key: name,
      required: true,
      type,
      annotations: annotationsOf(value, choiceAt, ctx),
      pointer: choiceAt,
    };
    members.push({ kind: "object", properties: [property], additionalProperties: false });
    names.push(name);
  }
  return { kind: "union", members, choice: { mode: "tagged", names } };
}

function inline(
  choices: JsonObject,
  at: string,
  selector: string,
  base: ObjectNode | undefined,
  ctx: Ctx,
  parse: ParseNested,
): UnionNode | undefined {
  const members: TypeNode[] = [];
  const names: string[] = [];
  for (const [name, value] of Object.entries(choices)) {
    const choiceAt = appendPointer(at, name);
    const variant = variantObject(value, choiceAt, ctx, parse);
    if (variant === undefined) {
      return undefined;
    }
    const member = withSelector(base, variant, selector, name, choiceAt, ctx);
    if (member === undefined) {
      return undefined;
    }
    members.push(member);
    names.push(name);
  }
  return { kind: "union", members, choice: { mode: "inline", selector, names } };
}

/** A variant is an object: a reference to a declared object type or an inline object schema. */
function variantObject(
  value: JsonValue,
  at: string,
  ctx: Ctx,
  parse: ParseNested,
): ObjectNode | undefined {
  const typeValue = isObject(value) ? own(value, "type") : undefined;
  if (isObject(typeValue)) {
    const refAt = appendPointer(appendPointer(at, "type"), "$ref");
    const entry = ctx.scope.lookup(own(typeValue, "$ref"), ctx.source, refAt, "$ref");
    if (entry === undefined) {
      return undefined;
    }
    if (own(entry.schema, "abstract") === true) {
      ctx.source.sink.error(
        "SG_ABSTRACT_USE",
        refAt,
        `${ctx.scope.nameOf(entry)} is abstract and cannot be a choice`,
      );
      return undefined;
    }
    const resolved = ctx.scope.resolve(entry, { source: ctx.source, pointer: refAt });
    return resolved === undefined ? undefined : objectOnly(resolved.type, refAt, ctx);
  }
  const type = parse(value, at);
  return type === undefined ? undefined : objectOnly(type, at, ctx);
}

function objectOnly(type: TypeNode, at: string, ctx: Ctx): ObjectNode | undefined {
  if (type.kind !== "object") {
    ctx.source.sink.error(
      "SG_BAD_EXTENDS",
      at,
      `an inline choice variant must be an object, not ${type.kind}`,
    );
    return undefined;
  }
  return type;
}

/** Base properties, then the variant's own, then the selector (a string in the base, if declared there). */
function withSelector(
  base: ObjectNode | undefined,
  variant: ObjectNode,
  selector: string,
  name: string,
  at: string,
  ctx: Ctx,
): ObjectNode | undefined {
  const properties: Property[] = [...(base?.properties ?? [])];
  for (const property of variant.properties) {
    const index = properties.findIndex((p) => p.key === property.key);
    if (index === -1) {
      properties.push(property);
    } else {
      properties[index] = property;
    }
  }
  const declared = properties.find((p) => p.key === selector);
  if (
    declared !== undefined &&
    declared.type.kind !== "string" &&
    declared.type.kind !== "literal"
  ) {
    ctx.source.sink.error(
      "SG_BAD_EXTENDS",
      at,
      `the selector "${selector}" is declared as ${declared.type.kind}; it must be a string`,
    );
    return undefined;
  }
  const tag: Property = {
    key: selector,
    required: true,
    type: { kind: "literal", values: [name] },
    annotations: {},
    pointer: at,
  };
  return { ...variant, properties: [tag, ...properties.filter((p) => p.key !== selector)] };
}
