// Differential and table tests for the non-date, non-URI formats of templates/formats.ts.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import * as F from "../../templates/formats.js";
import {
  RUNS,
  ajvVerdict,
  anyString,
  cat,
  chars,
  differential,
  hex,
  mostly,
  mutated,
  pick,
  table,
  type FormatName,
} from "./differential.js";

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
  const units = [
    "(",
    ")",
    "[",
    "]",
    "\\",
    "Z",
    "a",
    "*",
    "+",
    "?",
    "{",
    "}",
    "1",
    ",",
    "|",
    "\\Z",
    "(?<n>",
    "\\k<n>",
    "\\p{L}",
    "(?=",
  ];
  differential("regex", F.formatRegex, chars(units, 6), 0.05);
});

describe("uuid", () => {
  const group = (n: number) =>
    fc.oneof({ weight: 6, arbitrary: hex(n, n) }, { weight: 1, arbitrary: hex(n - 1, n + 1) });
  const shape = cat(
    pick("", "", "urn:uuid:", "URN:UUID:", "urn:uuid", "{"),
    group(8),
    pick("-"),
    group(4),
    pick("-"),
    group(4),
    pick("-"),
    group(4),
    pick("-"),
    group(12),
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
      ["", true],
      ["/", true],
      ["/a~0b/~1/0", true],
      ["//", true],
      ["/ é\n", true],
      ["a/b", false],
      ["/~2", false],
      ["/a~", false],
      ["#/a", false],
    ]);
    table("json-pointer-uri-fragment", F.formatJsonPointerUriFragment, [
      ["#", true],
      ["#/a%20b/~0", true],
      ["#/%7e", true],
      ["/a", false],
      ["#/a b", false],
      ["#/%zz", false],
      ["#/a?b", false],
      ["#/é", false],
    ]);
    table("relative-json-pointer", F.formatRelativeJsonPointer, [
      ["0", true],
      ["1#", true],
      ["2/a/b", true],
      ["10/~0", true],
      ["01", false],
      ["-1", false],
      ["+1/a", false],
      ["0-1", false],
      ["/a", false],
      ["1##", false],
    ]);
  });
  differential("json-pointer", F.formatJsonPointer, pointer);
  differential(
    "json-pointer-uri-fragment",
    F.formatJsonPointerUriFragment,
    cat(
      pick("#", "#", "#", "", "x"),
      mostly(["/", "/", "~0", "~1", "%2F", "a", "Z"], ["~", "%g", " ", "?", '"'], 6),
    ),
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
      ["", true],
      ["QQ==", true],
      ["QUI=", true],
      ["QUJD", true],
      ["QUJDRA==", true],
      ["+/+/", true],
      ["QQ=", false],
      ["QUJ", false],
      ["Q===", false],
      ["QUJD!", false],
      ["QQ==QUJD", false],
      ["!!\n", true], // ajv quirk: multiline search, the empty last line is valid
      ["!!\nQUJD", true],
      ["!!\n??", false],
      ["QQ\r\n!", true],
      ["QQ\n!", false],
    ]));
  differential(
    "byte",
    F.formatByte,
    chars(["A", "z", "0", "+", "/", "=", "==", "AAAA", "\n", "\r", "!"], 10),
  );
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
      [0, true],
      [-0, true],
      [2147483647, true],
      [-2147483648, true],
      [2147483648, false],
      [-2147483649, false],
      [1.5, false],
      [NaN, false],
      [Infinity, false],
    ]);
    table("int64", F.formatInt64, [
      [2 ** 53, true],
      [2 ** 64, true],
      [-1e300, true],
      [0.1, false],
      [NaN, false],
      [-Infinity, false],
    ]);
    table("float", F.formatFloat, [
      [1.5, true],
      [NaN, true],
      [Infinity, true],
    ]);
    table("double", F.formatDouble, [
      [-0, true],
      [1e308, true],
    ]);
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
