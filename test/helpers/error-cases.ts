/**
 * The bad-input catalogue: fixtures/errors/<case>/ holds the input (input.json, or input.bin for bytes that are not
 * text, or recipe.json naming a builder in big-inputs.ts for inputs too big to keep), any file it imports, an
 * optional options.json, and what must come out: expected.diagnostics.json (every diagnostic, warnings included,
 * as code, severity, JSON pointer, line and column, plus the file when it is not the input) and, for legal inputs,
 * expected.outputs.json (the output paths).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import type { Diagnostic, Severity } from "../../src/model/diagnostics.js";
import type { Options } from "../../src/model/options.js";
import { build, type Recipe } from "./big-inputs.js";
import { REPO_ROOT } from "./fixtures.js";

export const ERRORS_DIR = join(REPO_ROOT, "fixtures", "errors");

/** One expected diagnostic; `file` is relative to the case folder and defaults to the input. */
export interface ExpectedDiagnostic {
  readonly file?: string;
  readonly severity: Severity;
  readonly code: string;
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
}

export interface ErrorCase {
  readonly name: string;
  /** The case folder (absolute). */
  readonly dir: string;
  /** input.json or input.bin. */
  readonly inputName: string;
  readonly recipe?: Recipe;
  readonly options: Options;
  readonly diagnostics: readonly ExpectedDiagnostic[];
  /** Output paths, for inputs that are legal. */
  readonly outputs?: readonly string[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function errorCases(): ErrorCase[] {
  return readdirSync(ERRORS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(ERRORS_DIR, name);
      const at = (file: string) => join(dir, file);
      const recipe = existsSync(at("recipe.json"))
        ? readJson<Recipe>(at("recipe.json"))
        : undefined;
      const inputName = existsSync(at("input.bin")) ? "input.bin" : "input.json";
      if (recipe === undefined && !existsSync(at(inputName))) {
        throw new Error(`fixtures/errors/${name} has no input.json, input.bin or recipe.json`);
      }
      const outputs = existsSync(at("expected.outputs.json"))
        ? readJson<string[]>(at("expected.outputs.json"))
        : undefined;
      return {
        name,
        dir,
        inputName,
        ...(recipe === undefined ? {} : { recipe }),
        options: existsSync(at("options.json")) ? readJson<Options>(at("options.json")) : {},
        diagnostics: readJson<ExpectedDiagnostic[]>(at("expected.diagnostics.json")),
        ...(outputs === undefined ? {} : { outputs }),
      };
    });
}

/**
 * Copies a case into `root/<case>/` (building its input from the recipe, at the stress size if asked) and
 * returns the input's absolute path. Every other file of the case (imported documents) comes along.
 */
export function materialize(errorCase: ErrorCase, root: string, stress = false): string {
  const target = join(root, errorCase.name);
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(errorCase.dir)) {
    if (!/^(expected\.|recipe\.json$|options\.json$)/.test(file)) {
      copyFileSync(join(errorCase.dir, file), join(target, file));
    }
  }
  if (errorCase.recipe !== undefined) {
    writeFileSync(join(target, errorCase.inputName), build(errorCase.recipe, stress));
  }
  return join(target, errorCase.inputName);
}

/** A diagnostic as the catalogue writes it: file relative to the case folder, omitted when it is the input. */
export function asExpected(
  d: Diagnostic,
  caseDir: string,
  inputName: string,
): ExpectedDiagnostic & { message: string } {
  const file = relative(caseDir, d.file).split("\\").join("/");
  return {
    ...(file === inputName ? {} : { file }),
    severity: d.severity,
    code: d.code,
    pointer: d.pointer,
    line: d.line ?? -1,
    column: d.column ?? -1,
    message: d.message,
  };
}
