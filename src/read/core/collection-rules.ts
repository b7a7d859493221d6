/**
 * Validation keywords of arrays, sets, objects and maps (Val §Array, §Object and §Map Validation): counts,
 * `uniqueItems`, `contains`, key names. Like constraints.ts, problems are reported whether or not the extension
 * is enabled; the rules are returned only when it is.
 */
import type { ArrayNode, MapNode, ObjectNode, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { type JsonObject, own } from "../source.js";
import { checkOrder, type ParseNested, readCount } from "./constraints.js";
import { type Ctx } from "./context.js";

/** Array and set rules. `uniqueItems: true` makes an array a set; a set is unique already. */
export function arrayRules(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
  parse: ParseNested,
): Partial<ArrayNode> {
  const minItems = readCount(schema, "minItems", pointer, ctx);
  const maxItems = readCount(schema, "maxItems", pointer, ctx);
  checkOrder(minItems, maxItems, ["minItems", "maxItems"], pointer, ctx);
  const unique = own(schema, "uniqueItems");
  if (unique !== undefined && typeof unique !== "boolean") {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      appendPointer(pointer, "uniqueItems"),
      "uniqueItems must be true or false",
    );
  }
  const contains = readContains(schema, pointer, ctx, parse);
  if (!enforce) {
    return {};
  }
  return {
    ...(minItems === undefined ? {} : { minItems }),
    ...(maxItems === undefined ? {} : { maxItems }),
    ...(unique === true ? { unique: true } : {}),
    ...(contains === undefined ? {} : { contains }),
  };
}

function readContains(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): ArrayNode["contains"] {
  const min = readCount(schema, "minContains", pointer, ctx);
  const max = readCount(schema, "maxContains", pointer, ctx);
  checkOrder(min, max, ["minContains", "maxContains"], pointer, ctx);
  const raw = own(schema, "contains");
  if (raw === undefined) {
    for (const key of ["minContains", "maxContains"].filter((k) => own(schema, k) !== undefined)) {
      ctx.source.sink.warning(
        "SG_UNKNOWN_KEY",
        appendPointer(pointer, key),
        `${key} without contains has no effect`,
      );
    }
    return undefined;
  }
  const type = parse(raw, appendPointer(pointer, "contains"));
  return type === undefined
    ? undefined
    : { type, min: min ?? 1, ...(max === undefined ? {} : { max }) };
}

/** Object rules (`patternProperties` and `propertyNames` are read by the object reader, which knows the keys). */
export function objectCountRules(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
): Partial<ObjectNode> {
  const minProperties = readCount(schema, "minProperties", pointer, ctx);
  const maxProperties = readCount(schema, "maxProperties", pointer, ctx);
  checkOrder(minProperties, maxProperties, ["minProperties", "maxProperties"], pointer, ctx);
  return enforce
    ? {
        ...(minProperties === undefined ? {} : { minProperties }),
        ...(maxProperties === undefined ? {} : { maxProperties }),
      }
    : {};
}

/** Map rules: entry counts and key names (`keyNames`, or the `keys` schema the samples write). */
export function mapRules(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  enforce: boolean,
  parse: ParseNested,
): Partial<MapNode> {
  const minEntries = readCount(schema, "minEntries", pointer, ctx);
  const maxEntries = readCount(schema, "maxEntries", pointer, ctx);
  checkOrder(minEntries, maxEntries, ["minEntries", "maxEntries"], pointer, ctx);
  if (own(schema, "patternKeys") !== undefined) {
    ctx.source.sink.error(
      "SG_UNSUPPORTED",
      appendPointer(pointer, "patternKeys"),
      "patternKeys is not supported; use keyNames with a pattern",
    );
  }
  const keyNames = own(schema, "keyNames");
  const keys =
    keyNames === undefined
      ? undefined
      : keyType(
          parse(keyNames, appendPointer(pointer, "keyNames")),
          appendPointer(pointer, "keyNames"),
          ctx,
        );
  if (!enforce) {
    return {};
  }
  return {
    ...(minEntries === undefined ? {} : { minEntries }),
    ...(maxEntries === undefined ? {} : { maxEntries }),
    ...(keys === undefined ? {} : { keys }),
  };
}

/** Key schemas (`keyNames`, `propertyNames`, map `keys`) must describe strings: keys are always strings. */
export function keyType(node: TypeNode | undefined, at: string, ctx: Ctx): TypeNode | undefined {
  if (node === undefined) {
    return undefined;
  }
  const stringy =
    node.kind === "string" ||
    (node.kind === "literal" && node.values.every((v) => typeof v === "string"));
  if (!stringy) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `a key schema must be a string type (keys are strings), not ${node.kind}`,
    );
    return undefined;
  }
  return node;
}
