/**
 * JSON Structure's string-encoded numbers (int64, uint64, int128, uint128, decimal): their lexical form and, for
 * the integers, their range. This file is the one source: the reader checks enum, const and default values with
 * it, the JSON Schema emitter writes its `pattern`s from it, and templates/encoded.ts (copied into generated
 * guards, which must stay free of imports) carries the same patterns and bounds, which
 * test/templates/encoded.test.ts checks against this file.
 *
 * A regular expression can bound a decimal integer, so each integer kind also has one exact pattern (lexical
 * form AND range): every number with fewer digits than the bound, then, digit by digit, the numbers of the
 * bound's length that fall below it. "-0" is a valid signed zero (the lexical rule allows it).
 */
import type { EncodedNumberKind } from "./model.js";

/** A decimal integer without leading zeros, optionally negative. */
export const SIGNED_INTEGER_PATTERN = "^-?(0|[1-9][0-9]*)$";
export const UNSIGNED_INTEGER_PATTERN = "^(0|[1-9][0-9]*)$";
/** Optional "-", an integer part without leading zeros, "." and at least one digit. */
export const DECIMAL_PATTERN = "^-?(0|[1-9][0-9]*)\\.[0-9]+$";

export interface EncodedNumberRule {
  /** The lexical form, an anchored regular expression source (valid with and without the "u" flag). */
  readonly lexical: string;
  /** The range of an integer kind, as decimal strings; decimal has none. */
  readonly range?: { readonly min: string; readonly max: string };
}

export const ENCODED_NUMBERS: Readonly<Record<EncodedNumberKind, EncodedNumberRule>> = {
  int64: {
    lexical: SIGNED_INTEGER_PATTERN,
    range: { min: "-9223372036854775808", max: "9223372036854775807" },
  },
  uint64: { lexical: UNSIGNED_INTEGER_PATTERN, range: { min: "0", max: "18446744073709551615" } },
  int128: {
    lexical: SIGNED_INTEGER_PATTERN,
    range: {
      min: "-170141183460469231731687303715884105728",
      max: "170141183460469231731687303715884105727",
    },
  },
  uint128: {
    lexical: UNSIGNED_INTEGER_PATTERN,
    range: { min: "0", max: "340282366920938463463374607431768211455" },
  },
  decimal: { lexical: DECIMAL_PATTERN },
};

export const ENCODED_NUMBER_KINDS = Object.keys(ENCODED_NUMBERS) as readonly EncodedNumberKind[];

/** The exact pattern of a kind: its lexical form and, for the integers, its range. */
export function encodedPattern(kind: EncodedNumberKind): string {
  return EXACT_PATTERNS[kind];
}

/** Why a string is not a value of the kind ("lexical": not its form; "range": outside it), or undefined. */
export function encodedValueProblem(
  value: string,
  kind: EncodedNumberKind,
): "lexical" | "range" | undefined {
  if (!LEXICAL_RES[kind].test(value)) {
    return "lexical";
  }
  return EXACT_RES[kind].test(value) ? undefined : "range";
}

/** The exact pattern of an integer range: `min` is "0" or negative, `max` positive. */
function rangePattern(range: { readonly min: string; readonly max: string }): string {
  const positive = atMost(range.max);
  return range.min === "0"
    ? `^(?:0|${positive})$`
    : `^(?:-?0|${positive}|-(?:${atMost(range.min.slice(1))}))$`;
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

// Computed once, when the module loads, from the table above; never changed afterwards.
const EXACT_PATTERNS = mapKinds((rule) =>
  rule.range === undefined ? rule.lexical : rangePattern(rule.range),
);
const LEXICAL_RES = mapKinds((rule) => new RegExp(rule.lexical, "u"));
const EXACT_RES = mapKinds((_rule, kind) => new RegExp(EXACT_PATTERNS[kind], "u"));

function mapKinds<T>(
  map: (rule: EncodedNumberRule, kind: EncodedNumberKind) => T,
): Readonly<Record<EncodedNumberKind, T>> {
  return Object.fromEntries(
    ENCODED_NUMBER_KINDS.map((kind) => [kind, map(ENCODED_NUMBERS[kind], kind)]),
  ) as Record<EncodedNumberKind, T>;
}
