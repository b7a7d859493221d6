/**
 * `structgen validate`: checks JSON data files against a structure with the very guards `generate` writes.
 * The document's guards (and the shared runtime module they import) are emitted in memory, transpiled by the
 * TypeScript compiler that ts-morph ships (a runtime dependency already) and run in a fresh V8 context that has no
 * `process`, no code generation from strings and no `require` but one that gives the guards their runtime
 * module; each data file is parsed inside that context, as `JSON.parse` in a user's app would. So `validate` and
 * the generated `validateX` agree by construction, messages included.
 */
import { readFile } from "node:fs/promises";
import { createContext, runInContext } from "node:vm";
import { ts } from "../emit/ts-morph.js";
import { type Diagnostic, DiagnosticSink, hasErrors } from "../model/diagnostics.js";
import { guardFile } from "../emit/guards.js";
import { RUNTIME_FILE, runtimeFile, runtimeSpecifier } from "../emit/runtime-module.js";
import { Printer } from "../emit/print.js";
import type { ModelDocument } from "../model/model.js";
import { type Options, type ResolvedOptions, resolveOptions } from "../model/options.js";
import { loadModel } from "./load.js";
import type { InputDocument } from "../read/read.js";
import { readSource } from "../read/source.js";
import { fileErrorReason } from "../model/file-errors.js";

/** One failure in a data file: where (JSON pointer, and line/column when known) and what. */
export interface DataFailure {
  readonly pointer: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface DataResult {
  readonly file: string;
  /** False when the file could not be read or parsed, or does not match. */
  readonly ok: boolean;
  readonly errors: readonly DataFailure[];
}

export interface ValidateResult {
  /** The document checked against, and the declaration (its root type) that every data file must match. */
  readonly document: string;
  readonly root?: string;
  readonly results: readonly DataResult[];
  /** Problems with the document or a data file, then one `SG_INVALID_DATA` error per failure. */
  readonly diagnostics: readonly Diagnostic[];
}

type Check = (text: string) => {
  readonly ok: boolean;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
};

/**
 * Validates each data file against the root type of `document`, with the options that shape the guards
 * (`formats`, `additionalProperties`, `objectFields`, `optionalNull`, ...). Reads files; writes nothing; never
 * throws for bad input.
 */
export async function validateData(
  document: string | InputDocument,
  data: readonly (string | InputDocument)[],
  options: Options = {},
): Promise<ValidateResult> {
  const input = typeof document === "string" ? { path: document } : document;
  const resolved = resolveOptions(options);
  const loaded = await loadModel(input, resolved);
  if (loaded.model === undefined || hasErrors(loaded.diagnostics)) {
    return { document: input.path, results: [], diagnostics: loaded.diagnostics };
  }
  const model = loaded.model;
  const check = compileCheck(model, resolved);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const results: DataResult[] = [];
  for (const item of data) {
    const file = typeof item === "string" ? { path: item } : item;
    const checked = await checkFile(file, check);
    diagnostics.push(...checked.diagnostics);
    results.push(checked.result);
  }
  return { document: input.path, root: model.root, results, diagnostics };
}

async function checkFile(
  file: InputDocument,
  check: Check,
): Promise<{ result: DataResult; diagnostics: Diagnostic[] }> {
  const sink = new DiagnosticSink(file.path);
  let text: string | undefined;
  try {
    const raw = file.contents ?? (await readFile(file.path));
    const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
    const source = readSource(file.path, bytes, sink);
    text =
      source === undefined || sink.hasErrors
        ? undefined
        : new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  } catch (error) {
    sink.error("SG_READ_FAILED", "", `cannot read the file: ${fileErrorReason(error)}`);
  }
  if (text === undefined) {
    return { result: { file: file.path, ok: false, errors: [] }, diagnostics: sink.items };
  }
  const outcome = check(text);
  for (const error of outcome.errors ?? []) {
    sink.error("SG_INVALID_DATA", String(error.path), String(error.message));
  }
  const errors = sink.items
    .filter((d) => d.code === "SG_INVALID_DATA")
    .map((d) => ({
      pointer: d.pointer,
      message: d.message,
      ...(d.line === undefined ? {} : { line: d.line, column: d.column ?? 1 }),
    }));
  return {
    result: { file: file.path, ok: outcome.ok && errors.length === 0, errors },
    diagnostics: sink.items,
  };
}

/**
 * The document's guards, emitted as `generate` emits them (with the shared runtime module, or the helpers copied
 * in, as `options.runtime` says), transpiled and loaded into a sandbox; returns its root `validateX`.
 */
function compileCheck(model: ModelDocument, options: ResolvedOptions): Check {
  const printer = new Printer();
  const shared = options.runtime === "shared" ? runtimeSpecifier("") : undefined;
  const guards = guardFile(model, options, shared);
  const source = printer.print(`${model.baseName}.guards.ts`, guards.statements);
  const runtime = runtimeFile(guards.imports, [model.file], printer);
  const sandbox = createContext(
    { modules: {} },
    { codeGeneration: { strings: false, wasm: false } },
  );
  // The guards' one import, the runtime module, is the only module the sandbox can load.
  runInContext(
    `modules.runtime = {}; modules.guards = {};
     var require = (specifier) => { if (specifier === ${JSON.stringify(shared ?? "")}) return modules.runtime; throw new Error("no module " + specifier); };`,
    sandbox,
  );
  if (runtime !== undefined) {
    runModule(sandbox, "runtime", runtime.contents, RUNTIME_FILE.replace(/\.ts$/, ".js"));
  }
  runModule(sandbox, "guards", source, `${model.baseName}.guards.js`);
  const name = JSON.stringify(`validate${model.root}`);
  return runInContext(
    `(text) => { const result = modules.guards[${name}](JSON.parse(text)); return { ok: result.ok, errors: result.errors }; }`,
    sandbox,
  ) as Check;
}

/** Transpiles one module to CommonJS and runs it in the sandbox, its exports in `modules[name]`. */
function runModule(sandbox: object, name: string, source: string, filename: string): void {
  const js = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      removeComments: true,
    },
  }).outputText;
  runInContext(`(function (exports, require) {\n${js}\n})(modules.${name}, require);`, sandbox, {
    filename,
  });
}
