#!/usr/bin/env node
// The build that needs no dev dependency: `npm run prepare` (so `npm ci` in a clone, `npm install` from git and the
// pre-commit framework's install) compiles src/ to dist/ with the TypeScript compiler that ts-morph, a runtime
// dependency, ships, instead of the `typescript` dev dependency that an install without dev dependencies lacks.
// Developers still build and typecheck with tsc (`npm run build`, `npm run typecheck`); test/prepare-build.test.ts
// checks that both give the same dist/, byte for byte.
//
// It emits as tsc does but does not typecheck: without dev dependencies there is no @types/node, so every
// reference to Node would be an error. JavaScript output does not depend on types here (verbatimModuleSyntax
// keeps every import as written), so the build fails only on what makes the output wrong: a bad tsconfig.json
// or compiler option, a syntax error, or an emit the compiler refused. A missing type library (`types: ["node"]`
// without @types/node) is not among them.
//
// Usage: node bin/build.js [--outDir <folder>]   (default: tsconfig.json's outDir, dist/; emptied first)
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ts } from "ts-morph";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** ts-morph keeps the compiler's lib .d.ts files in memory (@ts-morph/common), not in a folder beside it. */
function libFiles() {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
  const { getLibFiles } = fromTsMorph("@ts-morph/common");
  return getLibFiles();
}

/** The compiler options of tsconfig.json, with outDir replaced when given. */
function readConfig(outDir) {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
  };
  const overrides = outDir === undefined ? {} : { outDir: resolve(outDir) };
  return ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), overrides, host);
}

/** A compiler host on the real file system that serves the lib files from memory, under a folder of their own. */
function hostWithLibs(options) {
  const libFolder = join(ROOT, "node_modules", ".ts-morph-lib");
  const libs = new Map(libFiles().map((file) => [join(libFolder, file.fileName), file.text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  return {
    ...host,
    getDefaultLibLocation: () => libFolder,
    getDefaultLibFileName: (opts) => join(libFolder, ts.getDefaultLibFileName(opts)),
    fileExists: (file) => libs.has(file) || fileExists.call(host, file),
    readFile: (file) => libs.get(file) ?? readFile.call(host, file),
    getSourceFile: (file, languageVersion, onError, shouldCreate) => {
      const text = libs.get(file);
      return text === undefined
        ? getSourceFile.call(host, file, languageVersion, onError, shouldCreate)
        : ts.createSourceFile(file, text, languageVersion);
    },
  };
}

function fail(diagnostics) {
  const formatHost = {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  };
  process.stderr.write(ts.formatDiagnostics(diagnostics, formatHost));
  process.stderr.write(`build: failed (TypeScript ${ts.version}, from ts-morph)\n`);
  process.exit(1);
}

function outDirArgument(args) {
  const at = args.indexOf("--outDir");
  if (at === -1) {
    return undefined;
  }
  const value = args[at + 1];
  if (value === undefined) {
    process.stderr.write("usage: node bin/build.js [--outDir <folder>]\n");
    process.exit(2);
  }
  return value;
}

const config = readConfig(outDirArgument(process.argv.slice(2)));
if (config.errors.length > 0) {
  fail(config.errors);
}
rmSync(config.options.outDir, { recursive: true, force: true });
const program = ts.createProgram({
  rootNames: config.fileNames,
  options: config.options,
  host: hostWithLibs(config.options),
});
/** TS2688: cannot find the type definition file named in `types`; it only weakens the checking this build skips. */
const MISSING_TYPE_LIBRARY = 2688;
const syntaxErrors = [
  ...program.getOptionsDiagnostics(),
  ...program.getSyntacticDiagnostics(),
].filter((diagnostic) => diagnostic.code !== MISSING_TYPE_LIBRARY);
if (syntaxErrors.length > 0) {
  fail(syntaxErrors);
}
const emitted = program.emit();
if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
  fail(emitted.diagnostics);
}
