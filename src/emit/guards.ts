/**
 * Stage 5b, emit guards: for every declaration, `isX` (fast boolean), `assertX` (throws with the JSON pointer
 * of the first failure) and `validateX` (every failure, with ajv-style `path` pointers). No dependencies, no eval:
 * the runtime helpers they need are copied from templates/.
 */
import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import { StructureKind } from "./ts-morph.js";
import type { Declaration, ModelDocument, TypeNode } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { bannerComment, documentInputs } from "./banner.js";
import {
  checkFunctionName,
  checkStatements,
  compoundCheckBody,
  type Compound,
  compoundTestBody,
  ERROR_TYPE,
  ERRORS_PARAM,
  type GuardContext,
  isChoice,
  isFunctionName,
  testExpression,
} from "./guard-code.js";
import { copyRuntime } from "./runtime-copy.js";
import { stringLiteral } from "./ts-text.js";

const TYPES_NAMESPACE = "types";

export function guardExportNames(doc: ModelDocument): string[] {
  return guardedDeclarations(doc).flatMap((d) => [
    isFunctionName(d.name),
    `assert${d.name}`,
    `validate${d.name}`,
  ]);
}

/** Abstract declarations describe no instance, so they get no guards (see Declaration.abstract). */
function guardedDeclarations(doc: ModelDocument): Declaration[] {
  return doc.declarations.filter((d) => d.abstract !== true);
}

export function guardStatements(
  doc: ModelDocument,
  options: ResolvedOptions,
): (string | StatementStructures)[] {
  const ctx: GuardContext = {
    checkFormats: options.formats === "validate",
    runtime: new Set(),
    helpers: [],
    counter: { next: 0 },
    regexes: new Map(),
  };
  const declarations = guardedDeclarations(doc);
  const exported = declarations.flatMap((declaration) => exportedGuards(declaration, ctx));
  const checkers = declarations.map((declaration) => checkerFunction(declaration, ctx));
  const runtime = copyRuntime([...ctx.runtime, "_describeFailure"]);
  return [
    bannerComment(documentInputs(doc)),
    `import type * as ${TYPES_NAMESPACE} from ${stringLiteral(`./${doc.baseName}.types.js`)};`,
    ...(declarations.length === 0 ? [] : resultTypes()),
    ...exported,
    "// Internal checkers: one per declaration, then one per nested compound type.",
    ...checkers,
    ...ctx.helpers,
    "// Runtime helpers, copied from structgen's tested templates.",
    ...runtime,
  ];
}

/**
 * Local (unexported) aliases for what validate functions report: short signatures that read well. Declaration
 * emit copies them into a .d.ts, so the exported functions stay fully typed.
 */
function resultTypes(): string[] {
  // One string: ts-morph separates string statements by a line break only, and these read better apart.
  return [
    `\n/** One failure: where (a JSON pointer, as ajv's \`instancePath\`) and what. */\ntype ${ERROR_TYPE} = { readonly path: string; readonly message: string };\n\n/** What a validate function returns: the value, typed, or every failure. */\ntype ${RESULT_TYPE}<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ${ERROR_TYPE}[] };`,
  ];
}

const RESULT_TYPE = "Validation";

function exportedGuards(
  declaration: Declaration,
  ctx: GuardContext,
): FunctionDeclarationStructure[] {
  const { name } = declaration;
  const typeRef = `${TYPES_NAMESPACE}.${name}`;
  const resultType = `${RESULT_TYPE}<${typeRef}>`;
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: isFunctionName(name),
      docs: [`Whether \`value\` is a valid {@link ${typeRef}}. Fast: stops at the first failure.`],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `value is ${typeRef}`,
      statements: testBody(declaration.type, ctx).join("\n"),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `assert${name}`,
      docs: [
        `Throws a TypeError naming the JSON pointer of the first failure unless \`value\` is a valid {@link ${typeRef}}.`,
      ],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `asserts value is ${typeRef}`,
      statements: [
        `if (!${isFunctionName(name)}(value)) {`,
        `const result = validate${name}(value);`,
        `throw new TypeError(_describeFailure(${stringLiteral(name)}, result.ok ? [] : result.errors));`,
        "}",
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `validate${name}`,
      docs: [
        `Checks \`value\` against {@link ${typeRef}} and reports every failure with its JSON pointer (as ajv's \`instancePath\`).`,
      ],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: resultType,
      statements: [
        `const errors: ${ERROR_TYPE}[] = [];`,
        `${checkFunctionName(name)}(value, "", errors);`,
        `return errors.length === 0 ? { ok: true, value: value as ${typeRef} } : { ok: false, errors };`,
      ],
    },
  ];
}

function testBody(type: TypeNode, ctx: GuardContext): string[] {
  if (isCompoundBody(type)) {
    return compoundTestBody(type, ctx);
  }
  const test = testExpression(type, "value", ctx);
  // `any` reads nothing; generated code must still pass noUnusedParameters.
  return test === "true" ? ["void value;", "return true;"] : [`return ${test};`];
}

/** Declarations whose checks are written straight into the guard, not through a nested helper. */
function isCompoundBody(type: TypeNode): type is Compound {
  return (
    type.kind === "object" ||
    type.kind === "array" ||
    type.kind === "map" ||
    type.kind === "tuple" ||
    isChoice(type)
  );
}

function checkerFunction(
  declaration: Declaration,
  ctx: GuardContext,
): FunctionDeclarationStructure {
  const { type } = declaration;
  const checks = isCompoundBody(type)
    ? compoundCheckBody(type, ctx)
    : checkStatements(type, "value", "path", ctx);
  const statements = checks.length === 0 ? ["void value;", "void path;", "void errors;"] : checks;
  return {
    kind: StructureKind.Function,
    name: checkFunctionName(declaration.name),
    parameters: [
      { name: "value", type: "unknown" },
      { name: "path", type: "string" },
      { name: ERRORS_PARAM.split(":")[0] ?? "errors", type: `${ERROR_TYPE}[]` },
    ],
    returnType: "void",
    statements: statements.join("\n"),
  };
}
