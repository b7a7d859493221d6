/**
 * Diagnostics are values: a code, a severity, a message, a JSON pointer into the input and, when the
 * input could be read, the line and column of that pointer. The library never logs; the CLI renders them.
 */

/** `info` is a note that changes nothing (which reading a document got, and why); it is never an error. */
export type Severity = "error" | "warning" | "info";

/** Every diagnostic code structgen can produce, with what it means. */
export const DIAGNOSTIC_CODES = {
  SG_READ_FAILED: "the input file could not be read",
  SG_INVALID_UTF8: "the input is not valid UTF-8",
  SG_EMPTY_INPUT: "the input file is empty",
  SG_JSON_SYNTAX: "the input is not valid JSON",
  SG_JSON_DUPLICATE_KEY: "an object has the same key twice",
  SG_TOO_DEEP: "arrays and objects nested deeper than structgen reads (256 levels)",
  SG_UNKNOWN_DIALECT:
    "the document is neither a flat summary, JSON Structure Core nor a catalog file (fields or properties)",
  SG_CATALOG_READING: "a note: the document is read in the catalog reading, and why",
  SG_WRONG_SHAPE: "a key has a value of the wrong JSON type",
  SG_MISSING_KEY: "a required key is missing",
  SG_UNKNOWN_KEY: "a key structgen does not know (ignored)",
  SG_UNKNOWN_TYPE: "a field type structgen does not know",
  SG_DUPLICATE_FIELD: "two fields have the same name",
  SG_ENUM_EMPTY: "an enum has no values",
  SG_ENUM_TYPE: "an enum, const or default value does not match the field's type",
  SG_ENUM_DUPLICATE: "an enum lists the same value twice",
  SG_COUNT_MISMATCH: "fieldCount or requiredCount disagrees with the fields",
  SG_UNKNOWN_FORMAT: "a format structgen cannot check (kept as an annotation)",
  SG_BAD_NAME: "a name cannot become a safe identifier or file name",
  SG_NAME_COLLISION: "two declarations or documents map to the same name",
  SG_PRETTIER_CONFIG: "the prettier configuration could not be loaded",
  SG_OUTPUT_PATH: "an output path is not safe",
  SG_WRITE_FAILED: "an output file could not be written",
  SG_INDEX_INCOMPLETE:
    "index.ts cannot re-export a file of a document an earlier run wrote into the output folder: the file is gone",
  SG_OTHER_FOLDER:
    "the API's files are written to, or checked against, another folder than the outDir they were generated for",
  SG_EMITTER_FAILED: "a custom emitter threw, returned malformed files, or reused an output path",
  SG_FORMAT_FAILED:
    "prettier could not format an output (a plugin is missing, or the output does not parse)",
  SG_INVALID_DATA: "a data file does not match the structure (structgen validate)",
  SG_MISPLACED_KEYWORD: "a JSON Structure keyword where the spec does not allow it",
  SG_UNRESOLVED_REF: "a $ref, $extends or $root pointer does not reach a type declaration",
  SG_REF_CYCLE: "references or $extends that only lead back to themselves",
  SG_EXTENDS_TOO_DEEP: "an $extends chain longer than structgen reads (64 levels)",
  SG_ABSTRACT_USE: "an abstract type used as the type of a value",
  SG_BAD_EXTENDS: "an $extends target that cannot be merged",
  SG_BAD_CONSTRAINT:
    "a constraint keyword with an invalid value, on the wrong type, or contradicting another",
  SG_EXTENSION_NOT_ENABLED:
    "a validation keyword used without enabling the validation extension (ignored)",
  SG_UNSUPPORTED: "a construct structgen cannot generate exactly",
  SG_UNSAFE_PATTERN:
    "a pattern can backtrack catastrophically (ReDoS) on some inputs; it is still checked as written",
  SG_IMPORT_FAILED: "an $import or $importdefs target cannot be read",
  SG_IMPORT_CYCLE: "imports that lead back to a document already being imported",
  SG_NO_ROOT: "a document without a root type (a type library)",
  SG_YAML_SYNTAX: "the source spec is not valid YAML",
  SG_SPEC_INVALID: "the source spec is not an OpenAPI 3.0 or 3.1 document with components.schemas",
  SG_SPEC_NO_ENTITY: "the summary's entity is not in the source spec's components.schemas",
  SG_SPEC_MISMATCH: "the summary and its source spec disagree (the summary wins)",
  SG_OPEN_OBJECT:
    "an object without properties, read as an open record of any values (catalog reading)",
  SG_UNTYPED_ARRAY: "an array without items, read as an array of any values (catalog reading)",
  SG_CROSS_DOCUMENT_REF:
    "a reference resolved by name to another document of the run, whose declarations are copied (catalog reading)",
  SG_PRECISION:
    "a 64/128-bit integer or a decimal read as a JSON number, exact only up to 2^53 (catalog reading)",
  SG_VALUE_CONSTANT: "a `value` read as the only value allowed (catalog reading)",
  SG_GUESSED_TYPE:
    "a type read from a hint, an approximate type name or the keywords present rather than stated (catalog reading)",
  SG_DOTTED_NAME:
    "a field name with dots, read as one key (it may be a path into nested objects) (catalog reading)",
  SG_NAME_DERIVED:
    "names structgen derives collided and were renamed by the documented rule (catalog reading)",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the input file, as given by the caller. */
  readonly file: string;
  /** JSON pointer (RFC 6901) of the offending value inside the input; "" is the whole document. */
  readonly pointer: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column (UTF-16 code units), when known. */
  readonly column?: number;
}

/** A position lookup for one input: JSON pointer to its line and column. */
export type Locator = (
  pointer: string,
) => { readonly line: number; readonly column: number } | undefined;

/** Collects diagnostics for one input file, positioning each from the file's locator. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private locate: Locator = () => undefined,
  ) {}

  setLocator(locate: Locator): void {
    this.locate = locate;
  }

  error(code: DiagnosticCode, pointer: string, message: string): void {
    this.add("error", code, pointer, message);
  }

  /** An error at a known position rather than at the pointer's value (e.g. a duplicate key's second copy). */
  errorAt(
    code: DiagnosticCode,
    pointer: string,
    message: string,
    position: { line: number; column: number },
  ): void {
    this.add("error", code, pointer, message, position);
  }

  warning(code: DiagnosticCode, pointer: string, message: string): void {
    this.add("warning", code, pointer, message);
  }

  info(code: DiagnosticCode, pointer: string, message: string): void {
    this.add("info", code, pointer, message);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  private add(
    severity: Severity,
    code: DiagnosticCode,
    pointer: string,
    message: string,
    at?: { line: number; column: number },
  ): void {
    const position = at ?? this.locate(pointer);
    this.items.push({ code, severity, message, file: this.file, pointer, ...position });
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Renders one diagnostic the way compilers do: `file:line:column: error CODE: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const at = d.pointer === "" ? "" : ` (at ${d.pointer})`;
  return `${where}: ${d.severity} ${d.code}: ${d.message}${at}`;
}

/** Exhaustiveness check for `switch` over a discriminated union. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
