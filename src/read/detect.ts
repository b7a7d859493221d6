/**
 * Stage 2, detect: decides which reader a document goes to. A flat summary has `jsonStructure` and a `fields`
 * array; JSON Structure Core (`$schema` + `type`/`$root`/`definitions`) gets its own reader in a later stage.
 */
import type { DiagnosticSink } from "../model/diagnostics.js";
import { describeJson, isObject, type JsonObject, type JsonValue } from "./source.js";

export type Dialect = "flat" | "core";

export function detectDialect(
  value: JsonValue,
  sink: DiagnosticSink,
): { dialect: Dialect; document: JsonObject } | undefined {
  if (!isObject(value)) {
    sink.error(
      "SG_UNKNOWN_DIALECT",
      "",
      `a JSON Structure document is a JSON object, not ${describeJson(value)}`,
    );
    return undefined;
  }
  if (Object.hasOwn(value, "jsonStructure") || Object.hasOwn(value, "fields")) {
    return { dialect: "flat", document: value };
  }
  if (
    Object.hasOwn(value, "$schema") &&
    (Object.hasOwn(value, "type") ||
      Object.hasOwn(value, "$root") ||
      Object.hasOwn(value, "definitions"))
  ) {
    return { dialect: "core", document: value };
  }
  sink.error(
    "SG_UNKNOWN_DIALECT",
    "",
    'not a JSON Structure document: a flat summary has "jsonStructure" and a "fields" array; JSON Structure Core has "$schema" and "type", "$root" or "definitions"',
  );
  return undefined;
}
