/**
 * The root of a catalog document: the document itself is the root type's schema, with document keys beside it
 * (`$schema`, `$id`, `entity`, `version`, the type pools, and documentation such as `relationships`, `notes`,
 * `sources`, which are not errors). A document that only declares types (a type library) takes its first
 * declared type as the root, with a warning.
 */
import type { Annotations, TypeNode } from "../../model/model.js";
import { type JsonObject, own } from "../source.js";
import { annotationsOf } from "./annotations.js";
import { ANY, type Reading, type Site, type Unit, warn } from "./context.js";
import { POOL_KEYS } from "./pools.js";
import { readSchema } from "./schema.js";

const DOCUMENT_KEYS: ReadonlySet<string> = new Set([
  "$schema",
  "$id",
  "entity",
  "jsonStructure",
  "fieldCount",
  "requiredCount",
  "version",
  "source",
  "sources",
  "notes",
  "relationships",
  "tags",
  "category",
  ...POOL_KEYS,
]);

const TYPE_KEYS = [
  "type",
  "$ref",
  "fields",
  "children",
  "properties",
  "members",
  "items",
  "enum",
  "values",
  "allOf",
  "anyOf",
  "oneOf",
  "additionalProperties",
  "const",
];

export function readRoot(unit: Unit, r: Reading): { type: TypeNode; annotations: Annotations } {
  const site: Site = { unit, pointer: "", path: [], top: true };
  const annotations = annotationsOf(unit.document, { withoutTitle: true });
  if (describesType(unit.document)) {
    return { type: readSchema(unit.document, site, r, DOCUMENT_KEYS), annotations };
  }
  const first = unit.pools[0];
  if (first === undefined) {
    warn(
      site,
      "SG_GUESSED_TYPE",
      "",
      "the document declares no type: its root is read as any value",
    );
    return { type: ANY, annotations };
  }
  warn(
    site,
    "SG_NO_ROOT",
    "",
    `the document has no root type, only declared types (a type library); the root is ${first.name}, the first of them`,
  );
  return { type: r.named(first.name, site, first.pointer) ?? ANY, annotations };
}

function describesType(document: JsonObject): boolean {
  return TYPE_KEYS.some((key) => own(document, key) !== undefined);
}
