/**
 * Namespaces and definitions (Core §Namespaces, §`definitions` Keyword): under `definitions`, an object with
 * `type` is a type declaration and an object without one is a nested namespace. The result is one table of every
 * declaration by its full path, imported ones included (Imp §`$import`): imports are processed first, so a local
 * declaration with the same path shadows the imported one. An inline root type sits in the root namespace.
 */
import { dirname, resolve } from "node:path";
import { appendPointer } from "../../model/pointer.js";
import { isObject, type JsonObject, own } from "../source.js";
import { type Entry, IDENTIFIER, type Source } from "./context.js";
import { type ImportState, type LoadedDocument, loadImport } from "./imports.js";

export type Table = Map<string, Entry>;

export function pathKey(path: readonly string[]): string {
  return path.join("/");
}

/** Collects a document's declarations at `mount`; `withRoot` adds its inline root type (`$import`, or the input). */
export function collectDocument(
  document: LoadedDocument,
  dir: string,
  mount: readonly string[],
  withRoot: boolean,
  table: Table,
  state: ImportState,
): void {
  const source: Source = {
    file: document.file,
    dir,
    sink: document.sink,
    features: document.features,
    mount,
    patterns: state.patterns,
  };
  collectImports(document.value, "", source, mount, table, state);
  const defs = own(document.value, "definitions");
  if (isObject(defs)) {
    collectNamespace(defs, "/definitions", source, mount, table, state);
  }
  const name = own(document.value, "name");
  if (withRoot && own(document.value, "type") !== undefined && typeof name === "string") {
    const path = [...mount, name];
    const clash = table.get(pathKey(path));
    if (clash !== undefined && clash.source.file === document.file) {
      source.sink.error(
        "SG_NAME_COLLISION",
        "/name",
        `the root type "${name}" has the same name as the definition at ${clash.pointer}`,
      );
      return;
    }
    table.set(pathKey(path), {
      path,
      schema: document.value,
      pointer: "",
      source,
      isDocumentRoot: true,
    });
  }
}

function collectNamespace(
  namespace: JsonObject,
  pointer: string,
  source: Source,
  path: readonly string[],
  table: Table,
  state: ImportState,
): void {
  collectImports(namespace, pointer, source, path, table, state);
  for (const [key, value] of Object.entries(namespace)) {
    const at = appendPointer(pointer, key);
    if (key.startsWith("$")) {
      if (key !== "$import" && key !== "$importdefs" && key !== "$comment") {
        source.sink.warning(
          "SG_UNKNOWN_KEY",
          at,
          `unknown namespace keyword ${JSON.stringify(key)} is ignored`,
        );
      }
      continue;
    }
    if (!IDENTIFIER.test(key)) {
      source.sink.error(
        "SG_BAD_NAME",
        at,
        `type or namespace name ${JSON.stringify(key)} is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`,
      );
      continue;
    }
    if (!isObject(value)) {
      source.sink.error(
        "SG_WRONG_SHAPE",
        at,
        `${JSON.stringify(key)} must be a type declaration or a namespace object`,
      );
      continue;
    }
    const childPath = [...path, key];
    if (own(value, "type") !== undefined || looksLikeType(value)) {
      table.set(pathKey(childPath), {
        path: childPath,
        schema: value,
        pointer: at,
        source,
        isDocumentRoot: false,
      });
    } else {
      collectNamespace(value, at, source, childPath, table, state);
    }
  }
}

/** A namespace holds only objects; anything else (a `$ref`, a description string) is a type missing its `type`. */
function looksLikeType(value: JsonObject): boolean {
  const namespaceKeys = ["$import", "$importdefs", "$comment"];
  return Object.entries(value).some(
    ([key, child]) => !namespaceKeys.includes(key) && (!isObject(child) || key.startsWith("$")),
  );
}

/** `$import` brings the target's root type and definitions; `$importdefs` only its definitions. */
function collectImports(
  holder: JsonObject,
  pointer: string,
  source: Source,
  mount: readonly string[],
  table: Table,
  state: ImportState,
): void {
  for (const key of ["$import", "$importdefs"] as const) {
    const target = own(holder, key);
    if (target === undefined) {
      continue;
    }
    const at = appendPointer(pointer, key);
    const loaded = loadImport(target, source, at, state);
    if (loaded === undefined) {
      continue;
    }
    const nested: ImportState = { ...state, stack: [...state.stack, loaded.absolute] };
    collectDocument(
      loaded.document,
      dirname(resolve(loaded.absolute)),
      mount,
      key === "$import",
      table,
      nested,
    );
  }
}
