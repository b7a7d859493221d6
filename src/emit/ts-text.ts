/**
 * Small, escaping-safe pieces of TypeScript text shared by the emitters. Nothing a document says can end a
 * comment, a string or a statement: strings go through JSON.stringify (plus the two line separators), and
 * comment text has its terminators broken.
 */
import type { Annotations, LiteralValue } from "../model/model.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal: JSON.stringify escapes quotes, backslashes, control characters and lone surrogates. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(INVISIBLE, (ch) => unicodeEscape(ch));
}

/**
 * Characters that change how code is displayed or where a line ends, without being visible: line and paragraph
 * separators, and the bidirectional controls of "Trojan Source" (CVE-2021-42574).
 */
const INVISIBLE = /[\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

export function literalText(value: LiteralValue): string {
  if (typeof value === "string") {
    return stringLiteral(value);
  }
  if (typeof value === "number" && Object.is(value, -0)) {
    return "0";
  }
  return String(value);
}

/** A property name as written in an interface or object literal: bare when it is an identifier, else quoted. */
export function propertyName(key: string): string {
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** `obj.key` when safe, else `obj["key"]`. */
export function memberAccess(object: string, key: string): string {
  return IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${stringLiteral(key)}]`;
}

/**
 * Text safe inside a JSDoc block: `*\/` cannot close the comment, a line may not start with `@` (it would become
 * a tag), and every kind of line break becomes "\n".
 */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029/g, "\n")
    .replace(INVISIBLE, (ch) => unicodeEscape(ch))
    .replace(/\*\//g, "*\\/")
    .replace(/(^|\s)@/g, "$1\\@")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (ch) => unicodeEscape(ch))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\uFFFD")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/** The JSDoc body for a declaration or a property, or undefined when there is nothing to say. */
export function jsDocText(
  annotations: Annotations,
  extraTags: readonly string[] = [],
): string | undefined {
  const lines: string[] = [];
  if (annotations.description !== undefined && annotations.description.trim() !== "") {
    lines.push(commentText(annotations.description));
  }
  if (annotations.format !== undefined) {
    lines.push(`@format ${commentText(annotations.format)}`);
  }
  if (annotations.deprecated === true) {
    lines.push("@deprecated");
  }
  lines.push(
    ...(annotations.tags ?? []).map(({ tag, text }) =>
      `@${tag.replace(/[^A-Za-z0-9]/g, "")} ${commentText(text)}`.trimEnd(),
    ),
  );
  lines.push(...extraTags);
  return lines.length === 0 ? undefined : lines.join("\n");
}
