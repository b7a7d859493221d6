/**
 * `$extends` (Core §`$extends` Keyword): one pointer or an array of them. The bases are flattened into the
 * derived type, never composed with `allOf` (which would break `additionalProperties: false`): properties in
 * array order with the first base winning a name clash, `required` united, the first base's other rules kept.
 * The spec wants abstract bases, but sample core/12 extends two concrete types, so a concrete base is accepted
 * with a warning. A cycle is an error (reported by the scope).
 */
import type { ObjectNode, Property, TupleNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { type JsonObject, type JsonValue, own } from "../source.js";
import { type Ctx } from "./context.js";

/**
 * The merged bases of a schema as one object node: undefined when there is no `$extends`, null when it cannot be
 * used (reported). A tuple base contributes its elements as required properties.
 */
export function inheritedObject(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  kind: "object" | "tuple",
): ObjectNode | undefined | null {
  const raw = own(schema, "$extends");
  if (raw === undefined) {
    return undefined;
  }
  const at = appendPointer(pointer, "$extends");
  const pointers: readonly JsonValue[] = Array.isArray(raw) ? raw : [raw];
  if (pointers.length === 0) {
    ctx.source.sink.error("SG_BAD_EXTENDS", at, "$extends must name at least one base type");
    return null;
  }
  const bases: ObjectNode[] = [];
  for (const [index, target] of pointers.entries()) {
    const base = readBase(target, Array.isArray(raw) ? appendPointer(at, index) : at, ctx, kind);
    if (base === undefined) {
      return null;
    }
    bases.push(base);
  }
  return merge(bases);
}

function readBase(
  target: JsonValue,
  at: string,
  ctx: Ctx,
  kind: "object" | "tuple",
): ObjectNode | undefined {
  const entry = ctx.scope.lookup(target, ctx.source, at, "$extends");
  if (entry === undefined) {
    return undefined;
  }
  const name = ctx.scope.nameOf(entry);
  if (own(entry.schema, "abstract") !== true) {
    ctx.source.sink.warning(
      "SG_BAD_EXTENDS",
      at,
      `${name} is not abstract; the spec allows $extends of abstract types only, structgen accepts it as sample core/12 does`,
    );
  }
  const resolved = ctx.scope.resolve(entry, { source: ctx.source, pointer: at });
  if (resolved === undefined) {
    return undefined;
  }
  const type = resolved.type;
  if (kind === "tuple" && type.kind === "tuple") {
    return tupleAsObject(type, entry.pointer);
  }
  if (kind === "object" && type.kind === "object") {
    return type;
  }
  ctx.source.sink.error(
    "SG_BAD_EXTENDS",
    at,
    `${name} is a ${type.kind}; a ${kind} can only extend a ${kind}`,
  );
  return undefined;
}

function tupleAsObject(tuple: TupleNode, pointer: string): ObjectNode {
  const labels = tuple.labels ?? [];
  const properties: Property[] = tuple.elements.map((type, index) => {
    const key = labels[index] ?? String(index);
    return {
      key,
      required: true,
      type,
      annotations: {},
      pointer: appendPointer(appendPointer(pointer, "properties"), key),
    };
  });
  return { kind: "object", properties, additionalProperties: false };
}

/** First base wins a property; a property required by any base stays required. */
function merge(bases: readonly ObjectNode[]): ObjectNode {
  const properties: Property[] = [];
  for (const base of bases) {
    for (const property of base.properties) {
      const index = properties.findIndex((p) => p.key === property.key);
      const existing = properties[index];
      if (existing === undefined) {
        properties.push(property);
      } else if (property.required && !existing.required) {
        properties[index] = { ...existing, required: true };
      }
    }
  }
  const first = bases[0];
  return { ...(first ?? { kind: "object", additionalProperties: true }), properties };
}
