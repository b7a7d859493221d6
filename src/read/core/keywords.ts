/**
 * Which keywords a schema may carry. Structural keywords on the wrong type (`items` on an object, `choices` on a
 * map, ...) are errors (Core §Compound Types; the SDK's `schemas/invalid`); annotation keywords from the companion
 * drafts are accepted; anything else is ignored with a warning.
 */
import { appendPointer } from "../../model/pointer.js";
import type { JsonObject } from "../source.js";
import { VALIDATION_KEYWORDS } from "./constraints.js";
import { type Ctx, entryOf } from "./context.js";

/** Documentation and companion-draft annotations (alternate names, units), valid on any schema. */
const ANNOTATIONS = [
  "description",
  "examples",
  "default",
  "deprecated",
  "name",
  "title",
  "$comment",
  "altnames",
  "altenums",
  "descriptions",
  "unit",
  "currency",
  "symbol",
  "symbols",
  "precision",
  "scale",
  "contentMediaType",
  "contentCompression",
  "mediaType",
  "compression",
];

/** Keywords that only make sense on some types; elsewhere they are errors. */
const STRUCTURAL: Readonly<Record<string, readonly string[]>> = {
  properties: ["object", "tuple"],
  required: ["object"],
  additionalProperties: ["object"],
  items: ["array", "set"],
  values: ["map"],
  keys: ["map"],
  tuple: ["tuple"],
  choices: ["choice"],
  selector: ["choice"],
  abstract: ["object", "tuple"],
  $extends: ["object", "tuple", "choice"],
  maxLength: ["string", "binary"],
  contentEncoding: ["binary", "string"],
  encoding: ["binary"],
};

/**
 * Annotations that belong to the validation extension (Val §`default`, content keywords on `string`): kept as
 * documentation either way, with a warning when the document does not enable the extension (SDK assets
 * `schemas/warnings`). On `binary` the content keywords are Core.
 */
export function warnExtensionAnnotations(
  schema: JsonObject,
  typeName: string,
  pointer: string,
  ctx: Ctx,
): void {
  if (ctx.source.features.validation) {
    return;
  }
  const keys = [
    "default",
    ...(typeName === "binary" ? [] : ["contentEncoding", "contentMediaType", "contentCompression"]),
  ];
  for (const key of keys.filter((k) => Object.hasOwn(schema, k))) {
    ctx.source.sink.warning(
      "SG_EXTENSION_NOT_ENABLED",
      appendPointer(pointer, key),
      `${key} belongs to the validation extension, which the document does not enable; kept as documentation`,
    );
  }
}

/** Keywords of the document root that sit beside an inline root type. */
export const ROOT_KEYWORDS = [
  "$schema",
  "$id",
  "$root",
  "definitions",
  "$uses",
  "$offers",
  "$import",
  "$importdefs",
  "version",
];

const COMPOSITION = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];

/**
 * Checks the keywords of a schema whose type name is `typeName` (a name, "union" or "ref"). Returns false when a
 * keyword makes the schema unusable (already reported).
 */
export function checkKeywords(
  schema: JsonObject,
  typeName: string,
  pointer: string,
  ctx: Ctx,
  isDocumentRoot: boolean,
): boolean {
  let usable = true;
  for (const key of Object.keys(schema)) {
    const at = appendPointer(pointer, key);
    const allowedOn = entryOf(STRUCTURAL, key);
    if (
      key === "type" ||
      ANNOTATIONS.includes(key) ||
      key === "enum" ||
      key === "const" ||
      VALIDATION_KEYWORDS.includes(key)
    ) {
      continue;
    }
    if (isDocumentRoot && ROOT_KEYWORDS.includes(key)) {
      continue;
    }
    if (allowedOn !== undefined) {
      if (!allowedOn.includes(typeName) && !(key === "maxLength" && isStringLike(typeName))) {
        ctx.source.sink.error(
          "SG_MISPLACED_KEYWORD",
          at,
          `${key} is not allowed on ${describeType(typeName)}`,
        );
        usable = false;
      }
      continue;
    }
    if (COMPOSITION.includes(key)) {
      ctx.source.sink.error(
        "SG_UNSUPPORTED",
        at,
        `${key} (conditional composition) is not supported by structgen`,
      );
      usable = false;
    } else if (key === "$ref") {
      ctx.source.sink.error(
        "SG_MISPLACED_KEYWORD",
        at,
        '$ref is only allowed as the value of "type": write {"type": {"$ref": "#/definitions/..."}}',
      );
      usable = false;
    } else if (["$id", "$root", "$schema", "definitions", "$defs"].includes(key)) {
      const hint =
        key === "$defs" ? ' (JSON Structure uses "definitions")' : " (only at the document root)";
      ctx.source.sink.error("SG_MISPLACED_KEYWORD", at, `${key} is not allowed here${hint}`);
      usable = false;
    } else {
      ctx.source.sink.warning(
        "SG_UNKNOWN_KEY",
        at,
        `unknown keyword ${JSON.stringify(key)} is ignored`,
      );
    }
  }
  return usable;
}

/** maxLength is a string keyword; every string-encoded Core type accepts it. */
function isStringLike(typeName: string): boolean {
  return [
    "string",
    "union",
    "date",
    "datetime",
    "time",
    "duration",
    "uuid",
    "uri",
    "jsonpointer",
    "binary",
  ].includes(typeName);
}

function describeType(typeName: string): string {
  return typeName === "union"
    ? "a union"
    : typeName === "ref"
      ? "a type reference"
      : `type ${typeName}`;
}
