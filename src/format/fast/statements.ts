/**
 * One top-level statement printed as prettier prints it (see fast-ts.ts): blocks and declarations broken, the
 * rest flat, or laid out by broken.ts when a line does not fit.
 */
import { ts } from "../../emit/ts-morph.js";
import { Layouts } from "./broken-layouts.js";
import { calls, freeExpression, unwrap } from "./one-line-expression.js";
import { memberText, typeText } from "./one-line-type.js";
import { unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle, UNMEASURED } from "./style.js";
import { sourceText, startOf } from "./printing-source.js";

export function leadingStart(node: ts.Node): number {
  const comments = ts.getLeadingCommentRanges(sourceText(), node.getFullStart()) ?? [];
  return comments[0]?.pos ?? startOf(node);
}

export function hasBlankLine(between: string): boolean {
  return /\n[ \t]*\r?\n/.test(between);
}

export class StatementPrinter {
  readonly lines: string[] = [];
  commentsPrinted = 0;
  private readonly layouts: Layouts;

  constructor(private readonly style: FastStyle) {
    this.layouts = new Layouts(style);
  }

  private indent(level: number): string {
    return " ".repeat(level * this.style.tabWidth);
  }

  private line(level: number, text: string): void {
    this.lines.push(`${this.indent(level)}${text}`);
  }

  /** Leading comments, each on its own line; a blank line after one is kept, as prettier keeps it. */
  private comments(node: ts.Node, level: number): void {
    const text = sourceText();
    const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
    ranges.forEach((range, index) => {
      // A comment after code on its line, or followed by code, is placed by prettier's own rules.
      const lineStart = text.lastIndexOf("\n", range.pos - 1) + 1;
      if (range.hasTrailingNewLine !== true || text.slice(lineStart, range.pos).trim() !== "") {
        unsupported("comment on a line with code");
      }
      const comment = text.slice(range.pos, range.end);
      const lines =
        range.kind === ts.SyntaxKind.SingleLineCommentTrivia
          ? [comment.trimEnd()]
          : blockComment(comment);
      lines.forEach((line) => this.lines.push(`${UNMEASURED}${this.indent(level)}${line}`));
      this.commentsPrinted++;
      const next = ranges[index + 1]?.pos ?? startOf(node);
      if (hasBlankLine(text.slice(range.end, next))) {
        this.lines.push(`${UNMEASURED}`);
      }
    });
  }

  /** A top-level statement whose formatted text is known: its leading comments, then that text. */
  known(node: ts.Statement, formatted: string): void {
    this.comments(node, 0);
    this.lines.push(...formatted.split("\n").map((line) => `${UNMEASURED}${line}`));
  }

  statement(node: ts.Statement, level: number): void {
    this.comments(node, level);
    if (ts.isBlock(node)) {
      this.line(level, "{");
      this.block(node.statements, level + 1);
      this.line(level, "}");
      return;
    }
    if (ts.isIfStatement(node)) {
      this.ifStatement(node, level, "if");
      return;
    }
    if (ts.isFunctionDeclaration(node)) {
      this.functionDeclaration(node, level);
      return;
    }
    if (ts.isInterfaceDeclaration(node)) {
      this.interfaceDeclaration(node, level);
      return;
    }
    if (ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) {
      this.line(level, `${forHead(node)} {`);
      this.body(node.statement, level);
      return;
    }
    if (ts.isExpressionStatement(node) && this.callbackStatement(node, level)) {
      return;
    }
    const flat = simpleStatement(node);
    if (fitsWithin(`${this.indent(level)}${flat}`, this.style.printWidth)) {
      this.line(level, flat);
      return;
    }
    const prefix =
      ts.isTypeAliasDeclaration(node) || ts.isVariableStatement(node) ? modifiers(node) : "";
    // When no layout applies, the flat line stays, and the width check hands the statement to prettier.
    this.lines.push(
      ...(this.layouts.statement(node, level, prefix) ?? [`${this.indent(level)}${flat}`]),
    );
  }

  /** `f((a, b) => { ... });`: a call whose only argument is a callback with a body, which prettier hugs. */
  private callbackStatement(node: ts.ExpressionStatement, level: number): boolean {
    const call = unwrap(node.expression);
    const [callback, ...rest] = ts.isCallExpression(call) ? call.arguments : [];
    if (
      !ts.isCallExpression(call) ||
      callback === undefined ||
      rest.length > 0 ||
      !ts.isArrowFunction(callback) ||
      !ts.isBlock(callback.body)
    ) {
      return false;
    }
    if (
      callback.body.statements.length === 0 ||
      callback.typeParameters !== undefined ||
      callback.type !== undefined ||
      callback.modifiers !== undefined ||
      calls(call.expression) > 0
    ) {
      unsupported("callback form");
    }
    this.line(
      level,
      `${freeExpression(call.expression)}((${callback.parameters.map(parameterText).join(", ")}) => {`,
    );
    this.block(callback.body.statements, level + 1);
    this.line(level, "});");
    return true;
  }

  private block(statements: readonly ts.Statement[], level: number): void {
    statements.forEach((statement, index) => {
      if (
        index > 0 &&
        hasBlankLine(sourceText().slice(statements[index - 1]!.end, leadingStart(statement)))
      ) {
        this.lines.push("");
      }
      this.statement(statement, level);
    });
  }

  /** A loop's or if's body: a non-empty block (prettier prints `{}` there over two lines). */
  private body(node: ts.Statement, level: number): void {
    if (!ts.isBlock(node) || node.statements.length === 0) {
      unsupported("body");
    }
    this.block(node.statements, level + 1);
    this.line(level, "}");
  }

  private ifStatement(node: ts.IfStatement, level: number, keyword: "if" | "else"): void {
    const prefix = keyword === "if" ? "if" : "} else if";
    const head = `${this.indent(level)}${prefix} (${freeExpression(node.expression)}) {`;
    if (keyword === "else") {
      this.lines.pop();
    }
    const fits = fitsWithin(head, this.style.printWidth);
    this.lines.push(
      ...((fits ? undefined : this.layouts.ifHead(node.expression, level, prefix)) ?? [head]),
    );
    this.body(node.thenStatement, level);
    const otherwise = node.elseStatement;
    if (otherwise === undefined) {
      return;
    }
    if (ts.isIfStatement(otherwise)) {
      this.ifStatement(otherwise, level, "else");
      return;
    }
    this.lines[this.lines.length - 1] += " else {";
    this.body(otherwise, level);
  }

  private functionDeclaration(node: ts.FunctionDeclaration, level: number): void {
    if (
      node.name === undefined ||
      node.body === undefined ||
      node.typeParameters !== undefined ||
      node.asteriskToken !== undefined
    ) {
      unsupported("function form");
    }
    const head = `${modifiers(node)}function ${node.name.text}`;
    const parameters = node.parameters.map(parameterText);
    const returns = node.type === undefined ? "" : `: ${typeText(node.type)}`;
    const open = node.body.statements.length === 0 ? " {}" : " {";
    const flat = `${head}(${parameters.join(", ")})${returns}${open}`;
    if (parameters.length === 0 || fitsWithin(this.indent(level) + flat, this.style.printWidth)) {
      this.line(level, flat);
    } else {
      // prettier breaks the parameters first: one per line, then the return type after `)`. With one parameter
      // it may break an object or union return type instead: left to prettier.
      if (parameters.length === 1 && node.type !== undefined && !simpleReturnType(node.type)) {
        unsupported("return type layout");
      }
      this.line(level, `${head}(`);
      parameters.forEach((p, i) =>
        this.line(
          level + 1,
          `${p}${i < parameters.length - 1 || this.style.trailingComma === "all" ? "," : ""}`,
        ),
      );
      this.line(level, `)${returns}${open}`);
    }
    if (node.body.statements.length > 0) {
      this.block(node.body.statements, level + 1);
      this.line(level, "}");
    }
  }

  private interfaceDeclaration(node: ts.InterfaceDeclaration, level: number): void {
    if (node.typeParameters !== undefined) {
      unsupported("generic interface");
    }
    const heritage = (node.heritageClauses ?? []).map((clause) => {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) {
        unsupported("implements");
      }
      return ` extends ${clause.types.map((t) => `${freeExpression(t.expression)}${t.typeArguments === undefined ? "" : unsupported("type arguments")}`).join(", ")}`;
    });
    const head = `${modifiers(node)}interface ${node.name.text}${heritage.join("")}`;
    if (node.members.length === 0) {
      this.line(level, `${head} {}`);
      return;
    }
    this.line(level, `${head} {`);
    node.members.forEach((member, index) => {
      const previous = node.members[index - 1];
      if (
        previous !== undefined &&
        hasBlankLine(sourceText().slice(previous.end, leadingStart(member)))
      ) {
        this.lines.push("");
      }
      this.comments(member, level + 1);
      this.line(level + 1, `${memberText(member)};`);
    });
    this.line(level, "}");
  }
}

function modifiers(node: ts.Statement): string {
  const kinds = (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).map((m) => m.kind);
  if (kinds.some((k) => k !== ts.SyntaxKind.ExportKeyword && k !== ts.SyntaxKind.DeclareKeyword)) {
    unsupported("modifier");
  }
  return kinds.map((k) => `${ts.tokenToString(k) ?? ""} `).join("");
}

function simpleReturnType(type: ts.TypeNode): boolean {
  const named = (t: ts.TypeNode) =>
    ts.isTypeReferenceNode(t) ||
    t.kind === ts.SyntaxKind.VoidKeyword ||
    t.kind === ts.SyntaxKind.BooleanKeyword;
  return (
    named(type) || (ts.isTypePredicateNode(type) && type.type !== undefined && named(type.type))
  );
}

function parameterText(parameter: ts.ParameterDeclaration): string {
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

function forHead(node: ts.ForOfStatement | ts.ForInStatement | ts.ForStatement): string {
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
function simpleStatement(node: ts.Statement): string {
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
  if (ts.isTypeAliasDeclaration(node) && node.typeParameters === undefined) {
    return `${modifiers(node)}type ${node.name.text} = ${typeText(node.type)};`;
  }
  return importOrExport(node);
}

function importOrExport(node: ts.Statement): string {
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
function blockComment(comment: string): string[] {
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
