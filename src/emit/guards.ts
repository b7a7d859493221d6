/**
 * Stage 5b, emit guards: for every declaration, `isX` (fast boolean), `assertX` (throws with the JSON pointer
 * of the first failure) and `validateX` (every failure, with ajv-style `path` pointers). No dependencies, no eval:
 * the runtime helpers they need come from templates/, through the output folder's shared runtime module or copied
 * into the file.
 */
import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import { StructureKind } from "./ts-morph.js";
import type { Declaration, ModelDocument, TypeNode } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { bannerComment, documentInputs } from "./banner.js";
import {
  arrayLiteral,
  call,
  cast,
  conditional,
  construct,
  equals,
  FALSE,
  local,
  member,
  not,
  number,
  objectLiteral,
  reference,
  string,
  TRUE,
  voidOf,
} from "./code/expression.js";
import { stringLiteral } from "./code/literal.js";
import {
  constStatement,
  expressionStatement,
  ifStatement,
  reads,
  returnStatement,
  type Statement,
  throwStatement,
} from "./code/statement.js";
import { arrayType, keyword, typeReference } from "./code/type-expression.js";
import {
  checkStatements,
  compoundCheckBody,
  type Compound,
  compoundTestBody,
  isChoice,
  NODE_GUARDS,
  testExpression,
} from "./guard-code.js";
import {
  checkFunctionName,
  ERROR_TYPE,
  ERRORS,
  type GuardContext,
  guardContext,
  isFunctionName,
  PATH,
  VALUE,
} from "./guard-context.js";
import { copyRuntime } from "./runtime-copy.js";
import { compareCodeUnits } from "../model/order.js";
import { RESULT_TYPE, RESULT_TYPE_NAMES, resultTypeDeclarations } from "./result-types.js";

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

/** A self-contained guards file: the runtime helpers it uses copied into it (`--runtime inline`). */
export function guardStatements(
  doc: ModelDocument,
  options: ResolvedOptions,
): (string | StatementStructures)[] {
  return [...guardFile(doc, options, undefined).statements];
}

export interface GuardFile {
  readonly statements: readonly (string | StatementStructures)[];
  /** The runtime helpers it imports from the shared runtime module, sorted; none when they are copied into it. */
  readonly imports: readonly string[];
}

/**
 * A document's guards file. The runtime helpers it calls come from the shared runtime module at the specifier
 * `runtimeModule` (see runtime-module.ts), or, when it is undefined, are copied into the file.
 */
export function guardFile(
  doc: ModelDocument,
  options: ResolvedOptions,
  runtimeModule: string | undefined,
): GuardFile {
  const ctx = guardContext(options.formats === "validate", NODE_GUARDS);
  const declarations = guardedDeclarations(doc);
  const exported = declarations.flatMap((declaration) => exportedGuards(declaration, ctx));
  const checkers = declarations.map((declaration) => checkerFunction(declaration, ctx));
  const used = new Set([
    ...ctx.runtime,
    ...(declarations.length === 0 ? [] : ["_describeFailure"]),
  ]);
  const imports = runtimeModule === undefined ? [] : [...used].sort(compareCodeUnits);
  const head = [
    bannerComment(documentInputs(doc)),
    `import type * as ${TYPES_NAMESPACE} from ${stringLiteral(`./${doc.baseName}.types.js`)};`,
  ];
  const body = [
    ...exported,
    "// Internal checkers: one per declaration, then one per nested compound type.",
    ...checkers,
    ...ctx.helpers,
  ];
  if (declarations.length === 0) {
    return { statements: [...head, ...body], imports: [] };
  }
  if (runtimeModule !== undefined) {
    const names = [...RESULT_TYPE_NAMES.map((name) => `type ${name}`), ...imports];
    const fromRuntime = [
      `import { ${names.join(", ")} } from ${stringLiteral(runtimeModule)};`,
      "\n// What the validate functions report, declared in the runtime module: for callers to name a result.",
      `export type { ${RESULT_TYPE_NAMES.join(", ")} };`,
    ];
    return { statements: [...head, ...fromRuntime, ...body], imports };
  }
  const copied = copyRuntime([...ctx.runtime, "_describeFailure"]);
  const runtime = ["// Runtime helpers, copied from structgen's tested templates.", ...copied];
  return {
    statements: [...head, resultTypeDeclarations(), ...body, ...runtime],
    imports,
  };
}

function exportedGuards(
  declaration: Declaration,
  ctx: GuardContext,
): FunctionDeclarationStructure[] {
  const { name } = declaration;
  const typeRef = typeReference(`${TYPES_NAMESPACE}.${name}`);
  const result = local("result");
  const describe = call(reference("_describeFailure"), [
    string(name),
    conditional(member(result, "ok"), arrayLiteral([]), member(result, "errors")),
  ]);
  const valid = objectLiteral([
    ["ok", TRUE],
    ["value", cast(VALUE, typeRef)],
  ]);
  const invalid = objectLiteral([["ok", FALSE], ["errors"]]);
  const parameters = [{ name: "value", type: keyword("unknown").text }];
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: isFunctionName(name),
      docs: [
        `Whether \`value\` is a valid {@link ${typeRef.text}}. Fast: stops at the first failure.`,
      ],
      parameters,
      returnType: `value is ${typeRef.text}`,
      statements: textOf(testBody(declaration.type, ctx)),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `assert${name}`,
      docs: [
        `Throws a TypeError naming the JSON pointer of the first failure unless \`value\` is a valid {@link ${typeRef.text}}.`,
      ],
      parameters,
      returnType: `asserts value is ${typeRef.text}`,
      statements: textOf([
        ifStatement(not(call(reference(isFunctionName(name)), [VALUE])), [
          constStatement("result", call(reference(`validate${name}`), [VALUE])),
          throwStatement(construct(reference("TypeError"), [describe])),
        ]),
      ]),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: `validate${name}`,
      docs: [
        `Checks \`value\` against {@link ${typeRef.text}} and reports every failure with its JSON pointer (as ajv's \`instancePath\`).`,
      ],
      parameters,
      returnType: typeReference(RESULT_TYPE, [typeRef]).text,
      statements: textOf([
        constStatement("errors", arrayLiteral([]), arrayType(typeReference(ERROR_TYPE))),
        expressionStatement(call(reference(checkFunctionName(name)), [VALUE, string(""), ERRORS])),
        returnStatement(conditional(equals(member(ERRORS, "length"), number(0)), valid, invalid)),
      ]),
    },
  ];
}

function textOf(statements: readonly Statement[]): string {
  return statements.map((s) => s.text).join("\n");
}

/** `void name;` for each parameter the body does not read: generated code must pass noUnusedParameters. */
function unusedParameters(body: readonly Statement[], names: readonly string[]): Statement[] {
  return names
    .filter((name) => !reads(body, name))
    .map((name) => expressionStatement(voidOf(local(name))));
}

function testBody(type: TypeNode, ctx: GuardContext): Statement[] {
  if (isCompoundBody(type)) {
    return compoundTestBody(type, ctx);
  }
  const body = [returnStatement(testExpression(type, VALUE, ctx))];
  return [...unusedParameters(body, ["value"]), ...body];
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
    : checkStatements(type, VALUE, PATH, ctx);
  return {
    kind: StructureKind.Function,
    name: checkFunctionName(declaration.name),
    parameters: [
      { name: "value", type: keyword("unknown").text },
      { name: "path", type: keyword("string").text },
      { name: "errors", type: arrayType(typeReference(ERROR_TYPE)).text },
    ],
    returnType: keyword("void").text,
    statements: textOf([...unusedParameters(checks, ["value", "path", "errors"]), ...checks]),
  };
}
