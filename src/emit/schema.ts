/**
 * Stage 5c, emit JSON Schema: a plain JSON Schema 2020-12 object (printed once), that compiles in ajv strict
 * mode with ajv-formats and accepts exactly what the guards accept. The root declaration is the schema itself;
 * every other declaration is a `$defs` entry.
 */
import { assertNever } from "../model/diagnostics.js";
import { encodedPattern } from "../model/encoded-numbers.js";
import type {
  Annotations,
  Declaration,
  ModelDocument,
  ObjectNode,
  TypeNode,
} from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { bannerText, documentInputs } from "./banner.js";
import {
  arrayKeywords,
  mapKeywords,
  numberKeywords,
  objectKeywords,
  stringKeywords,
  userPatternProperties,
} from "./schema-rules.js";

export type JsonSchema = { readonly [key: string]: unknown };

const DIALECT = "https://json-schema.org/draft/2020-12/schema";
const PROTO_KEY = "__proto__";
const AJV_UNSAFE_REQUIRED: ReadonlySet<string> = new Set(["", PROTO_KEY]);

export function schemaFileName(doc: ModelDocument): string {
  return `${doc.baseName}.schema.json`;
}

/**
 * The schema's `$id`: its path in the output folder, each segment a URI segment (`v1/letta-run.schema.json`). So
 * every schema of a folder has its own `$id` (two `letta-run.schema.json` from different subfolders can be added to
 * one ajv instance), and a reference from one to another resolves like the relative file path between them.
 */
export function schemaId(outputPath: string): string {
  return outputPath.split("/").map(encodeURIComponent).join("/");
}

/** The schema of `doc`, for the output path `outputPath` (its `$id`: see schemaId). */
export function emitSchema(
  doc: ModelDocument,
  options: ResolvedOptions,
  outputPath: string = schemaFileName(doc),
): JsonSchema {
  const emitter = new SchemaEmitter(doc, options);
  const root = doc.declarations.find((d) => d.name === doc.root);
  // Abstract declarations describe no instance (Declaration.abstract): no definition to validate against.
  const others = doc.declarations.filter((d) => d.name !== doc.root && d.abstract !== true);
  const header: [string, unknown][] = [
    ["$schema", DIALECT],
    ["$id", schemaId(outputPath)],
    ["$comment", bannerText(documentInputs(doc))],
    ["title", doc.title ?? doc.root],
  ];
  const rootSchema = root === undefined ? {} : emitter.declaration(root);
  const defs = others.map((d): [string, unknown] => [d.name, emitter.declaration(d)]);
  return Object.fromEntries([
    ...header,
    ...Object.entries(rootSchema),
    ...(defs.length > 0 ? [["$defs", Object.fromEntries(defs)] as [string, unknown]] : []),
  ]);
}

class SchemaEmitter {
  constructor(
    private readonly doc: ModelDocument,
    private readonly options: ResolvedOptions,
  ) {}

  declaration(declaration: Declaration): JsonSchema {
    return {
      ...annotationKeywords(declaration.annotations, this.options),
      ...this.node(declaration.type),
    };
  }

  node(node: TypeNode): JsonSchema {
    switch (node.kind) {
      case "any":
        return {};
      case "null":
        return { type: "null" };
      case "boolean":
        return { type: "boolean" };
      case "string":
        return { ...this.string(node.format), ...stringKeywords(node, this.options) };
      case "number":
        return {
          type: node.integer ? "integer" : "number",
          ...this.formatKeyword(node.format),
          ...numberKeywords(node),
        };
      case "encoded":
        // The lexical form and the range, as the guard's template checks them (model/encoded-numbers.ts).
        return { type: "string", pattern: encodedPattern(node.encoding) };
      case "literal":
        return node.values.length === 1 ? { const: node.values[0] } : { enum: [...node.values] };
      case "object":
        return this.object(node);
      case "array":
        return {
          type: "array",
          // An empty schema adds nothing, so arrays of any value carry no `items`.
          ...(node.items.kind === "any" ? {} : { items: this.node(node.items) }),
          ...(node.unique ? { uniqueItems: true } : {}),
          ...(node.minItems === undefined ? {} : { minItems: node.minItems }),
          ...(node.maxItems === undefined ? {} : { maxItems: node.maxItems }),
          ...arrayKeywords(node, (n) => this.node(n)),
        };
      case "map":
        return {
          type: "object",
          ...(node.values.kind === "any" ? {} : { additionalProperties: this.node(node.values) }),
          ...mapKeywords(node, (n) => this.node(n)),
        };
      case "tuple":
        // `prefixItems` must not be empty, so the empty tuple is an array of at most no items.
        return node.elements.length === 0
          ? { type: "array", maxItems: 0 }
          : {
              type: "array",
              prefixItems: node.elements.map((e) => this.node(e)),
              items: false,
              minItems: node.elements.length,
            };
      case "union":
        return { anyOf: node.members.map((m) => this.node(m)) };
      case "ref":
        return { $ref: node.target === this.doc.root ? "#" : `#/$defs/${node.target}` };
      default:
        return assertNever(node, "type node");
    }
  }

  private string(format: string | undefined): JsonSchema {
    return { type: "string", ...this.formatKeyword(format) };
  }

  /** With formats off, the format is a comment: ajv-formats would otherwise still assert it. */
  private formatKeyword(format: string | undefined): JsonSchema {
    if (format === undefined) {
      return {};
    }
    return this.options.formats === "validate"
      ? { format }
      : { $comment: `format ${format} (not checked)` };
  }

  private object(node: ObjectNode): JsonSchema {
    const schemaOf = (p: ObjectNode["properties"][number]) => ({
      ...annotationKeywords(p.annotations, this.options),
      ...this.node(p.type),
    });
    // ajv skips a "__proto__" key under `properties` (a prototype-pollution guard), so that one key is
    // described by an anchored `patternProperties` entry instead, which ajv does apply.
    const plain = node.properties.filter((p) => p.key !== PROTO_KEY);
    const proto = node.properties.filter((p) => p.key === PROTO_KEY);
    // fromEntries creates own data properties, so keys such as "constructor" stay property names.
    const properties = Object.fromEntries(plain.map((p) => [p.key, schemaOf(p)]));
    const patternEntries = [
      ...proto.map((p): [string, JsonSchema] => [`^${PROTO_KEY}$`, schemaOf(p)]),
      ...userPatternProperties(node, (n) => this.node(n)),
    ];
    const patternProperties = Object.fromEntries(patternEntries);
    const allRequired = node.properties.filter((p) => p.required).map((p) => p.key);
    // ajv's `required` misses "" (a falsy name) and refuses "__proto__" in strict mode; for those keys
    // "some property name equals the key" says the same thing.
    const required = allRequired.filter((key) => !AJV_UNSAFE_REQUIRED.has(key));
    const presence = allRequired
      .filter((key) => AJV_UNSAFE_REQUIRED.has(key))
      .map((key) => ({ not: { propertyNames: { not: { const: key } } } }));
    const extra = node.additionalProperties;
    const keywords = objectKeywords(node, (n) => this.node(n));
    const allOf = [
      ...presence,
      ...(Array.isArray(keywords["allOf"]) ? (keywords["allOf"] as unknown[]) : []),
    ];
    return {
      type: "object",
      ...(plain.length > 0 ? { properties } : {}),
      ...(patternEntries.length > 0 ? { patternProperties } : {}),
      ...(required.length > 0 ? { required } : {}),
      ...(extra === true
        ? {}
        : { additionalProperties: extra === false ? false : this.node(extra) }),
      ...keywords,
      ...(allOf.length > 0 ? { allOf } : {}),
    };
  }
}

function annotationKeywords(annotations: Annotations, _options: ResolvedOptions): JsonSchema {
  return {
    ...(annotations.description === undefined ? {} : { description: annotations.description }),
    ...(annotations.deprecated === true ? { deprecated: true } : {}),
    ...(annotations.default === undefined ? {} : { default: annotations.default }),
    ...(annotations.examples === undefined ? {} : { examples: [...annotations.examples] }),
  };
}
