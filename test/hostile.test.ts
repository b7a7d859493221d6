/**
 * Hostile text: documents whose names, entity, descriptions, field names, enum and const values, patterns,
 * defaults, examples, wire keys, formats and source are made of every low code unit (controls, printable ASCII,
 * C1), backslash runs before quotes, string / template / regular expression / comment delimiters, `</script>`,
 * CR/LF/U+2028/U+2029, lone surrogates, NUL, bidi marks, JSDoc tags and very long runs, in flat summaries and in
 * JSON Structure Core documents and catalog files (helpers/hostile-dialects.ts lists the dialects),
 * with formatting on and off. generate() must either report error diagnostics (never throw) or produce output where
 *  (a) every .ts file parses (TypeScript's parser, on the text as written: unformatted when formatting is off) and
 *      typechecks under strict settings (documents are typechecked in one batch);
 *  (b) the types and guards files export exactly the declared names and hold only imports and
 *      function / interface / type / const declarations at the top level;
 *  (c) guard and ajv (strict, with the emitted schema) agree on the document's own texts, on values built from them
 *      and on generated values, and every enum value is accepted by both;
 *  (d) for flat summaries: the root guard accepts a value with exactly the declared keys and valid values, and
 *      rejects one missing a required key or holding a value outside an enum; and the JSON Schema carries the same
 *      keys, descriptions and enum values, string for string.
 * `npm run test:stress` runs ten times as many documents.
 */
import type { ValidateFunction } from "ajv";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../src/model/diagnostics.js";
import { NUMBER_FORMATS, STRING_FORMATS } from "../src/model/string-formats.js";
import type { LiteralValue, ModelDocument } from "../src/model/model.js";
import type { Options } from "../src/model/options.js";
import { generate, type GenerateResult } from "../src/pipeline/generate.js";
import {
  FORMAT_EXAMPLES,
  HAZARD_KEYS,
  hostileText,
  objectFrom,
  taggedValuesArb,
} from "./helpers/arbitraries.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { HOSTILE_DIALECTS } from "./helpers/hostile-dialects.js";
import type { HostileDialect } from "./helpers/hostile-documents.js";
import {
  ajvWarnings,
  type GeneratedFile,
  type GuardModule,
  loadGuards,
  strictAjv,
  typecheck,
} from "./helpers/outputs.js";
import { STRESS } from "./helpers/stress.js";

const SEED = Number(process.env["STRUCTGEN_HOSTILE_SEED"] ?? 8_675_309);
const SCALE = Number(process.env["STRUCTGEN_PROPERTY_SCALE"] ?? "1") * (STRESS ? 10 : 1);
const RUNS = Math.max(1, Math.round(40 * SCALE));
/** Each property's time limit (a failure then reports in bounded time), and the test's. */
const PROPERTY_MS = STRESS ? 1_500_000 : 90_000;
const TEST_MS = 2 * PROPERTY_MS;

// ---------------------------------------------------------------------------------------------
// Documents

type Scalar = "string" | "number" | "integer" | "boolean";

interface HostileField {
  readonly name: string;
  /** The type text as written, e.g. " array< string >". */
  readonly type: string;
  readonly required?: boolean;
  readonly description?: string | null;
  readonly enum?: readonly LiteralValue[] | null;
  readonly format?: string | null;
}

interface HostileDocument {
  readonly jsonStructure: string;
  readonly name?: string;
  readonly title?: string;
  readonly entity: string;
  readonly description?: string;
  readonly source?: string;
  readonly fields: readonly HostileField[];
}

const FIELD_TYPES = [
  "string",
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "array<string>",
  "array<integer>",
  " string ",
  "array< boolean >",
  "array<array<number>>",
] as const;

const fieldNameArb = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(...HAZARD_KEYS) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/) },
);

const enumArb = (type: string): fc.Arbitrary<LiteralValue[]> => {
  switch (type.trim()) {
    case "string":
      return fc.uniqueArray(fc.oneof(hostileText, fc.constantFrom(...HAZARD_KEYS)), {
        minLength: 1,
        maxLength: 5,
      });
    case "integer":
      return fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), {
        minLength: 1,
        maxLength: 4,
        selector: (n) => (n === 0 ? 0 : n),
      });
    case "number":
      return fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        minLength: 1,
        maxLength: 4,
        selector: (n) => (n === 0 ? 0 : n),
      });
    default:
      return fc.uniqueArray(fc.boolean(), { minLength: 1, maxLength: 2 });
  }
};

const fieldArb: fc.Arbitrary<HostileField> = fc
  .record({
    name: fieldNameArb,
    type: fc.oneof(
      { weight: 60, arbitrary: fc.constantFrom(...FIELD_TYPES) },
      { weight: 1, arbitrary: hostileText },
    ),
    required: fc.boolean(),
    description: fc.option(hostileText, { nil: null, freq: 4 }),
    format: fc.option(
      fc.oneof(fc.constantFrom(...STRING_FORMATS, ...NUMBER_FORMATS), hostileText),
      { nil: null, freq: 2 },
    ),
    withEnum: fc.boolean(),
  })
  .chain(({ withEnum, ...field }) =>
    withEnum && ["string", "number", "integer", "boolean"].includes(field.type.trim())
      ? enumArb(field.type).map((values): HostileField => ({ ...field, enum: values }))
      : fc.constant<HostileField>({ ...field, enum: null }),
  );

const entityArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(hostileText, fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), hostileText)
      .map(([a, word, b]) => `${a} ${word} ${b}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "object",
      "Array",
      "string",
      "Error",
      "run",
      "llm-config",
      "1st entity",
      "__proto__",
      "constructor",
    ),
  },
  { weight: 1, arbitrary: hostileText },
);

const documentArb: fc.Arbitrary<HostileDocument> = fc
  .record(
    {
      name: fc.oneof(
        { weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/) },
        { weight: 1, arbitrary: hostileText },
      ),
      title: hostileText,
      entity: entityArb,
      description: hostileText,
      source: hostileText,
      fields: fc.uniqueArray(fieldArb, { maxLength: 7, selector: (f) => f.name }),
      duplicate: fc.nat({ max: 20 }),
    },
    { requiredKeys: ["entity", "fields", "duplicate"] },
  )
  .map(({ duplicate, fields, ...rest }) => {
    // Now and then, a field name declared twice (an error the reader must report, not a crash).
    const twice =
      duplicate === 0 && fields.length > 0
        ? [...fields, { ...fields[0], type: "boolean" } as HostileField]
        : fields;
    return { jsonStructure: "0.1", ...rest, fields: twice };
  });

/** The document as JSON text: compact, indented, with every non-ASCII unit escaped, or after a BOM. */
const textArb = (doc: object): fc.Arbitrary<string> =>
  fc.constantFrom("compact", "indented", "ascii", "bom").map((style) => {
    switch (style) {
      case "compact":
        return JSON.stringify(doc);
      case "indented":
        return JSON.stringify(doc, null, 2);
      case "ascii":
        return JSON.stringify(doc).replace(
          /[\u007f-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
        );
      default:
        return `\ufeff${JSON.stringify(doc)}`;
    }
  });

const optionsArb: fc.Arbitrary<Options> = fc.record({
  // prettier is slow: on for about one document in six.
  prettier: fc.oneof(
    { weight: 5, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
  additionalProperties: fc.boolean(),
  objectFields: fc.constantFrom("unknown" as const, "record" as const),
  formats: fc.constantFrom("validate" as const, "annotate" as const),
});

const inputArb = documentArb.chain((doc) =>
  fc.tuple(
    fc.constant(doc),
    textArb(doc),
    optionsArb,
    fc.constantFrom<string>(
      "hostile.json",
      "in/hostile.struct.json",
      "odd */ `${path}`\u2028.json",
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Checks

const POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;

/** Error codes seen, for the run summary. */
const errorCodes = new Map<string, number>();

interface TopLevel {
  readonly exported: string[];
  readonly unexpected: string[];
  readonly imports: string[];
}

/** Exported names and disallowed statements of a TypeScript file, read with the compiler API. */
function topLevel(file: GeneratedFile): TopLevel {
  const source = ts.createSourceFile(
    file.path,
    file.contents,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  const exported: string[] = [];
  const unexpected: string[] = [];
  const imports: string[] = [];
  const parseErrors =
    (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  for (const d of parseErrors) {
    unexpected.push(`parse error: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  for (const statement of source.statements) {
    const isExported =
      ts.canHaveModifiers(statement) &&
      (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isImportDeclaration(statement)) {
      imports.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier === undefined &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      // `export { a };` of names the file declares or imports: a re-export loads nothing more.
      exported.push(...statement.exportClause.elements.map((e) => e.name.getText(source)));
    } else if (
      ts.isFunctionDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement)
    ) {
      if (isExported) {
        exported.push(statement.name?.text ?? "(anonymous)");
      }
    } else if (
      ts.isVariableStatement(statement) &&
      (statement.declarationList.flags & ts.NodeFlags.Const) !== 0
    ) {
      if (isExported) {
        for (const d of statement.declarationList.declarations) {
          exported.push(d.name.getText(source));
        }
      }
    } else {
      unexpected.push(
        `${ts.SyntaxKind[statement.kind]}: ${statement.getText(source).slice(0, 120)}`,
      );
    }
  }
  return { exported, unexpected, imports };
}

const sorted = (names: readonly string[]): string[] => [...names].sort();

function flatType(
  text: string,
):
  | { kind: "scalar"; name: Scalar }
  | { kind: "object" }
  | { kind: "array"; items?: ReturnType<typeof flatType> } {
  const trimmed = text.trim();
  if (trimmed === "object") {
    return { kind: "object" };
  }
  if (trimmed === "array") {
    return { kind: "array" };
  }
  const inner = /^array\s*<(.*)>$/.exec(trimmed)?.[1];
  if (inner !== undefined) {
    return { kind: "array", items: flatType(inner) };
  }
  return { kind: "scalar", name: trimmed as Scalar };
}

/** A value the field accepts, whatever the options: enum values, format examples, integers that fit int32. */
function validFieldValue(field: HostileField, type = flatType(field.type)): unknown {
  if (field.enum !== undefined && field.enum !== null && type.kind === "scalar") {
    return field.enum[0];
  }
  switch (type.kind) {
    case "object":
      return objectFrom([["k", [1, null]]]);
    case "array":
      return type.items === undefined
        ? [null, "x", {}]
        : [validFieldValue({ name: "", type: "" }, type.items)];
    case "scalar":
      switch (type.name) {
        case "string":
          return field.format !== undefined &&
            field.format !== null &&
            STRING_FORMATS.includes(field.format)
            ? FORMAT_EXAMPLES[field.format]
            : "text";
        case "integer":
        case "number":
          return 7;
        case "boolean":
          return false;
      }
  }
}

/** A value of the field's type that its enum does not list. */
function outsideEnum(values: readonly LiteralValue[], scalar: Scalar): unknown {
  switch (scalar) {
    case "string":
      return `${values.join("|")}\u0000not listed`;
    case "integer":
    case "number": {
      const numbers = values.map(Number);
      const max = Math.max(...numbers);
      const min = Math.min(...numbers);
      // max + 1 is max itself beyond 2^53: take the first integer candidate the enum does not list.
      const candidates = [max + 1, 2 * max + 2, min - 1, 2 * min - 2, 0, 1, -1];
      return candidates.find((c) => Number.isFinite(c) && !numbers.includes(c));
    }
    case "boolean":
      return values.length === 2 ? "true" : !values[0];
  }
}

interface Generated {
  readonly index: number;
  readonly text: string;
  readonly options: Options;
  readonly files: readonly GeneratedFile[];
}

/** Runs generate(); checks the diagnostics; undefined when the document has errors (and so no output). */
async function generateChecked(
  text: string,
  options: Options,
  path: string,
): Promise<GenerateResult | undefined> {
  let result: GenerateResult;
  try {
    result = await generate({ inputs: [{ path, contents: text }], outDir: REPO_ROOT }, options);
  } catch (error) {
    throw new Error(
      `generate() threw instead of reporting a diagnostic: ${(error as Error).stack ?? String(error)}`,
    );
  }
  for (const d of result.diagnostics) {
    expect(Object.keys(DIAGNOSTIC_CODES), "known diagnostic code").toContain(d.code);
    expect(typeof d.message).toBe("string");
    expect(d.pointer, `diagnostic pointer of ${d.code}`).toMatch(POINTER);
    // prettier must never be handed code it cannot parse.
    expect(d.code, d.message).not.toBe("SG_FORMAT_FAILED");
  }
  if (result.diagnostics.some((d) => d.severity === "error")) {
    for (const d of result.diagnostics.filter((e) => e.severity === "error")) {
      errorCodes.set(d.code, (errorCodes.get(d.code) ?? 0) + 1);
    }
    expect(result.files, "no output when there is an error").toEqual([]);
    return undefined;
  }
  return result;
}

interface Outputs {
  readonly model: ModelDocument;
  readonly files: readonly GeneratedFile[];
  readonly guards: GuardModule;
  readonly schema: string;
}

/** (a) parse, (b) declarations and exports, (c) guard and ajv agree: for any dialect. */
async function checkOutputs(
  result: GenerateResult,
  texts: readonly string[],
  seed: number,
): Promise<Outputs> {
  const model = result.models[0] as ModelDocument;
  const typesFile = result.files.find((f) => f.path.endsWith(".types.ts"));
  const guardsFile = result.files.find((f) => f.path.endsWith(".guards.ts"));
  const schemaFile = result.files.find((f) => f.path.endsWith(".schema.json"));
  if (typesFile === undefined || guardsFile === undefined || schemaFile === undefined) {
    throw new Error(`missing outputs: ${result.files.map((f) => f.path).join(", ")}`);
  }

  // (a) and (b): it parses, exactly the declared exports, and only declarations at the top level.
  const names = model.declarations.map((d) => d.name);
  const types = topLevel(typesFile);
  const guards = topLevel(guardsFile);
  for (const [file, top] of [
    [typesFile, types],
    [guardsFile, guards],
  ] as const) {
    if (top.unexpected.length > 0) {
      const excerpt = file.contents
        .split("\n")
        .slice(0, 60)
        .map((line) => (line.length > 160 ? `${line.slice(0, 160)}…` : line))
        .join("\n");
      throw new Error(
        `${file.path}: unexpected top-level statements or parse errors:\n  ${top.unexpected.join("\n  ")}\n--- file (excerpt) ---\n${excerpt}`,
      );
    }
  }
  expect(types.imports, "types file imports").toEqual([]);
  // Its types file, and the output folder's shared runtime module (nothing else; that module imports nothing).
  expect(guards.imports, "guards file imports").toEqual([
    `./${model.baseName}.types.js`,
    "./runtime.js",
  ]);
  const runtimeFile = result.files.find((f) => f.path === "runtime.ts");
  expect(runtimeFile === undefined ? ["no runtime.ts"] : topLevel(runtimeFile).imports).toEqual([]);
  const literalNames = model.declarations
    .filter((d) => d.type.kind === "literal")
    .map((d) => d.name);
  expect(sorted(types.exported), "types file exports").toEqual(
    sorted([...names, ...literalNames.map((n) => `${n}Values`)]),
  );
  // The guards, and the result types (from the runtime module) for callers to name a result.
  expect(sorted(guards.exported), "guards file exports").toEqual(
    sorted([
      ...names.flatMap((n) => [`is${n}`, `assert${n}`, `validate${n}`]),
      "Failure",
      "Validation",
    ]),
  );

  // (c) guard and ajv agree.
  const module = await loadGuards(guardsFile, result.files);
  // Strings of a few dozen units: enough for every rule, and short enough for any pattern the checker flagged.
  const flagged = result.diagnostics.some((d) => d.code === "SG_UNSAFE_PATTERN");
  agree(model, module, schemaFile.contents, texts, seed, flagged ? 16 : 48);
  return { model, files: result.files, guards: module, schema: schemaFile.contents };
}

/** Values for one declaration: the document's texts, values built from them, and generated values. */
function candidateValues(
  model: ModelDocument,
  name: string,
  texts: readonly string[],
  seed: number,
  longest: number,
): unknown[] {
  const declaration = model.declarations.find((d) => d.name === name);
  const pool = [...new Set([...texts, ...fc.sample(hostileText, { seed, numRuns: 4 })])];
  const values: unknown[] = [...pool, 0, 3, -1, 2.5, true, null, [], {}, pool.slice(0, 3)];
  if (declaration?.type.kind === "object") {
    const keys = declaration.type.properties.map((p) => p.key);
    for (const text of pool.slice(0, 8)) {
      values.push(objectFrom(keys.map((key) => [key, text])));
    }
  }
  const generated = fc.sample(taggedValuesArb(model, name), { seed, numRuns: 24 });
  return [...values, ...generated.map((tagged) => tagged.value)].map((v) => shortened(v, longest));
}

/**
 * The value with every string cut to `longest` code units. Guards and ajv run a document's patterns as written,
 * and a hostile pattern can backtrack catastrophically (the very hazard SG_UNSAFE_PATTERN warns of): on a long
 * string, the test itself would stall.
 */
function shortened(value: unknown, longest: number): unknown {
  if (typeof value === "string") {
    return value.slice(0, longest);
  }
  if (Array.isArray(value)) {
    return value.map((item) => shortened(item, longest));
  }
  if (typeof value === "object" && value !== null) {
    return objectFrom(
      Object.keys(value).map((k) => [k, shortened((value as Record<string, unknown>)[k], longest)]),
    );
  }
  return value;
}

/** (c): is, validate and ajv give one verdict on every candidate; enum values pass both. */
function agree(
  model: ModelDocument,
  guards: GuardModule,
  schemaText: string,
  texts: readonly string[],
  seed: number,
  longest: number,
): void {
  const schema = JSON.parse(schemaText) as { $id: string };
  const ajv = strictAjv();
  let root: ValidateFunction;
  try {
    root = ajv.compile(schema);
  } catch (error) {
    throw new Error(`ajv (strict) refuses the schema: ${(error as Error).message}\n${schemaText}`);
  }
  expect(ajvWarnings(ajv), "ajv warnings").toEqual([]);
  for (const declaration of model.declarations) {
    const { name } = declaration;
    const ajvValidate = name === model.root ? root : ajv.getSchema(`${schema.$id}#/$defs/${name}`);
    const is = guards[`is${name}`];
    const validate = guards[`validate${name}`];
    if (ajvValidate === undefined || is === undefined || validate === undefined) {
      throw new Error(`no guard or ajv validator for ${name}`);
    }
    const listed = declaration.type.kind === "literal" ? declaration.type.values : [];
    for (const value of [...listed, ...candidateValues(model, name, texts, seed, longest)]) {
      const verdict = is(value) as boolean;
      const ajvVerdict = ajvValidate(value);
      const ok = (validate(value) as { ok: boolean }).ok;
      if (verdict !== ajvVerdict || ok !== verdict) {
        throw new Error(
          `is${name}: ${verdict}, validate${name}.ok: ${ok}, ajv: ${ajvVerdict} on ${abbreviated(value)}; ajv errors ${abbreviated(ajvValidate.errors)}`,
        );
      }
    }
    for (const value of listed) {
      expect(is(value), `is${name} accepts its enum value ${abbreviated(value)}`).toBe(true);
    }
  }
}

async function checkDocument(
  index: number,
  doc: HostileDocument,
  text: string,
  options: Options,
  path: string,
): Promise<Generated | undefined> {
  const result = await generateChecked(text, options, path);
  if (result === undefined) {
    return undefined;
  }
  const enumFields = doc.fields.filter((f) => f.enum !== undefined && f.enum !== null);
  const texts = [
    ...doc.fields.map((f) => f.name),
    ...enumFields.flatMap((f) => (f.enum ?? []).filter((v) => typeof v === "string")),
  ];
  const { model, guards: module, schema: schemaText } = await checkOutputs(result, texts, index);
  expect(model.declarations.length, "one declaration for the entity and one per enum").toBe(
    1 + enumFields.length,
  );

  // (d) the root guard on exact, valid values; missing required keys; values outside an enum.
  const is = module[`is${model.root}`];
  const validate = module[`validate${model.root}`];
  if (is === undefined || validate === undefined) {
    throw new Error(`no guard for ${model.root}`);
  }
  const verdict = (value: unknown): boolean => {
    const fast = is(value) as boolean;
    expect((validate(value) as { ok: boolean }).ok, "validate agrees with is").toBe(fast);
    return fast;
  };
  const entries = doc.fields.map((f): [string, unknown] => [f.name, validFieldValue(f)]);
  const valid = objectFrom(entries);
  const guardSays = (value: unknown, expected: boolean, what: string): void => {
    if (verdict(value) !== expected) {
      const errors = (validate(value) as { errors?: unknown }).errors;
      throw new Error(
        `is${model.root} should ${expected ? "accept" : "reject"} ${what}: ${abbreviated(value)}; validate errors ${abbreviated(errors)}`,
      );
    }
  };
  guardSays(valid, true, "a value with exactly the declared keys");
  for (const field of doc.fields) {
    if (field.required === true) {
      guardSays(
        objectFrom(entries.filter(([k]) => k !== field.name)),
        false,
        `a value without the required key ${abbreviated(field.name)}`,
      );
    }
    const type = flatType(field.type);
    if (field.enum !== undefined && field.enum !== null && type.kind === "scalar") {
      const outside = objectFrom(
        entries.map(([k, v]): [string, unknown] => [
          k,
          k === field.name ? outsideEnum(field.enum ?? [], type.name) : v,
        ]),
      );
      guardSays(outside, false, `a value outside the enum of ${abbreviated(field.name)}`);
    }
  }

  // (d) the schema carries the same strings.
  const schema = JSON.parse(schemaText) as {
    title?: string;
    description?: string;
    properties?: Record<string, { description?: string; $ref?: string }>;
    patternProperties?: Record<string, { description?: string; $ref?: string }>;
    $defs?: Record<string, { enum?: unknown[]; const?: unknown; description?: string }>;
  };
  const nonBlank = (s: string | null | undefined): string | undefined =>
    s === undefined || s === null || s.trim() === "" ? undefined : s;
  expect(schema.title, "schema title").toBe(doc.title ?? model.root);
  expect(schema.description, "schema description").toBe(nonBlank(doc.description ?? doc.title));
  const properties = schema.properties ?? {};
  // A key ajv would skip under `properties` ("__proto__") may be described by an anchored pattern that matches it alone.
  const patterns = Object.entries(schema.patternProperties ?? {});
  const exactPattern = (key: string): { description?: string; $ref?: string } | undefined =>
    patterns.find(([pattern]) => {
      const re = new RegExp(pattern, "u");
      return (
        pattern.startsWith("^") &&
        pattern.endsWith("$") &&
        re.test(key) &&
        !re.test(`${key}x`) &&
        !re.test(`x${key}`)
      );
    })?.[1];
  const described = doc.fields
    .map((f) => f.name)
    .filter((k) => !Object.prototype.hasOwnProperty.call(properties, k));
  expect(sorted(Object.keys(properties)), "schema property keys").toEqual(
    sorted(doc.fields.map((f) => f.name).filter((k) => !described.includes(k))),
  );
  for (const key of described) {
    expect(
      exactPattern(key),
      `schema entry for ${abbreviated(key)} (neither a property nor an exact pattern)`,
    ).toBeDefined();
  }
  for (const field of doc.fields) {
    const property = Object.prototype.hasOwnProperty.call(properties, field.name)
      ? properties[field.name]
      : exactPattern(field.name);
    expect(property?.description, `description of ${JSON.stringify(field.name)}`).toBe(
      nonBlank(field.description),
    );
    if (field.enum !== undefined && field.enum !== null) {
      const target = /^#\/\$defs\/(.+)$/.exec(property?.$ref ?? "")?.[1] ?? "";
      const definition = schema.$defs?.[target];
      const values =
        definition?.enum ??
        (definition !== undefined && "const" in definition ? [definition.const] : undefined);
      expect(values, `enum values of ${JSON.stringify(field.name)}`).toEqual(field.enum);
      expect(definition?.description, `enum description of ${JSON.stringify(field.name)}`).toBe(
        nonBlank(field.description),
      );
    }
  }
  return { index, text, options, files: result.files };
}

/** JSON with long strings cut down, so a counterexample stays readable (the seed and path replay it in full). */
function abbreviated(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "string" && v.length > 120
      ? `${v.slice(0, 60)}…(${v.length} units)…${v.slice(-20)}`
      : v,
  );
}

function report(details: fc.RunDetails<[[HostileDocument, string, Options, string]]>): void {
  if (!details.failed) {
    return;
  }
  const [doc, , options, path] = details.counterexample?.[0] ?? [];
  const error =
    details.errorInstance instanceof Error
      ? details.errorInstance.message
      : String(details.errorInstance);
  throw new Error(
    [
      `hostile documents: property failed (seed ${details.seed}, path "${details.counterexamplePath ?? ""}", after ${details.numRuns} runs and ${details.numShrinks} shrinks)`,
      `document: ${abbreviated(doc)}`,
      `options: ${JSON.stringify(options)}, input path: ${JSON.stringify(path)}`,
      `error: ${error.length > 4000 ? `${error.slice(0, 4000)}…` : error}`,
    ].join("\n"),
  );
}

describe("hostile text in flat documents", () => {
  it(
    `generate() reports or produces safe, exact output (seed ${SEED}, ${RUNS} documents)`,
    async () => {
      const { documents, generated, prettier } = await hostileProperty(
        inputArb,
        ([doc, text, options, path], index) => checkDocument(index, doc, text, options, path),
        report,
      );
      expectEnough("hostile", documents, generated, prettier);
      expectTypechecks(generated);
    },
    TEST_MS,
  );
});

/** Every dialect but flat: (a), (b) and (c) on each document, then one strict typecheck of them all. */
describe.each(HOSTILE_DIALECTS.map((d) => [d.name, d] as const))(
  "hostile text in %s documents",
  (_name, dialect: HostileDialect) => {
    const dialectInputArb = dialect.documentArb.chain((hostile) =>
      fc.tuple(
        fc.constant(hostile),
        textArb(hostile.document),
        optionsArb,
        fc.constantFrom<string>("hostile.struct.json", "odd */ `${path}`\u2028.json"),
      ),
    );
    it(
      `generate() reports or produces safe output on which guard and ajv agree (seed ${SEED}, ${RUNS} documents)`,
      async () => {
        const { documents, generated, prettier } = await hostileProperty(
          dialectInputArb,
          async ([hostile, text, options, path], index) => {
            const result = await generateChecked(text, options, path);
            if (result === undefined) {
              return undefined;
            }
            await checkOutputs(result, hostile.texts, SEED + index);
            return { index, text, options, files: result.files };
          },
          (details) => reportDialect(dialect.name, details),
        );
        expectEnough(`hostile ${dialect.name}`, documents, generated, prettier);
        expectTypechecks(generated);
      },
      TEST_MS,
    );
  },
);

/** Runs `check` on RUNS inputs; counts the documents, those with output, and those formatted by prettier. */
async function hostileProperty<T extends [unknown, string, Options, string]>(
  inputs: fc.Arbitrary<T>,
  check: (input: T, index: number) => Promise<Generated | undefined>,
  reporter: (details: fc.RunDetails<[T]>) => void,
): Promise<{ documents: number; generated: Generated[]; prettier: number }> {
  errorCodes.clear();
  const generated: Generated[] = [];
  let documents = 0;
  let prettier = 0;
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      const ok = await check(input, documents++);
      if (ok !== undefined) {
        generated.push(ok);
        prettier += input[2].prettier === true ? 1 : 0;
      }
    }),
    // Shrinking regenerates every candidate: cap the run so a failure reports in bounded time.
    {
      seed: SEED,
      numRuns: RUNS,
      interruptAfterTimeLimit: PROPERTY_MS,
      markInterruptAsFailure: true,
      reporter,
    },
  );
  return { documents, generated, prettier };
}

/** Enough documents must get through, some of them through prettier, for (a)-(d) to mean something. */
function expectEnough(
  label: string,
  documents: number,
  generated: readonly Generated[],
  prettier: number,
): void {
  console.info(
    `${label}: ${documents} documents, ${generated.length} with output (${prettier} through prettier); errors: ${JSON.stringify(Object.fromEntries(errorCodes))}`,
  );
  expect(generated.length, `documents with output, of ${documents}`).toBeGreaterThanOrEqual(
    RUNS / 3,
  );
  expect(prettier, "documents formatted with prettier").toBeGreaterThan(0);
}

/** (a): one strict typecheck for every document that produced output, each in its own folder. */
function expectTypechecks(generated: readonly Generated[]): void {
  const files = generated.flatMap((g) =>
    g.files.map((f) => ({ path: `d${g.index}/${f.path}`, contents: f.contents })),
  );
  const diagnostics = typecheck(files, "nodenext");
  const failing = generated.filter((g) => diagnostics.some((d) => d.startsWith(`d${g.index}/`)));
  expect(
    diagnostics,
    failing
      .map(
        (g) =>
          `document d${g.index} (options ${JSON.stringify(g.options)}): ${abbreviated(g.text)}`,
      )
      .join("\n"),
  ).toEqual([]);
}

function reportDialect<Ts extends unknown[]>(dialect: string, details: fc.RunDetails<Ts>): void {
  if (!details.failed) {
    return;
  }
  const [, text, options, path] = (details.counterexample?.[0] ?? []) as unknown[];
  const error =
    details.errorInstance instanceof Error
      ? details.errorInstance.message
      : String(details.errorInstance);
  throw new Error(
    [
      `hostile ${dialect} documents: property failed (seed ${details.seed}, path "${details.counterexamplePath ?? ""}", after ${details.numRuns} runs and ${details.numShrinks} shrinks)`,
      `document: ${typeof text === "string" ? abbreviated(JSON.parse(text.replace(/^\ufeff/, ""))) : ""}`,
      `options: ${JSON.stringify(options)}, input path: ${JSON.stringify(path)}`,
      `error: ${error.length > 4000 ? `${error.slice(0, 4000)}…` : error}`,
    ].join("\n"),
  );
}

/** One document through (a)-(d), typechecked on its own. */
async function checkOne(doc: HostileDocument, options: Options): Promise<void> {
  const generated = await checkDocument(0, doc, JSON.stringify(doc), options, "hostile.json");
  if (generated !== undefined) {
    expect(typecheck(generated.files, "nodenext"), "strict typecheck").toEqual([]);
  }
}

// The property's failures, shrunk by hand to one document each, so every known bug is its own failing test.
describe("hostile text: shrunk counterexamples", () => {
  it("an entity whose only letter is not a TypeScript identifier letter (U+2E2F VERTICAL TILDE)", async () => {
    await checkOne(
      { jsonStructure: "0.1", entity: "\u2E2F", fields: [{ name: "a", type: "string" }] },
      { prettier: false },
    );
  });

  it("the same entity with prettier on: a diagnostic about the name, not a prettier failure", async () => {
    const doc = { jsonStructure: "0.1", entity: "\u2E2F", fields: [] };
    const result = await generate(
      { inputs: [{ path: "hostile.json", contents: JSON.stringify(doc) }], outDir: REPO_ROOT },
      { prettier: true },
    );
    expect(result.diagnostics.map((d) => d.code)).not.toContain("SG_FORMAT_FAILED");
  });

  it("an enum field named with a letter newer than TypeScript's Unicode tables (U+323B0)", async () => {
    await checkOne(
      {
        jsonStructure: "0.1",
        entity: "Run",
        fields: [{ name: "\u{323B0}", type: "string", enum: ["a"] }],
      },
      { prettier: false },
    );
  });

  it("issue 16: enum values ending in an escaped backslash before the quote, and a later `/*`", async () => {
    await checkOne(
      {
        jsonStructure: "0.1",
        name: "m",
        title: "m",
        description: "x",
        entity: "M",
        source: "x",
        fields: [
          { name: "b", type: "string", required: false, enum: ["/*0", "\r", "class${."] },
          {
            name: "c",
            type: "string",
            required: true,
            enum: ['</script>"\\', "__proto__`.$", "_\r"],
          },
        ],
      },
      { prettier: false },
    );
  });

  it("a field named `/*\\` (the widened property's shrunk counterexample on the same bug)", async () => {
    await checkOne(
      { jsonStructure: "0.1", entity: "Run", fields: [{ name: "/*\\", type: "string" }] },
      { prettier: false },
    );
  });

  it("a Core wire key (altnames) holding a lone surrogate: a diagnostic, not a schema ajv refuses", async () => {
    const doc = {
      $schema: "https://json-structure.org/meta/extended/v0/#",
      $id: "https://example.com/a",
      name: "A",
      type: "object",
      properties: { a: { type: "string", altnames: { json: "\udbff\\" } } },
    };
    const result = await generate(
      { inputs: [{ path: "a.struct.json", contents: JSON.stringify(doc) }], outDir: REPO_ROOT },
      { prettier: false },
    );
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ["SG_BAD_NAME", "/properties/a/altnames/json"],
    ]);
  });

  it("a Core patternProperties key holding a lone surrogate: a diagnostic, not a schema ajv refuses", async () => {
    const doc = {
      $schema: "https://json-structure.org/meta/extended/v0/#",
      $id: "https://example.com/a",
      $uses: ["JSONStructureValidation"],
      name: "A",
      type: "object",
      properties: { a: { type: "string" } },
      patternProperties: { '\ud800"': { type: "string" } },
    };
    const result = await generate(
      { inputs: [{ path: "a.struct.json", contents: JSON.stringify(doc) }], outDir: REPO_ROOT },
      { prettier: false },
    );
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ["SG_BAD_CONSTRAINT", '/patternProperties/\ud800"'],
    ]);
  });

  it("a closed object whose only field is an optional `object` (found by the stress run, seed 11)", async () => {
    await checkOne(
      {
        jsonStructure: "0.1",
        entity: "X",
        fields: [{ name: "<!--\\'${`\u001f", type: "object", required: false }],
      },
      { prettier: false, additionalProperties: false, formats: "annotate" },
    );
  });

  it("a document with no fields and closed objects", async () => {
    await checkOne(
      { jsonStructure: "0.1", entity: "Run", fields: [] },
      { prettier: false, additionalProperties: false },
    );
  });
});
