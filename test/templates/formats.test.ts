import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { fullFormats } from "ajv-formats/dist/formats.js";
import * as F from "../../templates/formats.js";
import {
  RUNS,
  ajvVerdict,
  anyString,
  cat,
  chars,
  differential,
  functionName,
  hex,
  mostly,
  mutated,
  opt,
  padded,
  pick,
  table,
  type FormatName,
} from "./differential.js";

describe("templates/formats.ts exports", () => {
  it("has exactly one format<Name> function per ajv-formats full format", () => {
    const want = Object.keys(fullFormats).map(functionName).sort();
    expect(Object.keys(F).sort()).toEqual(want);
    for (const name of want) expect(typeof (F as Record<string, unknown>)[name]).toBe("function");
  });
});

// ---------------------------------------------------------------------------------------------
// Dates and times

const year = fc.oneof(padded(0, 9999, 4), pick("2000", "1900", "2024", "2023", "2100", "0000"));
const month = fc.oneof(padded(0, 13, 2), pick("02", "12", "01"));
const day = fc.oneof(padded(0, 32, 2), pick("28", "29", "30", "31"));
const dateShape = cat(year, pick("-"), month, pick("-"), day);
const hour = fc.oneof(padded(0, 23, 2), padded(0, 25, 2), pick("23", "00", "22", "24", "99"));
const minute = fc.oneof(padded(0, 59, 2), padded(0, 61, 2), pick("59", "00", "01", "60"));
const second = fc.oneof(padded(0, 59, 2), padded(0, 61, 2), pick("60", "59", "61", "60"));
const fraction = fc.oneof(
  pick("", "", ".", ".5", ".999", ".99999999999999999999"),
  cat(pick("."), chars([..."0123456789"], 20, 1)),
);
const offset = fc.oneof(
  pick("", "Z", "z", "x", "+00:00", "-00:00"),
  cat(pick("+", "-"), hour, pick("", ":", ":"), opt(minute)),
);
const timeShape = cat(hour, pick(":"), minute, pick(":"), second, fraction, offset);
const separator = fc.oneof(pick("T", "t", " "), pick("T", "\n", "\u00a0", "\u2028", "TT", "_", ""));
const isoStamp = fc
  .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const dateTimeShape = fc.oneof(
  cat(dateShape, separator, timeShape),
  cat(isoStamp.map((s) => s.slice(0, 10)), separator, timeShape),
  isoStamp,
);
const timeAlphabet = [..."0159:-+.TtZz "];

describe("date", () => {
  it("table", () =>
    table("date", F.formatDate, [
      ["2024-02-29", true],
      ["2023-02-29", false],
      ["2000-02-29", true],
      ["1900-02-29", false],
      ["0000-02-29", true],
      ["2023-04-30", true],
      ["2023-04-31", false],
      ["2023-12-31", true],
      ["2023-13-01", false],
      ["2023-00-10", false],
      ["2023-01-00", false],
      ["2023-1-01", false],
      ["12023-01-01", false],
      ["2023-01-01T00:00:00Z", false],
      ["2023-01-01\n", false],
      ["２０２３-01-01", false],
      ["", false],
    ]));
  differential("date", F.formatDate, mutated(dateShape, timeAlphabet));
});

describe("time and iso-time", () => {
  it("time table (offset required)", () =>
    table("time", F.formatTime, [
      ["12:34:56Z", true],
      ["12:34:56z", true],
      ["12:34:56.789+05:30", true],
      ["12:34:56+0530", true],
      ["12:34:56+05", true],
      ["12:34:56", false],
      ["24:00:00Z", false],
      ["12:60:00Z", false],
      ["23:59:60Z", true],
      ["23:59:60.999Z", true],
      ["23:59:61Z", false],
      ["22:59:60Z", false],
      ["15:59:60-08:00", true],
      ["00:29:60+00:30", true], // 23:59:60 in UTC,
      ["00:59:60+01:00", true],
      ["23:59:60+01:00", false],
      ["12:00:59.99999999999999999Z", false], // float rounding: 60, not a leap second
      ["12:34:56+24:00", false],
      ["12:34:56+05:60", false],
      ["12:34:56.Z", false],
      ["1:34:56Z", false],
    ]));
  it("iso-time table (offset optional)", () =>
    table("iso-time", F.formatIsoTime, [
      ["12:34:56", true],
      ["12:34:56.5", true],
      ["23:59:60", true],
      ["12:34:56Z", true],
      ["12:34:56+05:30", true],
      ["12:34:56 +05:30", false],
      ["12:34", false],
    ]));
  differential("time", F.formatTime, mutated(timeShape, timeAlphabet));
  differential("iso-time", F.formatIsoTime, mutated(timeShape, timeAlphabet));
});

describe("date-time and iso-date-time", () => {
  it("date-time table (offset required)", () =>
    table("date-time", F.formatDateTime, [
      ["2024-02-29T12:00:00Z", true],
      ["2023-02-29T12:00:00Z", false],
      ["2024-02-29t12:00:00z", true],
      ["2024-02-29 12:00:00Z", true],
      ["2024-02-29\n12:00:00Z", true],
      ["2024-02-29\u00a012:00:00Z", true],
      ["2024-02-29TT12:00:00Z", false],
      ["2024-02-2912:00:00Z", false],
      ["2024-02-29T12:00:00", false],
      ["2016-12-31T23:59:60Z", true],
      ["2016-12-31T15:59:60-08:00", true],
      ["2016-12-31T23:59:60+01:00", false],
      ["2024-01-01T00:00:00.123456789+14:00", true],
      ["2024-01-01T00:00:00+14:00x", false],
    ]));
  it("iso-date-time table (offset optional)", () =>
    table("iso-date-time", F.formatIsoDateTime, [
      ["2024-02-29T12:00:00", true],
      ["2024-02-29 12:00:00.5", true],
      ["2024-02-29T12:00:00Z", true],
      ["2024-02-30T12:00:00", false],
      ["2024-02-29T12:00", false],
    ]));
  const alphabet = [...timeAlphabet, "\t"];
  differential("date-time", F.formatDateTime, mutated(dateTimeShape, alphabet));
  differential("iso-date-time", F.formatIsoDateTime, mutated(dateTimeShape, alphabet));
});

describe("duration", () => {
  const n = fc.oneof(padded(0, 99, 1), pick("1", "0", "1.5"));
  const unit = (u: string) => opt(cat(n, pick(u)));
  const shape = fc.oneof(
    cat(pick("P", "P", "p", ""), unit("Y"), unit("M"), unit("D"), opt(cat(pick("T"), unit("H"), unit("M"), unit("S")))),
    cat(pick("P"), n, pick("W", "w")),
  );
  it("table", () =>
    table("duration", F.formatDuration, [
      ["P1Y2M3DT4H5M6S", true],
      ["PT0S", true],
      ["P2W", true],
      ["P", false],
      ["PT", false],
      ["P1DT", false],
      ["P1Y2W", false],
      ["PT1.5S", false],
      ["P1M1Y", false],
      ["p1D", false],
      ["P1D ", false],
    ]));
  differential("duration", F.formatDuration, mutated(shape, [..."PTYMDHSW1."]));
});

// ---------------------------------------------------------------------------------------------
// Other string formats

describe("regex", () => {
  it("table", () =>
    table("regex", F.formatRegex, [
      ["^a+$", true],
      ["(", false],
      ["[a-", false],
      ["\\Z", true], // "\Z" at the very start is not preceded by a character
      ["a\\Z", false],
      ["a\\\\Z", true],
      ["\\p{L}", true], // no "u" flag: an identity escape
      ["(?<n>a)\\k<n>", true],
      ["a{2,1}", false],
      ["", true],
    ]));
  const units = ["(", ")", "[", "]", "\\", "Z", "a", "*", "+", "?", "{", "}", "1", ",", "|", "\\Z", "(?<n>", "\\k<n>", "\\p{L}", "(?="];
  differential("regex", F.formatRegex, chars(units, 6), 0.05);
});

describe("uuid", () => {
  const group = (n: number) => fc.oneof({ weight: 6, arbitrary: hex(n, n) }, { weight: 1, arbitrary: hex(n - 1, n + 1) });
  const shape = cat(
    pick("", "", "urn:uuid:", "URN:UUID:", "urn:uuid", "{"),
    group(8), pick("-"), group(4), pick("-"), group(4), pick("-"), group(4), pick("-"), group(12),
  );
  it("table", () =>
    table("uuid", F.formatUuid, [
      ["123e4567-e89b-12d3-a456-426614174000", true],
      ["123E4567-E89B-12D3-A456-426614174000", true],
      ["urn:uuid:123e4567-e89b-12d3-a456-426614174000", true],
      ["URN:UUID:123e4567-e89b-12d3-a456-426614174000", true],
      ["00000000-0000-0000-0000-000000000000", true],
      ["{123e4567-e89b-12d3-a456-426614174000}", false],
      ["123e4567e89b12d3a456426614174000", false],
      ["123e4567-e89b-12d3-a456-42661417400g", false],
    ]));
  differential("uuid", F.formatUuid, mutated(fc.oneof(shape, fc.uuid()), [..."0aF-g:"]));
});

describe("json-pointer, json-pointer-uri-fragment, relative-json-pointer", () => {
  const pointer = chars(["/", "/", "~", "~0", "~1", "a", "é", " ", "#"], 6);
  it("tables", () => {
    table("json-pointer", F.formatJsonPointer, [
      ["", true], ["/", true], ["/a~0b/~1/0", true], ["//", true], ["/ é\n", true],
      ["a/b", false], ["/~2", false], ["/a~", false], ["#/a", false],
    ]);
    table("json-pointer-uri-fragment", F.formatJsonPointerUriFragment, [
      ["#", true], ["#/a%20b/~0", true], ["#/%7e", true],
      ["/a", false], ["#/a b", false], ["#/%zz", false], ["#/a?b", false], ["#/é", false],
    ]);
    table("relative-json-pointer", F.formatRelativeJsonPointer, [
      ["0", true], ["1#", true], ["2/a/b", true], ["10/~0", true],
      ["01", false], ["-1", false], ["+1/a", false], ["0-1", false], ["/a", false], ["1##", false],
    ]);
  });
  differential("json-pointer", F.formatJsonPointer, pointer);
  differential(
    "json-pointer-uri-fragment",
    F.formatJsonPointerUriFragment,
    cat(pick("#", "#", "#", "", "x"), mostly(["/", "/", "~0", "~1", "%2F", "a", "Z"], ["~", "%g", " ", "?", "\""], 6)),
  );
  differential(
    "relative-json-pointer",
    F.formatRelativeJsonPointer,
    cat(pick("0", "1", "10", "01", "", "-1", "+1"), fc.oneof(pick("#", "", "##"), pointer)),
  );
});

describe("byte", () => {
  it("table", () =>
    table("byte", F.formatByte, [
      ["", true], ["QQ==", true], ["QUI=", true], ["QUJD", true], ["QUJDRA==", true], ["+/+/", true],
      ["QQ=", false], ["QUJ", false], ["Q===", false], ["QUJD!", false], ["QQ==QUJD", false],
      ["!!\n", true], // ajv quirk: multiline search, the empty last line is valid
      ["!!\nQUJD", true], ["!!\n??", false], ["QQ\r\n!", true], ["QQ\n!", false],
    ]));
  differential("byte", F.formatByte, chars(["A", "z", "0", "+", "/", "=", "==", "AAAA", "\n", "\r", "!"], 10));
});

describe("password and binary", () => {
  it("accept every string", () =>
    fc.assert(
      fc.property(anyString, (s) => {
        expect(F.formatPassword(s)).toBe(true);
        expect(F.formatBinary(s)).toBe(true);
        expect(ajvVerdict("password", s) && ajvVerdict("binary", s)).toBe(true);
      }),
      { numRuns: RUNS },
    ));
});

// ---------------------------------------------------------------------------------------------
// Number formats

describe("int32, int64, float, double", () => {
  const numbers = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.maxSafeInteger(),
    fc.integer({ min: -(2 ** 31) - 2, max: -(2 ** 31) + 2 }),
    fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 1 }),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, 2 ** 53, 2 ** 64, 1e300),
  );
  const checks: [FormatName, (v: number) => boolean][] = [
    ["int32", F.formatInt32],
    ["int64", F.formatInt64],
    ["float", F.formatFloat],
    ["double", F.formatDouble],
  ];
  it("tables", () => {
    table("int32", F.formatInt32, [
      [0, true], [-0, true], [2147483647, true], [-2147483648, true],
      [2147483648, false], [-2147483649, false], [1.5, false], [NaN, false], [Infinity, false],
    ]);
    table("int64", F.formatInt64, [
      [2 ** 53, true], [2 ** 64, true], [-1e300, true], [0.1, false], [NaN, false], [-Infinity, false],
    ]);
    table("float", F.formatFloat, [[1.5, true], [NaN, true], [Infinity, true]]);
    table("double", F.formatDouble, [[-0, true], [1e308, true]]);
  });
  for (const [name, check] of checks) {
    it(`${name}: agrees with ajv-formats on arbitrary numbers`, () =>
      fc.assert(
        fc.property(numbers, (n) => {
          expect(check(n), String(n)).toBe(ajvVerdict(name, n));
        }),
        { numRuns: RUNS },
      ));
  }
});
