/**
 * Exact JSON Schema patterns for the string-encoded integers (int64, uint64, int128, uint128): the lexical form
 * AND the range, so ajv rejects "9223372036854775808" for int64 exactly as the guard's encodedInt64 does. A
 * regular expression can bound a decimal integer: every number with fewer digits than the bound, then, digit by
 * digit, the numbers of the bound's length that fall below it. "-0" is a valid signed zero (the lexical rule
 * allows it, and so does the guard).
 */
import type { EncodedNumberKind } from "../model/model.js";

const BOUNDS: Readonly<
  Record<
    Exclude<EncodedNumberKind, "decimal">,
    { readonly max: string; readonly negative?: string }
  >
> = {
  int64: { max: "9223372036854775807", negative: "9223372036854775808" },
  uint64: { max: "18446744073709551615" },
  int128: {
    max: "170141183460469231731687303715884105727",
    negative: "170141183460469231731687303715884105728",
  },
  uint128: { max: "340282366920938463463374607431768211455" },
};

/** The pattern for an encoded integer kind, or undefined for decimal (which has no range). */
export function encodedIntegerPattern(kind: EncodedNumberKind): string | undefined {
  if (kind === "decimal") {
    return undefined;
  }
  const { max, negative } = BOUNDS[kind];
  const positive = atMost(max);
  return negative === undefined
    ? `^(?:0|${positive})$`
    : `^(?:-?0|${positive}|-(?:${atMost(negative)}))$`;
}

/** A regex alternation matching the decimal integers 1..bound, without leading zeros. */
export function atMost(bound: string): string {
  const length = bound.length;
  const alternatives: string[] = [];
  if (length >= 2) {
    alternatives.push(length === 2 ? "[1-9]" : `[1-9][0-9]{0,${length - 2}}`);
  }
  for (let i = 0; i < length; i++) {
    const digit = Number(bound[i]);
    const lowest = i === 0 ? 1 : 0;
    if (digit > lowest) {
      const range = digit - 1 === lowest ? `${lowest}` : `[${lowest}-${digit - 1}]`;
      const rest = length - i - 1;
      alternatives.push(
        `${bound.slice(0, i)}${range}${rest === 0 ? "" : rest === 1 ? "[0-9]" : `[0-9]{${rest}}`}`,
      );
    }
  }
  alternatives.push(bound);
  return alternatives.join("|");
}
