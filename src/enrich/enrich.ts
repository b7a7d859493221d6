/**
 * Stage 4b, enrich (flat summaries with `sourceSpec` only): finds the summary's `entity` in the spec's
 * `components.schemas` and, field by field, puts back what the summary lost (see merge.ts), adding the spec's
 * referenced components as declarations (components.ts). The summary stays the authority for which fields exist
 * and which are required: every disagreement is a warning on the summary's field that names the spec's place too,
 * and the summary wins. Spec constructs that cannot be expressed are warnings in the spec file itself.
 */
import { type Diagnostic, DiagnosticSink } from "../model/diagnostics.js";
import type {
  Annotations,
  Declaration,
  ModelDocument,
  ObjectNode,
  Property,
  TypeNode,
} from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { appendPointer } from "../model/pointer.js";
import { checkPattern } from "../read/pattern-safety.js";
import { isObject, type JsonObject, type JsonValue, own } from "../read/source.js";
import { ComponentTable } from "./components.js";
import { literalValues, mergeType, splitNull } from "./merge.js";
import type { SpecDocument } from "./spec.js";
import { annotationsOf, toTypeNode } from "./to-model.js";

export interface EnrichInput {
  readonly model: ModelDocument;
  /** The summary's `entity`, exactly as written (the component's name). */
  readonly entity: string;
  readonly spec: SpecDocument;
  readonly options: ResolvedOptions;
  /** Diagnostics on the summary, positioned by its locator. */
  readonly sink: DiagnosticSink;
  /** Diagnostics on the spec (constructs read loosely), positioned by the spec's locator. */
  readonly specDiagnostics: Diagnostic[];
}

export function enrich(input: EnrichInput): ModelDocument | undefined {
  const { model, entity, spec, sink } = input;
  const at = appendPointer("/components/schemas", entity);
  const schema = own(spec.schemas, entity);
  if (schema === undefined) {
    sink.error(
      "SG_SPEC_NO_ENTITY",
      "/entity",
      `entity ${JSON.stringify(entity)} is not in components.schemas of ${place(spec, "/components/schemas")}`,
    );
    return undefined;
  }
  const root = model.declarations.find((d) => d.name === model.root);
  const properties =
    isObject(schema) && isObject(schema["properties"]) ? schema["properties"] : undefined;
  if (root === undefined || root.type.kind !== "object" || properties === undefined) {
    sink.warning(
      "SG_SPEC_MISMATCH",
      "/entity",
      `${place(spec, at)} is not an object schema with properties; the summary is generated as it is`,
    );
    return model;
  }
  const warn = (pointer: string, message: string) =>
    input.specDiagnostics.push(specWarning(spec, pointer, message));
  const specSink = new DiagnosticSink(spec.file, spec.locate);
  const patterns = { enabled: input.options.redosCheck };
  let origin = "";
  const table = new ComponentTable(
    spec,
    entity,
    model.root,
    new Set(model.declarations.map((d) => d.name)),
    () => origin,
    {
      additionalProperties: input.options.additionalProperties,
      warn,
      checkPattern: (pattern, pointer) => {
        checkPattern(pattern, pointer, specSink, patterns);
        input.specDiagnostics.push(...specSink.items.splice(0));
      },
    },
  );
  const lookup = (name: string): Declaration | undefined =>
    model.declarations.find((d) => d.name === name) ??
    table.declarations().find((d) => d.name === name);
  aliasSummaryEnums(root.type, properties, at, table, lookup, input);
  const required = isObject(schema) && Array.isArray(schema["required"]) ? schema["required"] : [];
  const enriched = root.type.properties.map((property) => {
    origin = property.pointer;
    return enrichProperty(property, properties, required, at, table, lookup, input);
  });
  const listed = new Set(root.type.properties.map((p) => p.key));
  const unlisted = Object.keys(properties).filter((key) => !listed.has(key));
  if (unlisted.length > 0) {
    sink.warning(
      "SG_SPEC_MISMATCH",
      "/fields",
      `the spec declares ${unlisted.length === 1 ? "a property" : "properties"} the summary does not list (${unlisted.map((k) => JSON.stringify(k)).join(", ")}) at ${place(spec, appendPointer(at, "properties"))}; the summary's fields are generated`,
    );
  }
  // As for every object read from the spec: what it says about extra keys holds; where it is silent, the option.
  const extra = isObject(schema) ? schema["additionalProperties"] : undefined;
  const additionalProperties =
    typeof extra === "boolean"
      ? extra
      : isObject(extra)
        ? toTypeNode(extra, appendPointer(at, "additionalProperties"), table.convert)
        : root.type.additionalProperties;
  const rootType: ObjectNode = { ...root.type, properties: enriched, additionalProperties };
  const declarations = model.declarations.map((d) =>
    d === root ? { ...root, type: rootType } : d,
  );
  return { ...model, declarations: [...declarations, ...table.finish()] };
}

function enrichProperty(
  property: Property,
  properties: JsonObject,
  required: readonly unknown[],
  entityAt: string,
  table: ComponentTable,
  lookup: (name: string) => Declaration | undefined,
  input: EnrichInput,
): Property {
  const { sink, spec } = input;
  const at = appendPointer(appendPointer(entityAt, "properties"), property.key);
  const schema = own(properties, property.key);
  if (schema === undefined) {
    sink.warning(
      "SG_SPEC_MISMATCH",
      property.pointer,
      `field "${property.key}" is not a property of ${place(spec, appendPointer(entityAt, "properties"))}; the summary's type is kept`,
    );
    return property;
  }
  const inSpec = required.includes(property.key);
  if (inSpec !== property.required) {
    sink.warning(
      "SG_SPEC_MISMATCH",
      appendPointer(property.pointer, "required"),
      `field "${property.key}" is ${property.required ? "required" : "optional"} here but ${inSpec ? "required" : "optional"} at ${place(spec, appendPointer(entityAt, "required"))}; the summary wins`,
    );
  }
  const merged = mergeType(property.type, toTypeNode(schema, at, table.convert), lookup);
  if ("conflict" in merged) {
    sink.warning(
      "SG_SPEC_MISMATCH",
      appendPointer(property.pointer, "type"),
      `field "${property.key}": ${merged.conflict} at ${place(spec, at)}; the summary's type is kept`,
    );
  }
  const type = "conflict" in merged ? property.type : merged.type;
  const annotations = mergeAnnotations(property.annotations, {
    ...formatOf(type),
    ...propertyAnnotations(schema, table),
  });
  return { ...property, type, annotations };
}

/**
 * The spec's documentation of a property. Beside a `$ref`, its own description, default and deprecation
 * (3.1 siblings) come first; without a description of its own, the target's is used, as the summarizer did.
 */
function propertyAnnotations(schema: JsonValue, table: ComponentTable): Annotations {
  const own = annotationsOf(schema);
  if (own.description !== undefined || !isObject(schema) || typeof schema["$ref"] !== "string") {
    return own;
  }
  const component = ComponentTable.componentOf(schema["$ref"]);
  const target = component === undefined ? undefined : annotationsOf(table.schemaOf(component));
  return target?.description === undefined ? own : { ...own, description: target.description };
}

/** A format found inside a nullable union (`anyOf [string/date-time, null]`) documents the property too. */
function formatOf(type: TypeNode): Annotations {
  const { core } = splitNull(type);
  return core.kind === "string" && core.format !== undefined ? { format: core.format } : {};
}

/** The summary's documentation stays; the spec fills what it dropped (description, deprecated, default, format). */
function mergeAnnotations(summary: Annotations, spec: Annotations): Annotations {
  return {
    ...summary,
    ...(summary.description === undefined && spec.description !== undefined
      ? { description: spec.description }
      : {}),
    ...(summary.deprecated !== true && spec.deprecated === true ? { deprecated: true } : {}),
    ...(summary.default === undefined && spec.default !== undefined
      ? { default: spec.default }
      : {}),
    ...(summary.format === undefined && spec.format !== undefined ? { format: spec.format } : {}),
  };
}

/**
 * A summary enum field whose spec property is a `$ref` to an enum component: the component is the summary's
 * enum declaration (`RunStatus`), not a second copy. Differing values (there, or in an inline enum) are a
 * warning; the summary's stay.
 */
function aliasSummaryEnums(
  root: ObjectNode,
  properties: JsonObject,
  entityAt: string,
  table: ComponentTable,
  lookup: (name: string) => Declaration | undefined,
  input: EnrichInput,
): void {
  for (const property of root.properties) {
    const at = appendPointer(appendPointer(entityAt, "properties"), property.key);
    const schema = own(properties, property.key);
    const declared =
      property.type.kind === "ref" ? literalValues(lookup(property.type.target)?.type) : undefined;
    const source = declared === undefined ? undefined : enumSource(schema, at, table);
    if (source === undefined || declared === undefined || property.type.kind !== "ref") {
      continue;
    }
    if (source.component !== undefined) {
      table.alias(source.component, property.type.target);
    }
    // Nullability is the property's business (a null member beside the reference), not the enum's.
    const values: readonly unknown[] = source.values.filter((v) => v !== null);
    const named = declared.filter((v) => v !== null);
    if (named.length !== values.length || !named.every((v) => values.includes(v))) {
      const where = place(input.spec, source.pointer);
      input.sink.warning(
        "SG_SPEC_MISMATCH",
        appendPointer(property.pointer, "enum"),
        `field "${property.key}": the summary's enum (${named.length} values) differs from ${where} (${values.length} values); the summary's values are kept`,
      );
    }
  }
}

/**
 * The enum a property holds: through a nullable `anyOf`/`oneOf` or a one-member `allOf`, then either a `$ref` to
 * an enum component or an inline `enum`.
 */
function enumSource(
  schema: JsonValue | undefined,
  at: string,
  table: ComponentTable,
): { values: readonly JsonValue[]; pointer: string; component?: string } | undefined {
  if (!isObject(schema)) {
    return undefined;
  }
  if (typeof schema["$ref"] === "string") {
    const component = ComponentTable.componentOf(schema["$ref"]);
    const target = component === undefined ? undefined : table.schemaOf(component);
    const values = isObject(target) ? target["enum"] : undefined;
    return component === undefined || !Array.isArray(values)
      ? undefined
      : { values, pointer: appendPointer("/components/schemas", component), component };
  }
  if (Array.isArray(schema["enum"])) {
    return { values: schema["enum"], pointer: appendPointer(at, "enum") };
  }
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const members = schema[key];
    const indexed = Array.isArray(members)
      ? (members as readonly JsonValue[])
          .map((m, i) => ({ m, i }))
          .filter(({ m }) => !(isObject(m) && m["type"] === "null"))
      : [];
    if (indexed.length === 1 && indexed[0] !== undefined) {
      return enumSource(indexed[0].m, appendPointer(appendPointer(at, key), indexed[0].i), table);
    }
  }
  return undefined;
}

/** "openapi.yaml:12:5 (/components/schemas/Run)": the spec's file, line and column when known, and pointer. */
export function place(spec: SpecDocument, pointer: string): string {
  const position = spec.locate(pointer);
  return `${spec.file}${position === undefined ? "" : `:${position.line}:${position.column}`} (${pointer})`;
}

function specWarning(spec: SpecDocument, pointer: string, message: string): Diagnostic {
  return {
    code: "SG_UNSUPPORTED",
    severity: "warning",
    message,
    file: spec.file,
    pointer,
    ...spec.locate(pointer),
  };
}
