/**
 * JSDoc text from documents. Nothing a document says can end a comment: `*\/` is broken, a line cannot start a
 * tag, line breaks are normalized and invisible or control characters are escaped. (Code, not comments, is built
 * by the builders of code/, which escape strings through code/literal.ts.)
 */
import type { Annotations } from "../model/model.js";
import { INVISIBLE, unicodeEscape } from "./code/literal.js";

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
