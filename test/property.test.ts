/**
 * Property: for every model and every value, the generated guard and ajv (strict, ajv-formats, own properties)
 * agree — `isX(v) === ajv(v)`, `validateX(v).ok === isX(v)`, `assertX` throws exactly when `isX` is false — and
 * values that are valid by construction pass both. When validate fails, every error path is a JSON pointer into
 * the value (or to a missing key of an existing object).
 *
 * Models are generated (flat-like and core-like), emitted straight from the model the way emit/document.ts's
 * emitDocument does (prettier off), compiled once, then checked against hundreds of values each. The real seed
 * fixture, and generated catalog files (helpers/catalog-arbitraries.ts), go through generate(). Seeds are fixed; fast-check prints the seed and the shrunk counterexample.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import type { ValidateFunction } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Printer } from "../src/emit/print.js";
import { STRING_FORMATS } from "../src/model/string-formats.js";
import type { ModelDocument, Property, TypeNode } from "../src/model/model.js";
import type { Options } from "../src/model/options.js";
import { generate } from "../src/pipeline/generate.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import {
  coreModelArb,
  FORMAT_EXAMPLES,
  FORMAT_VALUES,
  flatModelArb,
  type TaggedValue,
  taggedValuesArb,
} from "./helpers/arbitraries.js";
import { catalogDocumentArb } from "./helpers/catalog-arbitraries.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import {
  ajvWarnings,
  emitModel,
  type GeneratedFile,
  type GuardModule,
  loadGuards,
  strictAjv,
  typecheck,
} from "./helpers/outputs.js";

/**
 * Fixed seeds and run counts keep the suite reproducible and within its time budget. For a deeper local run:
 * STRUCTGEN_PROPERTY_SEED=<n> STRUCTGEN_PROPERTY_SCALE=<factor> npx vitest run test/property.test.ts
 */
const SEED_OVERRIDE =
  process.env["STRUCTGEN_PROPERTY_SEED"] === undefined
    ? undefined
    : Number(process.env["STRUCTGEN_PROPERTY_SEED"]);
const SCALE = Number(process.env["STRUCTGEN_PROPERTY_SCALE"] ?? "1");
const seedOf = (seed: number): number => SEED_OVERRIDE ?? seed;
const runsOf = (runs: number): number => Math.max(1, Math.round(runs * SCALE));
const VALUES_PER_MODEL = 300;

interface Compiled {
  readonly doc: ModelDocument;
  readonly files: readonly GeneratedFile[];
  readonly guards: GuardModule;
  /** ajv validators per declaration name (the root schema, and `$defs` entries). */
  readonly ajv: ReadonlyMap<string, ValidateFunction>;
}

/** What emit/document.ts's emitDocument writes for one model, without prettier. */
/** Loads the guards and compiles the schema (strict, formats, own properties), failing on any ajv warning. */
async function compile(doc: ModelDocument, files: readonly GeneratedFile[]): Promise<Compiled> {
  const guardFile = files.find((f) => f.path.endsWith(".guards.ts"));
  const schemaFile = files.find((f) => f.path.endsWith(".schema.json"));
  if (guardFile === undefined || schemaFile === undefined) {
    throw new Error(
      `no guards or schema for ${doc.baseName}: ${files.map((f) => f.path).join(", ")}`,
    );
  }
  const guards = await loadGuards(guardFile, files);
  const schema = JSON.parse(schemaFile.contents) as { $id: string };
  const ajv = strictAjv();
  let rootValidate: ValidateFunction;
  try {
    rootValidate = ajv.compile(schema);
  } catch (error) {
    throw new Error(
      `ajv (strict) refuses the schema: ${(error as Error).message}\n${schemaFile.contents}`,
    );
  }
  expect(ajvWarnings(ajv), "ajv warnings").toEqual([]);
  const validators = new Map<string, ValidateFunction>();
  for (const declaration of doc.declarations) {
    const validate =
      declaration.name === doc.root
        ? rootValidate
        : ajv.getSchema(`${schema.$id}#/$defs/${declaration.name}`);
    if (validate === undefined) {
      throw new Error(`ajv cannot find $defs/${declaration.name}`);
    }
    validators.set(declaration.name, validate);
  }
  return { doc, files, guards, ajv: validators };
}

const POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;

/** Where an error path points: the value there, a missing key of an existing object, or nowhere. */
function resolvePointer(value: unknown, pointer: string): "exists" | "missing-key" | "nowhere" {
  const segments =
    pointer === ""
      ? []
      : pointer
          .slice(1)
          .split("/")
          .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let current = value;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(segment) || Number(segment) >= current.length) {
        return "nowhere";
      }
      current = current[Number(segment)];
    } else if (typeof current === "object" && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) {
        return last ? "missing-key" : "nowhere";
      }
      current = (current as Record<string, unknown>)[segment];
    } else {
      return "nowhere";
    }
  }
  return "exists";
}

interface Tally {
  accepted: number;
  rejected: number;
  validRejected: number;
  ajvQuirks: number;
}

/** The property for one value against one declaration. */
function checkValue(compiled: Compiled, name: string, tagged: TaggedValue, tally: Tally): void {
  const { value } = tagged;
  const is = compiled.guards[`is${name}`];
  const validate = compiled.guards[`validate${name}`];
  const assert = compiled.guards[`assert${name}`];
  const ajvValidate = compiled.ajv.get(name);
  if (
    is === undefined ||
    validate === undefined ||
    assert === undefined ||
    ajvValidate === undefined
  ) {
    throw new Error(`missing guard or validator for ${name}`);
  }
  const verdict = is(value);
  let ajvVerdict: boolean | "known crash";
  try {
    ajvVerdict = ajvValidate(value);
  } catch (error) {
    // Known ajv limitation, not structgen's: `uniqueItems` compares objects with fast-deep-equal, which calls an
    // own "valueOf"/"toString" key as a method and throws. Counted (tally.ajvQuirks) and reported, not compared.
    if (
      error instanceof TypeError &&
      /\b(?:valueOf|toString) is not a function/.test(error.message)
    ) {
      tally.ajvQuirks++;
      ajvVerdict = "known crash";
    } else {
      throw error;
    }
  }
  const result = validate(value) as {
    ok: boolean;
    errors?: readonly { path: string; message: string }[];
  };
  let assertThrew: unknown;
  try {
    assert(value);
  } catch (error) {
    assertThrew = error;
  }
  const fail = (what: string): never => {
    throw new Error(
      `${what}\n  declaration: ${name}\n  value: ${show(value)}\n  valid by construction: ${tagged.valid}\n` +
        `  is${name}: ${String(verdict)}, validate${name}.ok: ${String(result.ok)}, assert${name} threw: ${assertThrew !== undefined}, ajv: ${String(ajvVerdict)}\n` +
        `  validate errors: ${JSON.stringify(result.errors)}\n  ajv errors: ${JSON.stringify(ajvValidate.errors)}`,
    );
  };
  if (typeof verdict !== "boolean") {
    fail(`is${name} must return a boolean`);
  }
  if (ajvVerdict !== "known crash" && verdict !== ajvVerdict) {
    if (fastDeepEqualQuirk(value, result.errors ?? [], ajvValidate.errors ?? [])) {
      tally.ajvQuirks++;
    } else {
      fail(`is${name} and ajv disagree`);
    }
  }
  if (result.ok !== verdict) {
    fail(`validate${name}.ok and is${name} disagree`);
  }
  if ((assertThrew === undefined) !== verdict) {
    fail(`assert${name} must throw exactly when is${name} is false`);
  }
  if (assertThrew !== undefined && !(assertThrew instanceof TypeError)) {
    fail(`assert${name} must throw a TypeError, not ${inspect(assertThrew)}`);
  }
  if (tagged.valid && !(verdict && ajvVerdict !== false)) {
    fail("a value valid by construction is rejected");
  }
  if (!result.ok) {
    const errors = result.errors ?? [];
    if (errors.length === 0) {
      fail(`validate${name} failed without errors`);
    }
    for (const error of errors) {
      if (!POINTER.test(error.path)) {
        fail(`error path ${JSON.stringify(error.path)} is not a JSON pointer`);
      }
      const where = resolvePointer(value, error.path);
      if (!(where === "exists" || (where === "missing-key" && /required/.test(error.message)))) {
        fail(`error ${JSON.stringify(error)} does not point into the value (${where})`);
      }
    }
  }
  if (verdict) {
    tally.accepted++;
  } else {
    tally.rejected++;
  }
  if (tagged.valid && !verdict) {
    tally.validRejected++;
  }
}

const DEEP_EQUAL_HAZARDS = new Set(["constructor", "valueOf", "toString"]);

/**
 * ajv's `uniqueItems` compares objects with fast-deep-equal, which trusts own "constructor", "valueOf" and
 * "toString" keys as if they were the prototype's: `[{"constructor":{}},{"constructor":{}}]` has no duplicates for
 * ajv. A disagreement that is only about duplicates, on a value holding such a key, is that known ajv quirk.
 */
function fastDeepEqualQuirk(
  value: unknown,
  guardErrors: readonly { message: string }[],
  ajvErrors: readonly { keyword: string }[],
): boolean {
  const hasHazard = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(hasHazard)
      : typeof v === "object" &&
        v !== null &&
        Object.keys(v).some(
          (k) => DEEP_EQUAL_HAZARDS.has(k) || hasHazard((v as Record<string, unknown>)[k]),
        );
  const aboutDuplicates =
    (guardErrors.length > 0 && guardErrors.every((e) => /duplicate/.test(e.message))) ||
    ajvErrors.some((e) => e.keyword === "uniqueItems");
  return aboutDuplicates && hasHazard(value);
}

function show(value: unknown): string {
  try {
    return fc.stringify(value);
  } catch {
    return String(value);
  }
}

/** Values for every declaration (the root three times as often), tagged with the declaration name. */
function namedValuesArb(doc: ModelDocument): fc.Arbitrary<{ name: string; tagged: TaggedValue }> {
  return fc.oneof(
    ...doc.declarations.map((d) => ({
      weight: d.name === doc.root ? 3 * Math.max(1, doc.declarations.length - 1) : 1,
      arbitrary: taggedValuesArb(doc, d.name).map((tagged) => ({ name: d.name, tagged })),
    })),
  );
}

/** Runs the agreement property on many values for one compiled model; the inner seed is derived from the outer. */
function agreeOnValues(compiled: Compiled, seed: number, numRuns: number, tally: Tally): void {
  fc.assert(
    fc.property(namedValuesArb(compiled.doc), ({ name, tagged }) =>
      checkValue(compiled, name, tagged, tally),
    ),
    { seed, numRuns, includeErrorInReport: true },
  );
}

const optionsArb: fc.Arbitrary<Options> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Options>({}) },
  { weight: 1, arbitrary: fc.constant<Options>({ formats: "annotate" }) },
);

async function modelProperty(
  label: string,
  modelArb: fc.Arbitrary<ModelDocument>,
  seed: number,
  numRuns: number,
): Promise<Tally> {
  const tally: Tally = { accepted: 0, rejected: 0, validRejected: 0, ajvQuirks: 0 };
  const printer = new Printer();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(modelArb, optionsArb, async (doc, options) => {
      const compiled = await compile(doc, emitModel(doc, options, printer));
      agreeOnValues(compiled, seedOf(seed) + 1 + run++, VALUES_PER_MODEL, tally);
    }),
    // Shrinking a model recompiles it at every step: cap the whole run so a failure reports in bounded time.
    {
      seed: seedOf(seed),
      numRuns: runsOf(numRuns),
      interruptAfterTimeLimit: 90_000,
      markInterruptAsFailure: true,
      reporter: (details) => reportFailure(label, details),
    },
  );
  return tally;
}

/** fast-check's default report, with the model printed as JSON (easier to paste into a regression test). */
function reportFailure<Ts extends unknown[]>(label: string, details: fc.RunDetails<Ts>): void {
  if (!details.failed) {
    return;
  }
  const model = details.counterexample?.[0];
  const message = [
    `${label}: property failed (seed ${details.seed}, path "${details.counterexamplePath ?? ""}", ${details.numRuns} runs, ${details.numShrinks} shrinks)`,
    `shrunk model: ${JSON.stringify(model, null, 1)}`,
    `options: ${JSON.stringify(details.counterexample?.[1])}`,
    `error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
  ].join("\n");
  throw new Error(message);
}

function expectBothVerdicts(tally: Tally, label: string): void {
  const total = tally.accepted + tally.rejected;
  console.info(
    `${label}: ${total} values, ${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.ajvQuirks} known ajv quirks`,
  );
  expect(tally.validRejected).toBe(0);
  // The generators must exercise both sides, or agreement proves little.
  expect(tally.accepted / total, `accepted share of ${total}`).toBeGreaterThan(0.3);
  expect(tally.rejected / total, `rejected share of ${total}`).toBeGreaterThan(0.3);
}

describe("guard and ajv agree", () => {
  it("the value generators make strings ajv-formats accepts, for every string format", () => {
    expect(Object.keys(FORMAT_VALUES).sort()).toEqual([...STRING_FORMATS].sort());
    for (const format of STRING_FORMATS) {
      const definition = (fullFormats as Record<string, unknown>)[format];
      const check = (s: string): boolean =>
        definition === true
          ? true
          : definition instanceof RegExp
            ? definition.test(s)
            : typeof definition === "function"
              ? Boolean((definition as (v: string) => unknown)(s))
              : Boolean(
                  (definition as { validate: RegExp | ((v: string) => unknown) })
                    .validate instanceof RegExp
                    ? (definition as { validate: RegExp }).validate.test(s)
                    : (definition as { validate: (v: string) => unknown }).validate(s),
                );
      expect(check(FORMAT_EXAMPLES[format] ?? ""), `example for ${format}`).toBe(true);
      for (const sample of fc.sample(FORMAT_VALUES[format] ?? fc.string(), {
        seed: 7,
        numRuns: 300,
      })) {
        expect(check(sample), `${format}: ${JSON.stringify(sample)}`).toBe(true);
      }
    }
  });

  it("on flat-like models (one object, scalar/any/array fields, enums, open or closed)", async () => {
    const tally = await modelProperty("flat-like models", flatModelArb(), 20_240_601, 16);
    expectBothVerdicts(tally, "flat-like models");
  }, 150_000);

  it("on core-like models (nesting, sets, maps, tuples, unions, literals, refs, encoded numbers, formats)", async () => {
    const tally = await modelProperty("core-like models", coreModelArb(), 31_337, 28);
    expectBothVerdicts(tally, "core-like models");
  }, 150_000);

  it("on catalog documents (field lists and properties maps, the catalog grammar) through generate()", async () => {
    const tally: Tally = { accepted: 0, rejected: 0, validRejected: 0, ajvQuirks: 0 };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(catalogDocumentArb(), async ({ text }) => {
        const result = await generate(
          { inputs: [{ path: "catalog.json", contents: text }] },
          { prettier: false },
        );
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const doc = result.models[0];
        if (doc === undefined || doc.dialect !== "catalog") {
          throw new Error(`not read as a catalog file:\n${text}`);
        }
        const compiled = await compile(doc, result.files);
        agreeOnValues(compiled, seedOf(777_001) + 1 + run++, VALUES_PER_MODEL, tally);
      }),
      {
        seed: seedOf(777_001),
        numRuns: runsOf(14),
        interruptAfterTimeLimit: 90_000,
        markInterruptAsFailure: true,
        reporter: (details) => reportFailure("catalog documents", details),
      },
    );
    expectBothVerdicts(tally, "catalog documents");
  }, 150_000);

  it.each([
    ["default options", {}],
    [
      "closed objects, record fields, formats annotated",
      { additionalProperties: false, objectFields: "record", formats: "annotate" },
    ],
  ] as const)(
    "on the real seed fixtures/flat/letta-run through generate() (%s)",
    async (_label, options: Options) => {
      const path = "fixtures/flat/letta-run/input.json";
      const result = await generate(
        { inputs: [{ path, contents: readFileSync(join(REPO_ROOT, path)) }] },
        { ...options, prettier: false },
      );
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const doc = result.models[0];
      if (doc === undefined) {
        throw new Error("no model");
      }
      const compiled = await compile(doc, result.files);
      const tally: Tally = { accepted: 0, rejected: 0, validRejected: 0, ajvQuirks: 0 };
      agreeOnValues(compiled, seedOf(424_242), runsOf(1500), tally);
      expectBothVerdicts(tally, `letta-run (${_label})`);
    },
  );

  it.each(enrichedCases())(
    "on enriched outputs through generate(): %s",
    async (_label, input, sourceSpec) => {
      const result = await generate(
        { inputs: [{ path: input, contents: readFileSync(input) }] },
        { prettier: false, sourceSpec },
      );
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const doc = result.models[0];
      if (doc === undefined) {
        throw new Error("no model");
      }
      const compiled = await compile(doc, result.files);
      const tally: Tally = { accepted: 0, rejected: 0, validRejected: 0, ajvQuirks: 0 };
      agreeOnValues(compiled, seedOf(515_151), runsOf(1000), tally);
      expectBothVerdicts(tally, `enriched ${_label}`);
    },
    150_000,
  );

  it("emitted TypeScript for a sample of core-like models typechecks under strict settings", () => {
    const docs = fc.sample(coreModelArb(), { seed: 99, numRuns: 12 });
    const files = docs.flatMap((doc, i) =>
      emitModel(doc, {}).map((f) => ({ path: `m${i}/${f.path}`, contents: f.contents })),
    );
    const diagnostics = typecheck(files, "nodenext");
    const failing = [...new Set(diagnostics.map((d) => Number(/^m(\d+)\//.exec(d)?.[1] ?? -1)))];
    expect(
      diagnostics,
      failing.map((i) => `model m${i}: ${JSON.stringify(docs[i])}`).join("\n"),
    ).toEqual([]);
  });
});

/**
 * The golden enrich cases (fixtures/enrich/) and, when ../shared is beside the project, the Letta Run and Message
 * enriched from the real spec: label, summary path, spec path.
 */
function enrichedCases(): [string, string, string][] {
  const fixtures = join(REPO_ROOT, "fixtures", "enrich");
  const cases: [string, string, string][] = readdirSync(fixtures)
    .sort()
    .map((name) => {
      const options = JSON.parse(readFileSync(join(fixtures, name, "options.json"), "utf8")) as {
        sourceSpec: string;
      };
      return [name, join(fixtures, name, "input.json"), join(fixtures, name, options.sourceSpec)];
    });
  const shared = join(REPO_ROOT, "..", "shared", "corpus");
  const spec = join(shared, "letta", "openapi.json");
  if (existsSync(spec)) {
    for (const name of ["run", "message"]) {
      cases.push([
        `letta-${name}`,
        join(shared, "flat", "letta", `letta-${name}-structure.json`),
        spec,
      ]);
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// The properties' failures, shrunk to one declaration each, so every known bug is its own failing test.

const property = (key: string, required: boolean, type: TypeNode): Property => ({
  key,
  required,
  type,
  annotations: {},
  pointer: "",
});
const single = (type: TypeNode): ModelDocument => ({
  file: "shrunk.json",
  baseName: "shrunk",
  dialect: "core",
  root: "Root",
  declarations: [{ name: "Root", type, annotations: {}, pointer: "" }],
});

/** Compiles the model and checks the agreement property on each value (`valid` says what both must answer). */
async function agreeOn(
  doc: ModelDocument,
  values: readonly { value: unknown; valid: boolean }[],
): Promise<void> {
  const compiled = await compile(doc, emitModel(doc, {}));
  const tally: Tally = { accepted: 0, rejected: 0, validRejected: 0, ajvQuirks: 0 };
  for (const { value, valid } of values) {
    checkValue(compiled, doc.root, { valid, value }, tally);
    expect(
      (compiled.guards[`is${doc.root}`] as (v: unknown) => boolean)(value),
      `is${doc.root}(${show(value)})`,
    ).toBe(valid);
  }
}

describe("guard and ajv agree: shrunk counterexamples", () => {
  it('a required "" key (ajv\'s exit-on-first-error `required` code misses it)', async () => {
    const doc = single({
      kind: "object",
      properties: [property("", true, { kind: "string" })],
      additionalProperties: false,
    });
    await agreeOn(doc, [
      { value: {}, valid: false },
      { value: { "": "a" }, valid: true },
    ]);
  });

  it('a required "__proto__" key compiles in ajv strict mode and is checked', async () => {
    const doc = single({
      kind: "object",
      properties: [
        property("__proto__", true, { kind: "array", items: { kind: "null" }, unique: false }),
      ],
      additionalProperties: false,
    });
    await agreeOn(doc, [
      { value: JSON.parse('{"__proto__": [null]}'), valid: true },
      { value: JSON.parse('{"__proto__": 1}'), valid: false },
      { value: {}, valid: false },
    ]);
  });

  it("a field name with a lone surrogate is rejected by the reader, with a positioned diagnostic", async () => {
    const text =
      '{"jsonStructure":"0.1","name":"lone","entity":"Lone","fields":[{"name":"\\ud800","type":"string"}]}';
    const result = await generate(
      { inputs: [{ path: "lone.json", contents: text }] },
      { prettier: false },
    );
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.pointer, d.line])).toEqual([
      ["SG_BAD_NAME", "/fields/0/name", 1],
    ]);
  });

  it("an empty tuple compiles in ajv strict mode", async () => {
    await agreeOn(single({ kind: "tuple", elements: [] }), [
      { value: [], valid: true },
      { value: [null], valid: false },
    ]);
  });

  it("string-encoded integers outside their range are rejected by both", async () => {
    await agreeOn(single({ kind: "encoded", encoding: "int64" }), [
      { value: "9223372036854775807", valid: true },
      { value: "9223372036854775808", valid: false },
      { value: "-9223372036854775809", valid: false },
    ]);
  });

  it("an object whose members are all optional and of any type typechecks (no unused presence helper)", async () => {
    const doc = single({
      kind: "object",
      properties: [property("a", false, { kind: "any" }), property("b", false, { kind: "any" })],
      additionalProperties: true,
    });
    expect(typecheck(emitModel(doc, {}), "nodenext")).toEqual([]);
    await agreeOn(doc, [
      { value: {}, valid: true },
      { value: { a: null }, valid: true },
      { value: [], valid: false },
    ]);
  });

  it("a closed object with no properties, and typed compound extra keys, typecheck", () => {
    const docs = [
      single({ kind: "object", properties: [], additionalProperties: false }),
      {
        ...single({
          kind: "object",
          properties: [],
          additionalProperties: { kind: "tuple", elements: [{ kind: "boolean" }] },
        }),
        baseName: "typed",
      },
    ];
    const files = docs.flatMap((doc) => emitModel(doc, {}));
    expect(typecheck(files, "nodenext")).toEqual([]);
  });
});
