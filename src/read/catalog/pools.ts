/**
 * The declared types of a catalog document: the type pools `nested`, `types`, `relatedTypes` (lists of named
 * types, or maps of name to type) and `definitions`, `$defs` (maps; a Core namespace inside `definitions` is
 * walked for its types). Each entry is a declaration of the document, named by its key or its `name`.
 */
import { appendPointer } from "../../model/pointer.js";
import { isArrayValue, isObject, type JsonObject, own } from "../source.js";
import type { PoolEntry } from "./context.js";
import { isNamespace } from "./markers.js";
import { entryName } from "./names.js";

export const POOL_KEYS = ["nested", "types", "relatedTypes", "definitions", "$defs"] as const;

/** The pools' entries in document order; `problems` gets each entry that has no name (pointer, message). */
export function poolsOf(
  document: JsonObject,
  problems?: (pointer: string, message: string) => void,
): PoolEntry[] {
  const entries: PoolEntry[] = [];
  for (const key of POOL_KEYS) {
    const pool = own(document, key);
    const at = appendPointer("", key);
    if (isArrayValue(pool) && (key === "definitions" || key === "$defs")) {
      problems?.(at, `${key} must be an object of types (name -> type), not a list`);
    } else if (isArrayValue(pool)) {
      pool.forEach((schema, index) => {
        const name = entryName(schema);
        const pointer = appendPointer(at, index);
        if (name === undefined || name.trim() === "") {
          problems?.(pointer, `each entry of ${key} needs a "name" (the type's name)`);
        } else {
          entries.push({ name, schema, pointer });
        }
      });
    } else if (isObject(pool)) {
      entries.push(...mapEntries(pool, at, key === "definitions"));
    } else if (pool !== undefined) {
      problems?.(at, `${key} must be a list of named types or an object of types`);
    }
  }
  return entries;
}

function mapEntries(pool: JsonObject, pointer: string, namespaces: boolean): PoolEntry[] {
  return Object.keys(pool).flatMap((name) => {
    const schema = pool[name];
    const at = appendPointer(pointer, name);
    if (schema === undefined) {
      return [];
    }
    return namespaces && isNamespace(schema)
      ? mapEntries(schema as JsonObject, at, true)
      : [{ name, schema, pointer: at }];
  });
}
