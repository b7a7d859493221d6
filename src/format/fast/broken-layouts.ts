/**
 * prettier's layouts for statements that do not fit on one line, for the forms structgen emits: a chain of one
 * logical operator (in `return`, in `if (...)` and in `if (!(...))`), call arguments one per line, a sole object
 * argument hugged, a type alias (broken-types.ts), a variable's initializer (broken-initializers.ts). Each layout
 * prints its parts flat; when a part does not fit either, the caller's width check sends the statement to prettier.
 * Anything else returns undefined and stays prettier's.
 */
import { ts } from "../../emit/ts-morph.js";
import { freeExpression, unwrap } from "./one-line-expression.js";
import { BinaryLayouts, isComparison, logicalChain } from "./broken-binary.js";
import { typeParameters } from "./one-line-type.js";
import { TypeLayouts } from "./broken-types.js";
import { propertyKey, unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle, UNMEASURED } from "./style.js";
import { InitializerLayouts } from "./broken-initializers.js";
import { namedList } from "./statement-parts.js";

const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

export class Layouts {
  private readonly types: TypeLayouts;
  private readonly binary: BinaryLayouts;
  private readonly initializers: InitializerLayouts;

  constructor(private readonly style: FastStyle) {
    this.types = new TypeLayouts(style);
    this.binary = new BinaryLayouts(style);
    this.initializers = new InitializerLayouts(style);
  }

  private pad(level: number): string {
    return " ".repeat(level * this.style.tabWidth);
  }

  private fits(line: string): boolean {
    return fitsWithin(line, this.style.printWidth);
  }

  /** `if (...) {` over several lines, after `prefix` (`if` or `} else if`); undefined when prettier's own. */
  ifHead(condition: ts.Expression, level: number, prefix: string): string[] | undefined {
    const inner = unwrap(condition);
    const pad = this.pad(level);
    const negatedOperand =
      ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken
        ? unwrap(inner.operand)
        : undefined;
    const negated = negatedOperand === undefined ? undefined : logicalChain(negatedOperand);
    if (negated !== undefined) {
      // `if (!(` hugs its parenthesis. prettier groups the second operand of a chain of two plain operands on
      // its own, so such a chain may stay on one line; any longer chain breaks with the statement.
      const grouped = negated.operands.length === 2 && !negated.nested;
      const body = grouped
        ? this.binary.chainLines(negated, level + 1)
        : this.binary.brokenChain(negated, level + 1);
      return [`${pad}${prefix} (!(`, ...body, `${pad})) {`];
    }
    if (negatedOperand !== undefined && isComparison(negatedOperand)) {
      // A negated comparison does not hug: on a line of its own, and if too long, broken inside `!(`.
      const alone = `${this.pad(level + 1)}${freeExpression(inner)}`;
      if (this.fits(alone)) {
        return [`${pad}${prefix} (`, alone, `${pad}) {`];
      }
      const body = this.binary.comparison(negatedOperand, level + 2);
      return [
        `${pad}${prefix} (`,
        `${this.pad(level + 1)}!(`,
        ...body,
        `${this.pad(level + 1)})`,
        `${pad}) {`,
      ];
    }
    // Inside `if (...)` a chain's line breaks belong to the statement's group: all break together.
    const chain = logicalChain(inner);
    const body =
      chain !== undefined
        ? this.binary.brokenChain(chain, level + 1)
        : isComparison(inner)
          ? this.binary.comparison(inner, level + 1)
          : ts.isCallExpression(inner)
            ? this.callLines(inner, level + 1, "")
            : undefined;
    return body === undefined ? undefined : [`${pad}${prefix} (`, ...body, `${pad}) {`];
  }

  /** A call on one line at `level` if it fits, else with its arguments broken. */
  private callLines(node: ts.Expression, level: number, end: string): string[] | undefined {
    const flat = `${this.pad(level)}${freeExpression(node)}${end}`;
    return this.fits(flat) ? [flat] : this.call(node, level, "", end);
  }

  /** A simple statement over several lines; undefined when no layout here applies. */
  statement(node: ts.Statement, level: number, prefix: string): string[] | undefined {
    if (ts.isReturnStatement(node) && node.expression !== undefined) {
      return (
        this.returned(node.expression, level, prefix) ??
        this.call(node.expression, level, `${prefix}return `, ";")
      );
    }
    if (ts.isThrowStatement(node)) {
      return this.call(node.expression, level, `${prefix}throw `, ";");
    }
    if (ts.isExpressionStatement(node)) {
      return this.call(node.expression, level, prefix, ";");
    }
    if (ts.isTypeAliasDeclaration(node)) {
      const head = `${prefix}type ${node.name.text}${typeParameters(node)} =`;
      return this.types.alias(node.type, level * this.style.tabWidth, head);
    }
    if (ts.isVariableStatement(node)) {
      return this.initializers.statement(node, level, prefix);
    }
    const list = namedList(node);
    // One name never breaks; more go one per line.
    if (list !== undefined && list.names.length > 1) {
      const comma = this.style.trailingComma === "none" ? "" : ",";
      const names = list.names.map(
        (name, i) => `${this.pad(level + 1)}${name}${i < list.names.length - 1 ? "," : comma}`,
      );
      return [`${this.pad(level)}${list.head}`, ...names, `${this.pad(level)}${list.tail}`];
    }
    if (list !== undefined) {
      return [`${UNMEASURED}${this.pad(level)}${list.head} ${list.names.join(", ")} ${list.tail}`];
    }
    return undefined;
  }

  private returned(expression: ts.Expression, level: number, prefix: string): string[] | undefined {
    const chain = logicalChain(expression);
    const conditional = unwrap(expression);
    if (chain === undefined) {
      return ts.isConditionalExpression(conditional)
        ? this.conditional(conditional, level, `${prefix}return `)
        : undefined;
    }
    const pad = this.pad(level);
    return [`${pad}${prefix}return (`, ...this.binary.chainLines(chain, level + 1), `${pad});`];
  }

  /** `test ? a : b` as three lines, the branches indented; nested conditionals are prettier's. */
  private conditional(
    node: ts.ConditionalExpression,
    level: number,
    prefix: string,
  ): string[] | undefined {
    const branches = [node.whenTrue, node.whenFalse].map(unwrap);
    if ([unwrap(node.condition), ...branches].some((part) => ts.isConditionalExpression(part))) {
      return undefined;
    }
    const [whenTrue, whenFalse] = branches.map(freeExpression);
    const inner = this.pad(level + 1);
    return [
      `${this.pad(level)}${prefix}${freeExpression(node.condition)}`,
      `${inner}? ${whenTrue}`,
      `${inner}: ${whenFalse};`,
    ];
  }

  /** A call or `new` with its arguments one per line (each broken again if needed), or its sole object argument hugged. */
  private call(
    expression: ts.Expression,
    level: number,
    prefix: string,
    end: string,
  ): string[] | undefined {
    const node = unwrap(expression);
    if (
      !(ts.isCallExpression(node) || ts.isNewExpression(node)) ||
      node.typeArguments !== undefined
    ) {
      return undefined;
    }
    const args = node.arguments ?? [];
    const pad = this.pad(level);
    const head = `${pad}${prefix}${ts.isNewExpression(node) ? "new " : ""}${freeExpression(node.expression)}(`;
    const [only] = args;
    if (
      args.length === 1 &&
      only !== undefined &&
      ts.isObjectLiteralExpression(only) &&
      only.properties.length > 0
    ) {
      const comma = this.style.trailingComma === "none" ? "" : ",";
      const properties = only.properties.flatMap((property, i) =>
        this.property(property, level + 1, i < only.properties.length - 1 ? "," : comma),
      );
      return [`${head}{`, ...properties, `${pad}})${end}`];
    }
    if (args.length === 0 || args.some((arg) => !plainArgument(arg))) {
      return undefined;
    }
    const trailing = this.style.trailingComma === "all" ? "," : "";
    const lines = args.flatMap((arg, i) => {
      const comma = i < args.length - 1 ? "," : trailing;
      const line = `${this.pad(level + 1)}${freeExpression(arg)}${comma}`;
      if (this.fits(line)) {
        return [line];
      }
      // A string cannot break: alone on its line, it stays however long.
      return ts.isStringLiteral(arg)
        ? [`${UNMEASURED}${line}`]
        : (this.call(arg, level + 1, "", comma) ?? [line]);
    });
    return [head, ...lines, `${pad})${end}`];
  }

  /**
   * An object property on one line, or its value on the next: prettier's "break after operator", which it uses
   * for a string value (unless the key is shorter than the indent plus three) and for an operator expression.
   */
  private property(property: ts.ObjectLiteralElementLike, level: number, comma: string): string[] {
    const line = `${this.pad(level)}${propertyText(property)}${comma}`;
    if (this.fits(line) || !ts.isPropertyAssignment(property)) {
      return [line];
    }
    const value = unwrap(property.initializer);
    const key = propertyKey(property.name);
    const inner = this.pad(level + 1);
    if (ts.isStringLiteral(value) && key.length >= this.style.tabWidth + 3) {
      // A string cannot break: it goes alone on its line, however long.
      return [`${this.pad(level)}${key}:`, `${UNMEASURED}${inner}${freeExpression(value)}${comma}`];
    }
    if (ts.isBinaryExpression(value) && !LOGICAL.has(value.operatorToken.kind)) {
      const next = `${inner}${freeExpression(value)}${comma}`;
      const broken = this.fits(next) ? undefined : this.binary.sum(value, level + 1, comma);
      return [`${this.pad(level)}${key}:`, ...(broken ?? [next])];
    }
    return [line];
  }
}

/** An argument prettier lays out like any other: not a literal, function or template it would hug or fill. */
function plainArgument(arg: ts.Expression): boolean {
  const inner = unwrap(arg);
  return !(
    ts.isObjectLiteralExpression(inner) ||
    ts.isArrayLiteralExpression(inner) ||
    ts.isArrowFunction(inner) ||
    ts.isFunctionExpression(inner) ||
    ts.isTemplateExpression(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner) ||
    ts.isAsExpression(inner)
  );
}

function propertyText(property: ts.ObjectLiteralElementLike): string {
  if (
    ts.isShorthandPropertyAssignment(property) &&
    property.objectAssignmentInitializer === undefined
  ) {
    return property.name.text;
  }
  if (ts.isPropertyAssignment(property)) {
    return `${propertyKey(property.name)}: ${freeExpression(property.initializer)}`;
  }
  return unsupported(ts.SyntaxKind[property.kind]);
}
