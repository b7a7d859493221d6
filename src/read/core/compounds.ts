/**
 * Core §Compound Types: object, array, set, map and tuple.
 *  - object: `properties` (at least one, unless `$extends` supplies them), `required` as a list or as a list of
 *    alternative lists (exactly one set present), `additionalProperties` (absent: open, as the SDK reads it);
 *  - array / set: `items`; a set's items are unique (deep JSON equality);
 *  - map: `values`, keys are any string (`keys`/`keyNames` may constrain them);
 *  - tuple: `properties` in the order of the `tuple` keyword; a fixed-length JSON array.
 * `$extends` is flattened here (extends.ts): the result carries every inherited property.
 */
import type {
  ArrayNode,
  MapNode,
  ObjectNode,
  Property,
  TupleNode,
  TypeNode,
} from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import {
  describeJson,
  hasLoneSurrogate,
  isObject,
  type JsonObject,
  type JsonValue,
  own,
} from "../source.js";
import { arrayRules, keyType, mapRules, objectCountRules } from "./collection-rules.js";
import { type ParseNested, validationGate } from "./constraints.js";
import { type Ctx, IDENTIFIER } from "./context.js";
import { inheritedObject } from "./extends.js";
import { objectExtras } from "./object-rules.js";
import { annotationsOf } from "./annotations.js";

export function readObject(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): ObjectNode | undefined {
  const base = inheritedObject(schema, pointer, ctx, "object");
  const declared = readProperties(schema, pointer, ctx, parse, base !== undefined);
  if (base === null || declared === undefined) {
    return undefined;
  }
  const inherited = base?.properties ?? [];
  for (const property of declared) {
    if (inherited.some((p) => p.key === property.key)) {
      ctx.source.sink.error(
        "SG_BAD_EXTENDS",
        property.pointer,
        `property "${property.key}" is inherited through $extends and must not be redefined`,
      );
      return undefined;
    }
  }
  const required = readRequired(schema, pointer, ctx, [...inherited, ...declared]);
  if (required === undefined) {
    return undefined;
  }
  const properties = [...inherited, ...declared].map((p) =>
    required.names.includes(p.key) ? { ...p, required: true } : p,
  );
  const additionalProperties = readAdditional(
    schema,
    pointer,
    ctx,
    parse,
    base?.additionalProperties ?? true,
  );
  if (additionalProperties === undefined) {
    return undefined;
  }
  const node: ObjectNode = {
    kind: "object",
    properties,
    additionalProperties,
    ...inheritedRules(base),
    ...(required.sets.length === 0 ? {} : { requiredSets: required.sets }),
  };
  const enforce = validationGate(schema, node, pointer, ctx);
  const extras = objectExtras(schema, node, pointer, ctx, parse, enforce);
  return extras === undefined
    ? undefined
    : { ...node, ...objectCountRules(schema, pointer, ctx, enforce), ...extras };
}

/** Constraints a derived type takes over from its first base (Core §`$extends`: properties and constraints). */
function inheritedRules(base: ObjectNode | undefined): Partial<ObjectNode> {
  if (base === undefined) {
    return {};
  }
  const {
    kind: _kind,
    properties: _properties,
    additionalProperties: _additional,
    ...rules
  } = base;
  return rules;
}

/** The declared properties, or undefined on error. Names are identifiers; `altnames.json` gives the wire key. */
function readProperties(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
  extended: boolean,
  what = "an object",
): Property[] | undefined {
  const raw = own(schema, "properties");
  const at = appendPointer(pointer, "properties");
  if (raw === undefined || (isObject(raw) && Object.keys(raw).length === 0)) {
    if (extended || own(schema, "abstract") === true) {
      return [];
    }
    ctx.source.sink.error(
      raw === undefined ? "SG_MISSING_KEY" : "SG_WRONG_SHAPE",
      raw === undefined ? pointer : at,
      `${what} needs at least one property (or $extends)`,
    );
    return undefined;
  }
  if (!isObject(raw)) {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      at,
      `properties must be an object, not ${describeJson(raw)}`,
    );
    return undefined;
  }
  const properties: Property[] = [];
  let usable = true;
  for (const [name, value] of Object.entries(raw)) {
    const propertyAt = appendPointer(at, name);
    if (!IDENTIFIER.test(name)) {
      ctx.source.sink.error(
        "SG_BAD_NAME",
        propertyAt,
        `property name ${JSON.stringify(name)} is not an identifier ([A-Za-z_][A-Za-z0-9_]*); use altnames for the wire key`,
      );
      usable = false;
      continue;
    }
    const type = parse(value, propertyAt);
    const key = wireKey(name, value, propertyAt, ctx);
    if (type === undefined) {
      usable = false;
      continue;
    }
    if (properties.some((p) => p.key === key)) {
      ctx.source.sink.error(
        "SG_DUPLICATE_FIELD",
        propertyAt,
        `two properties use the wire key ${JSON.stringify(key)}`,
      );
      usable = false;
      continue;
    }
    properties.push({
      key,
      required: false,
      type,
      annotations: annotationsOf(value, propertyAt, ctx),
      pointer: propertyAt,
    });
  }
  return usable ? properties : undefined;
}

/** `altnames: {"json": "wire-key"}` (alternate-names draft): the key the property has on the wire. */
function wireKey(name: string, schema: JsonValue | undefined, at: string, ctx: Ctx): string {
  const altnames = isObject(schema) ? own(schema, "altnames") : undefined;
  const json = isObject(altnames) ? own(altnames, "json") : undefined;
  if (json === undefined) {
    return name;
  }
  if (typeof json !== "string") {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      appendPointer(appendPointer(at, "altnames"), "json"),
      "altnames.json must be a string",
    );
    return name;
  }
  if (hasLoneSurrogate(json)) {
    ctx.source.sink.error(
      "SG_BAD_NAME",
      appendPointer(appendPointer(at, "altnames"), "json"),
      "altnames.json must be well-formed Unicode (it holds a lone surrogate escape)",
    );
  }
  return json;
}

/** `required`: names, or alternative name sets (exactly one set present). Names must be declared or inherited. */
function readRequired(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  properties: readonly Property[],
): { names: string[]; sets: string[][] } | undefined {
  const raw = own(schema, "required");
  const at = appendPointer(pointer, "required");
  if (raw === undefined) {
    return { names: [], sets: [] };
  }
  const isList = (v: JsonValue): boolean =>
    Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!Array.isArray(raw) || !(isList(raw) || (raw as readonly JsonValue[]).every(isList))) {
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      at,
      "required must be an array of property names, or an array of arrays of names",
    );
    return undefined;
  }
  const nameToKey = (name: string, where: string): string | undefined => {
    const found = properties.find((p) => schemaName(p) === name);
    if (found === undefined) {
      ctx.source.sink.error(
        "SG_MISSING_KEY",
        where,
        `required names "${name}", which is not a declared or inherited property`,
      );
    }
    return found?.key;
  };
  const lists = (isList(raw) ? [raw] : raw) as readonly (readonly string[])[];
  const keyed = lists.map((list, i) =>
    list.map((name, j) =>
      nameToKey(name, isList(raw) ? appendPointer(at, j) : appendPointer(appendPointer(at, i), j)),
    ),
  );
  if (keyed.some((list) => list.some((k) => k === undefined))) {
    return undefined;
  }
  const resolved = keyed as string[][];
  return isList(raw) ? { names: resolved[0] ?? [], sets: [] } : { names: [], sets: resolved };
}

/** A property's name in the schema (its wire key may differ through altnames): names are identifiers, so the
 * last pointer segment needs no unescaping. */
export function schemaName(property: Property): string {
  return property.pointer.slice(property.pointer.lastIndexOf("/") + 1);
}

/** `additionalProperties`: absent means open (SDK behaviour); a schema types the extra members. */
function readAdditional(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
  inherited: boolean | TypeNode,
): boolean | TypeNode | undefined {
  const raw = own(schema, "additionalProperties");
  const at = appendPointer(pointer, "additionalProperties");
  if (raw === undefined) {
    return inherited;
  }
  if (own(schema, "abstract") === true) {
    ctx.source.sink.error(
      "SG_MISPLACED_KEYWORD",
      at,
      "an abstract type must not declare additionalProperties",
    );
    return undefined;
  }
  return typeof raw === "boolean" ? raw : parse(raw, at);
}

export function readArray(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
  isSet: boolean,
): ArrayNode | undefined {
  const raw = own(schema, "items");
  if (raw === undefined) {
    ctx.source.sink.error(
      "SG_MISSING_KEY",
      pointer,
      `${isSet ? "a set" : "an array"} needs "items"`,
    );
    return undefined;
  }
  const items = parse(raw, appendPointer(pointer, "items"));
  if (items === undefined) {
    return undefined;
  }
  const node: ArrayNode = { kind: "array", items, unique: isSet };
  const enforce = validationGate(schema, node, pointer, ctx);
  const rules = arrayRules(schema, pointer, ctx, enforce, parse);
  return { ...node, ...rules, unique: isSet || rules.unique === true };
}

export function readMap(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): MapNode | undefined {
  const raw = own(schema, "values");
  if (raw === undefined) {
    ctx.source.sink.error("SG_MISSING_KEY", pointer, 'a map needs "values"');
    return undefined;
  }
  const values = parse(raw, appendPointer(pointer, "values"));
  // `keys` is not in the spec, but sample core/11 writes it; its keys always match, so it is enforced.
  const keysRaw = own(schema, "keys");
  const keys =
    keysRaw === undefined
      ? undefined
      : keyType(
          parse(keysRaw, appendPointer(pointer, "keys")),
          appendPointer(pointer, "keys"),
          ctx,
        );
  if (values === undefined || (keysRaw !== undefined && keys === undefined)) {
    return undefined;
  }
  const node: MapNode = { kind: "map", values, ...(keys === undefined ? {} : { keys }) };
  const enforce = validationGate(schema, node, pointer, ctx);
  const rules = mapRules(schema, pointer, ctx, enforce, parse);
  if (rules.keys !== undefined && keys !== undefined) {
    ctx.source.sink.error(
      "SG_MISPLACED_KEYWORD",
      appendPointer(pointer, "keyNames"),
      "keys and keyNames cannot be combined",
    );
    return undefined;
  }
  return { ...node, ...rules };
}

/** Tuple: the `tuple` keyword lists every property exactly once; elements are implicitly required. */
export function readTuple(
  schema: JsonObject,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): TupleNode | undefined {
  const base = inheritedObject(schema, pointer, ctx, "tuple");
  const declared = readProperties(schema, pointer, ctx, parse, base !== undefined, "a tuple");
  const order = own(schema, "tuple");
  const at = appendPointer(pointer, "tuple");
  if (order === undefined) {
    ctx.source.sink.error(
      "SG_MISSING_KEY",
      pointer,
      'a tuple needs "tuple", the list of its property names in order',
    );
    return undefined;
  }
  if (!Array.isArray(order) || !order.every((n) => typeof n === "string")) {
    ctx.source.sink.error("SG_WRONG_SHAPE", at, "tuple must be an array of property names");
    return undefined;
  }
  if (base === null || declared === undefined) {
    return undefined;
  }
  const all = [...(base?.properties ?? []), ...declared];
  const names = order as readonly string[];
  const missing = all.filter((p) => !names.includes(schemaName(p))).map(schemaName);
  const unknown = names.filter(
    (n, i) => !all.some((p) => schemaName(p) === n) || names.indexOf(n) !== i,
  );
  if (missing.length > 0 || unknown.length > 0 || names.length === 0) {
    const why = [
      ...missing.map((m) => `"${m}" is not listed`),
      ...unknown.map((u) => `"${u}" is not a property or is listed twice`),
    ];
    ctx.source.sink.error(
      "SG_WRONG_SHAPE",
      at,
      `tuple must list every property exactly once: ${why.join("; ") || "it is empty"}`,
    );
    return undefined;
  }
  const unknownType: TypeNode = { kind: "any" };
  const elements = names.map((n) => all.find((p) => schemaName(p) === n)?.type ?? unknownType);
  return { kind: "tuple", elements, labels: [...names] };
}
