/**
 * The object keywords of the validation extension that look at keys (Val §Object Validation):
 * `dependentRequired`, `patternProperties` and `propertyNames`. They are read (and their problems reported)
 * whether or not the extension is enabled, and applied only when it is.
 */
import type { ObjectNode, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, hasLoneSurrogate, isObject, type JsonObject, own } from "../source.js";
import { keyType } from "./collection-rules.js";
import { type ParseNested, readPattern } from "./constraints.js";
import { type Ctx } from "./context.js";

export function objectExtras(
  schema: JsonObject,
  node: ObjectNode,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
  enforce: boolean,
): Partial<ObjectNode> | undefined {
  const dependentRequired = readDependentRequired(schema, node, pointer, ctx);
  const patternProperties = readPatternProperties(schema, node, pointer, ctx, parse);
  const namesRaw = own(schema, "propertyNames");
  const namesAt = appendPointer(pointer, "propertyNames");
  const propertyNames =
    namesRaw === undefined ? undefined : keyType(parse(namesRaw, namesAt), namesAt, ctx);
  if (
    dependentRequired === null ||
    patternProperties === null ||
    (namesRaw !== undefined && propertyNames === undefined)
  ) {
    return undefined;
  }
  if (!enforce) {
    return {};
  }
  return {
    ...(dependentRequired === undefined ? {} : { dependentRequired }),
    ...(patternProperties === undefined ? {} : { patternProperties }),
    ...(propertyNames === undefined ? {} : { propertyNames }),
  };
}

type Dependent = NonNullable<ObjectNode["dependentRequired"]>;

/** `{"email": ["name"]}`: when email is present, name must be too. Undefined: absent; null: malformed. */
function readDependentRequired(
  schema: JsonObject,
  node: ObjectNode,
  pointer: string,
  ctx: Ctx,
): Dependent | undefined | null {
  const raw = own(schema, "dependentRequired");
  const at = appendPointer(pointer, "dependentRequired");
  if (raw === undefined) {
    return undefined;
  }
  if (!isObject(raw)) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `dependentRequired must be an object of name lists, not ${describeJson(raw)}`,
    );
    return null;
  }
  const known = (name: string): string =>
    node.properties.find((p) => p.pointer.endsWith(`/${name}`))?.key ?? name;
  const entries: { key: string; requires: string[] }[] = [];
  for (const [key, list] of Object.entries(raw)) {
    if (!Array.isArray(list) || !list.every((n) => typeof n === "string")) {
      ctx.source.sink.error(
        "SG_BAD_CONSTRAINT",
        appendPointer(at, key),
        "each dependentRequired entry must be an array of property names",
      );
      return null;
    }
    entries.push({ key: known(key), requires: (list as readonly string[]).map(known) });
  }
  return entries;
}

/**
 * `patternProperties`: members whose key matches hold that type. A declared property whose key matches a pattern
 * is refused: ajv's strict mode rejects that schema (strictly, it asks for `allowMatchingProperties`).
 */
function readPatternProperties(
  schema: JsonObject,
  node: ObjectNode,
  pointer: string,
  ctx: Ctx,
  parse: ParseNested,
): { pattern: string; type: TypeNode }[] | undefined | null {
  const raw = own(schema, "patternProperties");
  const at = appendPointer(pointer, "patternProperties");
  if (raw === undefined) {
    return undefined;
  }
  if (!isObject(raw)) {
    ctx.source.sink.error(
      "SG_BAD_CONSTRAINT",
      at,
      `patternProperties must be an object, not ${describeJson(raw)}`,
    );
    return null;
  }
  const result: { pattern: string; type: TypeNode }[] = [];
  for (const [source, value] of Object.entries(raw)) {
    const entryAt = appendPointer(at, source);
    if (hasLoneSurrogate(source)) {
      // A schema key ajv cannot compile ("URI malformed"), as for a declared key (compounds.ts).
      ctx.source.sink.error(
        "SG_BAD_CONSTRAINT",
        entryAt,
        "a patternProperties key must be well-formed Unicode (it holds a lone surrogate escape)",
      );
      return null;
    }
    const pattern = readPattern(source, entryAt, ctx);
    const type = parse(value, entryAt);
    if (pattern === undefined || type === undefined) {
      return null;
    }
    const clash = node.properties.find((p) => new RegExp(pattern, "u").test(p.key));
    if (clash !== undefined) {
      ctx.source.sink.error(
        "SG_UNSUPPORTED",
        entryAt,
        `pattern ${JSON.stringify(pattern)} also matches the declared property "${clash.key}"; ajv's strict mode refuses that schema`,
      );
      return null;
    }
    result.push({ pattern, type });
  }
  return result;
}
