/**
 * What every stage of the JSON Structure Core reader shares: where a schema came from (file, diagnostics,
 * enabled features, the namespace an imported document was mounted at) and the document-wide scope that resolves
 * references to declarations. Core terms follow draft-vasters-json-structure-core (Core §...), the import
 * draft (Imp §...) and the validation draft (Val §...).
 */
import type { DiagnosticSink } from "../../model/diagnostics.js";
import type { Annotations, TypeNode } from "../../model/model.js";
import type { PatternCheck } from "../pattern-safety.js";
import type { JsonObject, JsonValue } from "../source.js";

/** Companion features a document switched on (Core §Extensions and Add-Ins). */
export interface Features {
  /** `JSONStructureValidation` through `$uses`, or the validation meta-schema: validation keywords are enforced. */
  readonly validation: boolean;
}

/** One JSON document taking part in a run: the input itself or a document it imports. */
export interface Source {
  /** The path shown in diagnostics (relative, as the caller or the import gave it). */
  readonly file: string;
  /** The folder relative imports resolve from. */
  readonly dir: string;
  readonly sink: DiagnosticSink;
  readonly features: Features;
  /**
   * The namespace path this document's `definitions` were mounted at (Imp §`$import` Keyword): a pointer
   * `#/definitions/A/B` written in this document means `[...mount, "A", "B"]`.
   */
  readonly mount: readonly string[];
  /** Whether the run checks patterns for catastrophic backtracking (the `redosCheck` option). */
  readonly patterns: PatternCheck;
}

/** A type declaration found in `definitions` (or the inline root type), with its full namespace path. */
export interface Entry {
  readonly path: readonly string[];
  readonly schema: JsonObject;
  /** Pointer of the declaration inside `source.file`. */
  readonly pointer: string;
  readonly source: Source;
  /** True for the root's inline type: root-only keywords (`$schema`, `definitions`, ...) sit beside it. */
  readonly isDocumentRoot: boolean;
}

/** An entry read into the model. */
export interface ResolvedEntry {
  readonly type: TypeNode;
  readonly annotations: Annotations;
  readonly abstract: boolean;
}

/** The document-wide services the type readers need. */
export interface Scope {
  /** The entry a `#/definitions/...` pointer written in `source` reaches; reports and returns undefined if none. */
  lookup(
    pointer: JsonValue | undefined,
    source: Source,
    at: string,
    what: string,
  ): Entry | undefined;
  /** The TypeScript name of an entry. */
  nameOf(entry: Entry): string;
  /** Reads an entry (memoized); reports an `$extends`/choice cycle through `at` and returns undefined. */
  resolve(entry: Entry, at: { source: Source; pointer: string }): ResolvedEntry | undefined;
}

/** The context of one schema being read. */
export interface Ctx {
  readonly source: Source;
  readonly scope: Scope;
}

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A table entry by a key the document chose: never an inherited member (`constructor`, `__proto__`). */
export function entryOf<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
