/**
 * One top-level statement printed as prettier prints it (see fast-ts.ts): blocks and declarations broken, the
 * rest flat, or laid out by broken.ts when a line does not fit.
 */
import { ts } from "../../emit/ts-morph.js";
import { Layouts } from "./broken-layouts.js";
import { TypeLayouts, unwrapType } from "./broken-types.js";
import { calls, freeExpression, unwrap } from "./one-line-expression.js";
import { memberText, typeText } from "./one-line-type.js";
import {
  blockComment,
  forHead,
  modifiers,
  parameterText,
  simpleReturnType,
  simpleStatement,
  unbreakableType,
} from "./statement-parts.js";
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
  private readonly types: TypeLayouts;

  constructor(private readonly style: FastStyle) {
    this.layouts = new Layouts(style);
    this.types = new TypeLayouts(style);
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
    if (ts.isSwitchStatement(node)) {
      this.switchStatement(node, level);
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

  /** `case x:` lines, then the clause's statements one level in; a clause that is one block hugs it (`case x: {`). */
  private switchStatement(node: ts.SwitchStatement, level: number): void {
    const head = `switch (${freeExpression(node.expression)}) {`;
    const clauses = node.caseBlock.clauses;
    if (clauses.length === 0) {
      this.line(level, `${head.slice(0, -1)}{}`);
      return;
    }
    this.line(level, head);
    clauses.forEach((clause, index) => {
      if (
        index > 0 &&
        hasBlankLine(sourceText().slice(clauses[index - 1]!.end, leadingStart(clause)))
      ) {
        unsupported("blank line between clauses");
      }
      this.comments(clause, level + 1);
      const label = ts.isCaseClause(clause)
        ? `case ${freeExpression(clause.expression)}:`
        : "default:";
      const [only, ...rest] = clause.statements;
      if (only !== undefined && rest.length === 0 && ts.isBlock(only)) {
        if (only.statements.length === 0) {
          unsupported("empty clause block");
        }
        this.line(level + 1, `${label} {`);
        this.block(only.statements, level + 2);
        this.line(level + 1, "}");
        return;
      }
      this.line(level + 1, label);
      this.block(clause.statements, level + 2);
    });
    this.line(level, "}");
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

  /** A loop's or if's body: a block (prettier prints an empty one over two lines, `{` and `}`). */
  private body(node: ts.Statement, level: number): void {
    if (!ts.isBlock(node)) {
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

  /**
   * A member with its `;`: on one line, however long when its type cannot break (a long key); an object type,
   * a tuple type or an intersection with an object type broken as prettier breaks them; anything else that does
   * not fit is prettier's (the width check).
   */
  private interfaceMember(member: ts.TypeElement, level: number): string[] {
    const line = `${this.indent(level)}${memberText(member)};`;
    const type = ts.isPropertySignature(member) ? member.type : undefined;
    if (fitsWithin(line, this.style.printWidth) || type === undefined) {
      return [line];
    }
    if (unbreakableType(type)) {
      return [`${UNMEASURED}${line}`];
    }
    const key = line.slice(0, line.length - typeText(type).length - 1);
    const array = ts.isArrayTypeNode(type) ? type.elementType : undefined;
    const inner = unwrapType(array ?? type);
    const [prefix, suffix] = array === undefined ? [key, ";"] : [`${key}(`, ")[];"];
    const indent = level * this.style.tabWidth;
    const lines = ts.isIntersectionTypeNode(inner)
      ? this.types.intersectionLines(inner, indent, prefix, suffix)
      : ts.isTypeLiteralNode(inner) && array === undefined
        ? this.types.object(inner, indent, prefix, suffix)
        : ts.isTupleTypeNode(inner) && array === undefined
          ? this.types.tuple(inner, indent, prefix, suffix)
          : undefined;
    return lines ?? [line];
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
      this.lines.push(...this.interfaceMember(member, level + 1));
    });
    this.line(level, "}");
  }
}
