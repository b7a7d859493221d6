/**
 * Checks for JSON Structure's string-encoded numbers (int64, uint64, int128, uint128, decimal),
 * copied by the generator into type guards.
 *
 * Copier rules (same as formats.ts): exported checks are top-level `export function`s; helpers are
 * non-exported top-level `const`s named with an upper-case letter or `_`, or `function`s named
 * with `_`; no imports, no eval, no mutable module state.
 *
 * Ranges are checked without BigInt: the lexical patterns forbid leading zeros, so a shorter digit
 * string is a smaller magnitude, and equal-length strings compare like numbers. For negatives the
 * bound carries the "-" too, so `value <= bound` on equal lengths compares the magnitudes.
 * "-0" is lexically valid for the signed types (the pattern allows it) and means zero.
 */

// A copy of src/model/encoded-numbers.ts, the one source of these patterns and bounds (generated guards import
// nothing); test/templates/encoded.test.ts checks that every constant here equals its entry there.
const SIGNED_INTEGER_RE = /^-?(0|[1-9][0-9]*)$/;
const UNSIGNED_INTEGER_RE = /^(0|[1-9][0-9]*)$/;
const DECIMAL_RE = /^-?(0|[1-9][0-9]*)\.[0-9]+$/;

const INT64_MIN = "-9223372036854775808"; // -2^63
const INT64_MAX = "9223372036854775807"; // 2^63 - 1
const UINT64_MAX = "18446744073709551615"; // 2^64 - 1
const INT128_MIN = "-170141183460469231731687303715884105728"; // -2^127
const INT128_MAX = "170141183460469231731687303715884105727"; // 2^127 - 1
const UINT128_MAX = "340282366920938463463374607431768211455"; // 2^128 - 1

// `value` is lexically valid and has the same sign as `bound`: is |value| <= |bound|?
function _withinBound(value: string, bound: string): boolean {
  return value.length < bound.length || (value.length === bound.length && value <= bound);
}

function _signedWithin(value: string, min: string, max: string): boolean {
  return (
    SIGNED_INTEGER_RE.test(value) &&
    _withinBound(value, value.charCodeAt(0) === 45 /* "-" */ ? min : max)
  );
}

/** JSON Structure int64 as a string: a decimal integer in -2^63 .. 2^63-1. */
export function encodedInt64(value: string): boolean {
  return _signedWithin(value, INT64_MIN, INT64_MAX);
}

/** JSON Structure uint64 as a string: a decimal integer in 0 .. 2^64-1 (no sign). */
export function encodedUint64(value: string): boolean {
  return UNSIGNED_INTEGER_RE.test(value) && _withinBound(value, UINT64_MAX);
}

/** JSON Structure int128 as a string: a decimal integer in -2^127 .. 2^127-1. */
export function encodedInt128(value: string): boolean {
  return _signedWithin(value, INT128_MIN, INT128_MAX);
}

/** JSON Structure uint128 as a string: a decimal integer in 0 .. 2^128-1 (no sign). */
export function encodedUint128(value: string): boolean {
  return UNSIGNED_INTEGER_RE.test(value) && _withinBound(value, UINT128_MAX);
}

/** JSON Structure decimal as a string: optional "-", integer part, "." and at least one digit. */
export function encodedDecimal(value: string): boolean {
  return DECIMAL_RE.test(value);
}
