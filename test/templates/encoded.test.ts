import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import * as E from "../../templates/encoded.js";

const patterns = JSON.parse(
  readFileSync(new URL("../../templates/encoded-patterns.json", import.meta.url), "utf8"),
) as Record<string, string>;

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

describe("templates/encoded-patterns.json", () => {
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
