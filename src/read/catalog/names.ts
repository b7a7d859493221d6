/**
 * Names in the catalog reading.
 *  - A document's root type: `entity`, else `name`, else `title`, else the file name. A trailing "Structure" is
 *    dropped; an identifier keeps its spelling (first letter upper-cased, as every type name is), anything else
 *    becomes PascalCase keeping each word's inner case ("TiDB Cloud Cluster" -> `TiDBCloudCluster`).
 *  - Every other declaration is named after the root, so that two documents of one run never export the same
 *    name from index.ts: `prefixed(root, name)` is `name` when it already starts with the root, else root + name
 *    (`Account` + `Application` -> `AccountApplication`), as the OpenAPI enrichment names components.
 *  - Derived names (enum and inline object types, and the declarations copied from other documents) join the
 *    property path in PascalCase (`Account` + `address.geo` -> `AccountAddressGeo`); collisions are resolved by
 *    declarations.ts, never silently.
 */
import { fileStem, toTypeIdentifier } from "../../model/names.js";
import { isObject, type JsonObject, type JsonValue, own } from "../source.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TRAILING_STRUCTURE = /(?<=.)Structure$/;

/** Where a document's root name comes from, in the order the catalog reading looks. */
export const ROOT_NAME_KEYS = ["entity", "name", "title"] as const;

/** A type name from any text: identifiers keep their spelling, other text becomes PascalCase; "Structure" dropped. */
export function typeNameOf(text: string): string | undefined {
  const trimmed = text.trim();
  const named = IDENTIFIER.test(trimmed)
    ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
    : toTypeIdentifier(trimmed);
  return named?.replace(TRAILING_STRUCTURE, "");
}

/** The root type name of a catalog document, and the key it came from ("file" for the file name). */
export function documentTypeName(
  document: JsonObject,
  file: string,
): { readonly name: string; readonly from: string } | undefined {
  for (const key of ROOT_NAME_KEYS) {
    const raw = own(document, key);
    const name = typeof raw === "string" ? typeNameOf(raw) : undefined;
    if (name !== undefined) {
      return { name, from: key };
    }
  }
  const name = typeNameOf(fileStem(file));
  return name === undefined ? undefined : { name, from: "file" };
}

/** The name a document's root takes when another document of the run claims the same one: its file name's. */
export function fileTypeName(file: string): string | undefined {
  return typeNameOf(fileStem(file));
}

/** `name` under the root's name: unchanged when it already starts with it, else prefixed. */
export function prefixed(root: string, name: string): string {
  return name.startsWith(root) ? name : `${root}${name}`;
}

/**
 * The letters and digits a derived name keeps: ASCII, Latin-1 and Latin Extended-A/B, Greek, Cyrillic, kana, the
 * basic CJK block and Hangul syllables, blocks stable for decades that every TypeScript version takes in an
 * identifier. A letter Unicode added lately (Node's tables are newer than TypeScript's) would make a name the
 * compiler refuses, so a derived name drops anything else.
 */
const NAME_CHARACTER =
  /[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]/u;

/** The runs of name characters in `text` (see NAME_CHARACTER), in order. */
function nameWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  for (const ch of text) {
    if (NAME_CHARACTER.test(ch) && /[\p{L}\p{Nd}]/u.test(ch)) {
      word += ch;
    } else if (word !== "") {
      words.push(word);
      word = "";
    }
  }
  return word === "" ? words : [...words, word];
}

/** A derived name: the root, then each path segment in PascalCase (what has no letters or digits drops). */
export function derivedName(root: string, path: readonly string[]): string {
  return `${root}${path.map((segment) => pascalSegment(segment)).join("")}`;
}

/** The fallback of a derived name that collided: the root and the path as written, joined with "_". */
export function pathName(root: string, path: readonly string[]): string {
  const segments = path
    .map((segment) => nameWords(segment).join("_"))
    .filter((segment) => segment !== "");
  return [root, ...segments].join("_");
}

function pascalSegment(segment: string): string {
  return nameWords(segment)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The `$id` of a document, when it has a string one. */
export function documentId(document: JsonObject): string | undefined {
  const id = own(document, "$id");
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The string `name` of an object (a field, a named entry of a list pool such as `nested: [...]`). */
export function entryName(value: JsonValue | undefined): string | undefined {
  const name = isObject(value) ? own(value, "name") : undefined;
  return typeof name === "string" ? name : undefined;
}
