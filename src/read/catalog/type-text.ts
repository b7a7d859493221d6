/**
 * The type text of catalog files, parsed (no meaning yet: aliases and references are resolved by the reader).
 *
 *   type     := member ("|" member)*                      string|null, string|number
 *   member   := base ("[]")* (" (" hint ")")?             string[], string (date-time)
 *   base     := "array<" type ">" | "set<" type ">"       array<Phone>
 *             | "map<" type "," type ">" | "map<" type ">" map<string,string>
 *             | "object<" type ">"                         object<Budget>
 *             | "enum[" value ("," value)* "]"            enum[a,b]
 *             | python | name                             datetime, StatsigUser, array, object
 *   python   := "[" quoted ("," quoted)* "]"              ['string', 'null'] (quotes ' or ")
 *
 * Brackets must balance and a Python list must follow its grammar exactly; anything else is an error. A hint
 * names a format or is documentation, as the reader decides.
 */

export type TypeExpr =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "array"; readonly items: TypeExpr; readonly unique: boolean }
  | { readonly kind: "map"; readonly key?: TypeExpr; readonly values: TypeExpr }
  | { readonly kind: "object"; readonly of: TypeExpr }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "union"; readonly members: readonly TypeExpr[] }
  | { readonly kind: "hinted"; readonly base: TypeExpr; readonly hint: string };

export type Parsed = { readonly expr: TypeExpr } | { readonly error: string };

const PAIRS: Readonly<Record<string, string>> = { "<": ">", "[": "]", "(": ")" };
const CLOSERS = new Set(Object.values(PAIRS));
const NAME = /^[\p{L}_$][\p{L}\p{Nd}_$.\- ]*$/u;
const PYTHON_LIST = /^\[\s*(?:(['"])[^'"]*\1\s*,\s*)*(['"])[^'"]*\2\s*\]$/;

export function parseTypeText(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === "") {
    return { error: "the type is empty" };
  }
  const unbalanced = firstUnbalanced(trimmed);
  if (unbalanced !== undefined) {
    return { error: `the type text ${JSON.stringify(text)} is unbalanced: ${unbalanced}` };
  }
  return parseType(trimmed);
}

function parseType(text: string): Parsed {
  const parts = splitTopLevel(text, "|");
  if (parts.length === 1) {
    return parseMember(text);
  }
  const members: TypeExpr[] = [];
  for (const part of parts) {
    const parsed = parseMember(part.trim());
    if ("error" in parsed) {
      return parsed;
    }
    members.push(parsed.expr);
  }
  return { expr: { kind: "union", members } };
}

function parseMember(text: string): Parsed {
  if (text === "") {
    return { error: 'a union member is empty ("|" with nothing beside it)' };
  }
  const hinted = /^(.*\S)\s*\(([^()]*)\)$/su.exec(text);
  if (
    hinted?.[1] !== undefined &&
    hinted[2] !== undefined &&
    firstUnbalanced(hinted[1]) === undefined
  ) {
    const base = parseMember(hinted[1].trim());
    return "error" in base
      ? base
      : { expr: { kind: "hinted", base: base.expr, hint: hinted[2].trim() } };
  }
  if (text.endsWith("[]") && !text.startsWith("[")) {
    const items = parseMember(text.slice(0, -2).trim());
    return "error" in items ? items : { expr: { kind: "array", items: items.expr, unique: false } };
  }
  if (text.startsWith("[")) {
    return parsePython(text);
  }
  const generic = /^([A-Za-z]+)\s*([<[])(.*)[>\]]$/su.exec(text);
  if (generic?.[1] !== undefined && generic[2] !== undefined && generic[3] !== undefined) {
    return parseGeneric(generic[1].toLowerCase(), generic[2], generic[3], text);
  }
  return NAME.test(text)
    ? { expr: { kind: "name", name: text } }
    : { error: `${JSON.stringify(text)} is not a type name or type text structgen reads` };
}

function parseGeneric(head: string, open: string, inner: string, text: string): Parsed {
  const body = inner.trim();
  if (head === "enum" && open === "[") {
    const values = splitTopLevel(body, ",").map((v) => v.trim().replace(/^(['"])(.*)\1$/s, "$2"));
    return values.some((v) => v === "")
      ? { error: `${JSON.stringify(text)} lists an empty enum value` }
      : { expr: { kind: "enum", values } };
  }
  if (open !== "<" || body === "") {
    return { error: `${JSON.stringify(text)} is not a type text structgen reads` };
  }
  const args = splitTopLevel(body, ",").map((a) => a.trim());
  const parsedArgs: TypeExpr[] = [];
  for (const arg of args) {
    const parsed = parseType(arg);
    if ("error" in parsed) {
      return parsed;
    }
    parsedArgs.push(parsed.expr);
  }
  const [first, second] = parsedArgs;
  switch (head) {
    case "array":
    case "list":
    case "set":
      return args.length === 1 && first !== undefined
        ? { expr: { kind: "array", items: first, unique: head === "set" } }
        : { error: `${JSON.stringify(text)}: ${head}<T> takes one item type` };
    case "map":
    case "record":
    case "dict":
      if (args.length === 2 && first !== undefined && second !== undefined) {
        return { expr: { kind: "map", key: first, values: second } };
      }
      return args.length === 1 && first !== undefined
        ? { expr: { kind: "map", values: first } }
        : { error: `${JSON.stringify(text)}: ${head}<K,V> takes a key and a value type` };
    case "object":
      return args.length === 1 && first !== undefined
        ? { expr: { kind: "object", of: first } }
        : { error: `${JSON.stringify(text)}: object<Name> takes one type name` };
    default:
      return { error: `${JSON.stringify(text)}: ${head}<...> is not a type structgen reads` };
  }
}

/** A Python list literal of type names, as some catalogs print `["string", "null"]`: quoted names only. */
function parsePython(text: string): Parsed {
  if (!PYTHON_LIST.test(text)) {
    return {
      error: `${JSON.stringify(text)} is not a list of quoted type names such as "['string', 'null']"`,
    };
  }
  const names = [...text.matchAll(/(['"])([^'"]*)\1/g)].map((m) => (m[2] ?? "").trim());
  const members: TypeExpr[] = [];
  for (const name of names) {
    const parsed =
      name === "" ? { error: `${JSON.stringify(text)} lists an empty type name` } : parseType(name);
    if ("error" in parsed) {
      return parsed;
    }
    members.push(parsed.expr);
  }
  const only = members[0];
  return members.length === 1 && only !== undefined
    ? { expr: only }
    : { expr: { kind: "union", members } };
}

/**
 * Walks `text` bracket by bracket. Quotes count only inside square brackets (a Python list, enum values), so an
 * apostrophe in a hint ("string (the user's name)") is text. Calls `visit` for each character outside quotes with
 * the brackets open before it; returns why the brackets do not balance, or undefined.
 */
function walkBrackets(
  text: string,
  visit: (ch: string, index: number, depth: number) => void,
): string | undefined {
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote !== undefined) {
      quote = ch === quote ? undefined : quote;
      continue;
    }
    if ((ch === "'" || ch === '"') && open[open.length - 1] === "[") {
      quote = ch;
      continue;
    }
    visit(ch, i, open.length);
    if (Object.hasOwn(PAIRS, ch)) {
      open.push(ch);
    } else if (CLOSERS.has(ch)) {
      const last = open.pop();
      if (last === undefined || PAIRS[last] !== ch) {
        return `"${ch}" closes ${last === undefined ? "nothing" : `"${last}"`}`;
      }
    }
  }
  if (quote !== undefined) {
    return `a ${quote} quote is not closed`;
  }
  const last = open.pop();
  return last === undefined ? undefined : `"${last}" is not closed`;
}

/** Splits at `separator` outside any brackets or quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkBrackets(text, (ch, index, depth) => {
    if (ch === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  });
  parts.push(text.slice(start));
  return parts;
}

/** Why the brackets of `text` do not balance, or undefined when they do. */
function firstUnbalanced(text: string): string | undefined {
  return walkBrackets(text, () => undefined);
}
