/**
 * fast-check arbitraries for the property tests:
 *  - normalized models (`ModelDocument`), flat-like (one open or closed object plus enum declarations) and
 *    core-like (nested objects, arrays, sets, maps, tuples, unions, literals, refs, encoded numbers, formats);
 *  - values that are valid by construction for a type node, and mutations of them that are likely invalid;
 *  - hostile text for documents (quotes, comment terminators, line separators, lone surrogates, ...).
 * Everything here is deterministic given fast-check's seed.
 */
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { NUMBER_FORMATS, STRING_FORMATS } from "../../src/model/string-formats.js";
import type {
  Annotations,
  Declaration,
  EncodedNumberKind,
  LiteralValue,
  ModelDocument,
  ObjectNode,
  Property,
  TypeNode,
} from "../../src/model/model.js";

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Builds a plain object with own data properties, so a "__proto__" key stays data (as JSON.parse does). */
export function objectFrom(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** Own entries of a plain object (works for "__proto__" keys). */
export function entriesOf(value: object): [string, unknown][] {
  return Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
}

/** JSON text with object keys sorted: deep equality (as JSON Schema `uniqueItems` means it) is string equality. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const pad = (n: number | bigint, width: number): string => String(n).padStart(width, "0");
const int = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });
const unitsOf = (text: string): string[] => [...text];
const charsFrom = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...unitsOf(alphabet)), minLength, maxLength });
const DIGITS = "0123456789";
const HEX = "0123456789abcdefABCDEF";
const LOWER = "abcdefghijklmnopqrstuvwxyz";

// ---------------------------------------------------------------------------------------------
// Hostile text

/** Keys that have broken JSON tools before: prototype names, pointer syntax, schema keywords, odd code units. */
export const HAZARD_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "a/b",
  "~",
  "~0",
  "~1",
  "/",
  "a~1b",
  "",
  " ",
  "a b",
  "$ref",
  "$id",
  "$schema",
  "$defs",
  "$comment",
  "type",
  "properties",
  "required",
  "enum",
  "const",
  "items",
  "default",
  "#",
  "%25",
  '"',
  "'",
  "\\",
  "`",
  "${x}",
  "*/",
  "/*",
  "\n",
  "\r\n",
  "\u2028",
  "\u2029",
  "\u0000",
  "\u200f",
  "0",
  "1",
  "-1",
  "01",
  "length",
  "é",
  "😀",
  "\ud800",
  "\udfff",
  "a.b",
];

/** Pieces of text that break naive code generators: string and comment terminators, line breaks, tags, ... */
export const HAZARD_PIECES: readonly string[] = [
  '"',
  "'",
  "\\",
  "\\\\",
  '\\"',
  "*/",
  "/*",
  "/**",
  "//",
  "`",
  "${",
  "${x}",
  "}",
  "{",
  "</script>",
  "<!--",
  "-->",
  "\r",
  "\n",
  "\r\n",
  "\u2028",
  "\u2029",
  "\u0085",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "😀",
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\t",
  "\u000b",
  "\u000c",
  "\ufeff",
  "\u200e",
  "\u200f",
  "\u202e",
  "\u2066",
  "@param",
  "@returns",
  " @deprecated",
  "@see x",
  "{@link X}",
  "* @type {any}",
  "\n * @internal",
  "\\u0041",
  "\\n",
  "\\u2028",
  "#!",
  ";",
  "); alert(1); (",
  "export const x = 1;",
  "import x from 'y';",
  "__proto__",
  "constructor",
  "%s",
  "$&",
  "$'",
  "$`",
  "$1",
  "é",
  "ß",
  "İ",
  "Ω",
  "ﬀ",
  " ",
  "  ",
  "a",
  "Run",
  "status",
  "x-y",
  "1",
];

/**
 * Every code unit below U+00A0 (the C0 controls, printable ASCII, DEL and the C1 controls) and the two line
 * separators: each one alone, so that no character a tokenizer might treat specially is left out.
 */
export const LOW_UNITS: readonly string[] = [
  ...Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)),
  "\u2028",
  "\u2029",
];

/**
 * Delimiters of strings, templates, regular expressions and comments, in the forms that end or open one, and
 * backslash runs before each: an even run escapes itself, an odd one the character after it, and a tokenizer that
 * looks one character back reads both the same (issue 16: `"a\\"` ended a string the writer thought still open).
 */
export const DELIMITERS: readonly string[] = [
  '"',
  "'",
  "`",
  "/",
  "*",
  "/*",
  "*/",
  "/**",
  "//",
  "${",
  "}",
  "{",
  "`}",
  "${`",
  "<!--",
  "-->",
  "#!",
  "\n",
];
export const backslashRunArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom("", ...DELIMITERS))
  .map(([n, after]) => `${"\\".repeat(n)}${after}`);
const trailingBackslashes: fc.Arbitrary<string> = fc
  .integer({ min: 1, max: 4 })
  .map((n) => "\\".repeat(n));

/** One piece of hostile text: a hazard, a delimiter, a backslash run, or any one low code unit. */
const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HAZARD_PIECES) },
  { weight: 2, arbitrary: fc.constantFrom(...DELIMITERS) },
  { weight: 2, arbitrary: backslashRunArb },
  { weight: 2, arbitrary: fc.constantFrom(...LOW_UNITS) },
);

/** Mostly hostile pieces glued together; sometimes arbitrary code units; rarely very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(hostilePiece, { minLength: 1, maxLength: 8 }).map((p) => p.join("")),
  },
  {
    // Ending in backslashes: in code, the closing quote comes right after them.
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(hostilePiece, { maxLength: 4 }), trailingBackslashes)
      .map(([p, run]) => `${p.join("")}${run}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(hostilePiece, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 500, max: 3000 }),
      )
      .map(([pieces, times]) => pieces.join("").repeat(times).slice(0, 12_000)),
  },
);

/** Object keys for values: hazards, identifiers, arbitrary text. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HAZARD_KEYS) },
  { weight: 3, arbitrary: charsFrom(LOWER, 1, 5) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
);

/**
 * Keys a document may declare: the readers reject names holding a lone surrogate (they cannot be written as
 * UTF-8, and ajv cannot compile a schema naming them), so declared keys are well-formed Unicode.
 */
export const declaredKeyArb: fc.Arbitrary<string> = keyArb.filter(
  (key) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(key),
);

const jsonScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...HAZARD_KEYS),
);

/** Any JSON value (as JSON.parse returns it: plain objects, own keys, hazardous keys included). */
export const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    jsonScalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 3 }).map(objectFrom),
  ),
})).value;

// ---------------------------------------------------------------------------------------------
// Format-shaped strings: valid by construction, and near misses

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const dateArb = fc
  .tuple(int(0, 9999), int(1, 12), int(1, 31))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, daysInMonth(y, m)), 2)}`);
const partialTimeArb = fc
  .tuple(int(0, 23), int(0, 59), int(0, 59), fc.option(charsFrom(DIGITS, 1, 9), { nil: undefined }))
  .map(([h, m, s, f]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f === undefined ? "" : `.${f}`}`);
const offsetArb = fc.oneof(
  fc.constantFrom("Z", "z"),
  fc
    .tuple(fc.constantFrom("+", "-"), int(0, 23), int(0, 59), fc.constantFrom(":", ""))
    .map(([s, h, m, c]) => `${s}${pad(h, 2)}${c}${pad(m, 2)}`),
  fc.tuple(fc.constantFrom("+", "-"), int(0, 23)).map(([s, h]) => `${s}${pad(h, 2)}`),
);
const LEAP_SECONDS = [
  "23:59:60Z",
  "23:59:60.5z",
  "23:59:60+00:00",
  "00:29:60+00:30",
  "22:59:60-01:00",
];
const timeArb = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(partialTimeArb, offsetArb).map(([t, o]) => t + o) },
  { weight: 1, arbitrary: fc.constantFrom(...LEAP_SECONDS) },
);
const isoTimeArb = fc.oneof(timeArb, partialTimeArb);
const dateTimeSep = fc.constantFrom("T", "t", " ");
const numeral = int(0, 9999).map(String);

function durationOf(parts: {
  y?: string;
  mo?: string;
  d?: string;
  h?: string;
  mi?: string;
  s?: string;
}): string {
  const date = `${parts.y === undefined ? "" : `${parts.y}Y`}${parts.mo === undefined ? "" : `${parts.mo}M`}${parts.d === undefined ? "" : `${parts.d}D`}`;
  const time = `${parts.h === undefined ? "" : `${parts.h}H`}${parts.mi === undefined ? "" : `${parts.mi}M`}${parts.s === undefined ? "" : `${parts.s}S`}`;
  return `P${date}${time === "" ? "" : `T${time}`}`;
}

const durationArb = fc.oneof(
  numeral.map((n) => `P${n}W`),
  fc
    .record(
      { y: numeral, mo: numeral, d: numeral, h: numeral, mi: numeral, s: numeral },
      { requiredKeys: [] },
    )
    .filter((parts) => Object.keys(parts).length > 0)
    .map(durationOf),
);

const labelArb = fc
  .tuple(
    charsFrom(LOWER + DIGITS, 1, 1),
    charsFrom(LOWER + DIGITS + "-", 0, 8),
    charsFrom(LOWER + DIGITS, 1, 1),
  )
  .map(([a, b, c]) => (b === "" ? a : a + b + c));
const hostnameArb = fc
  .tuple(fc.array(labelArb, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([labels, dot]) => labels.join(".") + (dot ? "." : ""));
const decOctet = int(0, 255).map(String);
const ipv4Arb = fc.tuple(decOctet, decOctet, decOctet, decOctet).map((parts) => parts.join("."));
const h16 = charsFrom(HEX, 1, 4);
const ipv6Arb = fc.oneof(
  fc
    .tuple(fc.array(h16, { minLength: 8, maxLength: 8 }), int(0, 8), int(0, 8))
    .map(([groups, start, len]) => {
      if (len === 0) {
        return groups.join(":");
      }
      const from = Math.min(start, 7);
      const to = Math.min(8, from + len);
      return `${groups.slice(0, from).join(":")}::${groups.slice(to).join(":")}`;
    }),
  fc
    .tuple(fc.array(h16, { minLength: 6, maxLength: 6 }), ipv4Arb)
    .map(([groups, v4]) => `${groups.join(":")}:${v4}`),
  ipv4Arb.map((v4) => `::ffff:${v4}`),
);
const pctArb = fc.tuple(charsFrom(HEX, 1, 1), charsFrom(HEX, 1, 1)).map(([a, b]) => `%${a}${b}`);
const pcharArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...unitsOf("abcxyzABC0189._~!$&'()*+,;=:@-")) },
  { weight: 1, arbitrary: pctArb },
);
const segmentArb = fc.array(pcharArb, { maxLength: 5 }).map((p) => p.join(""));
const pathArb = fc
  .array(segmentArb, { maxLength: 3 })
  .map((segments) => segments.map((s) => `/${s}`).join(""));
const queryArb = fc.option(
  fc
    .array(fc.oneof(pcharArb, fc.constantFrom("/", "?")), { maxLength: 6 })
    .map((p) => `?${p.join("")}`),
  { nil: "" },
);
const fragmentArb = fc.option(
  fc
    .array(fc.oneof(pcharArb, fc.constantFrom("/", "?")), { maxLength: 6 })
    .map((p) => `#${p.join("")}`),
  { nil: "" },
);
const schemeArb = fc.oneof(
  fc.constantFrom("http", "https", "urn", "mailto", "ftp", "file", "x-y+z.a", "HTTP"),
  fc.tuple(charsFrom(LOWER, 1, 1), charsFrom(LOWER + DIGITS + "+-.", 0, 5)).map(([a, b]) => a + b),
);
const hostArb = fc.oneof(
  hostnameArb,
  ipv4Arb,
  ipv6Arb.map((v6) => `[${v6}]`),
  fc.constant(""),
);
const portArb = fc.option(
  int(0, 65535).map((p) => `:${p}`),
  { nil: "" },
);
const uriArb = fc.oneof(
  fc
    .tuple(schemeArb, hostArb, portArb, pathArb, queryArb, fragmentArb)
    .map(
      ([scheme, host, port, path, query, fragment]) =>
        `${scheme}://${host}${port}${path}${query}${fragment}`,
    ),
  fc
    .tuple(
      schemeArb,
      pcharArb,
      fc.array(fc.oneof(pcharArb, fc.constant("/")), { maxLength: 8 }),
      queryArb,
    )
    .map(([scheme, first, rest, query]) => `${scheme}:${first}${rest.join("")}${query}`),
);
const relativeSegmentArb = fc
  .array(
    pcharArb.filter((c) => c !== ":"),
    { minLength: 1, maxLength: 5 },
  )
  .map((p) => p.join(""));
const uriReferenceArb = fc.oneof(
  uriArb,
  fc
    .tuple(relativeSegmentArb, pathArb, queryArb, fragmentArb)
    .map(([first, path, query, fragment]) => `${first}${path}${query}${fragment}`),
  fc
    .tuple(pathArb, queryArb, fragmentArb)
    .map(([path, query, fragment]) => `${path}${query}${fragment}`),
  fc.tuple(hostnameArb, pathArb).map(([host, path]) => `//${host}${path}`),
);
const templateLiteralArb = fc.array(
  fc.oneof(fc.constantFrom(...unitsOf("abcXYZ019/:.-_~!$&()*+,;=?#[]@é")), pctArb),
  { maxLength: 6 },
);
const varnameArb = fc.oneof(charsFrom(LOWER + DIGITS + "_", 1, 5), pctArb);
const varspecArb = fc
  .tuple(
    varnameArb,
    fc.oneof(
      fc.constant(""),
      fc.constant("*"),
      int(1, 9999).map((n) => `:${n}`),
    ),
  )
  .map(([name, modifier]) => name + modifier);
const expressionArb = fc
  .tuple(
    fc.constantFrom("", "+", "#", ".", "/", ";", "?", "&", "=", ",", "!", "@", "|"),
    fc.array(varspecArb, { minLength: 1, maxLength: 3 }),
  )
  .map(([op, specs]) => `{${op}${specs.join(",")}}`);
const uriTemplateArb = fc
  .array(
    fc.oneof(
      templateLiteralArb.map((l) => l.join("")),
      expressionArb,
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(""));
const urlHostArb = fc
  .tuple(
    fc.array(charsFrom(LOWER + DIGITS, 1, 6), { minLength: 1, maxLength: 3 }),
    charsFrom(LOWER, 2, 4),
  )
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`);
const urlArb = fc
  .tuple(
    fc.constantFrom("http", "https", "ftp", "HTTPS"),
    fc.option(
      charsFrom(LOWER + DIGITS + ":", 1, 6).map((u) => `${u}@`),
      { nil: "" },
    ),
    fc.oneof(urlHostArb, fc.constantFrom("8.8.8.8", "1.2.3.4", "223.255.255.254")),
    fc.option(
      int(10, 65535).map((p) => `:${p}`),
      { nil: "" },
    ),
    fc.option(
      charsFrom(LOWER + DIGITS + "/?=&#.-_%", 0, 10).map((p) => `/${p}`),
      { nil: "" },
    ),
  )
  .map(([scheme, userinfo, host, port, path]) => `${scheme}://${userinfo}${host}${port}${path}`);
const atomArb = charsFrom(LOWER + DIGITS + "!#$%&'*+/=?^_`{|}~-", 1, 6);
const emailArb = fc
  .tuple(
    fc.array(atomArb, { minLength: 1, maxLength: 3 }),
    fc.array(labelArb, { minLength: 2, maxLength: 3 }),
  )
  .map(([atoms, labels]) => `${atoms.join(".")}@${labels.join(".")}`);
const REGEX_ATOMS = [
  "a",
  "\\d",
  "\\w",
  "[a-z0-9]",
  "(ab|cd)",
  "\\.",
  ".",
  "(?:x)",
  "[^/]",
  "\\u0041",
  "é",
  "\\/",
];
const regexArb = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.constantFrom(...REGEX_ATOMS),
        fc.constantFrom("", "+", "*", "?", "{2}", "{1,3}", "+?"),
      ),
      { maxLength: 5 },
    ),
    fc.boolean(),
  )
  .map(
    ([start, atoms, end]) =>
      `${start ? "^" : ""}${atoms.map(([a, q]) => a + q).join("")}${end ? "$" : ""}`,
  );
const uuidArb = fc
  .tuple(
    fc.boolean(),
    charsFrom(HEX, 8, 8),
    charsFrom(HEX, 4, 4),
    charsFrom(HEX, 4, 4),
    charsFrom(HEX, 4, 4),
    charsFrom(HEX, 12, 12),
  )
  .map(([urn, a, b, c, d, e]) => `${urn ? "urn:uuid:" : ""}${a}-${b}-${c}-${d}-${e}`);
const pointerUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...unitsOf('ab0 é%#😀."\\')) },
  { weight: 1, arbitrary: fc.constantFrom("~0", "~1") },
);
const jsonPointerArb = fc
  .array(
    fc.array(pointerUnit, { maxLength: 4 }).map((u) => u.join("")),
    { maxLength: 4 },
  )
  .map((segments) => segments.map((s) => `/${s}`).join(""));
const fragmentUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...unitsOf("azAZ09_-.!$&'()*+,;:=@")) },
  { weight: 1, arbitrary: fc.oneof(pctArb, fc.constantFrom("~0", "~1")) },
);
const jsonPointerFragmentArb = fc
  .array(
    fc.array(fragmentUnit, { maxLength: 4 }).map((u) => u.join("")),
    { maxLength: 4 },
  )
  .map((segments) => `#${segments.map((s) => `/${s}`).join("")}`);
const relativeJsonPointerArb = fc
  .tuple(fc.nat({ max: 99 }), fc.oneof(fc.constant("#"), jsonPointerArb))
  .map(([n, rest]) => `${n}${rest}`);
const byteArb = fc
  .uint8Array({ maxLength: 16 })
  .map((bytes) => Buffer.from(bytes).toString("base64"));
const anyTextArb = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: "binary", maxLength: 10 }),
  hostileText,
);

/** For every format in STRING_FORMATS: strings that satisfy it (as ajv-formats' full mode defines it). */
export const FORMAT_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  date: dateArb,
  time: timeArb,
  "date-time": fc.tuple(dateArb, dateTimeSep, timeArb).map(([d, s, t]) => d + s + t),
  "iso-time": isoTimeArb,
  "iso-date-time": fc.tuple(dateArb, dateTimeSep, isoTimeArb).map(([d, s, t]) => d + s + t),
  duration: durationArb,
  uri: uriArb,
  "uri-reference": uriReferenceArb,
  "uri-template": uriTemplateArb,
  url: urlArb,
  email: emailArb,
  hostname: hostnameArb,
  ipv4: ipv4Arb,
  ipv6: ipv6Arb,
  regex: regexArb,
  uuid: uuidArb,
  "json-pointer": jsonPointerArb,
  "json-pointer-uri-fragment": jsonPointerFragmentArb,
  "relative-json-pointer": relativeJsonPointerArb,
  byte: byteArb,
  password: anyTextArb,
  binary: anyTextArb,
};

/** One fixed valid example per string format (for hand-built values). */
export const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  date: "2024-02-29",
  time: "23:59:59.5+01:00",
  "date-time": "2024-02-29T12:30:00Z",
  "iso-time": "12:30:00",
  "iso-date-time": "2024-02-29T12:30:00",
  duration: "P1Y2M3DT4H5M6S",
  uri: "https://example.com/a?b=c#d",
  "uri-reference": "../a/b?c#d",
  "uri-template": "https://example.com/{id}{?q,r*}",
  url: "https://example.com:8080/a/b",
  email: "a.b+c@example.com",
  hostname: "example.com",
  ipv4: "192.168.0.1",
  ipv6: "2001:db8::1",
  regex: "^[a-z]+(\\d{2})?$",
  uuid: "123e4567-e89b-12d3-a456-426614174000",
  "json-pointer": "/a~1b/~0c/0",
  "json-pointer-uri-fragment": "#/a~1b/%20",
  "relative-json-pointer": "1/a",
  byte: "aGVsbG8=",
  password: "hunter2",
  binary: "\u0000\u00ff",
};

/** Strings that just miss a format (most are invalid; the property only needs them to be likely invalid). */
const FORMAT_NEAR_MISSES: Readonly<Record<string, readonly string[]>> = {
  date: [
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",
    "24-01-01",
    "2024-1-01",
    "2024-01-01T00:00:00Z",
    "２０２４-01-01",
  ],
  time: [
    "12:00:00",
    "24:00:00Z",
    "12:60:00Z",
    "12:00:60Z",
    "12:00:00+24:00",
    "12:00:00+01:60",
    "12:00Z",
    "23:59:61Z",
    "12:00:00 Z",
  ],
  "date-time": [
    "2024-02-29",
    "2024-02-29T12:00:00",
    "2023-02-29T12:00:00Z",
    "2024-02-29TT12:00:00Z",
    "2024-02-29_12:00:00Z",
    "2024-02-29T25:00:00Z",
  ],
  "iso-time": ["24:00:00", "12:00", "12:00:00+25:00", "1:00:00"],
  "iso-date-time": ["2024-02-30T00:00:00", "2024-02-29", "2024-02-29T12:00"],
  duration: ["P", "PT", "P1Y2W", "P1H", "PT1D", "1Y", "P1.5Y", "P-1D", "P1DT"],
  uri: [
    "",
    "//example.com",
    "example.com",
    "1http://x",
    "http://exa mple.com",
    "http://[::1",
    "a:b c",
    "/relative",
  ],
  "uri-reference": ["a b", "http://[x]", "%zz", "\\", "a\nb", "#frag ment"],
  "uri-template": ["{", "}", "{a b}", "a b", "{a.b}", "{a:0}", "{a:10000}", "%g0", "<x>"],
  url: [
    "http://localhost",
    "https://example",
    "http://10.0.0.1",
    "mailto:a@b.com",
    "http:/example.com",
    "https://exa mple.com",
  ],
  email: ["a", "a@", "@b.com", "a@b", "a..b@c.com", "a@-b.com", "a b@c.com", "a@b.c_om"],
  hostname: [
    "",
    "-a.com",
    "a-.com",
    "a..b",
    "a_b.com",
    "a".repeat(64),
    `${"a.".repeat(127)}ab`,
    "é.com",
  ],
  ipv4: ["256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.-4", " 1.2.3.4"],
  ipv6: [
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "12345::",
    ":1:2",
    "g::",
    "1:2:3:4:5:6:7",
    "::ffff:256.1.1.1",
  ],
  regex: ["(", "[", "a{2,1}", "\\", "*a", "a\\Z", "(?<n>a)(?<n>b)"],
  uuid: [
    "123e4567-e89b-12d3-a456-42661417400",
    "123e4567e89b12d3a456426614174000",
    "g23e4567-e89b-12d3-a456-426614174000",
    "urn:uuid:",
  ],
  "json-pointer": ["a", "/~", "/~2", "#/a", "/a~"],
  "json-pointer-uri-fragment": ["/a", "#a", "#/a b", "#/%zz", "#/~2"],
  "relative-json-pointer": ["", "-1", "01/a", "1a", "/a", "1#/a"],
  byte: ["a", "aGVsbG8", "aGVsbG8==", "a===", "@@@@", "aGVs\nbG8="],
  password: [],
  binary: [],
};

const EDIT_UNITS = unitsOf("0123456789:-.TZtz+ /?#%@[]{}~ab\né😀\u0000\\");

/** A string with up to two random single-unit edits (insert, delete, replace). */
function edited(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), int(0, 2), fc.constantFrom(...EDIT_UNITS));
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 2 })).map(([s, edits]) =>
    edits.reduce((acc, [pos, op, ch]) => {
      const i = acc.length === 0 ? 0 : pos % (acc.length + (op === 0 ? 1 : 0));
      if (op === 0) {
        return acc.slice(0, i) + ch + acc.slice(i);
      }
      if (op === 1) {
        return acc.slice(0, i) + acc.slice(i + 1);
      }
      return acc.slice(0, i) + ch + acc.slice(i + 1);
    }, s),
  );
}

function brokenFormat(format: string): fc.Arbitrary<string> {
  const valid = FORMAT_VALUES[format] ?? fc.string();
  const misses = FORMAT_NEAR_MISSES[format] ?? [];
  return fc.oneof(
    edited(valid),
    valid.map((s) => `${s} `),
    valid.map((s) => `\n${s}`),
    ...(misses.length > 0 ? [fc.constantFrom(...misses)] : []),
  );
}

// ---------------------------------------------------------------------------------------------
// Numbers

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const SPECIAL_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e21,
  -1e21,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  INT32_MAX,
  INT32_MIN,
  0.1,
];
const anyDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(...SPECIAL_NUMBERS),
);
const anyInteger = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(
    0,
    -0,
    1e21,
    -(2 ** 63),
    2 ** 64,
    Number.MAX_VALUE,
    INT32_MAX,
    INT32_MIN,
    INT32_MAX + 1,
  ),
);

const ENCODED_RANGES: Readonly<
  Record<Exclude<EncodedNumberKind, "decimal">, readonly [bigint, bigint]>
> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  int128: [-(2n ** 127n), 2n ** 127n - 1n],
  uint128: [0n, 2n ** 128n - 1n],
};

function encodedValid(kind: EncodedNumberKind): fc.Arbitrary<string> {
  if (kind === "decimal") {
    return fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.constant("0"), fc.bigInt({ min: 1n, max: 10n ** 40n }).map(String)),
        charsFrom(DIGITS, 1, 12),
      )
      .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}.${fraction}`);
  }
  const [min, max] = ENCODED_RANGES[kind];
  const signed = min < 0n;
  return fc.oneof(
    fc.bigInt({ min, max }).map(String),
    fc
      .bigInt({ min: -1000n, max: 1000n })
      .filter((n) => n >= min)
      .map(String),
    fc.constantFrom(
      String(min),
      String(max),
      String(max - 1n),
      "0",
      ...(signed ? ["-0", String(min + 1n)] : []),
    ),
  );
}

function encodedBroken(kind: EncodedNumberKind): fc.Arbitrary<unknown> {
  const general: unknown[] = [
    "",
    "-",
    "+1",
    "01",
    "-01",
    " 1",
    "1 ",
    "1e3",
    "0x10",
    "١",
    "1_000",
    1,
    0,
    null,
    "NaN",
    "Infinity",
  ];
  if (kind === "decimal") {
    return fc.oneof(
      fc.constantFrom(
        ...general,
        "1",
        "-1",
        "1.",
        ".5",
        "-.5",
        "01.5",
        "1.5e3",
        "1,5",
        "--1.0",
        1.5,
      ),
      edited(encodedValid(kind)),
    );
  }
  const [min, max] = ENCODED_RANGES[kind];
  const outOfRange = [String(max + 1n), String(min - 1n), String(max * 10n), `${max}0`];
  const kindSpecific = min === 0n ? ["-1", "-0", String(-max)] : [String(min * 2n)];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...outOfRange, ...kindSpecific) },
    { weight: 2, arbitrary: fc.constantFrom(...general, "1.0", "1.5") },
    { weight: 2, arbitrary: fc.bigInt({ min: max + 1n, max: max * 4n }).map(String) },
    { weight: 1, arbitrary: edited(encodedValid(kind)) },
  );
}

// ---------------------------------------------------------------------------------------------
// Models

/** Declaration names: PascalCase identifiers as the normalizers make them, including ones that shadow globals. */
export const DECLARATION_NAMES: readonly string[] = [
  "Root",
  "Item",
  "Node",
  "Entry",
  "Tree",
  "Status",
  "Value",
  "Object",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Error",
  "TypeError",
  "Map",
  "Set",
  "Record",
  "Partial",
  "Promise",
  "Function",
  "JSON",
  "Symbol",
  "Types",
  "Check1",
  "_1",
  "_2Fa",
];

const literalValueArb: fc.Arbitrary<LiteralValue> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.oneof(charsFrom(LOWER, 0, 6), fc.constantFrom(...HAZARD_KEYS), hostileText),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(...SPECIAL_NUMBERS),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
/** `===` identity of literal values (0 and -0 are one value for guards and for ajv alike). */
const literalIdentity = (v: LiteralValue): string =>
  `${typeof v}:${typeof v === "number" && v === 0 ? "0" : String(v)}`;

export const literalValuesArb = (minLength = 1, maxLength = 5): fc.Arbitrary<LiteralValue[]> =>
  fc.uniqueArray(literalValueArb, { minLength, maxLength, selector: literalIdentity });

const annotationsArb: fc.Arbitrary<Annotations> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: hostileText.map((description) => ({ description })) },
  {
    weight: 1,
    arbitrary: fc.constant({ description: "Deprecated: use something else.", deprecated: true }),
  },
);

/** Patterns ("u" flag, unanchored, as ajv compiles them), each with strings that match it. */
export const STRING_PATTERNS: readonly {
  readonly pattern: string;
  readonly example: string;
  readonly values: fc.Arbitrary<string>;
}[] = [
  { pattern: "^[a-z]+$", example: "abc", values: charsFrom(LOWER, 1, 8) },
  {
    pattern: "^\\d{3}-\\d{4}$",
    example: "555-0100",
    values: fc.tuple(charsFrom(DIGITS, 3, 3), charsFrom(DIGITS, 4, 4)).map(([a, b]) => `${a}-${b}`),
  },
  {
    pattern: "é|ß",
    example: "straße",
    values: fc.tuple(anyTextArb, fc.constantFrom("é", "ß"), anyTextArb).map((p) => p.join("")),
  },
  {
    pattern: "^\\p{Lu}",
    example: "Ωmega",
    values: fc.tuple(fc.constantFrom("A", "É", "Ω", "Ж", "𝐀"), anyTextArb).map((p) => p.join("")),
  },
  // With the "u" flag "." is one code point: "😀é" has two.
  {
    pattern: "^.{2}$",
    example: "😀é",
    values: fc
      .array(fc.constantFrom("a", "é", "😀", "\u{10000}", "\u0000", " ", "\ud800"), {
        minLength: 2,
        maxLength: 2,
      })
      .map((p) => p.join("")),
  },
  {
    pattern: "[\\u{1F600}-\\u{1F64F}]",
    example: "ok 😀",
    values: fc
      .tuple(anyTextArb, fc.constantFrom("😀", "🙏", "😎"), anyTextArb)
      .map((p) => p.join("")),
  },
  {
    pattern: "^$|^[^\\s]+$",
    example: "",
    values: fc.oneof(fc.constant(""), charsFrom(LOWER + DIGITS + "é😀/~", 1, 6)),
  },
];

/**
 * Patterns that enriched outputs carry from their OpenAPI specs (fixtures/enrich/, the Letta spec). Only looked up
 * when making values, never drawn into generated models, so the model generators' seeds keep their meaning.
 */
const SPEC_PATTERNS: readonly {
  readonly pattern: string;
  readonly example: string;
  readonly values: fc.Arbitrary<string>;
}[] = [
  {
    pattern: "^evt-[0-9a-f]{4}$",
    example: "evt-00af",
    values: charsFrom("0123456789abcdef", 4, 4).map((h) => `evt-${h}`),
  },
  {
    pattern: "^(job|run)-[a-fA-F0-9]{8}",
    example: "run-0c1d2e3f",
    values: fc
      .tuple(fc.constantFrom("job", "run"), charsFrom(HEX, 8, 8), anyTextArb)
      .map((p) => `${p[0]}-${p[1]}${p[2]}`),
  },
  {
    pattern: "^message-[a-fA-F0-9]{8}",
    example: "message-0c1d2e3f",
    values: fc.tuple(charsFrom(HEX, 8, 8), anyTextArb).map((p) => `message-${p[0]}${p[1]}`),
  },
];

/** A pattern's example and values, from either list. */
function knownPattern(pattern: string) {
  return (
    STRING_PATTERNS.find((p) => p.pattern === pattern) ??
    SPEC_PATTERNS.find((p) => p.pattern === pattern)
  );
}

/** Code point units that never pair up with a neighbour (no lone low surrogate), so counting them counts code points. */
const CODE_POINT_UNITS = ["a", "é", "😀", "\u0000", "\ud800", " ", "\n", "\u{10FFFF}"];

const stringNodeArb: fc.Arbitrary<TypeNode> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<TypeNode>({ kind: "string" }) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...STRING_FORMATS)
      .map((format): TypeNode => ({ kind: "string", format })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.option(int(0, 3), { nil: undefined }), fc.option(int(0, 4), { nil: undefined }))
      .filter(([min, extra]) => min !== undefined || extra !== undefined)
      .map(([min, extra]): TypeNode => ({
        kind: "string",
        ...(min === undefined ? {} : { minLength: min }),
        ...(extra === undefined ? {} : { maxLength: (min ?? 0) + extra }),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...STRING_PATTERNS)
      .map(({ pattern }): TypeNode => ({ kind: "string", pattern })),
  },
);

const numberNodeArb: fc.Arbitrary<TypeNode> = fc
  .record({
    integer: fc.boolean(),
    format: fc.option(fc.constantFrom(...NUMBER_FORMATS), { nil: undefined, freq: 3 }),
    bounds: fc.option(
      fc.record({
        low: int(-50, 50),
        span: int(4, 100),
        lowKind: fc.constantFrom("none", "inclusive", "exclusive"),
        highKind: fc.constantFrom("none", "inclusive", "exclusive"),
      }),
      { nil: undefined, freq: 2 },
    ),
    multipleOf: fc.option(fc.constantFrom(1, 2, 3, 0.5, 0.25, 0.1), { nil: undefined, freq: 3 }),
  })
  .map(({ integer, format, bounds, multipleOf }): TypeNode => {
    const low = bounds?.low ?? 0;
    const high = bounds === undefined ? 0 : bounds.low + bounds.span;
    return {
      kind: "number",
      integer,
      ...(format === undefined ? {} : { format }),
      ...(bounds?.lowKind === "inclusive"
        ? { minimum: low }
        : bounds?.lowKind === "exclusive"
          ? { exclusiveMinimum: low }
          : {}),
      ...(bounds?.highKind === "inclusive"
        ? { maximum: high }
        : bounds?.highKind === "exclusive"
          ? { exclusiveMaximum: high }
          : {}),
      ...(multipleOf === undefined ? {} : { multipleOf }),
    };
  });
const encodedNodeArb: fc.Arbitrary<TypeNode> = fc
  .constantFrom<EncodedNumberKind>("int64", "uint64", "int128", "uint128", "decimal")
  .map((encoding) => ({ kind: "encoded", encoding }));
const literalNodeArb: fc.Arbitrary<TypeNode> = literalValuesArb().map((values) => ({
  kind: "literal",
  values,
}));

interface NodeContext {
  /** Every declaration name, in order. */
  readonly names: readonly string[];
  /** Index of the declaration being built: refs to later declarations are always allowed (the ref graph is a DAG). */
  readonly index: number;
  /**
   * True under an array (with no minimum), a map, an optional property or a union with null: a value can stop
   * there, so a ref back to this or an earlier declaration (recursion) still has finite valid values.
   */
  readonly escapable: boolean;
  readonly depth: number;
}

function propertiesArb(
  ctx: NodeContext,
  child: (escapable: boolean) => fc.Arbitrary<TypeNode>,
): fc.Arbitrary<Property[]> {
  return fc.uniqueArray(declaredKeyArb, { maxLength: 5 }).chain((keys) =>
    fc.tuple(
      ...keys.map((key) =>
        fc.tuple(fc.boolean(), annotationsArb).chain(([required, annotations]) =>
          child(ctx.escapable || !required).map((type): Property => ({
            key,
            required,
            type,
            annotations,
            pointer: "",
          })),
        ),
      ),
    ),
  );
}

const TUPLE_LABELS = [
  "x",
  "first",
  "value",
  "default",
  "new",
  "class",
  "in",
  "__proto__",
  "constructor",
  "a b",
  "$",
  "_1",
  "é",
];

/** Objects: open, closed or typed extra keys; sometimes property-count limits or dependent required keys. */
function objectNodeArb(
  ctx: NodeContext,
  child: (escapable: boolean) => fc.Arbitrary<TypeNode>,
): fc.Arbitrary<TypeNode> {
  return fc
    .tuple(
      fc.constantFrom<"open" | "closed" | "typed">("open", "closed", "closed", "typed"),
      fc.constantFrom("plain", "plain", "counts", "dependent"),
    )
    .chain(([openness, rules]) =>
      fc.tuple(
        propertiesArb(ctx, child),
        openness === "typed" ? child(true) : fc.constant(openness === "open"),
        fc.constant(rules),
        fc.nat(),
        fc.nat(),
        fc.nat(),
      ),
    )
    .map(([properties, additionalProperties, rules, a, b, c]): TypeNode => {
      const node: ObjectNode = { kind: "object", properties, additionalProperties };
      const required = properties.filter((p) => p.required).length;
      if (rules === "counts") {
        const minProperties = a % (required + 1);
        return {
          ...node,
          minProperties,
          ...(b % 3 === 0 ? {} : { maxProperties: required + (c % 4) }),
        };
      }
      if (rules === "dependent" && properties.length >= 2) {
        // Dependencies only on optional keys whose values can stop (no recursion is forced by a trigger).
        const optional = properties.filter((p) => !p.required);
        const trigger = properties[a % properties.length];
        const others = optional.filter((p) => p.key !== trigger?.key);
        if (trigger !== undefined && others.length > 0) {
          const requires = [
            ...new Set([
              others[b % others.length]?.key ?? "",
              others[c % others.length]?.key ?? "",
            ]),
          ];
          return { ...node, dependentRequired: [{ key: trigger.key, requires }] };
        }
      }
      return node;
    });
}

function nodeArb(ctx: NodeContext): fc.Arbitrary<TypeNode> {
  const refTargets = ctx.names.filter((_, i) => i > ctx.index || (ctx.escapable && i <= ctx.index));
  const leaves: fc.WeightedArbitrary<TypeNode>[] = [
    { weight: 1, arbitrary: fc.constant({ kind: "any" }) },
    { weight: 1, arbitrary: fc.constant({ kind: "null" }) },
    { weight: 2, arbitrary: fc.constant({ kind: "boolean" }) },
    { weight: 4, arbitrary: stringNodeArb },
    { weight: 3, arbitrary: numberNodeArb },
    { weight: 2, arbitrary: encodedNodeArb },
    { weight: 2, arbitrary: literalNodeArb },
    ...(refTargets.length > 0
      ? [
          {
            weight: 3,
            arbitrary: fc
              .constantFrom(...refTargets)
              .map((target): TypeNode => ({ kind: "ref", target })),
          },
        ]
      : []),
  ];
  if (ctx.depth <= 0) {
    return fc.oneof(...leaves);
  }
  const child = (escapable: boolean): fc.Arbitrary<TypeNode> =>
    nodeArb({ ...ctx, depth: ctx.depth - 1, escapable });
  const object = objectNodeArb(ctx, child);
  const array = fc
    .record({
      unique: fc.boolean(),
      minItems: fc.option(int(0, 3), { nil: undefined, freq: 2 }),
      extra: fc.option(int(0, 4), { nil: undefined, freq: 2 }),
    })
    .chain(({ unique, minItems: rawMin, extra }) => {
      // Sets cannot promise more than one distinct item for every item type (a one-value literal has one).
      const minItems = unique && rawMin !== undefined ? Math.min(rawMin, 1) : rawMin;
      const maxItems = extra === undefined ? undefined : (minItems ?? 0) + extra;
      return child(ctx.escapable || (minItems ?? 0) === 0).map((items): TypeNode => ({
        kind: "array",
        items,
        unique,
        ...(minItems === undefined ? {} : { minItems }),
        ...(maxItems === undefined ? {} : { maxItems }),
      }));
    });
  const map = fc
    .tuple(
      fc.option(fc.tuple(int(0, 2), fc.option(int(0, 3), { nil: undefined })), {
        nil: undefined,
        freq: 2,
      }),
    )
    .chain(([counts]) =>
      // Entries beyond the first `minEntries` are optional, so a ref back to this declaration stays escapable.
      child(ctx.escapable || counts === undefined || counts[0] === 0).map((values): TypeNode => ({
        kind: "map",
        values,
        ...(counts === undefined ? {} : { minEntries: counts[0] }),
        ...(counts?.[1] === undefined ? {} : { maxEntries: counts[0] + counts[1] }),
      })),
    );
  const tuple = fc
    .tuple(
      fc.oneof(
        { weight: 12, arbitrary: fc.array(child(ctx.escapable), { minLength: 1, maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constant([]) },
      ),
      fc.option(fc.array(fc.constantFrom(...TUPLE_LABELS), { minLength: 4, maxLength: 4 }), {
        nil: undefined,
        freq: 2,
      }),
    )
    .map(([elements, labels]): TypeNode => ({
      kind: "tuple",
      elements,
      ...(labels === undefined ? {} : { labels: labels.slice(0, elements.length) }),
    }));
  const union = fc
    .array(child(ctx.escapable), { minLength: 1, maxLength: 4 })
    .map((members): TypeNode => ({ kind: "union", members }));
  const nullable = fc.tuple(child(true), fc.boolean()).map(([member, nullFirst]): TypeNode => ({
    kind: "union",
    members: nullFirst ? [{ kind: "null" }, member] : [member, { kind: "null" }],
  }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...leaves) },
    { weight: 3, arbitrary: object },
    { weight: 2, arbitrary: array },
    { weight: 1, arbitrary: map },
    { weight: 1, arbitrary: tuple },
    { weight: 1, arbitrary: union },
    { weight: 1, arbitrary: nullable },
  );
}

let modelCounter = 0;

function documentOf(
  declarations: Declaration[],
  dialect: "flat" | "core",
  baseName: string,
): ModelDocument {
  const root = declarations[0]?.name ?? "Root";
  return { file: `${baseName}.json`, baseName, dialect, root, declarations };
}

/** JSON Structure Core-like models: 1-4 declarations, nested compound types, refs (forward, and recursive where escapable). */
export function coreModelArb(maxDepth = 3): fc.Arbitrary<ModelDocument> {
  return fc
    .uniqueArray(fc.constantFrom(...DECLARATION_NAMES), { minLength: 1, maxLength: 4 })
    .chain((names) =>
      fc.tuple(
        ...names.map((name, index) =>
          fc
            .tuple(
              index === 0
                ? fc.oneof(
                    {
                      weight: 3,
                      arbitrary: objectNodeArb(
                        { names, index, escapable: false, depth: maxDepth },
                        (escapable) => nodeArb({ names, index, escapable, depth: maxDepth - 1 }),
                      ),
                    },
                    {
                      weight: 1,
                      arbitrary: nodeArb({ names, index, escapable: false, depth: maxDepth }),
                    },
                  )
                : nodeArb({ names, index, escapable: false, depth: maxDepth - 1 }),
              annotationsArb,
            )
            .map(([type, annotations]): Declaration => ({ name, type, annotations, pointer: "" })),
        ),
      ),
    )
    .map((declarations) =>
      documentOf(declarations, "core", `core-${(modelCounter++).toString(36)}`),
    )
    .filter((doc) => doc.declarations.every((d) => minimalValue(doc, d.type) !== NO_VALUE));
}

type FlatFieldType =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "object"
  | "record"
  | "array"
  | "array<string>"
  | "array<integer>"
  | "array<number>"
  | "array<array<boolean>>";

function flatFieldNode(type: FlatFieldType, format: string | undefined): TypeNode {
  switch (type) {
    case "string":
      return { kind: "string", ...(format === undefined ? {} : { format }) };
    case "number":
    case "integer":
      return {
        kind: "number",
        integer: type === "integer",
        ...(format === undefined ? {} : { format }),
      };
    case "boolean":
      return { kind: "boolean" };
    case "object":
      return { kind: "any" };
    case "record":
      return { kind: "map", values: { kind: "any" } };
    case "array":
      return { kind: "array", items: { kind: "any" }, unique: false };
    case "array<string>":
      return { kind: "array", items: { kind: "string" }, unique: false };
    case "array<integer>":
      return { kind: "array", items: { kind: "number", integer: true }, unique: false };
    case "array<number>":
      return { kind: "array", items: { kind: "number", integer: false }, unique: false };
    case "array<array<boolean>>":
      return {
        kind: "array",
        items: { kind: "array", items: { kind: "boolean" }, unique: false },
        unique: false,
      };
  }
}

const flatFieldArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom<FlatFieldType>(
        "string",
        "string",
        "number",
        "integer",
        "boolean",
        "object",
        "object",
        "record",
        "array",
        "array<string>",
        "array<integer>",
        "array<number>",
        "array<array<boolean>>",
      )
      .chain((type) =>
        type === "string"
          ? fc
              .option(fc.constantFrom(...STRING_FORMATS), { nil: undefined })
              .map((format) => flatFieldNode(type, format))
          : type === "number" || type === "integer"
            ? fc
                .option(fc.constantFrom(...NUMBER_FORMATS), { nil: undefined, freq: 3 })
                .map((format) => flatFieldNode(type, format))
            : fc.constant(flatFieldNode(type, undefined)),
      )
      .map((node) => ({ node, enumValues: undefined as LiteralValue[] | undefined })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom("string", "integer", "number", "boolean").chain((scalar) =>
      (scalar === "string"
        ? fc.uniqueArray(
            fc.oneof(charsFrom(LOWER, 1, 8), fc.constantFrom(...HAZARD_KEYS), hostileText),
            { minLength: 1, maxLength: 6 },
          )
        : scalar === "integer"
          ? fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), {
              minLength: 1,
              maxLength: 6,
              selector: (n) => (n === 0 ? 0 : n),
            })
          : scalar === "number"
            ? fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
                minLength: 1,
                maxLength: 6,
                selector: (n) => (n === 0 ? 0 : n),
              })
            : fc.uniqueArray(fc.boolean(), { minLength: 1, maxLength: 2 })
      ).map((values) => ({
        node: undefined as TypeNode | undefined,
        enumValues: values,
      })),
    ),
  },
);

/** Flat-dialect-like models: one root object of scalar, any, record and array fields, plus one literal declaration per enum field. */
export function flatModelArb(): fc.Arbitrary<ModelDocument> {
  return fc
    .tuple(
      fc.uniqueArray(fc.tuple(declaredKeyArb, fc.boolean(), annotationsArb, flatFieldArb), {
        maxLength: 10,
        selector: ([key]) => key,
      }),
      fc.boolean(),
      annotationsArb,
    )
    .map(([fields, additionalProperties, annotations]) => {
      const enums: Declaration[] = [];
      const properties = fields.map(
        ([key, required, fieldAnnotations, { node, enumValues }]): Property => {
          let type: TypeNode = node ?? { kind: "any" };
          if (enumValues !== undefined) {
            const name = `RootEnum${enums.length}`;
            enums.push({
              name,
              type: { kind: "literal", values: enumValues },
              annotations: fieldAnnotations,
              pointer: "",
            });
            type = { kind: "ref", target: name };
          }
          return { key, required, type, annotations: fieldAnnotations, pointer: "" };
        },
      );
      const root: Declaration = {
        name: "Root",
        type: { kind: "object", properties, additionalProperties },
        annotations,
        pointer: "",
      };
      return documentOf([root, ...enums], "flat", `flat-${(modelCounter++).toString(36)}`);
    });
}

// ---------------------------------------------------------------------------------------------
// Values

export function declarationOf(doc: ModelDocument, name: string): Declaration {
  const found = doc.declarations.find((d) => d.name === name);
  if (found === undefined) {
    throw new Error(`model has no declaration ${name}`);
  }
  return found;
}

export const NO_VALUE: unique symbol = Symbol("no value");

/** The keys `present` plus every key `dependentRequired` pulls in, transitively, in a stable order. */
function withDependents(node: ObjectNode, present: readonly string[]): string[] {
  const keys = [...present];
  for (let i = 0; i < keys.length; i++) {
    for (const rule of node.dependentRequired ?? []) {
      if (rule.key === keys[i]) {
        keys.push(...rule.requires.filter((k) => !keys.includes(k)));
      }
    }
  }
  return keys;
}

/** Whether `v` satisfies a number node, with ajv's arithmetic for `multipleOf` (quotient === parseInt(quotient)). */
export function numberOk(node: Extract<TypeNode, { kind: "number" }>, v: number): boolean {
  if (!Number.isFinite(v) || (node.integer && !Number.isInteger(v))) {
    return false;
  }
  if (node.format === "int64" && !Number.isInteger(v)) {
    return false;
  }
  if (node.format === "int32" && !(Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX)) {
    return false;
  }
  if (node.minimum !== undefined && !(v >= node.minimum)) {
    return false;
  }
  if (node.maximum !== undefined && !(v <= node.maximum)) {
    return false;
  }
  if (node.exclusiveMinimum !== undefined && !(v > node.exclusiveMinimum)) {
    return false;
  }
  if (node.exclusiveMaximum !== undefined && !(v < node.exclusiveMaximum)) {
    return false;
  }
  if (node.multipleOf !== undefined) {
    const quotient = v / node.multipleOf;
    if (quotient !== parseInt(String(quotient), 10)) {
      return false;
    }
  }
  return true;
}

function numberRange(node: Extract<TypeNode, { kind: "number" }>): {
  low: number;
  high: number;
  step: number | undefined;
} {
  const low = node.minimum ?? node.exclusiveMinimum ?? -1000;
  const high = node.maximum ?? node.exclusiveMaximum ?? 1000;
  const step =
    node.multipleOf ??
    (node.integer || node.format === "int32" || node.format === "int64" ? 1 : undefined);
  return { low, high, step };
}

function isConstrained(node: Extract<TypeNode, { kind: "number" }>): boolean {
  return [
    node.minimum,
    node.maximum,
    node.exclusiveMinimum,
    node.exclusiveMaximum,
    node.multipleOf,
  ].some((x) => x !== undefined);
}

/** A valid number for the node, if a small search finds one. */
function numberExample(node: Extract<TypeNode, { kind: "number" }>): number | undefined {
  if (!isConstrained(node)) {
    return 0;
  }
  const { low, high, step } = numberRange(node);
  const steps = step === undefined ? 0 : Math.floor(high / step) - Math.ceil(low / step) + 3;
  const candidates =
    step === undefined
      ? [low, high, 0, (low + high) / 2, Math.round((low + high) / 2)]
      : steps > 1000
        ? // A wide range (a Core int32 is -2^31 to 2^31 - 1): its ends, and the multiples nearest 0.
          [0, Math.ceil(low / step) * step, Math.floor(high / step) * step, step, -step]
        : Array.from({ length: steps }, (_, i) => (Math.ceil(low / step) - 1 + i) * step);
  return candidates.find((v) => numberOk(node, v));
}

/** A small valid value for the node, or NO_VALUE when none is finite (a ref cycle with no way out). */
export function minimalValue(
  doc: ModelDocument,
  node: TypeNode,
  visiting: ReadonlySet<string> = new Set(),
): unknown {
  switch (node.kind) {
    case "any":
    case "null":
      return null;
    case "boolean":
      return false;
    case "string":
      if (node.pattern !== undefined) {
        return knownPattern(node.pattern)?.example ?? NO_VALUE;
      }
      if (node.minLength !== undefined) {
        return "a".repeat(node.minLength);
      }
      return node.format === undefined ? "" : (FORMAT_EXAMPLES[node.format] ?? "");
    case "number":
      return numberExample(node) ?? NO_VALUE;
    case "encoded":
      return node.encoding === "decimal" ? "0.0" : "0";
    case "literal":
      return node.values.length === 0 ? NO_VALUE : node.values[0];
    case "object": {
      const entries: [string, unknown][] = [];
      for (const key of withDependents(
        node,
        node.properties.filter((p) => p.required).map((p) => p.key),
      )) {
        const property = node.properties.find((p) => p.key === key);
        const value = property === undefined ? null : minimalValue(doc, property.type, visiting);
        if (value === NO_VALUE) {
          return NO_VALUE;
        }
        entries.push([key, value]);
      }
      return objectFrom(entries);
    }
    case "array": {
      const count = node.minItems ?? 0;
      if (count === 0) {
        return [];
      }
      const item = minimalValue(doc, node.items, visiting);
      return item === NO_VALUE || (node.unique && count > 1)
        ? NO_VALUE
        : Array.from({ length: count }, () => item);
    }
    case "map": {
      const count = node.minEntries ?? 0;
      if (count === 0) {
        return {};
      }
      const value = minimalValue(doc, node.values, visiting);
      return value === NO_VALUE
        ? NO_VALUE
        : objectFrom(Array.from({ length: count }, (_, i): [string, unknown] => [`k${i}`, value]));
    }
    case "tuple": {
      const items = node.elements.map((e) => minimalValue(doc, e, visiting));
      return items.includes(NO_VALUE) ? NO_VALUE : items;
    }
    case "union": {
      for (const member of node.members) {
        const value = minimalValue(doc, member, visiting);
        if (value !== NO_VALUE) {
          return value;
        }
      }
      return NO_VALUE;
    }
    case "ref":
      return visiting.has(node.target)
        ? NO_VALUE
        : minimalValue(
            doc,
            declarationOf(doc, node.target).type,
            new Set([...visiting, node.target]),
          );
  }
}

/** Arbitraries per (node, budget), so recursive models build a bounded number of arbitraries. */
class ValueArbitraries {
  private readonly valid = new Map<TypeNode, Map<number, fc.Arbitrary<unknown>>>();
  private readonly invalid = new Map<TypeNode, Map<number, fc.Arbitrary<unknown>>>();

  constructor(private readonly doc: ModelDocument) {}

  /** Values that satisfy `node`, by construction. `budget` bounds nesting (and recursion through refs). */
  validOf(node: TypeNode, budget: number): fc.Arbitrary<unknown> {
    return memo(this.valid, node, budget, () => this.buildValid(node, budget));
  }

  /** Values made from a valid one by one mutation somewhere inside: likely, not certainly, invalid. */
  mutantOf(node: TypeNode, budget: number): fc.Arbitrary<unknown> {
    return memo(this.invalid, node, budget, () => this.buildMutant(node, budget));
  }

  private buildValid(node: TypeNode, budget: number): fc.Arbitrary<unknown> {
    if (budget <= 0) {
      const minimal = minimalValue(this.doc, node);
      if (minimal === NO_VALUE) {
        throw new Error(`no finite value for ${JSON.stringify(node)}`);
      }
      return fc.constant(minimal);
    }
    const next = budget - 1;
    switch (node.kind) {
      case "any":
        return jsonArb;
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "string":
        if (node.pattern !== undefined) {
          return knownPattern(node.pattern)?.values ?? fc.constant("");
        }
        if (node.minLength !== undefined || node.maxLength !== undefined) {
          const minLength = node.minLength ?? 0;
          return fc
            .array(fc.constantFrom(...CODE_POINT_UNITS), {
              minLength,
              maxLength: node.maxLength ?? minLength + 6,
            })
            .map((units) => units.join(""));
        }
        return node.format === undefined ? anyTextArb : (FORMAT_VALUES[node.format] ?? fc.string());
      case "number": {
        if (isConstrained(node)) {
          const { low, high, step } = numberRange(node);
          const example = numberExample(node);
          const candidates =
            step === undefined
              ? fc.oneof(
                  fc.double({ min: low, max: high, noNaN: true }),
                  fc.constantFrom(low, high, (low + high) / 2),
                )
              : fc
                  .integer({ min: Math.ceil(low / step) - 1, max: Math.floor(high / step) + 1 })
                  .map((k) => k * step);
          return example === undefined
            ? fc.constant(NO_VALUE)
            : candidates.map((v) => (numberOk(node, v) ? v : example));
        }
        if (node.format === "int32") {
          return fc.integer({ min: INT32_MIN, max: INT32_MAX });
        }
        return node.integer || node.format === "int64" ? anyInteger : anyDouble;
      }
      case "encoded":
        return encodedValid(node.encoding);
      case "literal":
        return fc.constantFrom(...node.values);
      case "object":
        return this.validObject(node, next);
      case "array": {
        const minLength = node.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(node.maxItems ?? 4, budget >= 2 ? 4 : 2));
        const items = fc.array(this.validOf(node.items, next), { minLength, maxLength });
        return node.unique ? items.map(dedupe) : items;
      }
      case "map": {
        const minLength = node.minEntries ?? 0;
        const maxLength = Math.max(minLength, Math.min(node.maxEntries ?? 3, minLength + 3));
        return fc
          .uniqueArray(fc.tuple(keyArb, this.validOf(node.values, next)), {
            minLength,
            maxLength,
            selector: ([k]) => k,
          })
          .map((entries) => objectFrom(entries));
      }
      case "tuple":
        return node.elements.length === 0
          ? fc.constant([])
          : fc.tuple(...node.elements.map((e) => this.validOf(e, next)));
      case "union":
        return fc.oneof(...node.members.map((m) => this.validOf(m, budget)));
      case "ref":
        return this.validOf(declarationOf(this.doc, node.target).type, next);
    }
  }

  private validObject(node: ObjectNode, next: number): fc.Arbitrary<unknown> {
    const declared = new Set(node.properties.map((p) => p.key));
    const props = node.properties.map((p) =>
      p.required
        ? this.validOf(p.type, next).map((v): [string, unknown][] => [[p.key, v]])
        : fc
            .option(this.validOf(p.type, next), { nil: NO_VALUE })
            .map((v): [string, unknown][] => (v === NO_VALUE ? [] : [[p.key, v]])),
    );
    const extraValue =
      node.additionalProperties === false
        ? undefined
        : node.additionalProperties === true
          ? jsonArb
          : this.validOf(node.additionalProperties, next);
    const extras =
      extraValue === undefined
        ? fc.constant([] as [string, unknown][])
        : fc.array(
            fc.tuple(
              keyArb.filter((k) => !declared.has(k)),
              extraValue,
            ),
            { maxLength: 2 },
          );
    // A backup value for every declared key: `dependentRequired` may pull in keys the draw left out.
    const backups = fc.tuple(...node.properties.map((p) => this.validOf(p.type, next)));
    return fc
      .tuple(
        fc.tuple(...props),
        extras,
        node.dependentRequired === undefined ? fc.constant([]) : backups,
      )
      .map(([present, extra, backup]) => {
        let entries: [string, unknown][] = [...present.flat(), ...firstKeyWins(extra)];
        if (node.dependentRequired !== undefined) {
          const keys = withDependents(
            node,
            entries.map(([k]) => k),
          );
          const have = new Map(entries);
          entries = keys.map((k): [string, unknown] => [
            k,
            have.has(k) ? have.get(k) : backup[node.properties.findIndex((p) => p.key === k)],
          ]);
        }
        if (node.maxProperties !== undefined) {
          // Drop extra keys, then optional ones, until the count fits (required keys alone always fit).
          const required = new Set(node.properties.filter((p) => p.required).map((p) => p.key));
          const droppable = [
            ...entries.filter(([k]) => !declared.has(k)),
            ...entries.filter(([k]) => declared.has(k) && !required.has(k)),
          ].map(([k]) => k);
          const drop = new Set(
            droppable.slice(0, Math.max(0, entries.length - node.maxProperties)),
          );
          entries = entries.filter(([k]) => !drop.has(k));
        }
        return objectFrom(entries);
      });
  }

  private buildMutant(node: TypeNode, budget: number): fc.Arbitrary<unknown> {
    const next = Math.max(budget - 1, 0);
    const wrongType = fc.constantFrom<unknown>(
      null,
      true,
      0,
      1.5,
      -1,
      "",
      "x",
      "0",
      [],
      {},
      [null],
      { "": null },
    );
    if (budget <= 0 && node.kind === "ref") {
      // Refs are where recursion happens: at the end of the budget, stop mutating deeper.
      return wrongType;
    }
    const valid = this.validOf(node, budget);
    const options: fc.Arbitrary<unknown>[] = [wrongType];
    switch (node.kind) {
      case "any":
        break;
      case "null":
        options.push(fc.constantFrom("null", 0, false, [], {}));
        break;
      case "boolean":
        options.push(fc.constantFrom("true", "false", 0, 1, null));
        break;
      case "string":
        if (node.format !== undefined) {
          options.push(brokenFormat(node.format), brokenFormat(node.format));
        }
        if (node.pattern !== undefined) {
          options.push(anyTextArb, edited(valid.map(String)));
        }
        if (node.minLength !== undefined && node.minLength > 0) {
          options.push(
            fc
              .array(fc.constantFrom(...CODE_POINT_UNITS), {
                minLength: node.minLength - 1,
                maxLength: node.minLength - 1,
              })
              .map((u) => u.join("")),
          );
        }
        if (node.maxLength !== undefined) {
          options.push(
            fc
              .array(fc.constantFrom(...CODE_POINT_UNITS, "\udc00"), {
                minLength: node.maxLength + 1,
                maxLength: node.maxLength + 2,
              })
              .map((u) => u.join("")),
          );
        }
        options.push(fc.constantFrom(0, null, ["x"]));
        break;
      case "number":
        options.push(
          fc.constantFrom("1", "1.5", null, true, [1]),
          node.integer || node.format === "int32" || node.format === "int64"
            ? fc.oneof(
                fc.constantFrom(0.5, -1.5, 1e-7, 2 ** 53 + 0.5, Number.MIN_VALUE),
                fc.integer().map((n) => n + 0.25),
              )
            : fc.constantFrom("NaN", "Infinity"),
        );
        if (node.format === "int32") {
          options.push(fc.constantFrom(INT32_MAX + 1, INT32_MIN - 1, 2 ** 40, -(2 ** 53)));
        }
        if (isConstrained(node)) {
          const { low, high, step } = numberRange(node);
          const near = [
            low,
            high,
            low - 1,
            high + 1,
            low - 0.5,
            high + 0.5,
            low + 1e-9,
            high - 1e-9,
          ];
          const steps =
            step === undefined
              ? []
              : [step * 3, step * 3 + step / 2, step / 3, 0.1 * 3, 0.7, 1e21, -step * 7];
          options.push(
            fc.constantFrom(...near, ...steps),
            fc
              .integer({ min: Math.floor(low) - 5, max: Math.ceil(high) + 5 })
              .map((n) => n * (step ?? 1) * 0.1),
          );
        }
        break;
      case "encoded":
        options.push(encodedBroken(node.encoding), encodedBroken(node.encoding));
        break;
      case "literal":
        options.push(literalMiss(node.values));
        break;
      case "object":
        options.push(...this.objectMutants(node, budget, valid));
        break;
      case "array":
        options.push(...this.arrayMutants(node, budget, valid));
        break;
      case "map":
        options.push(
          fc
            .tuple(valid, keyArb, this.mutantOf(node.values, next))
            .map(([object, key, bad]) =>
              objectFrom([...entriesOf(object as object).filter(([k]) => k !== key), [key, bad]]),
            ),
          fc.constantFrom([], [["a", 1]], "{}"),
        );
        if ((node.minEntries ?? 0) > 0) {
          options.push(
            valid.map((object) =>
              objectFrom(entriesOf(object as object).slice(0, (node.minEntries ?? 1) - 1)),
            ),
          );
        }
        if (node.maxEntries !== undefined) {
          const max = node.maxEntries;
          options.push(
            fc
              .tuple(
                valid,
                fc.uniqueArray(fc.tuple(keyArb, this.validOf(node.values, next)), {
                  minLength: max + 1,
                  maxLength: max + 2,
                  selector: ([k]) => k,
                }),
              )
              .map(([object, more]) =>
                objectFrom(firstKeyWins([...entriesOf(object as object), ...more])),
              ),
          );
        }
        break;
      case "tuple": {
        const n = node.elements.length;
        options.push(
          valid.map((t) => (t as unknown[]).slice(0, Math.max(n - 1, 0))),
          fc.tuple(valid, jsonArb).map(([t, extra]) => [...(t as unknown[]), extra]),
          valid.map((t) =>
            objectFrom((t as unknown[]).map((v, i): [string, unknown] => [String(i), v])),
          ),
        );
        if (n > 0) {
          options.push(
            fc
              .tuple(valid, fc.nat({ max: n - 1 }))
              .chain(([t, i]) =>
                this.mutantOf(node.elements[i] ?? { kind: "any" }, next).map((bad) =>
                  (t as unknown[]).map((v, j) => (j === i ? bad : v)),
                ),
              ),
          );
        }
        break;
      }
      case "union":
        options.push(...node.members.map((m) => this.mutantOf(m, budget)));
        break;
      case "ref":
        options.push(this.mutantOf(declarationOf(this.doc, node.target).type, next));
        break;
    }
    return fc.oneof(...options);
  }

  private objectMutants(
    node: ObjectNode,
    budget: number,
    valid: fc.Arbitrary<unknown>,
  ): fc.Arbitrary<unknown>[] {
    const next = Math.max(budget - 1, 0);
    const mutants: fc.Arbitrary<unknown>[] = [fc.constantFrom([], "{}", null)];
    const required = node.properties.filter((p) => p.required);
    if (required.length > 0) {
      mutants.push(
        fc
          .tuple(valid, fc.constantFrom(...required))
          .map(([object, p]) =>
            objectFrom(entriesOf(object as object).filter(([k]) => k !== p.key)),
          ),
      );
    }
    if (node.properties.length > 0) {
      mutants.push(
        fc
          .constantFrom(...node.properties)
          .chain((p) =>
            fc
              .tuple(valid, this.mutantOf(p.type, next))
              .map(([object, bad]) => withKey(object as object, p.key, bad)),
          ),
      );
    }
    const declared = new Set(node.properties.map((p) => p.key));
    const extraKey = keyArb.filter((k) => !declared.has(k));
    for (const rule of node.dependentRequired ?? []) {
      const trigger = node.properties.find((p) => p.key === rule.key);
      if (trigger !== undefined) {
        mutants.push(
          fc
            .tuple(valid, this.validOf(trigger.type, next), fc.constantFrom(...rule.requires))
            .map(([object, triggerValue, missing]) =>
              objectFrom([
                ...entriesOf(object as object).filter(([k]) => k !== missing && k !== rule.key),
                [rule.key, triggerValue],
              ]),
            ),
        );
      }
    }
    if (node.maxProperties !== undefined) {
      const max = node.maxProperties;
      mutants.push(
        fc
          .tuple(
            valid,
            fc.uniqueArray(fc.tuple(extraKey, jsonArb), {
              minLength: max + 1,
              maxLength: max + 2,
              selector: ([k]) => k,
            }),
          )
          .map(([object, more]) =>
            objectFrom(firstKeyWins([...entriesOf(object as object), ...more])),
          ),
      );
    }
    if (node.additionalProperties === false) {
      mutants.push(
        fc
          .tuple(valid, extraKey, jsonArb)
          .map(([object, key, v]) => withKey(object as object, key, v)),
      );
    } else if (node.additionalProperties !== true) {
      mutants.push(
        fc
          .tuple(valid, extraKey, this.mutantOf(node.additionalProperties, next))
          .map(([object, key, v]) => withKey(object as object, key, v)),
      );
    }
    return mutants;
  }

  private arrayMutants(
    node: Extract<TypeNode, { kind: "array" }>,
    budget: number,
    valid: fc.Arbitrary<unknown>,
  ): fc.Arbitrary<unknown>[] {
    const next = Math.max(budget - 1, 0);
    const mutants: fc.Arbitrary<unknown>[] = [
      fc.constantFrom({}, { length: 0 }, "[]"),
      fc.tuple(valid, fc.nat(), this.mutantOf(node.items, next)).map(([array, at, bad]) => {
        const items = [...(array as unknown[])];
        items.splice(
          items.length === 0 ? 0 : at % (items.length + 1),
          items.length === 0 ? 0 : 1,
          bad,
        );
        return items;
      }),
    ];
    // Not `valid.filter(non-empty)`: with maxItems 0 that filter would never pass.
    const nonEmpty = fc
      .array(this.validOf(node.items, next), {
        minLength: 1,
        maxLength: Math.max(1, Math.min(node.maxItems ?? 3, 3)),
      })
      .map(dedupe);
    if (node.unique) {
      mutants.push(
        fc.tuple(nonEmpty, fc.nat(), fc.nat()).map(([array, from, to]) => {
          const items = [...array];
          items.splice(to % (items.length + 1), 0, structuredClone(items[from % items.length]));
          return items;
        }),
      );
    }
    if ((node.minItems ?? 0) > 0) {
      mutants.push(valid.map((a) => (a as unknown[]).slice(0, (node.minItems ?? 1) - 1)));
    }
    if (node.maxItems !== undefined) {
      const max = node.maxItems;
      mutants.push(
        fc
          .tuple(
            valid,
            fc.array(this.validOf(node.items, next), { minLength: max + 1, maxLength: max + 2 }),
          )
          .map(([a, more]) =>
            dedupeIf(node.unique, [...(a as unknown[]), ...more]).slice(
              0,
              Math.max(max + 1, (a as unknown[]).length),
            ),
          ),
      );
    }
    return mutants;
  }
}

function memo(
  cache: Map<TypeNode, Map<number, fc.Arbitrary<unknown>>>,
  node: TypeNode,
  budget: number,
  build: () => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  let byBudget = cache.get(node);
  if (byBudget === undefined) {
    byBudget = new Map();
    cache.set(node, byBudget);
  }
  let arb = byBudget.get(budget);
  if (arb === undefined) {
    // Tie the knot lazily: a recursive model asks for the same (node, budget) only at a smaller budget.
    arb = build();
    byBudget.set(budget, arb);
  }
  return arb;
}

function dedupe(items: unknown[]): unknown[] {
  return dedupeIf(true, items);
}

function dedupeIf(unique: boolean, items: unknown[]): unknown[] {
  if (!unique) {
    return items;
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = canonicalJson(item);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function firstKeyWins(entries: readonly (readonly [string, unknown])[]): [string, unknown][] {
  const seen = new Set<string>();
  return entries
    .filter(([k]) => (seen.has(k) ? false : (seen.add(k), true)))
    .map(([k, v]) => [k, v]);
}

function withKey(object: object, key: string, value: unknown): Record<string, unknown> {
  return objectFrom([...entriesOf(object).filter(([k]) => k !== key), [key, value]]);
}

function literalMiss(values: readonly LiteralValue[]): fc.Arbitrary<unknown> {
  const strings = values.filter((v): v is string => typeof v === "string");
  const numbers = values.filter((v): v is number => typeof v === "number");
  const candidates: unknown[] = [
    ...strings.map((s) => `${s}x`),
    ...strings.map((s) => s.toUpperCase()),
    ...strings.map((s) => ` ${s}`),
    ...numbers.map((n) => n + 1),
    ...numbers.map((n) => String(n)),
    ...values.map((v) => [v]),
    !values.includes(true) ? true : "true",
    !values.includes(null) ? null : "null",
    "",
    0.25,
  ];
  return fc.constantFrom(...candidates);
}

export interface TaggedValue {
  /** True when the value is valid by construction; false for mutants and random JSON (likely invalid). */
  readonly valid: boolean;
  readonly value: unknown;
}

/** Valid values, mutants and random JSON for the declaration `name` of `doc`. */
export function taggedValuesArb(
  doc: ModelDocument,
  name: string,
  budget = 4,
): fc.Arbitrary<TaggedValue> {
  const arbitraries = new ValueArbitraries(doc);
  const node = declarationOf(doc, name).type;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: arbitraries.validOf(node, budget).map((value) => ({ valid: true, value })),
    },
    {
      weight: 5,
      arbitrary: arbitraries.mutantOf(node, budget).map((value) => ({ valid: false, value })),
    },
    { weight: 1, arbitrary: jsonArb.map((value) => ({ valid: false, value })) },
  );
}

/** Valid values only. */
export function validValuesArb(
  doc: ModelDocument,
  name: string,
  budget = 4,
): fc.Arbitrary<unknown> {
  return new ValueArbitraries(doc).validOf(declarationOf(doc, name).type, budget);
}
