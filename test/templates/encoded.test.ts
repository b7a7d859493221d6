import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import ts from "typescript";
import {
  DECIMAL_PATTERN,
  ENCODED_NUMBER_KINDS,
  ENCODED_NUMBERS,
  SIGNED_INTEGER_PATTERN,
  UNSIGNED_INTEGER_PATTERN,
} from "../../src/model/encoded-numbers.js";
import * as E from "../../templates/encoded.js";

const patterns = Object.fromEntries(
  ENCODED_NUMBER_KINDS.map((kind) => [kind, ENCODED_NUMBERS[kind].lexical]),
) as Record<string, string>;

/** The initializer of every top-level `const` of templates/encoded.ts: a regex literal's source or a string. */
function templateConstants(): Map<string, string> {
  const path = new URL("../../templates/encoded.ts", import.meta.url);
  const source = ts.createSourceFile(
    "encoded.ts",
    readFileSync(path, "utf8"),
    ts.ScriptTarget.Latest,
  );
  const constants = new Map<string, string>();
  for (const statement of source.statements.filter(ts.isVariableStatement)) {
    for (const { name, initializer } of statement.declarationList.declarations) {
      if (ts.isIdentifier(name) && initializer !== undefined) {
        const text = ts.isRegularExpressionLiteral(initializer)
          ? /^\/(.*)\/[a-z]*$/.exec(initializer.text)?.[1]
          : ts.isStringLiteral(initializer)
            ? initializer.text
            : undefined;
        constants.set(name.text, text ?? `<${ts.SyntaxKind[initializer.kind]}>`);
      }
    }
  }
  return constants;
}

type Kind = "int64" | "uint64" | "int128" | "uint128";
const RANGES: Record<Kind, [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  int128: [-(2n ** 127n), 2n ** 127n - 1n],
  uint128: [0n, 2n ** 128n - 1n],
};
const CHECKS: Record<Kind, (value: string) => boolean> = {
  int64: E.encodedInt64,
  uint64: E.encodedUint64,
  int128: E.encodedInt128,
  uint128: E.encodedUint128,
};
const KINDS = Object.keys(RANGES) as Kind[];

/** BigInt reference: the lexical pattern plus an exact range check. */
function reference(kind: Kind, value: string): boolean {
  const lexical = kind.startsWith("u") ? /^(0|[1-9][0-9]*)$/ : /^-?(0|[1-9][0-9]*)$/;
  if (!lexical.test(value)) {
    return false;
  }
  const [min, max] = RANGES[kind];
  const n = BigInt(value);
  return n >= min && n <= max;
}

describe("encoded integers: table", () => {
  const common: [string, boolean][] = [
    ["0", true],
    ["7", true],
    ["1234567890", true],
    ["-0", true],
    ["00", false],
    ["01", false],
    ["-01", false],
    ["+5", false],
    [" 1", false],
    ["1 ", false],
    ["", false],
    ["-", false],
    ["1e3", false],
    ["0x1F", false],
    ["1.0", false],
    ["1_000", false],
    ["١", false],
    ["1\n", false],
  ];
  for (const kind of KINDS) {
    it(kind, () => {
      const [min, max] = RANGES[kind];
      const rows: [string, boolean][] = [
        ...common.map(([s, want]): [string, boolean] => [
          s,
          kind.startsWith("u") && s.startsWith("-") ? false : want,
        ]),
        [max.toString(), true],
        [(max + 1n).toString(), false],
        [(max * 10n).toString(), false],
        [(max - 1n).toString(), true],
        [`${max.toString()}0`, false],
        ["9".repeat(max.toString().length - 1), true],
        ["1" + "0".repeat(max.toString().length), false],
        [min.toString(), true],
        [(min - 1n).toString(), false],
        ["-1", min < 0n],
      ];
      for (const [given, want] of rows) {
        expect(CHECKS[kind](given), `${kind} given ${JSON.stringify(given)}`).toBe(want);
        expect(reference(kind, given), `reference ${kind} given ${JSON.stringify(given)}`).toBe(
          want,
        );
      }
    });
  }
});

describe("encoded integers: property tests against a BigInt reference", () => {
  const digitString = fc.string({
    unit: fc.constantFrom(..."0123456789"),
    minLength: 1,
    maxLength: 42,
  });
  const nearBound = (b: bigint) => fc.bigInt({ min: b - 1000n, max: b + 1000n }).map(String);
  const numeric = fc.oneof(
    fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }).map(String),
    ...KINDS.flatMap((k) => RANGES[k].map(nearBound)),
    fc.tuple(fc.constantFrom("", "-", "+", " "), digitString).map(([sign, d]) => sign + d),
  );
  const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), numeric);
  for (const kind of KINDS) {
    it(`${kind} agrees with the reference`, () => {
      let valid = 0;
      fc.assert(
        fc.property(anyString, (s) => {
          const want = reference(kind, s);
          if (want) {
            valid++;
          }
          expect(CHECKS[kind](s), JSON.stringify(s)).toBe(want);
        }),
        { numRuns: 5000 },
      );
      expect(valid, "accepted").toBeGreaterThan(250);
      expect(valid, "rejected").toBeLessThan(4750);
    });
  }
});

describe("encodedDecimal", () => {
  it("table", () => {
    const rows: [string, boolean][] = [
      ["0.0", true],
      ["-0.5", true],
      ["123.456", true],
      ["1.000", true],
      ["-0.0", true],
      ["1", false],
      ["-1", false],
      ["0", false],
      ["1.", false],
      [".5", false],
      ["-.5", false],
      ["01.5", false],
      ["+1.5", false],
      ["1e3", false],
      ["1.5e3", false],
      [" 1.5", false],
      ["1.5 ", false],
      ["1,5", false],
      ["", false],
      ["0x1F", false],
      ["NaN", false],
      ["1..5", false],
      ["1.5.1", false],
      [`${"9".repeat(60)}.${"9".repeat(60)}`, true],
    ];
    for (const [given, want] of rows) {
      expect(E.encodedDecimal(given), JSON.stringify(given)).toBe(want);
    }
  });
  it("agrees with the fraction-required grammar", () => {
    const grammar = /^-?(0|[1-9][0-9]*)\.[0-9]+$/;
    const shaped = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 4 }),
        fc.constantFrom(".", ".", "", ","),
        fc.string({ unit: fc.constantFrom(..."0123456789e"), maxLength: 4 }),
      )
      .map((p) => p.join(""));
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), shaped), (s) => {
        if (grammar.test(s)) {
          valid++;
        }
        expect(E.encodedDecimal(s), JSON.stringify(s)).toBe(grammar.test(s));
      }),
      { numRuns: 3000 },
    );
    expect(valid, "accepted").toBeGreaterThan(150);
    expect(valid, "rejected").toBeLessThan(2850);
  });
});

describe("templates/encoded.ts copies src/model/encoded-numbers.ts", () => {
  // Generated guards import nothing, so the template must hold its own copy of the patterns and bounds.
  it("holds the same lexical patterns and range bounds, constant by constant", () => {
    const range = (kind: keyof typeof ENCODED_NUMBERS) => ENCODED_NUMBERS[kind].range;
    expect(Object.fromEntries(templateConstants())).toEqual({
      SIGNED_INTEGER_RE: SIGNED_INTEGER_PATTERN,
      UNSIGNED_INTEGER_RE: UNSIGNED_INTEGER_PATTERN,
      DECIMAL_RE: DECIMAL_PATTERN,
      INT64_MIN: range("int64")?.min,
      INT64_MAX: range("int64")?.max,
      UINT64_MAX: range("uint64")?.max,
      INT128_MIN: range("int128")?.min,
      INT128_MAX: range("int128")?.max,
      UINT128_MAX: range("uint128")?.max,
    });
    expect([range("uint64")?.min, range("uint128")?.min]).toEqual(["0", "0"]);
    expect(ENCODED_NUMBERS.decimal.range).toBeUndefined();
  });
  it("the table's ranges are the powers of two the kinds name", () => {
    const bits = { int64: 63n, uint64: 64n, int128: 127n, uint128: 128n } as const;
    for (const kind of KINDS) {
      const signed = !kind.startsWith("u");
      expect(ENCODED_NUMBERS[kind].range, kind).toEqual({
        min: signed ? (-(2n ** bits[kind])).toString() : "0",
        max: (2n ** bits[kind] - 1n).toString(),
      });
      expect(RANGES[kind].map(String), kind).toEqual([
        ENCODED_NUMBERS[kind].range?.min,
        ENCODED_NUMBERS[kind].range?.max,
      ]);
    }
  });
});

describe("the lexical patterns of src/model/encoded-numbers.ts", () => {
  it("has exactly the five anchored patterns, valid under ajv's unicode flag", () => {
    expect(Object.keys(patterns).sort()).toEqual([
      "decimal",
      "int128",
      "int64",
      "uint128",
      "uint64",
    ]);
    for (const source of Object.values(patterns)) {
      expect(source.startsWith("^") && source.endsWith("$")).toBe(true);
      expect(() => new RegExp(source, "u")).not.toThrow();
    }
  });
  it("matches the lexical form of each check (the checks add only range limits)", () => {
    const kinds = ["int64", "uint64", "int128", "uint128", "decimal"] as const;
    const check = { ...CHECKS, decimal: E.encodedDecimal };
    const strings = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."-0123456789.+ e"), maxLength: 45 }),
    );
    fc.assert(
      fc.property(strings, fc.constantFrom(...kinds), (s, kind) => {
        const lexical = new RegExp(patterns[kind] ?? "(?!)", "u").test(s);
        if (check[kind](s)) {
          expect(lexical, `${kind} ${JSON.stringify(s)}`).toBe(true);
        }
        const inRange = kind === "decimal" || s.replace("-", "").length <= 18; // below every bound
        if (lexical && inRange) {
          expect(check[kind](s), `${kind} ${JSON.stringify(s)}`).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe("templates/encoded.ts exports", () => {
  it("exports exactly the five checks", () => {
    expect(Object.keys(E).sort()).toEqual([
      "encodedDecimal",
      "encodedInt128",
      "encodedInt64",
      "encodedUint128",
      "encodedUint64",
    ]);
  });
});
