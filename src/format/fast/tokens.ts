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

/**
 * An identifier by prettier's ES5 identifier test, for names of ASCII and Latin letters (U+00AA to U+02C1,
 * where its table has no gap but the two signs U+00D7 and U+00F7); names with other letters are left to prettier.
 */
const ES5_IDENTIFIER =
  /^[A-Za-z_$\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1][A-Za-z0-9_$\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1]*$/;

/** prettier's quoteProps "as-needed" in TypeScript: quotes are dropped where the name is an identifier. */
export function propertyKey(name: ts.PropertyName): string {
  if (ts.isIdentifier(name)) {
    return name.text;
  }
  if (ts.isStringLiteral(name)) {
    if (ES5_IDENTIFIER.test(name.text)) {
      return name.text;
    }
    // prettier's identifier test knows more Unicode letters; a name with any of them is left to it.
    return /^[\x20-\x7e\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1]*$/.test(name.text)
      ? stringText(textOf(name))
      : unsupported("non-Latin key");
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

/** prettier's printNumber: lower case, no `+` or leading zeros in the exponent, no trailing zeros or dot. */
export function numberText(raw: string): string {
  if (!/^[0-9]*\.?[0-9]*(e[+-]?[0-9]+)?$/i.test(raw) || /^[.e]/i.test(raw)) {
    return unsupported(`number ${raw}`);
  }
  return raw
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, "$1$2$3")
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, "$1")
    .replace(/^([+-])?\./, "$10.")
    .replace(/(\.\d+?)0+(?=e|$)/, "$1")
    .replace(/\.(?=e|$)/, "");
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
