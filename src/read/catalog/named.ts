/**
 * The type names of the catalog reading, each with its exact meaning or the warning that says what was guessed.
 *  - JSON types as named; `integer` (and `int`) is any JSON integer, as in flat summaries and JSON Schema;
 *  - `int8` ... `uint32` keep their Core ranges; `int64`, `uint64`, `int128`, `uint128`, `long` and `decimal` are
 *    JSON numbers, exact only up to 2^53 (SG_PRECISION): string-encoded big numbers are a strict-Core matter;
 *  - string types with a format: `datetime` / `date-time`, `date`, `time`, `duration`, `uuid`, `uri` / `url`,
 *    `email`, `hostname`, `ipv4`, `ipv6`, `binary` (base64), `jsonpointer`; `timestamp` is guessed to be a
 *    date-time string (SG_GUESSED_TYPE);
 *  - a type hint (`string (date-time)`) that names a format gets it; one that only mentions it
 *    (`string (ISO 8601 datetime)`) gets it with a warning; any other hint is documentation.
 */
import type { StringNode, TypeNode } from "../../model/model.js";
import { STRING_FORMATS } from "../../model/string-formats.js";

export interface Primitive {
  readonly type: TypeNode;
  /** What the reading guessed, when it did. */
  readonly note?: { readonly code: "SG_PRECISION" | "SG_GUESSED_TYPE"; readonly message: string };
}

const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

const BIG = ["int64", "uint64", "int128", "uint128", "long", "bigint"];

const STRINGS: Readonly<Record<string, Omit<StringNode, "kind">>> = {
  string: {},
  str: {},
  datetime: { format: "date-time" },
  "date-time": { format: "date-time" },
  date: { format: "date" },
  time: { coreFormat: "time" },
  duration: { coreFormat: "duration" },
  uuid: { format: "uuid" },
  uri: { format: "uri-reference" },
  url: { format: "uri-reference" },
  email: { format: "email" },
  hostname: { format: "hostname" },
  ipv4: { format: "ipv4" },
  ipv6: { format: "ipv6" },
  binary: { coreFormat: "base64" },
  jsonpointer: { format: "json-pointer" },
};

/** The primitive a lower-case type name stands for, or undefined when it names none. */
export function primitiveType(name: string): Primitive | undefined {
  const range = Object.hasOwn(RANGES, name) ? RANGES[name] : undefined;
  if (range !== undefined) {
    return { type: { kind: "number", integer: true, minimum: range[0], maximum: range[1] } };
  }
  if (Object.hasOwn(STRINGS, name)) {
    return { type: { kind: "string", ...STRINGS[name] } };
  }
  if (BIG.includes(name) || name === "decimal") {
    return {
      type: { kind: "number", integer: name !== "decimal" },
      note: {
        code: "SG_PRECISION",
        message: `${name} is read as a JSON number, which is exact only up to 2^53 (9007199254740991); a value beyond that loses digits in JSON.parse. For numbers sent as strings, use JSON Structure Core (--dialect core)`,
      },
    };
  }
  switch (name) {
    case "number":
    case "float":
    case "double":
    case "float8":
    case "float32":
    case "float64":
      return { type: { kind: "number", integer: false } };
    case "integer":
    case "int":
      return { type: { kind: "number", integer: true } };
    case "boolean":
    case "bool":
      return { type: { kind: "boolean" } };
    case "null":
      return { type: { kind: "null" } };
    case "any":
      return { type: { kind: "any" } };
    case "timestamp":
      return {
        type: { kind: "string", format: "date-time" },
        note: {
          code: "SG_GUESSED_TYPE",
          message:
            'timestamp is read as a date-time string (RFC 3339); if it is a number of seconds or milliseconds, write "integer"',
        },
      };
    default:
      return undefined;
  }
}

/** Letters and digits only, lower case: "date-time", "DateTime" and "datetime" are the same word. */
const bare = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const HINT_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:date-?time|timestamp)\b/i, "datetime"],
  [/\bdate\b/i, "date"],
  [/\btime\b/i, "time"],
  [/\buuid\b/i, "uuid"],
  [/\be-?mail\b/i, "email"],
  [/\bur[il]\b/i, "uri"],
];

/**
 * The string type a type hint gives: `exact` when the hint is a format's name, else when it mentions one; undefined
 * when it names none (the hint is then documentation).
 */
export function hintedString(
  hint: string,
): { readonly type: StringNode; readonly exact: boolean } | undefined {
  const word = bare(hint);
  const known = Object.keys(STRINGS).find((name) => name !== "string" && bare(name) === word);
  if (known !== undefined) {
    return { type: { kind: "string", ...STRINGS[known] }, exact: true };
  }
  const format = STRING_FORMATS.find((name) => bare(name) === word);
  if (format !== undefined) {
    return { type: { kind: "string", format }, exact: true };
  }
  const mentioned = HINT_WORDS.find(([pattern]) => pattern.test(hint))?.[1];
  return mentioned === undefined
    ? undefined
    : { type: { kind: "string", ...STRINGS[mentioned] }, exact: false };
}
