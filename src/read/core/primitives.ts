/**
 * Core §JSON Primitive Types and §Extended Primitive Types, each with its exact JSON encoding:
 *  - `integer` is an alias of `int32`; the 8/16/32-bit integers are JSON numbers, range-checked;
 *  - `int64`, `uint64`, `int128`, `uint128` and `decimal` travel as strings (exact lexical form, integer range);
 *  - `float8`, `float`, `double` are JSON numbers (every JSON number is a double; the narrower ranges are
 *    documentation);
 *  - `date`, `datetime`, `uri`, `jsonpointer` have an ajv-formats twin with the same meaning (`date`,
 *    `date-time`, `uri-reference`, `json-pointer`); `time`, `duration`, `uuid` and `binary` do not, so they use
 *    the Core rules of templates/core-formats.ts (see the README for the sample-vs-prose decisions);
 *  - `datetime` is RFC 3339 `date-time`, which ajv-formats' twin reads loosely ("+0530", "+05", a tab for the
 *    "T"): it also carries the Core rule `datetime`, the exact lexical form.
 */
import type { CoreFormat, TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { own } from "../source.js";
import { type Ctx, entryOf } from "./context.js";

export const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  integer: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

const ENCODED = ["int64", "uint64", "int128", "uint128", "decimal"] as const;
const FLOATS = ["number", "float8", "float", "double"];
const FORMATTED: Readonly<Record<string, string>> = {
  date: "date",
  datetime: "date-time",
  uri: "uri-reference",
  jsonpointer: "json-pointer",
};
/** Types with an ajv-formats twin that is laxer than their spec: the Core rule that tightens it. */
const TIGHTENED: Readonly<Record<string, CoreFormat>> = { datetime: "datetime" };
const CORE_FORMATTED: Readonly<Record<string, CoreFormat>> = {
  time: "time",
  duration: "duration",
  uuid: "uuid",
};
const BINARY_ENCODINGS: readonly CoreFormat[] = [
  "base64",
  "base64url",
  "base16",
  "base32",
  "base32hex",
];

export const PRIMITIVE_NAMES: readonly string[] = [
  "string",
  "boolean",
  "null",
  "any",
  "binary",
  ...Object.keys(INTEGER_RANGES),
  ...ENCODED,
  ...FLOATS,
  ...Object.keys(FORMATTED),
  ...Object.keys(CORE_FORMATTED),
];

export function isPrimitiveName(name: string): boolean {
  return PRIMITIVE_NAMES.includes(name);
}

/** The model node of a primitive type name, or undefined when `name` is not a primitive. */
export function primitiveNode(
  name: string,
  schema: { readonly [key: string]: unknown } | undefined,
  pointer: string,
  ctx: Ctx | undefined,
): TypeNode | undefined {
  const range = entryOf(INTEGER_RANGES, name);
  if (range !== undefined) {
    return { kind: "number", integer: true, minimum: range[0], maximum: range[1] };
  }
  if ((ENCODED as readonly string[]).includes(name)) {
    return { kind: "encoded", encoding: name as (typeof ENCODED)[number] };
  }
  if (FLOATS.includes(name)) {
    return { kind: "number", integer: false };
  }
  const format = entryOf(FORMATTED, name);
  if (format !== undefined) {
    const tightened = entryOf(TIGHTENED, name);
    return {
      kind: "string",
      format,
      ...(tightened === undefined ? {} : { coreFormat: tightened }),
    };
  }
  const coreFormat = entryOf(CORE_FORMATTED, name);
  if (coreFormat !== undefined) {
    return { kind: "string", coreFormat };
  }
  switch (name) {
    case "string":
      return { kind: "string" };
    case "boolean":
      return { kind: "boolean" };
    case "null":
      return { kind: "null" };
    case "any":
      return { kind: "any" };
    case "binary":
      return { kind: "string", coreFormat: binaryEncoding(schema, pointer, ctx) };
    default:
      return undefined;
  }
}

/** `contentEncoding` (or the `encoding` spelling of the spec's examples); base64 when absent. */
function binaryEncoding(
  schema: { readonly [key: string]: unknown } | undefined,
  pointer: string,
  ctx: Ctx | undefined,
): CoreFormat {
  const object = schema as Parameters<typeof own>[0] | undefined;
  const key =
    object !== undefined && own(object, "contentEncoding") !== undefined
      ? "contentEncoding"
      : "encoding";
  const raw = object === undefined ? undefined : own(object, key);
  if (raw === undefined) {
    return "base64";
  }
  if (typeof raw === "string" && (BINARY_ENCODINGS as readonly string[]).includes(raw)) {
    return raw as CoreFormat;
  }
  ctx?.source.sink.error(
    "SG_BAD_CONSTRAINT",
    appendPointer(pointer, key),
    `${key} must be one of ${BINARY_ENCODINGS.join(", ")}; got ${JSON.stringify(raw)}`,
  );
  return "base64";
}

/** The name a documentation `@format` tag shows: every Core primitive beyond plain JSON types. */
export function documentedFormat(name: string): string | undefined {
  return isPrimitiveName(name) && !["string", "boolean", "null", "any", "number"].includes(name)
    ? name
    : undefined;
}
