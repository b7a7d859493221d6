/**
 * Stage 4, normalize (flat dialect): gives each flat field its meaning in the shared model.
 *  - string / number / boolean as named; integer is any JSON integer (Letta's nanosecond counters exceed 2^31).
 *  - object: the summarizer writes it for nullable scalars, maps, refs and real objects alike, so it means any JSON
 *    value, unless `objectFields: "record"` asks for a non-null JSON object.
 *  - array and array<object>: arrays of those; array<scalar>: typed arrays.
 *  - an enum becomes its own named literal-union declaration (`RunStatus`), referenced by the property.
 *  - objects are open unless `additionalProperties: false`.
 */
import type { DiagnosticSink } from "../../model/diagnostics.js";
import { formatHint, isNumberFormat, isStringFormat } from "../../model/string-formats.js";
import type {
  Annotations,
  Declaration,
  ModelDocument,
  Property,
  TypeNode,
} from "../../model/model.js";
import { fileStem, toFileSlug, toTypeIdentifier } from "../../model/names.js";
import type { ResolvedOptions } from "../../model/options.js";
import type { FlatDocument, FlatField, FlatType } from "./parse.js";
import { appendPointer } from "../../model/pointer.js";

export function normalizeFlat(
  flat: FlatDocument,
  file: string,
  options: ResolvedOptions,
  sink: DiagnosticSink,
): ModelDocument | undefined {
  const rootName = toTypeIdentifier(flat.entity);
  if (rootName === undefined) {
    sink.error(
      "SG_BAD_NAME",
      "/entity",
      `entity ${JSON.stringify(flat.entity)} has no letters or digits to make a type name from`,
    );
  }
  const slug = toFileSlug(flat.name ?? fileStem(file));
  if ("problem" in slug) {
    sink.error("SG_BAD_NAME", flat.name === undefined ? "" : "/name", slug.problem);
  }
  if (rootName === undefined || "problem" in slug) {
    return undefined;
  }
  const enumDeclarations: Declaration[] = [];
  const properties = flat.fields.map((field) =>
    toProperty(field, rootName, options, sink, enumDeclarations),
  );
  const root: Declaration = {
    name: rootName,
    type: { kind: "object", properties, additionalProperties: options.additionalProperties },
    annotations: annotationsOf(flat.description ?? flat.title),
    pointer: "",
  };
  return {
    file,
    baseName: slug.slug,
    dialect: "flat",
    root: rootName,
    declarations: [root, ...enumDeclarations],
    ...(flat.title === undefined ? {} : { title: flat.title }),
    ...(flat.description === undefined ? {} : { description: flat.description }),
    ...(flat.source === undefined ? {} : { sourceUrl: flat.source }),
  };
}

function toProperty(
  field: FlatField,
  rootName: string,
  options: ResolvedOptions,
  sink: DiagnosticSink,
  enumDeclarations: Declaration[],
): Property {
  const annotations = {
    ...annotationsOf(field.description),
    ...(field.format === undefined ? {} : { format: field.format }),
  };
  let type = withFormat(toTypeNode(field.type, options), field, sink);
  if (field.enum !== undefined) {
    const name = `${rootName}${toTypeIdentifier(field.name) ?? "Value"}`;
    const clash =
      enumDeclarations.find((d) => d.name === name) ??
      (name === rootName ? { pointer: "/entity" } : undefined);
    if (clash !== undefined) {
      sink.error(
        "SG_NAME_COLLISION",
        field.pointer,
        `field "${field.name}" names its enum type ${name}, which ${clash.pointer === "/entity" ? "is the entity's type name" : `is also the enum type of the field at ${clash.pointer.replace(/\/enum$/, "")}`}`,
      );
    }
    // The enum type is documented by the field's description; deprecation belongs to the field alone.
    const { deprecated: _fieldOnly, ...enumAnnotations } = annotations;
    enumDeclarations.push({
      name,
      type: { kind: "literal", values: field.enum },
      annotations: enumAnnotations,
      pointer: appendPointer(field.pointer, "enum"),
    });
    type = { kind: "ref", target: name };
  }
  return { key: field.name, required: field.required, type, annotations, pointer: field.pointer };
}

function toTypeNode(type: FlatType, options: ResolvedOptions): TypeNode {
  switch (type.kind) {
    case "scalar":
      switch (type.name) {
        case "string":
          return { kind: "string" };
        case "boolean":
          return { kind: "boolean" };
        case "number":
          return { kind: "number", integer: false };
        case "integer":
          return { kind: "number", integer: true };
      }
      break;
    case "object":
      return options.objectFields === "record"
        ? { kind: "map", values: { kind: "any" } }
        : { kind: "any" };
    case "array":
      return {
        kind: "array",
        items: type.items === undefined ? { kind: "any" } : toTypeNode(type.items, options),
        unique: false,
      };
  }
}

/** Attaches a format the guards can check; any other format stays documentation, with a warning. */
function withFormat(type: TypeNode, field: FlatField, sink: DiagnosticSink): TypeNode {
  const format = field.format;
  if (format === undefined) {
    return type;
  }
  const at = appendPointer(field.pointer, "format");
  if (type.kind === "string" && isStringFormat(format)) {
    return { ...type, format };
  }
  if (type.kind === "number" && isNumberFormat(format)) {
    return { ...type, format };
  }
  const why =
    isStringFormat(format) || isNumberFormat(format)
      ? `does not apply to a ${field.type.kind === "scalar" ? field.type.name : field.type.kind} field`
      : "is not a format structgen knows";
  sink.warning(
    "SG_UNKNOWN_FORMAT",
    at,
    `format ${JSON.stringify(format)} ${why}${formatHint(format)}; it is kept as documentation only`,
  );
  return type;
}

/** A description that starts with "Deprecated" marks the field deprecated (the summaries keep nothing else). */
export function annotationsOf(description: string | undefined): Annotations {
  if (description === undefined || description.trim() === "") {
    return {};
  }
  return /^\s*deprecated\b/i.test(description)
    ? { description, deprecated: true }
    : { description };
}
