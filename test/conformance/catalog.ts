/**
 * Catalog conformance: structgen over a corpus of catalog files laid out as ../shared/corpus/catalog
 * (`fields/<provider>/*.json`, `properties/<provider>/*.json`), one run per provider folder so that references
 * between a provider's documents resolve. Per file: whether its run generated (exit 0), whether it was exact (no
 * warning) or warned, whether its outputs typecheck under nodenext and bundler and its schema compiles in ajv
 * strict mode. Per file with `example` values: an instance assembled from them, judged by the guard and ajv.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../src/model/diagnostics.js";
import type { ModelDocument } from "../../src/model/model.js";
import { generate } from "../../src/pipeline/generate.js";
import {
  ajvWarnings,
  type GeneratedFile,
  type GuardModule,
  loadGuards,
  strictAjv,
  typecheck,
} from "../helpers/outputs.js";
import { assembleExamples, type Assembled } from "./catalog-examples.js";

export interface CatalogFileResult {
  /** `<form>/<provider>/<file>`. */
  readonly id: string;
  readonly run: string;
  readonly outcome: "accepted" | "rejected" | "crashed";
  readonly warnings: readonly Diagnostic[];
  /** The first error (rejected) or the exception (crashed). */
  readonly reason?: string;
  /** Typecheck problems per module mode; undefined when nothing was generated. */
  readonly typecheck?: {
    readonly nodenext: readonly string[];
    readonly bundler: readonly string[];
  };
  /** ajv strict compile problem, "" when it compiled without warnings. */
  readonly ajv?: string;
}

export interface ExampleResult {
  readonly id: string;
  /** "document" for the document's own `examples` (whole instances), "fields" for one assembled from members. */
  readonly source: "document" | "fields";
  readonly assembled: Assembled;
  readonly guard: boolean;
  readonly validateOk: boolean;
  readonly ajv: boolean;
  /** Where the guard says the instance is wrong. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
}

export interface CatalogReport {
  readonly files: readonly CatalogFileResult[];
  readonly examples: readonly ExampleResult[];
}

/** A file passes when its run generated and its outputs typecheck in both modes and compile in ajv. */
export function passes(r: CatalogFileResult): boolean {
  return (
    r.outcome === "accepted" &&
    r.typecheck?.nodenext.length === 0 &&
    r.typecheck.bundler.length === 0 &&
    r.ajv === ""
  );
}

/** The provider folders of a catalog corpus, as `<form>/<provider>` with their files, in name order. */
export function catalogRuns(root: string): { run: string; files: string[] }[] {
  return ["fields", "properties"].flatMap((form) => {
    const base = join(root, form);
    if (!existsSync(base)) {
      return [];
    }
    return readdirSync(base)
      .sort()
      .filter((provider) => statSync(join(base, provider)).isDirectory())
      .map((provider) => ({
        run: `${form}/${provider}`,
        files: readdirSync(join(base, provider))
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => join(base, provider, f)),
      }));
  });
}

interface Generated {
  readonly id: string;
  readonly run: string;
  readonly file: string;
  readonly model: ModelDocument;
  readonly files: readonly GeneratedFile[];
}

export async function runCatalogConformance(root: string): Promise<CatalogReport> {
  const results: Omit<CatalogFileResult, "typecheck" | "ajv">[] = [];
  const generated: Generated[] = [];
  for (const { run, files } of catalogRuns(root)) {
    const idOf = (file: string) => `${run}/${file.split(/[/\\]/).pop() ?? file}`;
    try {
      const result = await generate({ inputs: files }, { prettier: false });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      for (const file of files) {
        const own = result.diagnostics.filter((d) => d.file === file);
        const warnings = own.filter((d) => d.severity === "warning");
        const error = own.find((d) => d.severity === "error") ?? errors[0];
        if (error !== undefined) {
          const reason = `${error.file === file ? "" : `(run) ${error.file}: `}${error.code}: ${error.message}`;
          results.push({ id: idOf(file), run, outcome: "rejected", warnings, reason });
          continue;
        }
        results.push({ id: idOf(file), run, outcome: "accepted", warnings });
        const index = result.documents.findIndex((d) => d.input === file);
        const report = result.documents[index];
        const model = result.models[index];
        if (report !== undefined && model !== undefined) {
          // Its own files, and the run's runtime module its guards import.
          const outputs = result.files.filter(
            (f) => report.files.includes(f.path) || f.path === "runtime.ts",
          );
          generated.push({ id: idOf(file), run, file, model, files: outputs });
        }
      }
    } catch (error) {
      const reason = String((error as Error).stack ?? error);
      results.push(
        ...files.map((file) => ({
          id: idOf(file),
          run,
          outcome: "crashed" as const,
          warnings: [],
          reason,
        })),
      );
    }
  }
  const checked = checkOutputs(generated);
  const files = results.map((r) => {
    const outputs = checked.get(r.id);
    return outputs === undefined ? r : { ...r, ...outputs };
  });
  return { files, examples: await checkExamples(generated) };
}

/** Typechecks every generated document in one program per module mode; compiles each schema in ajv strict mode. */
function checkOutputs(
  generated: readonly Generated[],
): Map<string, Pick<CatalogFileResult, "typecheck" | "ajv">> {
  // Each document in a folder of its own: its outputs must typecheck alone, as the document's index.ts sees them.
  const folderOf = (g: Generated, index: number) => `d${index}`;
  const all = generated.flatMap((g, index) =>
    g.files
      .filter((f) => f.path.endsWith(".ts"))
      .map((f) => ({ path: `${folderOf(g, index)}/${f.path}`, contents: f.contents })),
  );
  const problems = { nodenext: typecheck(all, "nodenext"), bundler: typecheck(all, "bundler") };
  const results = new Map<string, Pick<CatalogFileResult, "typecheck" | "ajv">>();
  generated.forEach((g, index) => {
    const mine = (lines: readonly string[]) =>
      lines.filter((l) => l.startsWith(`${folderOf(g, index)}/`));
    results.set(g.id, {
      typecheck: { nodenext: mine(problems.nodenext), bundler: mine(problems.bundler) },
      ajv: compileSchema(g.files),
    });
  });
  return results;
}

function compileSchema(files: readonly GeneratedFile[]): string {
  const file = files.find((f) => f.path.endsWith(".schema.json"));
  if (file === undefined) {
    return "no schema emitted";
  }
  try {
    const ajv = strictAjv();
    ajv.compile(JSON.parse(file.contents) as object);
    const warnings = ajvWarnings(ajv);
    return warnings.length === 0 ? "" : `warnings: ${JSON.stringify(warnings).slice(0, 200)}`;
  } catch (error) {
    return (error as Error).message.split("\n")[0] ?? "failed";
  }
}

/** Every instance the documents' examples give, judged by the guard (is, validate) and by ajv. */
async function checkExamples(generated: readonly Generated[]): Promise<ExampleResult[]> {
  const results: ExampleResult[] = [];
  for (const g of generated) {
    const document = JSON.parse(readFileSync(g.file, "utf8")) as unknown;
    const instances = assembleExamples(document);
    const guardFile = g.files.find((f) => f.path.endsWith(".guards.ts"));
    const schemaFile = g.files.find((f) => f.path.endsWith(".schema.json"));
    if (instances.length === 0 || guardFile === undefined || schemaFile === undefined) {
      continue;
    }
    const guards: GuardModule = await loadGuards(guardFile, g.files);
    const ajv = strictAjv().compile(JSON.parse(schemaFile.contents) as object);
    const root = g.model.root;
    for (const { source, assembled } of instances) {
      const validated = guards[`validate${root}`]?.(assembled.value) as
        { ok: boolean; errors?: { path: string; message: string }[] } | undefined;
      results.push({
        id: g.id,
        source,
        assembled,
        guard: guards[`is${root}`]?.(assembled.value) === true,
        validateOk: validated?.ok === true,
        ajv: ajv(assembled.value) === true,
        errors: validated?.errors ?? [],
      });
    }
  }
  return results;
}
