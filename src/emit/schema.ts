/**
 * Stage 5c, emit JSON Schema: a plain JSON Schema 2020-12 object (printed once), that compiles in ajv strict
 * mode with ajv-formats and accepts exactly what the guards accept. The root declaration is the schema itself;
 * every other declaration is a `$defs` entry.
 */
import { readFileSync } from "node:fs";
import { assertNever } from "../diagnostics.js";
import type { Annotations, Declaration, EncodedNumberKind, ModelDocument, ObjectNode, TypeNode } from "../model.js";
import type { ResolvedOptions } from "../options.js";
import { bannerText } from "./banner.js";

export type JsonSchema = { readonly [key: string]: unknown };

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

let encodedPatterns: Readonly<Record<EncodedNumberKind, string>> | undefined;

function encodedPattern(kind: EncodedNumberKind): string {
  encodedPatterns ??= JSON.parse(
    readFileSync(new URL("../../templates/encoded-patterns.json", import.meta.url), "utf8"),
  ) as Record<EncodedNumberKind, string>;
  return encodedPatterns[kind];
}

export function schemaFileName(doc: ModelDocument): string {
  return `${doc.baseName}.schema.json`;
}

export function emitSchema(doc: ModelDocument, options: ResolvedOptions): JsonSchema {
  const emitter = new SchemaEmitter(doc, options);
  const root = doc.declarations.find((d) => d.name === doc.root);
  const others = doc.declarations.filter((d) => d.name !== doc.root);
  const header: [string, unknown][] = [
    ["$schema", DIALECT],
    ["$id", schemaFileName(doc)],
    ["$comment", bannerText([doc.file])],
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
    return { ...annotationKeywords(declaration.annotations, this.options), ...this.node(declaration.type) };
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
        return this.string(node.format);
      case "number":
        return { type: node.integer ? "integer" : "number", ...this.formatKeyword(node.format) };
      case "encoded":
        return { type: "string", pattern: encodedPattern(node.encoding) };
      case "literal":
        return node.values.length === 1 ? { const: node.values[0] } : { enum: [...node.values] };
      case "object":
        return this.object(node);
      case "array":
        return {
          type: "array",
          items: this.node(node.items),
          ...(node.unique ? { uniqueItems: true } : {}),
          ...(node.minItems === undefined ? {} : { minItems: node.minItems }),
          ...(node.maxItems === undefined ? {} : { maxItems: node.maxItems }),
        };
      case "map":
        return { type: "object", additionalProperties: this.node(node.values) };
      case "tuple":
        return {
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
    return this.options.formats === "validate" ? { format } : { $comment: `format ${format} (not checked)` };
  }

  private object(node: ObjectNode): JsonSchema {
    // fromEntries creates own data properties, so a "__proto__" key stays a property name.
    const properties = Object.fromEntries(
      node.properties.map((p) => [p.key, { ...annotationKeywords(p.annotations, this.options), ...this.node(p.type) }]),
    );
    const required = node.properties.filter((p) => p.required).map((p) => p.key);
    const extra = node.additionalProperties;
    return {
      type: "object",
      ...(node.properties.length > 0 ? { properties } : {}),
      ...(required.length > 0 ? { required } : {}),
      ...(extra === true ? {} : { additionalProperties: extra === false ? false : this.node(extra) }),
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
