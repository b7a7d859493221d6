/**
 * One `Options` type with documented defaults, one `resolveOptions()`, and one `OPTION_TABLE` that feeds the
 * CLI flags, their help text and the README's options table.
 */

export type EmitTarget = "types" | "guards" | "schema";
export type ObjectFieldsMode = "unknown" | "record";
export type FormatsMode = "validate" | "annotate";
export type RuntimeMode = "shared" | "inline";
/** Which reader a document goes to: `auto` detects it (read/detect.ts); the others force one. */
export type DialectChoice = "auto" | "flat" | "core" | "catalog";

export const DIALECT_CHOICES: readonly DialectChoice[] = ["auto", "flat", "core", "catalog"];

export interface Options {
  /** Which outputs to write. @default ["types", "guards", "schema"] */
  readonly emit?: readonly EmitTarget[];
  /**
   * What a flat field typed `object` becomes: `unknown` (any JSON value, since summarizers write "object" for
   * nullable scalars, maps and refs alike) or `record` (a non-null JSON object). @default "unknown"
   */
  readonly objectFields?: ObjectFieldsMode;
  /** `validate`: guards check known formats like ajv-formats; `annotate`: formats are documentation only. @default "validate" */
  readonly formats?: FormatsMode;
  /** Whether objects accept keys the document does not declare (flat summaries do not list every key). @default true */
  readonly additionalProperties?: boolean;
  /**
   * Where a flat summary or a catalog file makes a member optional, the member accepts `null` too (`T | null`):
   * those documents rarely say whether a member is nullable, and many APIs send `null` for an absent value.
   * Required members, members that already accept null and JSON Structure Core documents are left as they are;
   * where `sourceSpec` gives a member's type, the spec's nullability holds. @default false
   */
  readonly optionalNull?: boolean;
  /** Format outputs with prettier, using the prettier config found for the output folder. @default true */
  readonly prettier?: boolean;
  /**
   * Where the guards' runtime helpers go: `shared`, one `runtime.ts` per output folder that every guards file
   * imports (holding only the helpers they use); `inline`, copied into each guards file, which then imports
   * nothing but its types file. @default "shared"
   */
  readonly runtime?: RuntimeMode;
  /**
   * Check every pattern a document declares for catastrophic backtracking (ReDoS) and warn (`SG_UNSAFE_PATTERN`)
   * at each one that has it. Either way guards check patterns as written, as ajv does. @default true
   */
  readonly redosCheck?: boolean;
  /**
   * The OpenAPI 3.0/3.1 document (JSON or YAML) the flat summaries were made from: each summary's `entity` is
   * read from its `components.schemas` to recover the types the summary lost. One spec serves every input.
   * A path (relative to the working folder; in a config file, relative to the config file). @default none
   */
  readonly sourceSpec?: string;
  /**
   * How each input is read: `auto` tells flat summaries, JSON Structure Core and catalog files apart (and notes
   * why a document got the catalog reading); `flat`, `core` or `catalog` reads every input that way. @default "auto"
   */
  readonly dialect?: DialectChoice;
  /** Every warning of a document read in the catalog reading is an error: nothing is guessed. @default false */
  readonly strict?: boolean;
}

export interface ResolvedOptions {
  readonly emit: readonly EmitTarget[];
  readonly objectFields: ObjectFieldsMode;
  readonly formats: FormatsMode;
  readonly additionalProperties: boolean;
  readonly optionalNull: boolean;
  readonly prettier: boolean;
  readonly runtime: RuntimeMode;
  readonly redosCheck: boolean;
  readonly sourceSpec?: string;
  readonly dialect: DialectChoice;
  readonly strict: boolean;
}

export const EMIT_TARGETS: readonly EmitTarget[] = ["types", "guards", "schema"];

export const DEFAULT_OPTIONS: ResolvedOptions = {
  emit: EMIT_TARGETS,
  objectFields: "unknown",
  formats: "validate",
  additionalProperties: true,
  optionalNull: false,
  prettier: true,
  runtime: "shared",
  redosCheck: true,
  dialect: "auto",
  strict: false,
};

/** Fills in defaults and keeps the emit list in a fixed order without duplicates. */
export function resolveOptions(options: Options = {}): ResolvedOptions {
  const emit = options.emit ?? DEFAULT_OPTIONS.emit;
  return {
    emit: EMIT_TARGETS.filter((target) => emit.includes(target)),
    objectFields: options.objectFields ?? DEFAULT_OPTIONS.objectFields,
    formats: options.formats ?? DEFAULT_OPTIONS.formats,
    additionalProperties: options.additionalProperties ?? DEFAULT_OPTIONS.additionalProperties,
    optionalNull: options.optionalNull ?? DEFAULT_OPTIONS.optionalNull,
    prettier: options.prettier ?? DEFAULT_OPTIONS.prettier,
    runtime: options.runtime ?? DEFAULT_OPTIONS.runtime,
    redosCheck: options.redosCheck ?? DEFAULT_OPTIONS.redosCheck,
    ...(options.sourceSpec === undefined ? {} : { sourceSpec: options.sourceSpec }),
    dialect: options.dialect ?? DEFAULT_OPTIONS.dialect,
    strict: options.strict ?? DEFAULT_OPTIONS.strict,
  };
}

/** One row per option: the CLI flag, its help, its accepted values and how it sets `Options`. */
export interface OptionRow {
  readonly flag: string;
  readonly key: keyof Options;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly defaultText: string;
}

export const OPTION_TABLE: readonly OptionRow[] = [
  {
    flag: "--emit <targets>",
    key: "emit",
    description: "comma-separated outputs to write",
    choices: EMIT_TARGETS,
    defaultText: EMIT_TARGETS.join(","),
  },
  {
    flag: "--object-fields <mode>",
    key: "objectFields",
    description: 'what a flat "object" field becomes: any JSON value, or a non-null JSON object',
    choices: ["unknown", "record"],
    defaultText: DEFAULT_OPTIONS.objectFields,
  },
  {
    flag: "--formats <mode>",
    key: "formats",
    description: "check string formats in guards (like ajv-formats), or keep them as documentation",
    choices: ["validate", "annotate"],
    defaultText: DEFAULT_OPTIONS.formats,
  },
  {
    flag: "--additional-properties <bool>",
    key: "additionalProperties",
    description:
      "allow keys a flat summary or a catalog file does not declare, where its --source-spec or the file itself says nothing about extra keys (a JSON Structure Core document decides that itself); in types, guards and schema alike",
    choices: ["true", "false"],
    defaultText: String(DEFAULT_OPTIONS.additionalProperties),
  },
  {
    flag: "--optional-null",
    key: "optionalNull",
    description:
      "accept null where a flat summary or a catalog file makes a member optional (many APIs send null for an absent value); where --source-spec gives a member's type, the spec's nullability holds; in types, guards and schema alike",
    defaultText: String(DEFAULT_OPTIONS.optionalNull),
  },
  {
    flag: "--runtime <mode>",
    key: "runtime",
    description:
      "where the guards' runtime helpers go: one runtime.ts per output folder that every guards file imports, or copied into each guards file",
    choices: ["shared", "inline"],
    defaultText: DEFAULT_OPTIONS.runtime,
  },
  {
    flag: "--no-format",
    key: "prettier",
    description: "skip formatting the outputs with prettier",
    defaultText: "formatting on",
  },
  {
    flag: "--no-redos-check",
    key: "redosCheck",
    description:
      "skip checking patterns for catastrophic backtracking (ReDoS; warning SG_UNSAFE_PATTERN); guards check patterns as written either way",
    defaultText: "check on",
  },
  {
    flag: "--source-spec <file>",
    key: "sourceSpec",
    description:
      "the OpenAPI document (JSON or YAML) the flat summaries came from: recover the exact types they lost",
    defaultText: "none",
  },
  {
    flag: "--dialect <dialect>",
    key: "dialect",
    description:
      "how to read each input: detect flat summaries, JSON Structure Core and catalog files, or read every input as one of them",
    choices: DIALECT_CHOICES,
    defaultText: DEFAULT_OPTIONS.dialect,
  },
  {
    flag: "--strict",
    key: "strict",
    description:
      "make every warning of a document read in the catalog reading an error, for those who want nothing guessed",
    defaultText: String(DEFAULT_OPTIONS.strict),
  },
];

/** Turns one CLI flag value into the option's value, or explains why it cannot. */
export function parseOptionValue(
  row: OptionRow,
  raw: string | boolean,
): { value: unknown } | { error: string } {
  if (typeof raw === "boolean") {
    return { value: raw };
  }
  if (row.key === "emit") {
    const parts = raw
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    const bad = parts.filter((part) => !EMIT_TARGETS.includes(part as EmitTarget));
    if (parts.length === 0 || bad.length > 0) {
      return {
        error: `--emit takes a comma-separated list of ${EMIT_TARGETS.join(", ")}; got "${raw}"`,
      };
    }
    return { value: parts };
  }
  if (row.choices !== undefined && !row.choices.includes(raw)) {
    return {
      error: `${row.flag.split(" ")[0]} must be one of ${row.choices.join(", ")}; got "${raw}"`,
    };
  }
  if (row.key === "additionalProperties") {
    return { value: raw === "true" };
  }
  if (row.key === "sourceSpec" && raw.trim() === "") {
    return { error: "--source-spec needs a file path" };
  }
  return { value: raw };
}

/** The README's options table, rendered from OPTION_TABLE (a test keeps the README in step). */
export function renderOptionsTable(): string {
  const rows = OPTION_TABLE.map((row) => {
    const values = row.choices === undefined ? "" : row.choices.map((c) => `\`${c}\``).join(", ");
    return `| \`${row.flag}\` | \`${row.key}\` | ${values} | ${row.defaultText} | ${row.description} |`;
  });
  return [
    "| flag | option (API / config) | values | default | what it does |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
