/**
 * Checks for JSON Structure Core string types whose meaning no ajv-formats format has, copied by the generator
 * into type guards. Each check is exactly one regular expression, and templates/core-formats-patterns.json holds
 * the same source for the JSON Schema `pattern` (ajv compiles patterns with the "u" flag, so these use it too):
 * a guard and ajv therefore agree on every string by construction (test/core/core-formats.test.ts checks the
 * sources match).
 *
 * Copier rules (same as formats.ts): exported checks are top-level `export function`s; helpers are non-exported
 * top-level `const`s named with an upper-case letter; no imports, no eval, no mutable module state.
 */

// Core `time`: the spec says RFC 3339 full-time (offset required), but every official sample sends "08:00:00"
// with no offset, so the offset is optional. Hours 00-23, minutes 00-59, seconds 00-60 (leap second), any fraction.
const CORE_TIME_RE =
  /^(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$/u;

// Core `datetime`: RFC 3339 section 5.6 `date-time`, exactly: "T" or "t" between date and time, or (by the note
// there) a space, and nothing else; the offset "Z", "z" or `time-numoffset = ("+" / "-") time-hour ":" time-minute`
// (so "+05:30", never "+0530" or "+05"). Guards also run ajv-formats' `date-time` on it (days per month and leap
// seconds), and the schema carries `format: date-time` beside this `pattern`, so both read it the same way.
const CORE_DATETIME_RE =
  /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/u;

// Core `duration`: RFC 3339 appendix A (units in order, "T" before time units, weeks alone, not "P" alone), plus
// a decimal fraction on the seconds, which the samples send ("PT2.5S") and the SDK accepts.
const CORE_DURATION_RE =
  /^P(?:[0-9]+W|(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?)$/u;

// Core `uuid`: the RFC 9562 textual form, hex digits in either case; unlike ajv-formats, no "urn:uuid:" prefix.
const CORE_UUID_RE =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/u;

// Core `binary` content encodings (RFC 4648). base64 and base32 need their padding; base64url may omit it
// (RFC 4648 section 5 allows that for URLs); base16 accepts either case.
const CORE_BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u;
const CORE_BASE64URL_RE = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/u;
const CORE_BASE16_RE = /^(?:[0-9A-Fa-f]{2})*$/u;
const CORE_BASE32_RE =
  /^(?:[A-Z2-7]{8})*(?:[A-Z2-7]{2}={6}|[A-Z2-7]{4}={4}|[A-Z2-7]{5}={3}|[A-Z2-7]{7}=)?$/u;
const CORE_BASE32HEX_RE =
  /^(?:[0-9A-V]{8})*(?:[0-9A-V]{2}={6}|[0-9A-V]{4}={4}|[0-9A-V]{5}={3}|[0-9A-V]{7}=)?$/u;

/** JSON Structure `time`: "HH:MM:SS", optional fraction, optional offset ("Z" or ±hh:mm). */
export function coreTime(value: string): boolean {
  return CORE_TIME_RE.test(value);
}

/** JSON Structure `datetime`: the lexical form of RFC 3339 `date-time` (ranges per month: ajv-formats' check). */
export function coreDatetime(value: string): boolean {
  return CORE_DATETIME_RE.test(value);
}

/** JSON Structure `duration`: ISO 8601 / RFC 3339 duration, fractional seconds allowed ("PT2.5S"). */
export function coreDuration(value: string): boolean {
  return CORE_DURATION_RE.test(value);
}

/** JSON Structure `uuid`: 8-4-4-4-12 hex digits. */
export function coreUuid(value: string): boolean {
  return CORE_UUID_RE.test(value);
}

/** JSON Structure `binary` (default encoding): RFC 4648 base64 with padding. */
export function coreBase64(value: string): boolean {
  return CORE_BASE64_RE.test(value);
}

/** JSON Structure `binary` with `contentEncoding: "base64url"`: RFC 4648 section 5, padding optional. */
export function coreBase64url(value: string): boolean {
  return CORE_BASE64URL_RE.test(value);
}

/** JSON Structure `binary` with `contentEncoding: "base16"`: pairs of hex digits. */
export function coreBase16(value: string): boolean {
  return CORE_BASE16_RE.test(value);
}

/** JSON Structure `binary` with `contentEncoding: "base32"`: RFC 4648 section 6 with padding. */
export function coreBase32(value: string): boolean {
  return CORE_BASE32_RE.test(value);
}

/** JSON Structure `binary` with `contentEncoding: "base32hex"`: RFC 4648 section 7 with padding. */
export function coreBase32hex(value: string): boolean {
  return CORE_BASE32HEX_RE.test(value);
}
