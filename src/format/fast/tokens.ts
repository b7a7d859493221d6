/**
 * The pieces of prettier's output both printers share: strings, numbers, property names, and the signal that
 * something is left to prettier.
 */
import { ts } from "../../emit/ts-morph.js";
import { sourceText, startOf, textOf } from "./printing-source.js";

/** Thrown for anything this printer does not reproduce exactly; the caller falls back to prettier. */
export class Unsupported {
  /** What was met last (for debugging: one instance is reused, since a stack trace per throw was costly). */
  reason = "";
}

const UNSUPPORTED = new Unsupported();

export function unsupported(what: string): never {
  UNSUPPORTED.reason = what;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a reused signal, not an error: see Unsupported
  throw UNSUPPORTED;
}

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** prettier's quoteProps "as-needed" in TypeScript: quotes are dropped where the name is an identifier. */
export function propertyKey(name: ts.PropertyName): string {
  if (ts.isIdentifier(name)) {
    return name.text;
  }
  if (ts.isStringLiteral(name)) {
    if (ES5_IDENTIFIER.test(name.text)) {
      return name.text;
    }
    // prettier's identifier test knows Unicode letters; leave such names to it.
    return /^[\x20-\x7e]*$/.test(name.text)
      ? stringText(textOf(name))
      : unsupported("non-ASCII key");
  }
  return unsupported("computed key");
}

/** prettier's string printing: the quote with fewer escapes (double on a tie), content kept when the quote stays. */
export function stringText(raw: string): string {
  const quote = raw[0] ?? "";
  const content = raw.slice(1, -1);
  let doubles = 0;
  let singles = 0;
  for (const char of content) {
    doubles += char === '"' ? 1 : 0;
    singles += char === "'" ? 1 : 0;
  }
  const enclosing = doubles > singles ? "'" : '"';
  if (enclosing === quote) {
    return raw;
  }
  const other = enclosing === '"' ? "'" : '"';
  const body = content.replace(
    /\\(.)|(["'])/gs,
    (match, escaped: string | undefined, bare: string | undefined) =>
      escaped === other ? escaped : bare === enclosing ? `\\${bare}` : (bare ?? match),
  );
  return `${enclosing}${body}${enclosing}`;
}

/** Numbers as JavaScript prints them are what prettier prints, except exponents (1e+21 -> 1e21): left to it. */
export function numberText(raw: string): string {
  return /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/.test(raw) ? raw : unsupported(`number ${raw}`);
}

/** An object literal or type written with a line break after `{` stays expanded in prettier: not flat. */
export function assertWrittenFlat(node: ts.Node, firstMember: ts.Node | undefined): void {
  if (
    firstMember !== undefined &&
    sourceText().slice(startOf(node), startOf(firstMember)).includes("\n")
  ) {
    unsupported("object written expanded");
  }
}
