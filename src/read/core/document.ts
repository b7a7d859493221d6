/**
 * The document root (Core §Document Structure): `$schema`, `$id`, and either an inline root type (`type` plus
 * `name`) or `$root` (a pointer into `definitions`), never both; `$uses` and `$offers` (Core §Extensions and
 * Add-Ins). A root with only `definitions` is a type library: accepted, with a warning.
 */
import type { DiagnosticSink } from "../../model/diagnostics.js";
import { appendPointer } from "../../model/pointer.js";
import { CORE_META as META } from "../meta-schemas.js";
import { describeJson, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import { type Features, IDENTIFIER, type Scope, type Source } from "./context.js";

const VALIDATION_FEATURES = ["JSONStructureValidation", "JSONSchemaValidation"];

export interface RootShape {
  /** The inline root type's name, when the root has `type`. */
  readonly name?: string;
  /** The `$root` pointer, when the root names a definition. */
  readonly rootPointer?: JsonValue;
}

/** Checks the root keywords; undefined when the root cannot be read (reported). */
export function readRoot(document: JsonObject, sink: DiagnosticSink): RootShape | undefined {
  const schema = own(document, "$schema");
  if (typeof schema !== "string") {
    sink.error(
      "SG_WRONG_SHAPE",
      "/$schema",
      `$schema must be the meta-schema URI, not ${describeJson(schema)}`,
    );
  } else if (!META.test(schema)) {
    sink.warning(
      "SG_UNKNOWN_KEY",
      "/$schema",
      `$schema ${JSON.stringify(schema)} is not a JSON Structure meta-schema structgen knows; read as Core`,
    );
  }
  const id = own(document, "$id");
  if (typeof id !== "string" || id === "") {
    sink.error(
      id === undefined ? "SG_MISSING_KEY" : "SG_WRONG_SHAPE",
      id === undefined ? "" : "/$id",
      "the document needs an $id (an absolute URI)",
    );
  }
  const hasType = own(document, "type") !== undefined;
  const rootPointer = own(document, "$root");
  if (hasType && rootPointer !== undefined) {
    sink.error("SG_MISPLACED_KEYWORD", "/$root", "$root and a root type cannot both be present");
    return undefined;
  }
  const defs = own(document, "definitions");
  if (defs !== undefined && !isObject(defs)) {
    sink.error(
      "SG_WRONG_SHAPE",
      "/definitions",
      `definitions must be an object (a namespace), not ${describeJson(defs)}`,
    );
    return undefined;
  }
  if (!hasType) {
    return rootPointer === undefined ? {} : { rootPointer };
  }
  const name = own(document, "name");
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    const problem =
      name === undefined
        ? "a root type needs a name"
        : `the root type name ${JSON.stringify(name)} is not an identifier`;
    sink.error(
      name === undefined ? "SG_MISSING_KEY" : "SG_BAD_NAME",
      name === undefined ? "" : "/name",
      problem,
    );
    return undefined;
  }
  return { name };
}

/** `$uses: ["JSONStructureValidation"]` (either spelling), or the validation meta-schema, enables validation. */
export function featuresOf(document: JsonObject, sink: DiagnosticSink | undefined): Features {
  const uses = own(document, "$uses");
  if (uses !== undefined && !(Array.isArray(uses) && uses.every((u) => typeof u === "string"))) {
    sink?.error("SG_WRONG_SHAPE", "/$uses", "$uses must be an array of feature names");
  }
  const names = Array.isArray(uses) ? uses.filter((u): u is string => typeof u === "string") : [];
  const schema = own(document, "$schema");
  const validationMeta = typeof schema === "string" && META.exec(schema)?.[1] === "validation";
  return { validation: validationMeta || names.some((n) => VALIDATION_FEATURES.includes(n)) };
}

/**
 * `$offers: {"Name": pointer | [pointers]}`: every pointer must reach a declaration. structgen does not merge
 * add-ins into their targets (an instance opts in per document with `$uses`); see the README.
 */
export function checkOffers(document: JsonObject, source: Source, scope: Scope): void {
  const offers = own(document, "$offers");
  if (offers === undefined) {
    return;
  }
  if (!isObject(offers)) {
    source.sink.error(
      "SG_WRONG_SHAPE",
      "/$offers",
      "$offers must map add-in names to type pointers",
    );
    return;
  }
  for (const [name, targets] of Object.entries(offers)) {
    const at = appendPointer("/$offers", name);
    const list: readonly JsonValue[] = Array.isArray(targets) ? targets : [targets];
    list.forEach((target, index) =>
      scope.lookup(
        target,
        source,
        Array.isArray(targets) ? appendPointer(at, index) : at,
        "$offers",
      ),
    );
  }
}
