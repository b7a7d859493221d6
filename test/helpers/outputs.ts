/** Test helpers: typecheck generated TypeScript, load generated guards, compile emitted schemas with ajv. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import ts from "typescript";
import { bannerComment } from "../../src/emit/banner.js";
import { guardStatements } from "../../src/emit/guards.js";
import { Printer } from "../../src/emit/print.js";
import { emitSchema, schemaFileName } from "../../src/emit/schema.js";
import { typeStatements } from "../../src/emit/types.js";
import type { ModelDocument } from "../../src/model/model.js";
import { type Options, resolveOptions } from "../../src/model/options.js";

// ajv-formats is CommonJS; under ESM its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

export const MODULE_SETTINGS = {
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
} as const;

/** Writes the files to a new temp folder (with a package.json of type module) and returns it. */
export function writeTemp(files: readonly GeneratedFile[], prefix = "structgen-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
  return dir;
}

/** TypeScript's own declaration files (lib.*.d.ts), parsed once per test process: see `hostWithSharedLibs`. */
const LIB_FOLDER = dirname(ts.getDefaultLibFilePath(STRICT_OPTIONS));
const parsedLibs = new Map<string, ts.SourceFile | undefined>();

/**
 * A compiler host that parses each of TypeScript's lib files once and hands the same syntax tree to every program,
 * as the language service does: a tree does not depend on the program, and parsing the libs again for each small
 * program was most of a typecheck's time. Only the libs are shared; the files under test are read afresh.
 */
function hostWithSharedLibs(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (dirname(fileName) !== LIB_FOLDER) {
      return read(fileName, languageVersion, onError, shouldCreate);
    }
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!parsedLibs.has(key)) {
      parsedLibs.set(key, read(fileName, languageVersion, onError, shouldCreate));
    }
    return parsedLibs.get(key);
  };
  return host;
}

/** Typechecks every .ts file in `files` under strict settings; returns the diagnostics as text lines. */
export function typecheck(
  files: readonly GeneratedFile[],
  moduleSettings: keyof typeof MODULE_SETTINGS,
): string[] {
  const dir = writeTemp(files, "structgen-tsc-");
  try {
    const roots = files.filter((f) => f.path.endsWith(".ts")).map((f) => join(dir, f.path));
    const options = { ...STRICT_OPTIONS, ...MODULE_SETTINGS[moduleSettings] };
    const program = ts.createProgram(roots, options, hostWithSharedLibs(options));
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type GuardModule = Record<string, (value: unknown) => unknown>;

/**
 * Transpiles a generated guards file to JavaScript and imports it; `files` are the other outputs of its run, where
 * the shared runtime module it imports (runtime.ts) is found.
 */
export async function loadGuards(
  guards: GeneratedFile,
  files: readonly GeneratedFile[],
): Promise<GuardModule> {
  const runtime = files.filter((file) => /(^|\/)runtime\.ts$/.test(file.path));
  const modules = [guards, ...runtime].map((file) => ({
    path: file.path.replace(/\.ts$/, ".mjs"),
    contents: ts
      .transpileModule(file.contents, {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: false,
        },
      })
      // The runtime module is imported as the `.js` file it compiles to; here it is `.mjs`.
      .outputText.replace(/(from "(?:\.\.?\/)+runtime)\.js"/, '$1.mjs"'),
  }));
  const dir = writeTemp(modules, "structgen-guards-");
  try {
    // Once evaluated, the modules need their files no more.
    return (await import(pathToFileURL(join(dir, modules[0]!.path)).href)) as GuardModule;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ajv 2020 in strict mode with ajv-formats, as the README tells users to set it up. */
export function strictAjv(options: { allErrors?: boolean } = {}): Ajv2020 {
  const warnings: unknown[] = [];
  const ajv = new Ajv2020({
    strict: true,
    allErrors: options.allErrors ?? false,
    ownProperties: true,
    logger: {
      log: () => undefined,
      warn: (...args: unknown[]) => warnings.push(args),
      error: (...args: unknown[]) => warnings.push(args),
    },
  });
  addFormats(ajv);
  Object.defineProperty(ajv, "structgenWarnings", { value: warnings });
  return ajv;
}

export function ajvWarnings(ajv: Ajv2020): unknown[] {
  return (ajv as unknown as { structgenWarnings: unknown[] }).structgenWarnings;
}

/** A model's types, guards and schema, unformatted, as the pipeline emits them (without reading any input). */
export function emitModel(
  doc: ModelDocument,
  options: Options = {},
  printer = new Printer(),
): GeneratedFile[] {
  const resolved = resolveOptions({ ...options, prettier: false });
  const typesPath = `${doc.baseName}.types.ts`;
  const guardsPath = `${doc.baseName}.guards.ts`;
  return [
    {
      path: typesPath,
      contents: printer.print(typesPath, [bannerComment([doc.file]), ...typeStatements(doc)]),
    },
    { path: guardsPath, contents: printer.print(guardsPath, guardStatements(doc, resolved)) },
    {
      path: schemaFileName(doc),
      contents: `${JSON.stringify(emitSchema(doc, resolved), null, 2)}\n`,
    },
  ];
}

/** The names a guards file imports from a runtime module (`type` ones without the keyword). */
export function importedFromRuntime(guards: string): string[] {
  const list = /^import \{([^}]*)\} from "(?:\.\.?\/)+runtime\.js";$/m.exec(guards)?.[1] ?? "";
  return names(list).map((name) => name.replace(/^type /, ""));
}

/** The names runtime.ts exports: its exported types and its `export { ... }` list. */
export function exportedByRuntime(runtime: string): string[] {
  const list = /^export \{([^}]*)\};$/m.exec(runtime)?.[1] ?? "";
  const types = [...runtime.matchAll(/^export type (\w+)/gm)].map((m) => m[1] ?? "");
  return [...types, ...names(list)].sort();
}

function names(list: string): string[] {
  return list
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}
