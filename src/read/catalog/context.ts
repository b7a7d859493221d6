/**
 * What the readers of the catalog reading share. One reading generates one document; it may copy into it the
 * declarations of other documents of the run that the document references (units). Declarations are registered
 * under internal ids while reading and named once at the end (declarations.ts), so that names never depend on the
 * order types were reached.
 */
import type { DiagnosticCode, DiagnosticSink } from "../../model/diagnostics.js";
import type { Annotations, TypeNode } from "../../model/model.js";
import type { ResolvedOptions } from "../../model/options.js";
import type { JsonObject, JsonValue } from "../source.js";

/** A declared type of a document: an entry of `nested`, `types`, `relatedTypes`, `definitions` or `$defs`. */
export interface PoolEntry {
  readonly name: string;
  readonly schema: JsonValue;
  readonly pointer: string;
}

/** One document taking part in a reading: the one being generated, or one copied into it. */
export interface Unit {
  readonly file: string;
  readonly document: JsonObject;
  /** The root type's name in the unit's own reading. */
  readonly rootName: string;
  /** Declared types by name, in document order. */
  readonly pools: readonly PoolEntry[];
  /** True for the document being generated. */
  readonly main: boolean;
  /** The main document's sink, or a silent one: a copied document reports its problems when it is generated. */
  readonly sink: DiagnosticSink;
}

/** What kind of name a declaration has: the document's own names collide with an error, derived ones are renamed. */
export type DeclKind = "root" | "declared" | "derived";

/** Where a schema is read. */
export interface Site {
  readonly unit: Unit;
  /** Pointer of the schema in the unit's document. */
  readonly pointer: string;
  /** Property path from the unit's root (keys, and "Item"/"Value" for items and map values): derived names. */
  readonly path: readonly string[];
  /** The schema is a declaration's whole body (a root or a pool entry): an inline object or enum stays inline. */
  readonly top: boolean;
  /** The type name the document gives an item or value type (`{"name": "Application", "fields": [...]}`). */
  readonly typeName?: string;
}

/** The services a reader needs from its reading. */
export interface Reading {
  readonly options: ResolvedOptions;
  /** Registers a declaration whose body is read by `read` (now or later); returns a reference to it. */
  declare(
    site: Site,
    kind: DeclKind,
    name: string,
    read: () => { type: TypeNode; annotations: Annotations },
  ): TypeNode;
  /** A reference written as a JSON pointer or URI (`$ref`, `{"type": {"$ref": ...}}`). */
  reference(text: string, site: Site, at: string): TypeNode;
  /** A type named by the type text (`StatsigUser`, `object<Budget>`); undefined when nothing has that name. */
  named(name: string, site: Site, at: string): TypeNode | undefined;
  /** Reads a nested schema (a member, an item, a value type). */
  read(value: JsonValue | undefined, site: Site): TypeNode;
  /** The documentation of a member's schema. */
  documentation(schema: JsonValue | undefined): Annotations;
}

export function warn(site: Site, code: DiagnosticCode, pointer: string, message: string): void {
  site.unit.sink.warning(code, pointer, message);
}

export function fail(site: Site, code: DiagnosticCode, pointer: string, message: string): void {
  site.unit.sink.error(code, pointer, message);
}

/** How a message names the place of a site: `"address.geo"`, `"tags[]"` (items), `"labels{}"` (map values). */
export function placeOf(site: Site): string {
  if (site.path.length === 0) {
    return "the root type";
  }
  const text = site.path
    .map((segment, index) =>
      segment === "Item"
        ? "[]"
        : segment === "Value"
          ? "{}"
          : `${index === 0 ? "" : "."}${segment}`,
    )
    .join("");
  return JSON.stringify(text);
}

/** A site one step down: a property, an item, a map's values. */
export function below(site: Site, pointer: string, segment: string): Site {
  return { unit: site.unit, pointer, path: [...site.path, segment], top: false };
}

export const ANY: TypeNode = { kind: "any" };
export const NULL: TypeNode = { kind: "null" };

/** `type | null`, once (a union already holding null is returned as it is). */
export function orNull(type: TypeNode): TypeNode {
  if (type.kind === "null" || type.kind === "any") {
    return type;
  }
  if (type.kind === "union") {
    return type.members.some((m) => m.kind === "null")
      ? type
      : { ...type, members: [...type.members, NULL] };
  }
  if (type.kind === "literal") {
    return type.values.includes(null) ? type : { kind: "union", members: [type, NULL] };
  }
  return { kind: "union", members: [type, NULL] };
}
