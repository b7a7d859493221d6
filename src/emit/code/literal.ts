/**
 * Literal text in generated code. Every string a document supplies (keys, enum values, patterns, names in
 * messages) enters generated code through `stringLiteral`, so nothing a document says can end a string or a
 * statement: JSON.stringify escapes quotes, backslashes, control characters and lone surrogates, and the
 * characters that change how code displays without being visible are escaped too.
 */
import type { LiteralValue } from "../../model/model.js";

/** An ASCII identifier: usable bare as a property name and after `.`. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Characters that change how code is displayed or where a line ends, without being visible: line and paragraph
 * separators, and the bidirectional controls of "Trojan Source" (CVE-2021-42574).
 */
export const INVISIBLE = /[\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Printable ASCII without a quote or a backslash: the string literal is the text in quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A double-quoted string literal holding exactly `value`. */
export function stringLiteral(value: string): string {
  if (PLAIN.test(value)) {
    return `"${value}"`;
  }
  return JSON.stringify(value).replace(INVISIBLE, (ch) => unicodeEscape(ch));
}

/** A number as JavaScript and TypeScript write it; -0 is 0 (JSON has one zero). */
export function numberLiteral(value: number): string {
  return Object.is(value, -0) ? "0" : String(value);
}

/** A JSON value a literal type or a comparison can hold. */
export function literalText(value: LiteralValue): string {
  if (typeof value === "string") {
    return stringLiteral(value);
  }
  return typeof value === "number" ? numberLiteral(value) : String(value);
}

/** A property name as written in an interface or object literal: bare when it is an identifier, else quoted. */
export function propertyName(key: string): string {
  return isIdentifier(key) ? key : stringLiteral(key);
}
