/**
 * Runtime format checks that generated type guards copy into their output.
 *
 * Each exported `formatX` has exactly the meaning of ajv-formats v3 `fullFormats[x]` (checked by
 * differential property tests), so a guard and ajv agree on every value.
 *
 * Copier rules (the generator copies an exported function plus the top-level declarations it
 * references, transitively, by name):
 * - exported checks are top-level `export function formatX(value: ...): boolean` declarations;
 * - helpers are non-exported top-level `const`s named with an upper-case letter or `_`, or
 *   `function`s named with `_`; nothing is reached through an object or namespace;
 * - no imports, no eval / new Function, no mutable module state (no `g` / `y` regex flags).
 */

// ---------------------------------------------------------------------------------------------
// Dates and times (RFC 3339)
//
// Each check is one capture-free regular expression for the shape, then arithmetic on character codes: every
// field before the seconds' fraction has a fixed width, so its digits sit at fixed positions. (An `exec` with
// capture groups and a `Number()` per group cost five times as much on a hot path.)

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// Offsets may omit the colon or the minutes. The strict forms require the offset; the ISO forms do not.
const TIME_RE = /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_TIME_RE = /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?$/;

// A date and a time separated by exactly one "T", "t" or whitespace character (ajv splits on
// /t|\s/i and requires two parts, which is the same language as this single pattern).
const DATE_TIME_RE =
  /^\d{4}-\d{2}-\d{2}[tT\s]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_DATE_TIME_RE =
  /^\d{4}-\d{2}-\d{2}[tT\s]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}(?::?\d{2})?)?$/;

// The two decimal digits at `at` (the caller's pattern guarantees they are ASCII digits).
function _twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

function _isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function _isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) return day <= (_isLeapYear(year) ? 29 : 28);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

// The date "yyyy-mm-dd" at the start of `value`, whose shape a pattern has checked.
function _isDateAt(value: string): boolean {
  const year = _twoDigits(value, 0) * 100 + _twoDigits(value, 2);
  return _isDate(year, _twoDigits(value, 5), _twoDigits(value, 8));
}

// Where the offset starts in a time whose shape a pattern has checked ("Z", "+hh", "+hhmm" or "+hh:mm" at the
// end, so its sign is 3, 5 or 6 characters from the end), or the length when there is none.
function _offsetAt(value: string, at: number): number {
  const end = value.length;
  const last = value.charCodeAt(end - 1);
  if (last === 90 || last === 122) return end - 1; // "Z" or "z"
  if (_isSignAt(value, end - 3, at)) return end - 3;
  if (_isSignAt(value, end - 5, at)) return end - 5;
  if (_isSignAt(value, end - 6, at)) return end - 6;
  return end;
}

// Whether an offset's sign is at `i`. Nothing before the seconds' end (`at + 8`) can be one: the time's
// digits and colons are there, or the date's "-" separators.
function _isSignAt(value: string, i: number, at: number): boolean {
  const c = value.charCodeAt(i);
  return i >= at + 8 && (c === 43 || c === 45); // "+" or "-"
}

// The time "hh:mm:ss[.fraction][offset]" starting at `at` in `value`, whose shape a pattern has checked.
// Seconds are read as a float when that can matter, as ajv does: "59.99999999999999999" rounds to 60 and
// is not a normal second, and a leap second "60.5" is below 61. For any other whole second a fraction
// cannot move it across 60 or 61. A second of 60 is accepted when the time converted to UTC is 23:59.
function _isTimeAt(value: string, at: number): boolean {
  const zone = _offsetAt(value, at);
  const hr = _twoDigits(value, at);
  const min = _twoDigits(value, at + 3);
  const whole = _twoDigits(value, at + 6);
  const sec =
    zone > at + 8 && (whole === 59 || whole === 60) ? Number(value.slice(at + 6, zone)) : whole;
  const hasOffset = zone < value.length && zone !== value.length - 1;
  const sign = hasOffset && value.charCodeAt(zone) === 45 ? -1 : 1;
  const tzH = hasOffset ? _twoDigits(value, zone + 1) : 0;
  const tzM = hasOffset && value.length - zone > 3 ? _twoDigits(value, value.length - 2) : 0;
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

// Each check first compares the length with the shortest string its pattern accepts ("2024-01-01", "00:00:00Z",
// "2024-01-01T00:00:00Z", and without the offset for the ISO forms): a date alone or a time without seconds is
// refused without running the pattern.

/** RFC 3339 section 5.6 full-date, e.g. "2024-02-29". */
export function formatDate(value: string): boolean {
  return value.length === 10 && DATE_RE.test(value) && _isDateAt(value);
}

/** RFC 3339 section 5.6 full-time: partial-time plus a required offset ("Z" or ±hh[:mm]). */
export function formatTime(value: string): boolean {
  return value.length >= 9 && TIME_RE.test(value) && _isTimeAt(value, 0);
}

/** RFC 3339 section 5.6 date-time with a required offset; "T", "t" or a space separate the parts. */
export function formatDateTime(value: string): boolean {
  return value.length >= 20 && DATE_TIME_RE.test(value) && _isDateAt(value) && _isTimeAt(value, 11);
}

/** ISO 8601 / RFC 3339 partial-time with an optional offset. */
export function formatIsoTime(value: string): boolean {
  return value.length >= 8 && ISO_TIME_RE.test(value) && _isTimeAt(value, 0);
}

/** ISO 8601 / RFC 3339 date-time with an optional offset. */
export function formatIsoDateTime(value: string): boolean {
  return (
    value.length >= 19 && ISO_DATE_TIME_RE.test(value) && _isDateAt(value) && _isTimeAt(value, 11)
  );
}

// RFC 3339 appendix A: integers only, units in order, "T" must be followed by a time unit,
// weeks cannot be combined with other units, and "P" alone is not a duration.
const DURATION_RE =
  /^P(?!$)(?:(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?|\d+W)$/;

/** RFC 3339 appendix A duration, e.g. "P1Y2M3DT4H5M6S" or "P2W". */
export function formatDuration(value: string): boolean {
  return DURATION_RE.test(value);
}

// ---------------------------------------------------------------------------------------------
// Internet addresses and identifiers

// RFC 3986 dec-octet (no leading zeros) and the IPv6address grammar built on a given dec-octet.
const DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const H16 = "[0-9a-f]{1,4}";

function _ipv6Source(octet: string): string {
  const ipv4 = `(?:${octet}\\.){3}${octet}`;
  const ls32 = `(?:${H16}:${H16}|${ipv4})`;
  const before = (n: number): string => `(?:(?:${H16}:){0,${n}}${H16})?`;
  return (
    `(?:(?:${H16}:){6}${ls32}|::(?:${H16}:){5}${ls32}|${before(0)}::(?:${H16}:){4}${ls32}` +
    `|${before(1)}::(?:${H16}:){3}${ls32}|${before(2)}::(?:${H16}:){2}${ls32}` +
    `|${before(3)}::${H16}:${ls32}|${before(4)}::${ls32}|${before(5)}::${H16}|${before(6)}::)`
  );
}

const IPV4_RE = new RegExp(`^(?:${DEC_OCTET}\\.){3}${DEC_OCTET}$`);
const IPV6_RE = new RegExp(`^${_ipv6Source(DEC_OCTET)}$`, "i");

/** RFC 2673 section 3.2 dotted-quad IPv4 address (no leading zeros). */
export function formatIpv4(value: string): boolean {
  return IPV4_RE.test(value);
}

/** RFC 4291 section 2.2 (RFC 3986 IPv6address) text form, no zone id, no brackets. */
export function formatIpv6(value: string): boolean {
  return IPV6_RE.test(value);
}

const HOSTNAME_RE =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** RFC 1123 section 2.1 host name: labels of 1-63 chars, at most 253 chars, optional final dot. */
export function formatHostname(value: string): boolean {
  return HOSTNAME_RE.test(value);
}

const EMAIL_RE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** RFC 5321 section 4.1.2 mailbox, restricted to a dot-atom local part and a dotted domain. */
export function formatEmail(value: string): boolean {
  return EMAIL_RE.test(value);
}

// RFC 3986 URI grammar (case-insensitive). `q` is either "" or `"`: ajv's uri-reference also
// accepts a double quote in reg-name, path, query and fragment (but not in userinfo or IPvFuture).
// Host alternatives: IP-literal or reg-name (reg-name already covers IPv4 with leading zeros).
function _uriSource(schemeRequired: boolean, q: string): string {
  const pct = "%[0-9a-f]{2}";
  const pchar = `(?:[a-z0-9._~!$&'${q}()*+,;=:@-]|${pct})`;
  const qf = `(?:[a-z0-9._~!$&'${q}()*+,;=:@/?-]|${pct})*`;
  const userinfo = `(?:(?:[a-z0-9._~!$&'()*+,;=:-]|${pct})*@)?`;
  const ipLiteral = `\\[(?:${_ipv6Source("(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)")}|v[0-9a-f]+\\.[a-z0-9._~!$&'()*+,;=:-]+)\\]`;
  const host = `(?:${ipLiteral}|(?:[a-z0-9._~!$&'${q}()*+,;=-]|${pct})*)`;
  const segments = `(?:/${pchar}*)*`;
  // "/" or "//" may introduce an authority (ajv quirk: "a:/[::1]" is accepted).
  const hier = `(?:/?/${userinfo}${host}(?::[0-9]*)?${segments}|/(?:${pchar}+${segments})?|${pchar}+${segments})`;
  const scheme = `(?:[a-z][a-z0-9+.-]*:)${schemeRequired ? "" : "?"}`;
  return `^${scheme}${hier}${schemeRequired ? "" : "?"}(?:\\?${qf})?(?:#${qf})?$`;
}

const URI_RE = new RegExp(_uriSource(true, ""), "i");
const URI_REFERENCE_RE = new RegExp(_uriSource(false, '"'), "i");

/** RFC 3986 section 3 absolute URI (a scheme is required; a fragment is allowed). */
export function formatUri(value: string): boolean {
  return URI_RE.test(value);
}

/** RFC 3986 section 4.1 URI-reference: a URI or a relative reference (may be empty). */
export function formatUriReference(value: string): boolean {
  return URI_REFERENCE_RE.test(value);
}

// Literals exclude controls, space and "'<>%\^`{|} (except %XX); varnames are [a-z0-9_] or %XX
// (no dots); modifiers are a prefix length 1-9999 or "*".
const URI_TEMPLATE_RE =
  /^(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2}|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i;

/** RFC 6570 URI template (levels 1-4). */
export function formatUriTemplate(value: string): boolean {
  return URI_TEMPLATE_RE.test(value);
}

// http, https or ftp; optional userinfo; a public IPv4 address (no private/loopback/link-local
// ranges) or a host name whose last label is 2+ letters; optional port of 2-5 digits; optional path.
// ajv writes the userinfo as \S+(?::\S*)?@, which matches the same strings as \S+@.
const URL_RE =
  /^(?:https?|ftp):\/\/(?:\S+@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])|[a-z0-9\u00a1-\uffff]+(?:-[a-z0-9\u00a1-\uffff]+)*(?:\.[a-z0-9\u00a1-\uffff]+(?:-[a-z0-9\u00a1-\uffff]+)*)*\.[a-z\u00a1-\uffff]{2,})(?::\d{2,5})?(?:\/\S*)?$/iu;

/** WHATWG-style web URL (RFC 1738 schemes http/https/ftp), per the dperini URL pattern. */
export function formatUrl(value: string): boolean {
  return URL_RE.test(value);
}

const UUID_RE = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** RFC 4122 UUID in 8-4-4-4-12 hex form, optionally prefixed with "urn:uuid:" (any case). */
export function formatUuid(value: string): boolean {
  return UUID_RE.test(value);
}

// ---------------------------------------------------------------------------------------------
// JSON pointers

const JSON_POINTER_RE = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const JSON_POINTER_URI_FRAGMENT_RE = /^#(?:\/(?:[a-z0-9_.!$&'()*+,;:=@-]|%[0-9a-f]{2}|~0|~1)*)*$/i;
const RELATIVE_JSON_POINTER_RE = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;

/** RFC 6901 JSON pointer string ("" or "/"-prefixed tokens; "~" only as "~0" or "~1"). */
export function formatJsonPointer(value: string): boolean {
  return JSON_POINTER_RE.test(value);
}

/** RFC 6901 section 6 JSON pointer in URI fragment form ("#/a/b", percent-encoded). */
export function formatJsonPointerUriFragment(value: string): boolean {
  return JSON_POINTER_URI_FRAGMENT_RE.test(value);
}

/** draft-luff-relative-json-pointer-00: a non-negative integer then "#" or a JSON pointer. */
export function formatRelativeJsonPointer(value: string): boolean {
  return RELATIVE_JSON_POINTER_RE.test(value);
}

// ---------------------------------------------------------------------------------------------
// Other string formats

// ajv tests /.../gm with lastIndex reset, i.e. a non-global multiline search: the string passes
// when ANY of its lines (split at \n, \r, \u2028, \u2029) is valid base64, including an empty one.
const BYTE_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/m;

/** RFC 4648 section 4 base64 (OpenAPI "byte"), padding required. */
export function formatByte(value: string): boolean {
  return BYTE_RE.test(value);
}

// A non-backslash character followed by "\Z" (a PCRE anchor JavaScript lacks) is rejected.
const Z_ANCHOR_RE = /[^\\]\\Z/;

/** ECMA-262 regular expression: compiles with `new RegExp(value)` (no flags, so no "u"). */
export function formatRegex(value: string): boolean {
  if (Z_ANCHOR_RE.test(value)) return false;
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

/** OpenAPI 3.0 "password": a UI hint only, any string is valid. */
export function formatPassword(value: string): boolean {
  void value;
  return true;
}

/** OpenAPI 3.0 "binary": an unchecked payload, any string is valid. */
export function formatBinary(value: string): boolean {
  void value;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Number formats (OpenAPI 3.0 data types)

/** OpenAPI 3.0 int32: an integer in -2^31 .. 2^31-1. */
export function formatInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** OpenAPI 3.0 int64: any integer (JavaScript numbers cannot leave the int64 range as integers). */
export function formatInt64(value: number): boolean {
  return Number.isInteger(value);
}

/** OpenAPI 3.0 float: any number is accepted. */
export function formatFloat(value: number): boolean {
  void value;
  return true;
}

/** OpenAPI 3.0 double: any number is accepted. */
export function formatDouble(value: number): boolean {
  void value;
  return true;
}
