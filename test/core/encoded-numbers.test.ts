/**
 * The JSON Schema patterns for int64, uint64, int128 and uint128 (src/model/encoded-numbers.ts) accept exactly the
 * strings templates/encoded.ts accepts: the lexical form and the range, so ajv and the guard agree at the limits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atMost, encodedPattern } from "../../src/model/encoded-numbers.js";
import * as encoded from "../../templates/encoded.js";

const KINDS = [
  { kind: "int64", check: encoded.encodedInt64, max: "9223372036854775807" },
  { kind: "uint64", check: encoded.encodedUint64, max: "18446744073709551615" },
  { kind: "int128", check: encoded.encodedInt128, max: "170141183460469231731687303715884105727" },
  {
    kind: "uint128",
    check: encoded.encodedUint128,
    max: "340282366920938463463374607431768211455",
  },
] as const;

/** Decimal strings near a bound: the bound with one digit changed, its neighbours, shorter and longer numbers. */
const nearBound = (bound: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(fc.nat({ max: bound.length - 1 }), fc.integer({ min: 0, max: 9 }))
      .map(([i, d]) => `${bound.slice(0, i)}${d}${bound.slice(i + 1)}`),
    fc.constantFrom(
      bound,
      `${bound}0`,
      bound.slice(1),
      (BigInt(bound) + 1n).toString(),
      (BigInt(bound) - 1n).toString(),
    ),
    fc.bigInt({ min: 0n, max: BigInt(bound) * 2n }).map(String),
    fc.stringMatching(/^[+-]?0?[0-9]{0,40}$/),
  );

describe.each(KINDS)("$kind", ({ kind, check, max }) => {
  const pattern = new RegExp(encodedPattern(kind), "u");
  it("agrees with the guard on strings near the limits, signed and unsigned", () => {
    fc.assert(
      fc.property(fc.boolean(), nearBound(max), (negative, digits) => {
        const value = negative ? `-${digits}` : digits;
        expect({ value, pattern: pattern.test(value) }).toEqual({ value, pattern: check(value) });
      }),
      { seed: 7, numRuns: 5000 },
    );
  });
  it.each(["", " 1", "1 ", "+1", "0x1F", "1e3", "1.0", "01"])(
    "rejects %j like the guard",
    (value) => {
      expect(pattern.test(value)).toBe(false);
      expect(check(value)).toBe(false);
    },
  );
});

describe("atMost", () => {
  it.each(["1", "9", "10", "19", "100", "255", "1000"])("matches exactly 1..%s", (bound) => {
    const re = new RegExp(`^(?:${atMost(bound)})$`);
    const limit = Number(bound);
    for (let n = 0; n <= limit * 10 + 10; n++) {
      expect(re.test(String(n)), String(n)).toBe(n >= 1 && n <= limit);
    }
  });
});
