/**
 * The parts of a statement the fast printer prints on one line (see statements.ts): modifiers, parameters, loop
 * heads, declarations, simple statements, imports and exports, and prettier's layout of a block comment.
 */
import { ts } from "../../emit/ts-morph.js";
import { freeExpression } from "./one-line-expression.js";
import { typeParameters, typeText } from "./one-line-type.js";
import { unsupported } from "./tokens.js";
/** A type prettier prints with no line break in it: a keyword, a literal, a name without type arguments. */
export function unbreakableType(type: ts.TypeNode | undefined): boolean {
  return (
    type !== undefined &&
    (ts.isLiteralTypeNode(type) ||
      (ts.isTypeReferenceNode(type) && type.typeArguments === undefined) ||
      (type.kind >= ts.SyntaxKind.FirstKeyword && type.kind <= ts.SyntaxKind.LastKeyword))
  );
}

export function modifiers(node: ts.Statement): string {
  const kinds = (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).map((m) => m.kind);
  if (kinds.some((k) => k !== ts.SyntaxKind.ExportKeyword && k !== ts.SyntaxKind.DeclareKeyword)) {
    unsupported("modifier");
  }
  return kinds.map((k) => `${ts.tokenToString(k) ?? ""} `).join("");
}

export function simpleReturnType(type: ts.TypeNode): boolean {
  const named = (t: ts.TypeNode) =>
    ts.isTypeReferenceNode(t) ||
    t.kind === ts.SyntaxKind.VoidKeyword ||
    t.kind === ts.SyntaxKind.BooleanKeyword;
  return (
    named(type) || (ts.isTypePredicateNode(type) && type.type !== undefined && named(type.type))
  );
}

export function parameterText(parameter: ts.ParameterDeclaration): string {
  if (
    !ts.isIdentifier(parameter.name) ||
    parameter.dotDotDotToken !== undefined ||
    parameter.initializer !== undefined ||
    parameter.modifiers !== undefined
  ) {
    unsupported("parameter form");
  }
  const optional = parameter.questionToken === undefined ? "" : "?";
  return `${parameter.name.text}${optional}${parameter.type === undefined ? "" : `: ${typeText(parameter.type)}`}`;
}

export function forHead(node: ts.ForOfStatement | ts.ForInStatement | ts.ForStatement): string {
  if (ts.isForStatement(node)) {
    const init =
      node.initializer === undefined
        ? ""
        : ts.isVariableDeclarationList(node.initializer)
          ? declarationList(node.initializer)
          : freeExpression(node.initializer);
    const test = node.condition === undefined ? "" : freeExpression(node.condition);
    const update = node.incrementor === undefined ? "" : freeExpression(node.incrementor);
    return `for (${init}; ${test}; ${update})`;
  }
  if (
    !ts.isVariableDeclarationList(node.initializer) ||
    (ts.isForOfStatement(node) && node.awaitModifier !== undefined)
  ) {
    unsupported("loop form");
  }
  const keyword = ts.isForOfStatement(node) ? "of" : "in";
  return `for (${declarationList(node.initializer)} ${keyword} ${freeExpression(node.expression)})`;
}

function declarationList(list: ts.VariableDeclarationList): string {
  const keyword =
    (list.flags & ts.NodeFlags.Const) !== 0
      ? "const"
      : (list.flags & ts.NodeFlags.Let) !== 0
        ? "let"
        : unsupported("var");
  const [declaration, ...rest] = list.declarations;
  if (
    declaration === undefined ||
    rest.length > 0 ||
    !ts.isIdentifier(declaration.name) ||
    declaration.exclamationToken !== undefined
  ) {
    return unsupported("declaration form");
  }
  const type = declaration.type === undefined ? "" : `: ${typeText(declaration.type)}`;
  const init =
    declaration.initializer === undefined ? "" : ` = ${freeExpression(declaration.initializer)}`;
  return `${keyword} ${declaration.name.text}${type}${init}`;
}

/** Statements that print on one line. */
export function simpleStatement(node: ts.Statement): string {
  if (ts.isVariableStatement(node)) {
    return `${modifiers(node)}${declarationList(node.declarationList)};`;
  }
  if (ts.isExpressionStatement(node)) {
    const expression = node.expression;
    // A statement that starts with `{`, `(`, `function` or `class` reads differently without its parentheses.
    if (
      ts.isObjectLiteralExpression(expression) ||
      ts.isFunctionExpression(expression) ||
      ts.isStringLiteral(expression)
    ) {
      unsupported("expression statement form");
    }
    return `${freeExpression(expression)};`;
  }
  if (ts.isReturnStatement(node)) {
    return node.expression === undefined ? "return;" : `return ${freeExpression(node.expression)};`;
  }
  if (ts.isThrowStatement(node)) {
    return `throw ${freeExpression(node.expression)};`;
  }
  if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
    return node.label === undefined
      ? `${ts.isBreakStatement(node) ? "break" : "continue"};`
      : unsupported("label");
  }
  if (ts.isTypeAliasDeclaration(node)) {
    return `${modifiers(node)}type ${node.name.text}${typeParameters(node)} = ${typeText(node.type)};`;
  }
  return importOrExport(node);
}

/**
 * `import { a, type b } from "m";`, `export { a, b };` or `export type { a } from "m";` as its parts: the
 * text before the names, the names, and the text after them; undefined for any other statement.
 */
export function namedList(
  node: ts.Statement,
): { head: string; names: string[]; tail: string } | undefined {
  const named = (elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]): string[] =>
    elements.map((element) =>
      element.propertyName === undefined && ts.isIdentifier(element.name)
        ? `${element.isTypeOnly ? "type " : ""}${element.name.text}`
        : unsupported("specifier form"),
    );
  if (ts.isImportDeclaration(node) && node.attributes === undefined) {
    const clause = node.importClause;
    const bindings = clause?.namedBindings;
    if (clause?.name === undefined && bindings !== undefined && ts.isNamedImports(bindings)) {
      const head = `import ${clause!.isTypeOnly ? "type " : ""}{`;
      return {
        head,
        names: named(bindings.elements),
        tail: `} from ${freeExpression(node.moduleSpecifier)};`,
      };
    }
  }
  if (
    ts.isExportDeclaration(node) &&
    node.exportClause !== undefined &&
    ts.isNamedExports(node.exportClause) &&
    node.attributes === undefined
  ) {
    const head = `export ${node.isTypeOnly ? "type " : ""}{`;
    const from = node.moduleSpecifier;
    const tail = from === undefined ? "};" : `} from ${freeExpression(from)};`;
    return { head, names: named(node.exportClause.elements), tail };
  }
  return undefined;
}

function importOrExport(node: ts.Statement): string {
  const list = namedList(node);
  if (list !== undefined) {
    return list.names.length === 0
      ? `${list.head}${list.tail}`
      : `${list.head} ${list.names.join(", ")} ${list.tail}`;
  }
  if (ts.isImportDeclaration(node) && node.attributes === undefined) {
    const clause = node.importClause;
    const bindings = clause?.namedBindings;
    if (
      clause !== undefined &&
      clause.name === undefined &&
      bindings !== undefined &&
      ts.isNamespaceImport(bindings)
    ) {
      return `import ${clause.isTypeOnly ? "type " : ""}* as ${bindings.name.text} from ${freeExpression(node.moduleSpecifier)};`;
    }
  }
  if (
    ts.isExportDeclaration(node) &&
    node.exportClause === undefined &&
    node.moduleSpecifier !== undefined &&
    node.attributes === undefined
  ) {
    return `export ${node.isTypeOnly ? "type " : ""}* from ${freeExpression(node.moduleSpecifier)};`;
  }
  return unsupported(ts.SyntaxKind[node.kind]);
}

/**
 * prettier's layout of a block comment: one whose lines all start with `*` (after indentation) is re-indented,
 * each line's end trimmed, except the two spaces that end a JSDoc line (a Markdown line break).
 */
export function blockComment(comment: string): string[] {
  const value = comment.slice(2, -2);
  if (!value.includes("\n")) {
    return [comment];
  }
  const lines = `*${value}*`.split("\n").map((line) => line.trimStart());
  if (!lines.every((line) => line.startsWith("*"))) {
    return unsupported("free-form block comment");
  }
  const jsDoc = value.startsWith("*") && !value.startsWith("**");
  return lines.map((line, index) => {
    if (index === 0) {
      return `/${line.trimEnd()}`;
    }
    if (index === lines.length - 1) {
      return ` ${line}/`;
    }
    const trimmed = line.trimEnd();
    return jsDoc && trimmed !== "*" && line.endsWith("  ") ? ` ${trimmed}  ` : ` ${trimmed}`;
  });
}
