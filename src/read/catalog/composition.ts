/**
 * `allOf`, `anyOf` and `oneOf` in the catalog reading. `allOf` with one typed member is that member (the others
 * carry documentation, as in `allOf: [{"$ref": ...}, {"description": ...}]`); `anyOf` is a union; `oneOf` too, with
 * a warning (a value that matches two members is accepted). Several typed members of `allOf`, `not`, `if`, and a
 * composition beside a type are not read, with a warning; a composition that is not a list is an error.
 */
import type { TypeNode } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { describeJson, isArrayValue, type JsonObject, type JsonValue, own } from "../source.js";
import { isDocumentationOnly } from "./annotations.js";
import { ANY, fail, type Reading, type Site, warn } from "./context.js";
import { unionOf } from "./text.js";

export const COMPOSITION_KEYS = ["allOf", "anyOf", "oneOf"];

/**
 * `allOf` with one typed member is that member (the others carry documentation, as in
 * `allOf: [{"$ref": ...}, {"description": ...}]`); `anyOf` is a union; `oneOf` too, with a warning (a value that
 * matches two members is accepted). Several typed members of `allOf`, `not` and `if` are not read.
 */
export function composition(node: JsonObject, site: Site, r: Reading): TypeNode {
  for (const key of ["not", "if"].filter((k) => own(node, k) !== undefined)) {
    warn(
      site,
      "SG_UNSUPPORTED",
      appendPointer(site.pointer, key),
      `${key} is not read; it is ignored`,
    );
  }
  const [key = "allOf", ...others] = COMPOSITION_KEYS.filter((k) => own(node, k) !== undefined);
  for (const other of others) {
    warn(
      site,
      "SG_UNSUPPORTED",
      appendPointer(site.pointer, other),
      `${other} beside ${key} is not read; it is ignored`,
    );
  }
  const list = own(node, key);
  const at = appendPointer(site.pointer, key);
  if (!isArrayValue(list)) {
    fail(site, "SG_WRONG_SHAPE", at, `${key} must be a list of types, not ${describeJson(list)}`);
    return ANY;
  }
  const typed = list
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => !isDocumentationOnly(member));
  const read = ({ member, index }: { member: JsonValue; index: number }) =>
    r.read(member, {
      ...site,
      pointer: appendPointer(at, index),
      path: [...site.path, String(index + 1)],
    });
  const [first] = typed;
  if (key === "allOf") {
    if (typed.length === 1 && first !== undefined) {
      return r.read(first.member, { ...site, pointer: appendPointer(at, first.index) });
    }
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      typed.length === 0
        ? "allOf holds no type; any value"
        : "allOf of several types is not read; it is read as any value",
    );
    return ANY;
  }
  if (key === "oneOf" && typed.length > 1) {
    warn(
      site,
      "SG_UNSUPPORTED",
      at,
      "oneOf is read as anyOf: a value that matches more than one of its types is accepted too",
    );
  }
  return typed.length === 1 && first !== undefined
    ? r.read(first.member, { ...site, pointer: appendPointer(at, first.index) })
    : unionOf(typed.map(read));
}

/**
 * `allOf`, `anyOf` or `oneOf` beside a type or a reference: only documentation members are read (as the member's
 * documentation); typed ones are not, with a warning. A composition that is not a list is an error.
 */
export function ignoredComposition(node: JsonObject, site: Site): void {
  for (const key of COMPOSITION_KEYS) {
    const list = own(node, key);
    const at = appendPointer(site.pointer, key);
    if (list === undefined) {
      continue;
    }
    if (!isArrayValue(list)) {
      fail(site, "SG_WRONG_SHAPE", at, `${key} must be a list of types, not ${describeJson(list)}`);
    } else if (!list.every(isDocumentationOnly)) {
      warn(
        site,
        "SG_UNSUPPORTED",
        at,
        `${key} beside a type or $ref is not read; the type alone is checked`,
      );
    }
  }
}
