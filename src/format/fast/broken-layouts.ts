/**
 * prettier's layouts for statements that do not fit on one line, for the forms structgen emits: a chain of one
 * logical operator (in `return`, in `if (...)` and in `if (!(...))`), call arguments one per line, a sole object
 * argument hugged, a union type alias one member per line, an array initializer one item per line. Each layout
 * prints its parts flat; when a part does not fit either, the caller's width check sends the statement to prettier.
 * Anything else returns undefined and stays prettier's.
 */
import { ts } from "../../emit/ts-morph.js";
import { chainOperand, freeExpression, unwrap } from "./one-line-expression.js";
import { typeText } from "./one-line-type.js";
import { propertyKey, unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle, UNMEASURED } from "./style.js";
import { textOf } from "./printing-source.js";

const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

interface Chain {
  readonly operator: string;
  readonly operands: readonly string[];
  /** Whether an operand is itself a logical expression (of the other operator). */
  readonly nested: boolean;
}

/** `a || b || c` as its operands; prettier flattens a logical operator nested on either side into one chain. */
function logicalChain(expression: ts.Expression): Chain | undefined {
  const top = unwrap(expression);
  if (!ts.isBinaryExpression(top) || !LOGICAL.has(top.operatorToken.kind)) {
    return undefined;
  }
  const kind = top.operatorToken.kind;
  const operands: string[] = [];
  let nested = false;
  const collect = (node: ts.Expression): void => {
    const inner = unwrap(node);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === kind) {
      collect(inner.left);
      collect(inner.right);
    } else {
      nested ||= ts.isBinaryExpression(inner) && LOGICAL.has(inner.operatorToken.kind);
      operands.push(chainOperand(node, top));
    }
  };
  collect(top);
  return { operator: textOf(top.operatorToken), operands, nested };
}

function brokenChain(chain: Chain, pad: string): string[] {
  return chain.operands.map(
    (operand, i) => `${pad}${operand}${i < chain.operands.length - 1 ? ` ${chain.operator}` : ""}`,
  );
}

export class Layouts {
  constructor(private readonly style: FastStyle) {}

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
    const negated =
      ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken
        ? logicalChain(inner.operand)
        : undefined;
    if (negated !== undefined) {
      // `if (!(` hugs its parenthesis. prettier groups the second operand of a chain of two plain operands on
      // its own, so such a chain may stay on one line; any longer chain breaks with the statement.
      const oneLine = `${this.pad(level + 1)}${negated.operands.join(` ${negated.operator} `)}`;
      const grouped = negated.operands.length === 2 && !negated.nested;
      const body =
        grouped && this.fits(oneLine) ? [oneLine] : brokenChain(negated, this.pad(level + 1));
      return [`${pad}${prefix} (!(`, ...body, `${pad})) {`];
    }
    const chain = logicalChain(inner);
    // Inside `if (...)` the chain's line breaks belong to the statement's group: all break together.
    return chain === undefined
      ? undefined
      : [`${pad}${prefix} (`, ...brokenChain(chain, this.pad(level + 1)), `${pad}) {`];
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
    if (
      ts.isTypeAliasDeclaration(node) &&
      node.typeParameters === undefined &&
      ts.isUnionTypeNode(node.type)
    ) {
      return this.union(node.type, level, `${prefix}type ${node.name.text} =`);
    }
    if (ts.isVariableStatement(node)) {
      return this.arrayInitializer(node, level, prefix);
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
    const oneLine = `${this.pad(level + 1)}${chain.operands.join(` ${chain.operator} `)}`;
    const body = this.fits(oneLine) ? [oneLine] : brokenChain(chain, this.pad(level + 1));
    return [`${pad}${prefix}return (`, ...body, `${pad});`];
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
      return this.fits(line) ? [line] : (this.call(arg, level + 1, "", comma) ?? [line]);
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
      return [`${this.pad(level)}${key}:`, `${inner}${freeExpression(value)}${comma}`];
    }
    return [line];
  }

  private union(type: ts.UnionTypeNode, level: number, head: string): string[] | undefined {
    if (
      type.types.some(
        (member) =>
          ts.isTypeLiteralNode(member) ||
          ts.isFunctionTypeNode(member) ||
          ts.isUnionTypeNode(member),
      )
    ) {
      return undefined;
    }
    const texts = type.types.map(typeText);
    // First the whole union on the next line; when even that is too long, one member per line.
    const oneLine = `${this.pad(level + 1)}${texts.join(" | ")};`;
    if (this.fits(oneLine)) {
      return [`${this.pad(level)}${head}`, oneLine];
    }
    const members = texts.map(
      (text, i) => `${this.pad(level + 1)}| ${text}${i === texts.length - 1 ? ";" : ""}`,
    );
    return [`${this.pad(level)}${head}`, ...members];
  }

  /**
   * `const x = [...]` over several lines: `= [` and one item per line when that first line fits; otherwise
   * the array goes to the next line, on one line if it fits there.
   */
  private arrayInitializer(
    node: ts.VariableStatement,
    level: number,
    prefix: string,
  ): string[] | undefined {
    const [declaration, ...rest] = node.declarationList.declarations;
    const array =
      declaration?.initializer === undefined ? undefined : unwrap(declaration.initializer);
    if (
      declaration === undefined ||
      rest.length > 0 ||
      array === undefined ||
      !ts.isArrayLiteralExpression(array) ||
      array.elements.length === 0
    ) {
      return undefined;
    }
    // Numbers fill lines (several per line), and literals inside are laid out by other rules: prettier's.
    if (
      !array.elements.every(
        (e) =>
          ts.isStringLiteral(e) ||
          ts.isIdentifier(e) ||
          e.kind === ts.SyntaxKind.NullKeyword ||
          e.kind === ts.SyntaxKind.TrueKeyword ||
          e.kind === ts.SyntaxKind.FalseKeyword,
      )
    ) {
      return undefined;
    }
    // A declared type that could break itself (a union, an object) changes the choice: prettier's.
    if (
      declaration.type !== undefined &&
      !/^(readonly )?[A-Za-z_$][\w$.]*(\[\])?$/.test(typeText(declaration.type))
    ) {
      return undefined;
    }
    const keyword = (node.declarationList.flags & ts.NodeFlags.Const) !== 0 ? "const" : "let";
    const name = ts.isIdentifier(declaration.name) ? declaration.name.text : unsupported("pattern");
    const type = declaration.type === undefined ? "" : `: ${typeText(declaration.type)}`;
    const head = `${this.pad(level)}${prefix}${keyword} ${name}${type} =`;
    const items = array.elements.map(freeExpression);
    if (this.fits(`${head} [`)) {
      return [`${head} [`, ...this.items(items, level + 1), `${this.pad(level)}];`];
    }
    // Nothing in the head can break: it stays whole, however long.
    const oneLine = `${this.pad(level + 1)}[${items.join(", ")}];`;
    return [
      `${UNMEASURED}${head}`,
      ...(this.fits(oneLine)
        ? [oneLine]
        : [`${this.pad(level + 1)}[`, ...this.items(items, level + 2), `${this.pad(level + 1)}];`]),
    ];
  }

  private items(items: readonly string[], level: number): string[] {
    const comma = this.style.trailingComma === "none" ? "" : ",";
    return items.map((item, i) => `${this.pad(level)}${item}${i < items.length - 1 ? "," : comma}`);
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
