/**
 * Stage 2, detect: decides which reader a document goes to.
 *  - A flat summary has `jsonStructure` (and a `fields` array): the seed's dialect, read/flat/.
 *  - JSON Structure Core claims a Core meta-schema in `$schema` and has `type`, `$root` or `definitions`; it stays
 *    strict Core (read/core/) unless it leans on something only the catalog reading understands (markers.ts).
 *  - Everything else that describes a type is a catalog file (read/catalog/): a `fields` list without
 *    `jsonStructure`, a `properties` root without a Core `$schema`, or a Core claim with catalog constructs. The
 *    choice is explained by an info note (SG_CATALOG_READING) at the construct that decided it.
 * `--dialect flat|core|catalog` skips detection and reads the document that way.
 */
import type { DiagnosticSink } from "../model/diagnostics.js";
import type { DialectChoice } from "../model/options.js";
import { firstCatalogMarker } from "./catalog/markers.js";
import { CORE_META } from "./meta-schemas.js";
import { describeJson, isObject, type JsonObject, type JsonValue, own } from "./source.js";

export type Dialect = "flat" | "core" | "catalog";

/** Keys that make a document describe a type, in the catalog reading. */
const CATALOG_KEYS = [
  "fields",
  "properties",
  "members",
  "type",
  "definitions",
  "$defs",
  "$ref",
  "items",
];

export function detectDialect(
  value: JsonValue,
  sink: DiagnosticSink,
  choice: DialectChoice = "auto",
): { dialect: Dialect; document: JsonObject } | undefined {
  if (!isObject(value)) {
    sink.error(
      "SG_UNKNOWN_DIALECT",
      "",
      `a JSON Structure document is a JSON object, not ${describeJson(value)}`,
    );
    return undefined;
  }
  if (choice !== "auto") {
    return { dialect: choice, document: value };
  }
  const dialect = detectObject(value, sink);
  return dialect === undefined ? undefined : { dialect, document: value };
}

function detectObject(value: JsonObject, sink: DiagnosticSink): Dialect | undefined {
  if (Object.hasOwn(value, "jsonStructure")) {
    return "flat";
  }
  const note = (pointer: string, why: string): Dialect => {
    sink.info("SG_CATALOG_READING", pointer, `read in the catalog reading: ${why}`);
    return "catalog";
  };
  if (Object.hasOwn(value, "fields")) {
    return note("/fields", 'it has a "fields" list but no "jsonStructure" (not a flat summary)');
  }
  const schema = own(value, "$schema");
  const claimsCore = typeof schema === "string" && CORE_META.test(schema);
  const coreRoot = ["type", "$root", "definitions"].some((key) => Object.hasOwn(value, key));
  if (claimsCore && coreRoot) {
    const marker = firstCatalogMarker(value);
    return marker === undefined
      ? "core"
      : note(
          marker.pointer,
          `it claims JSON Structure Core but uses ${marker.what}, which only the catalog reading understands`,
        );
  }
  if (CATALOG_KEYS.some((key) => Object.hasOwn(value, key))) {
    const why =
      schema === undefined
        ? "it has no $schema (not JSON Structure Core)"
        : claimsCore
          ? "its $schema is JSON Structure Core, but it has no type, $root or definitions"
          : `its $schema ${JSON.stringify(schema)} is not a JSON Structure Core meta-schema`;
    return note(schema === undefined || claimsCore ? "" : "/$schema", why);
  }
  sink.error(
    "SG_UNKNOWN_DIALECT",
    "",
    'not a JSON Structure document: a flat summary has "jsonStructure" and a "fields" array; JSON Structure Core has "$schema" and "type", "$root" or "definitions"; a catalog file has "fields" or "properties"',
  );
  return undefined;
}
