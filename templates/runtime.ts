/**
 * Runtime helpers the generated guards share. Copied into each guards file (only what it uses), so generated
 * code has no dependencies. Copier rules: top-level declarations only, no imports, no mutable state; private
 * constants and helpers are referenced by name and copied along.
 */

const _HAS_OWN = Object.prototype.hasOwnProperty;

/** A JSON object: not null, not an array. */
export function _isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own keys only: a `__proto__` or `constructor` key in the data is data, never the prototype's. */
export function _hasOwn(object: object, key: string): boolean {
  return _HAS_OWN.call(object, key);
}

/** One JSON-pointer segment (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export function _pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A readable one-line summary of the first failure, for assert functions. */
export function _describeFailure(
  typeName: string,
  errors: readonly { readonly path: string; readonly message: string }[],
): string {
  const first = errors[0];
  if (first === undefined) {
    return `${typeName} is invalid`;
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${typeName} is invalid at ${first.path === "" ? "(root)" : first.path}: ${first.message}${more}`;
}

/** The JSON value as text with object keys sorted, so that deep equality is string equality. */
function _canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(_canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    const entries = keys.map(
      (key) => `${JSON.stringify(key)}:${_canonicalJson((value as Record<string, unknown>)[key])}`,
    );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** True when two elements are deeply equal JSON values (key order ignored), as JSON Schema `uniqueItems` means. */
export function _hasDuplicates(items: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    const key = _canonicalJson(item);
    if (seen.has(key)) {
      return true;
    }
    seen.add(key);
  }
  return false;
}

/** String length in Unicode code points, as ajv counts `minLength`/`maxLength` (a surrogate pair is one). */
export function _codePointLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      i + 1 < value.length &&
      (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      i++;
    }
    length++;
  }
  return length;
}

/** JSON Schema `multipleOf` with ajv's exact arithmetic: the quotient must survive `parseInt` unchanged. */
export function _isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  return quotient === parseInt(String(quotient), 10);
}
