/**
 * JSON Schema keywords for the value rules of a node (lengths, patterns, ranges, counts, `contains`, key names,
 * required key sets), written so that ajv in strict mode applies exactly what guard-rules.ts checks. The JSON
 * Structure Core lexical rules (templates/core-formats.ts) become a `pattern` with the same source.
 */
import type {
  ArrayNode,
  MapNode,
  NumberNode,
  ObjectNode,
  StringNode,
  TypeNode,
} from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { coreFormatPattern } from "../model/string-formats.js";

export type JsonSchema = { readonly [key: string]: unknown };
type Emit = (node: TypeNode) => JsonSchema;

/** Lengths, the document's pattern, and the Core lexical rule (a second pattern goes under `allOf`). */
export function stringKeywords(node: StringNode, options: ResolvedOptions): JsonSchema {
  const core = node.coreFormat;
  const corePattern = core === undefined ? undefined : coreFormatPattern(core);
  const checked = options.formats === "validate";
  const coreKeywords: JsonSchema =
    corePattern === undefined
      ? {}
      : !checked
        ? { $comment: `${core} (not checked)` }
        : node.pattern === undefined
          ? { pattern: corePattern }
          : { allOf: [{ pattern: corePattern }] };
  return {
    ...(node.minLength === undefined ? {} : { minLength: node.minLength }),
    ...(node.maxLength === undefined ? {} : { maxLength: node.maxLength }),
    ...(node.pattern === undefined ? {} : { pattern: node.pattern }),
    ...coreKeywords,
  };
}

export function numberKeywords(node: NumberNode): JsonSchema {
  return {
    ...(node.minimum === undefined ? {} : { minimum: node.minimum }),
    ...(node.maximum === undefined ? {} : { maximum: node.maximum }),
    ...(node.exclusiveMinimum === undefined ? {} : { exclusiveMinimum: node.exclusiveMinimum }),
    ...(node.exclusiveMaximum === undefined ? {} : { exclusiveMaximum: node.exclusiveMaximum }),
    ...(node.multipleOf === undefined ? {} : { multipleOf: node.multipleOf }),
  };
}

/** `contains` with ajv's defaults: `minContains` 1 is left out; `minContains: 0` alone would be ignored (strict). */
export function arrayKeywords(node: ArrayNode, emit: Emit): JsonSchema {
  const contains = node.contains;
  if (contains === undefined || (contains.min === 0 && contains.max === undefined)) {
    return {};
  }
  return {
    contains: emit(contains.type),
    ...(contains.min === 1 ? {} : { minContains: contains.min }),
    ...(contains.max === undefined ? {} : { maxContains: contains.max }),
  };
}

/**
 * Object rules. `patternProperties` is merged by the caller (it also carries the `__proto__` entry). Required key
 * sets become `oneOf` over `required` lists: exactly one set may be fully present.
 */
export function objectKeywords(node: ObjectNode, emit: Emit): JsonSchema {
  const dependent = node.dependentRequired ?? [];
  const sets = node.requiredSets ?? [];
  return {
    ...(node.propertyNames === undefined ? {} : { propertyNames: emit(node.propertyNames) }),
    ...(node.minProperties === undefined ? {} : { minProperties: node.minProperties }),
    ...(node.maxProperties === undefined ? {} : { maxProperties: node.maxProperties }),
    ...(dependent.length === 0
      ? {}
      : { dependentRequired: Object.fromEntries(dependent.map((d) => [d.key, [...d.requires]])) }),
    // `properties: {k: true}` beside each `required` keeps ajv's strictRequired quiet: ajv applies `oneOf` before
    // the parent's `properties`, so it would not yet know the keys are declared. `true` adds no constraint.
    ...(sets.length === 0
      ? {}
      : {
          oneOf: sets.map((set) => ({
            properties: Object.fromEntries(set.map((k) => [k, true])),
            required: [...set],
          })),
        }),
  };
}

/** The document's own `patternProperties` entries. */
export function userPatternProperties(node: ObjectNode, emit: Emit): [string, JsonSchema][] {
  return (node.patternProperties ?? []).map((p) => [p.pattern, emit(p.type)]);
}

/** Map rules: key names and entry counts, as JSON Schema's object keywords. */
export function mapKeywords(node: MapNode, emit: Emit): JsonSchema {
  return {
    ...(node.keys === undefined ? {} : { propertyNames: emit(node.keys) }),
    ...(node.minEntries === undefined ? {} : { minProperties: node.minEntries }),
    ...(node.maxEntries === undefined ? {} : { maxProperties: node.maxEntries }),
  };
}
