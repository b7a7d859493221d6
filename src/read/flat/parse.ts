/**
 * Stage 3, parse (flat dialect): checks the shape of a flat JSON Structure summary
 * (`{"jsonStructure", "entity", "fields": [{name, type, required, description, enum, format}]}`) and returns
 * it as typed data. Meaning is assigned later, in normalize-flat.ts; see ../shared/docs/flat-dialect-vs-openapi.md
 * for how real summaries are made.
 */
import type { DiagnosticSink } from "../../model/diagnostics.js";
import type { LiteralValue } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import {
  describeJson,
  hasLoneSurrogate,
  isObject,
  type JsonObject,
  type JsonValue,
} from "../source.js";

export type FlatScalar = "string" | "number" | "integer" | "boolean";
export type FlatType =
  | { readonly kind: "scalar"; readonly name: FlatScalar }
  | { readonly kind: "object" }
  | { readonly kind: "array"; readonly items?: FlatType };

export interface FlatField {
  readonly name: string;
  readonly type: FlatType;
  readonly required: boolean;
  readonly description?: string;
  readonly enum?: readonly LiteralValue[];
  readonly format?: string;
  readonly pointer: string;
}

export interface FlatDocument {
  readonly name?: string;
  readonly title?: string;
  readonly description?: string;
  readonly source?: string;
  readonly entity: string;
  readonly fields: readonly FlatField[];
}

const DOCUMENT_KEYS = [
  "jsonStructure",
  "name",
  "title",
  "description",
  "source",
  "entity",
  "fields",
  "fieldCount",
  "requiredCount",
];
const FIELD_KEYS = ["name", "type", "required", "description", "enum", "format"];
const SCALARS: readonly FlatScalar[] = ["string", "number", "integer", "boolean"];

/** Reads a flat summary; returns undefined when an error makes the document unusable. */
export function parseFlat(value: JsonObject, sink: DiagnosticSink): FlatDocument | undefined {
  warnUnknownKeys(value, "", DOCUMENT_KEYS, sink, "document");
  if (typeof value["jsonStructure"] !== "string") {
    sink.error(
      "SG_WRONG_SHAPE",
      "/jsonStructure",
      'jsonStructure must be a version string such as "0.1"',
    );
  }
  const entity = requiredString(value, "", "entity", sink);
  const fieldsValue = value["fields"];
  if (!Array.isArray(fieldsValue)) {
    sink.error("SG_WRONG_SHAPE", "/fields", "fields must be an array of field objects");
    return undefined;
  }
  const header = {
    ...optionalString(value, "", "name", sink),
    ...optionalString(value, "", "title", sink),
    ...optionalString(value, "", "description", sink),
    ...optionalString(value, "", "source", sink),
  };
  const fields = parseFields(fieldsValue as readonly JsonValue[], sink);
  checkCounts(value, fields, sink);
  if (entity === undefined || sink.hasErrors) {
    return undefined;
  }
  return { ...header, entity, fields };
}

function parseFields(items: readonly JsonValue[], sink: DiagnosticSink): FlatField[] {
  const fields: FlatField[] = [];
  const firstPointer = new Map<string, string>();
  items.forEach((item, index) => {
    const pointer = appendPointer("/fields", index);
    if (!isObject(item)) {
      sink.error("SG_WRONG_SHAPE", pointer, "each field must be an object with name and type");
      return;
    }
    const field = parseField(item, pointer, sink);
    if (field === undefined) {
      return;
    }
    const earlier = firstPointer.get(field.name);
    if (earlier !== undefined) {
      sink.error(
        "SG_DUPLICATE_FIELD",
        pointer,
        `field "${field.name}" is declared twice (first at ${earlier})`,
      );
      return;
    }
    firstPointer.set(field.name, pointer);
    fields.push(field);
  });
  return fields;
}

function parseField(
  item: JsonObject,
  pointer: string,
  sink: DiagnosticSink,
): FlatField | undefined {
  warnUnknownKeys(item, pointer, FIELD_KEYS, sink, "field");
  const name = requiredString(item, pointer, "name", sink);
  if (name === "") {
    sink.error("SG_BAD_NAME", appendPointer(pointer, "name"), "a field name must not be empty");
  } else if (name !== undefined && hasLoneSurrogate(name)) {
    // Such a key cannot be written as UTF-8, and ajv cannot compile a schema that names it.
    sink.error(
      "SG_BAD_NAME",
      appendPointer(pointer, "name"),
      "a field name must be well-formed Unicode (it holds a lone surrogate escape)",
    );
  }
  const typeText = requiredString(item, pointer, "type", sink);
  const type =
    typeText === undefined
      ? undefined
      : parseFlatType(typeText, appendPointer(pointer, "type"), sink);
  const required = item["required"];
  if (required !== undefined && typeof required !== "boolean") {
    sink.error(
      "SG_WRONG_SHAPE",
      appendPointer(pointer, "required"),
      "required must be true or false",
    );
  }
  const enumValues = type === undefined ? undefined : parseEnum(item, pointer, type, sink);
  const notes = {
    ...optionalString(item, pointer, "description", sink),
    ...optionalString(item, pointer, "format", sink),
  };
  if (
    name === undefined ||
    name === "" ||
    hasLoneSurrogate(name) ||
    type === undefined ||
    enumValues === null
  ) {
    return undefined;
  }
  return {
    name,
    type,
    required: required === true,
    pointer,
    ...notes,
    ...(enumValues === undefined ? {} : { enum: enumValues }),
  };
}

/** `string`, `integer`, `object`, `array`, `array<T>` (T itself a flat type). */
export function parseFlatType(
  text: string,
  pointer: string,
  sink: DiagnosticSink,
): FlatType | undefined {
  const trimmed = text.trim();
  if ((SCALARS as readonly string[]).includes(trimmed)) {
    return { kind: "scalar", name: trimmed as FlatScalar };
  }
  if (trimmed === "object") {
    return { kind: "object" };
  }
  if (trimmed === "array") {
    return { kind: "array" };
  }
  const inner = /^array\s*<(.*)>$/.exec(trimmed)?.[1];
  if (inner !== undefined) {
    const items = parseFlatType(inner, pointer, sink);
    return items === undefined ? undefined : { kind: "array", items };
  }
  const hint = SCALARS.find((s) => s === trimmed.toLowerCase())
    ? ` (types are lower case: "${trimmed.toLowerCase()}")`
    : "";
  sink.error(
    "SG_UNKNOWN_TYPE",
    pointer,
    `unknown field type ${JSON.stringify(text)}${hint}; expected string, number, integer, boolean, object, array or array<T>`,
  );
  return undefined;
}

/** Returns the enum values, undefined when there is no enum, or null when the enum is unusable. */
function parseEnum(
  item: JsonObject,
  pointer: string,
  type: FlatType,
  sink: DiagnosticSink,
): readonly LiteralValue[] | undefined | null {
  const raw = item["enum"];
  const enumPointer = appendPointer(pointer, "enum");
  if (raw === undefined || raw === null) {
    return undefined;
  }
  if (!Array.isArray(raw)) {
    sink.error("SG_WRONG_SHAPE", enumPointer, "enum must be an array of values or null");
    return null;
  }
  if (type.kind !== "scalar") {
    sink.error(
      "SG_ENUM_TYPE",
      enumPointer,
      `an enum needs a scalar field type, not ${describeType(type)}`,
    );
    return null;
  }
  if (raw.length === 0) {
    sink.error(
      "SG_ENUM_EMPTY",
      enumPointer,
      "enum must list at least one value (use null for no enum)",
    );
    return null;
  }
  const values: LiteralValue[] = [];
  // A set beside the list: `includes` on the list made an enum of 40,000 values take seconds.
  const seen = new Set<LiteralValue>();
  let usable = true;
  (raw as readonly JsonValue[]).forEach((entry, index) => {
    const at = appendPointer(enumPointer, index);
    if (!matchesScalar(entry, type.name)) {
      sink.error("SG_ENUM_TYPE", at, `enum value ${JSON.stringify(entry)} is not a ${type.name}`);
      usable = false;
    } else if (seen.has(entry as LiteralValue)) {
      sink.error("SG_ENUM_DUPLICATE", at, `enum value ${JSON.stringify(entry)} is listed twice`);
      usable = false;
    } else {
      values.push(entry as LiteralValue);
      seen.add(entry as LiteralValue);
    }
  });
  return usable ? values : null;
}

function matchesScalar(value: JsonValue, scalar: FlatScalar): boolean {
  switch (scalar) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
  }
}

export function describeType(type: FlatType): string {
  switch (type.kind) {
    case "scalar":
      return type.name;
    case "object":
      return "object";
    case "array":
      return type.items === undefined ? "array" : `array<${describeType(type.items)}>`;
  }
}

function checkCounts(value: JsonObject, fields: readonly FlatField[], sink: DiagnosticSink): void {
  // A field with an error is not among `fields`: the counts would disagree for that reason alone.
  const fieldsFailed = sink.hasErrors;
  const expected = {
    fieldCount: fields.length,
    requiredCount: fields.filter((f) => f.required).length,
  };
  for (const key of ["fieldCount", "requiredCount"] as const) {
    const declared = value[key];
    if (declared === undefined || declared === null) {
      continue;
    }
    if (typeof declared !== "number") {
      sink.warning("SG_WRONG_SHAPE", `/${key}`, `${key} should be a number; ignored`);
    } else if (declared !== expected[key] && !fieldsFailed) {
      sink.warning(
        "SG_COUNT_MISMATCH",
        `/${key}`,
        `${key} says ${declared} but the fields give ${expected[key]}`,
      );
    }
  }
}

function warnUnknownKeys(
  value: JsonObject,
  pointer: string,
  known: readonly string[],
  sink: DiagnosticSink,
  what: string,
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      sink.warning(
        "SG_UNKNOWN_KEY",
        appendPointer(pointer, key),
        `unknown ${what} key ${JSON.stringify(key)} is ignored`,
      );
    }
  }
}

function requiredString(
  value: JsonObject,
  pointer: string,
  key: string,
  sink: DiagnosticSink,
): string | undefined {
  const raw = Object.hasOwn(value, key) ? value[key] : undefined;
  if (raw === undefined || raw === null) {
    sink.error("SG_MISSING_KEY", pointer, `missing required key "${key}"`);
    return undefined;
  }
  if (typeof raw !== "string") {
    sink.error(
      "SG_WRONG_SHAPE",
      appendPointer(pointer, key),
      `${key} must be a string, not ${describeJson(raw)}`,
    );
    return undefined;
  }
  return raw;
}

/** `null` and absent mean the same thing; anything but a string is an error. */
function optionalString<K extends string>(
  value: JsonObject,
  pointer: string,
  key: K,
  sink: DiagnosticSink,
): { [P in K]?: string } {
  const raw = Object.hasOwn(value, key) ? value[key] : undefined;
  if (raw === undefined || raw === null) {
    return {};
  }
  if (typeof raw !== "string") {
    sink.error(
      "SG_WRONG_SHAPE",
      appendPointer(pointer, key),
      `${key} must be a string or null, not ${describeJson(raw)}`,
    );
    return {};
  }
  return { [key]: raw } as { [P in K]?: string };
}
