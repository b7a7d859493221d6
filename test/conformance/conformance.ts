/**
 * Runs structgen over a JSON Structure corpus and records, per schema, whether it generated or was rejected (and
 * whether that was expected), whether the outputs typecheck and the schema compiles in ajv strict mode; and per
 * instance, the guard's verdict, ajv's verdict, the expected verdict and the error paths of both.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { generate } from "../../src/pipeline/generate.js";
import type { ModelDocument } from "../../src/model/model.js";
import {
  type GuardModule,
  loadGuards,
  MODULE_SETTINGS,
  STRICT_OPTIONS,
  strictAjv,
  ajvWarnings,
  writeTemp,
} from "../helpers/outputs.js";
import { type Corpus, type InstanceCase, prepareInstance, type SchemaCase } from "./corpus.js";

export type Outcome = "generated" | "rejected" | "crashed";

export interface SchemaResult {
  readonly case: SchemaCase;
  readonly outcome: Outcome;
  /** First error diagnostic (code and message) when rejected; the exception when crashed. */
  readonly reason?: string;
  readonly warningCodes: readonly string[];
  /** "line:column" of the first error, when the diagnostic is positioned. */
  readonly position?: string;
  /** Typecheck problems of the generated TypeScript (undefined when nothing was generated). */
  readonly typecheck?: readonly string[];
  /** ajv strict compile problem, or "" when it compiled without warnings. */
  readonly ajv?: string;
  readonly ms: number;
  readonly pass: boolean;
  /** The reading the document got when it generated (detection: strict Core, or the catalog reading). */
  readonly reading?: ModelDocument["dialect"];
  /**
   * A schema that must be rejected but leans on a construct only the catalog reading understands (a bare $ref,
   * ...): detection gives it that reading, with a note (`noted`); read as Core (`--dialect core`) it is rejected.
   */
  readonly asCore?: {
    readonly noted: boolean;
    readonly reason?: string;
    readonly position?: string;
  };
}

export interface InstanceResult {
  readonly case: InstanceCase;
  /** undefined when the schema did not generate. */
  readonly guard?: boolean;
  readonly ajv?: boolean;
  readonly guardPaths: readonly string[];
  readonly ajvPaths: readonly string[];
  /** The path the instance is wrong at (expected-paths.json), when known. */
  readonly expectedPath?: string;
  readonly pass: boolean;
}

/** What a generated schema left to check values with: its model, loaded guards and JSON Schema. */
export interface LoadedOutputs {
  readonly model: ModelDocument;
  readonly module?: GuardModule;
  readonly schema?: object;
}

export interface ConformanceReport {
  readonly schemas: readonly SchemaResult[];
  readonly instances: readonly InstanceResult[];
  /** By schema case id, for schemas that generated. */
  readonly outputs: ReadonlyMap<string, LoadedOutputs>;
}

interface Generated {
  readonly case: SchemaCase;
  readonly model: ModelDocument;
  readonly files: readonly { path: string; contents: string }[];
}

export async function runConformance(
  corpus: Corpus,
  expectedPaths: Readonly<Record<string, string>> = {},
): Promise<ConformanceReport> {
  const generated: Generated[] = [];
  const partial: Omit<SchemaResult, "typecheck" | "ajv" | "pass">[] = [];
  for (const c of corpus.schemas) {
    const started = performance.now();
    try {
      const result = await generate({ inputs: [c.file] }, { prettier: false });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      const warningCodes = [
        ...new Set(result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.code)),
      ];
      const model = result.models[0];
      const ms = performance.now() - started;
      if (errors.length > 0 || model === undefined) {
        const first = errors[0];
        const position =
          first?.line === undefined ? {} : { position: `${first.line}:${first.column ?? 1}` };
        partial.push({
          case: c,
          outcome: "rejected",
          warningCodes,
          ms,
          ...position,
          ...(first === undefined ? {} : { reason: `${first.code}: ${first.message}` }),
        });
      } else {
        generated.push({ case: c, model, files: result.files });
        const asCore =
          model.dialect === "catalog" && c.expect !== "generate"
            ? {
                asCore: {
                  noted: result.diagnostics.some((d) => d.code === "SG_CATALOG_READING"),
                  ...(await rejectionAsCore(c.file)),
                },
              }
            : {};
        partial.push({
          case: c,
          outcome: "generated",
          warningCodes,
          ms,
          reading: model.dialect,
          ...asCore,
        });
      }
    } catch (error) {
      partial.push({
        case: c,
        outcome: "crashed",
        reason: String((error as Error).stack ?? error),
        warningCodes: [],
        ms: performance.now() - started,
      });
    }
  }
  const typechecks = typecheckAll(generated);
  const guards = new Map<string, LoadedOutputs>();
  const schemas = await Promise.all(
    partial.map(async (p) => {
      const g = generated.find((x) => x.case === p.case);
      if (g === undefined) {
        return { ...p, pass: schemaPasses(p, undefined, undefined) };
      }
      const ajv = compileSchema(g);
      const guardFile = g.files.find((f) => f.path.endsWith(".guards.ts"));
      const module = guardFile === undefined ? undefined : await loadGuards(guardFile, g.files);
      const schema = schemaOf(g);
      guards.set(p.case.id, {
        model: g.model,
        ...(module === undefined ? {} : { module }),
        ...(schema === undefined ? {} : { schema }),
      });
      const typecheck = typechecks.get(g) ?? [];
      return { ...p, typecheck, ajv, pass: schemaPasses(p, typecheck, ajv) };
    }),
  );
  const instances = corpus.instances.map((c) =>
    checkInstance(c, guards.get(c.schema), expectedPaths[c.id]),
  );
  return { schemas, instances, outputs: guards };
}

/** The first error of a document read as strict Core (`--dialect core`), positioned. */
async function rejectionAsCore(file: string): Promise<{ reason?: string; position?: string }> {
  const result = await generate({ inputs: [file] }, { prettier: false, dialect: "core" });
  const first = result.diagnostics.find((d) => d.severity === "error");
  return first === undefined
    ? {}
    : {
        reason: `${first.code}: ${first.message}`,
        ...(first.line === undefined ? {} : { position: `${first.line}:${first.column ?? 1}` }),
      };
}

/** Rejected with a positioned diagnostic: as it is, or as Core when detection gave it the catalog reading. */
export function rejectedWithPosition(r: SchemaResult): boolean {
  return r.outcome === "rejected"
    ? r.reason !== undefined && r.position !== undefined
    : r.asCore?.noted === true && r.asCore.reason !== undefined && r.asCore.position !== undefined;
}

function schemaPasses(
  p: Omit<SchemaResult, "typecheck" | "ajv" | "pass">,
  typecheck: readonly string[] | undefined,
  ajv: string | undefined,
): boolean {
  if (p.outcome === "crashed") {
    return false;
  }
  const generatedCleanly = p.outcome === "generated" && typecheck?.length === 0 && ajv === "";
  const warnsAsExpected =
    p.case.warns === undefined ||
    p.warningCodes.includes("SG_EXTENSION_NOT_ENABLED") === p.case.warns;
  switch (p.case.expect) {
    case "generate":
      return generatedCleanly && warnsAsExpected && p.reading === "core";
    case "reject":
      return p.outcome === "rejected"
        ? p.reason !== undefined
        : p.asCore?.noted === true && p.asCore.reason !== undefined;
    case "either":
      return p.outcome === "rejected" ? p.reason !== undefined : generatedCleanly;
  }
}

function schemaOf(g: Generated): object | undefined {
  const file = g.files.find((f) => f.path.endsWith(".schema.json"));
  return file === undefined ? undefined : (JSON.parse(file.contents) as object);
}

function compileSchema(g: Generated): string {
  const schema = schemaOf(g);
  if (schema === undefined) {
    return "no schema emitted";
  }
  try {
    const ajv = strictAjv();
    ajv.compile(schema);
    const warnings = ajvWarnings(ajv);
    return warnings.length === 0 ? "" : `warnings: ${JSON.stringify(warnings).slice(0, 200)}`;
  } catch (error) {
    return (error as Error).message.split("\n")[0] ?? "failed";
  }
}

/** One TypeScript program over every generated document (each in its own folder), strict settings, nodenext. */
function typecheckAll(generated: readonly Generated[]): Map<Generated, string[]> {
  const dir = writeTemp([], "structgen-conformance-");
  const roots: string[] = [];
  generated.forEach((g, index) => {
    for (const file of g.files.filter((f) => f.path.endsWith(".ts"))) {
      const path = join(dir, String(index), file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
      roots.push(path);
    }
  });
  const program = ts.createProgram(roots, { ...STRICT_OPTIONS, ...MODULE_SETTINGS.nodenext });
  const problems = new Map<Generated, string[]>(generated.map((g) => [g, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const relativeName = d.file?.fileName.slice(dir.length + 1) ?? "";
    const owner = generated[Number(relativeName.split("/")[0])];
    const line =
      d.file === undefined ? 0 : d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    const text = `${relativeName}:${line} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    if (owner === undefined) {
      problems.forEach((list) => list.push(text));
    } else {
      problems.get(owner)?.push(text);
    }
  }
  return problems;
}

type Loaded = LoadedOutputs | undefined;

function checkInstance(
  c: InstanceCase,
  loaded: Loaded,
  expectedPath: string | undefined,
): InstanceResult {
  const base = {
    case: c,
    guardPaths: [] as string[],
    ajvPaths: [] as string[],
    ...(expectedPath === undefined ? {} : { expectedPath }),
  };
  if (loaded?.module === undefined || loaded.schema === undefined) {
    // No verdict is recorded for adversarial instances: a schema that was rejected leaves nothing to check.
    return { ...base, pass: c.expect === "unknown" };
  }
  const rootType = loaded.model.declarations.find((d) => d.name === loaded.model.root)?.type;
  const objectLike =
    rootType?.kind === "object" ||
    rootType?.kind === "map" ||
    (rootType?.kind === "union" && rootType.choice !== undefined);
  const value = prepareInstance(JSON.parse(readFileSync(c.file, "utf8")) as unknown, c, objectLike);
  const root = loaded.model.root;
  const guard = loaded.module[`is${root}`]?.(value) === true;
  const validated = loaded.module[`validate${root}`]?.(value) as
    { ok: boolean; errors?: { path: string }[] } | undefined;
  const guardPaths = (validated?.errors ?? []).map((e) => e.path);
  const validate = strictAjv({ allErrors: true }).compile(loaded.schema);
  const ajv = validate(value) === true;
  const ajvPaths = (validate.errors ?? []).map(ajvPath);
  const agree = guard === ajv && validated?.ok === guard;
  const pathOk =
    expectedPath === undefined ||
    (guardPaths.includes(expectedPath) && ajvPaths.includes(expectedPath));
  const pass =
    agree && (c.expect === "unknown" || (c.expect === "valid" ? guard : !guard && pathOk));
  return { ...base, guard, ajv, guardPaths, ajvPaths, pass };
}

/** ajv reports a missing or extra key, or a bad key name, at the object: point at the key instead. */
function ajvPath(error: { instancePath: string; params: Record<string, unknown> }): string {
  const key =
    error.params["missingProperty"] ??
    error.params["additionalProperty"] ??
    error.params["propertyName"];
  if (typeof key !== "string") {
    return error.instancePath;
  }
  return `${error.instancePath}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
