/**
 * prettier's layouts for a variable whose initializer does not fit on its line, for the forms structgen emits: an
 * array of literals one item per line (numbers filling lines), and an element access (`value["key"]`) on the next
 * line. Anything else returns undefined, and the statement stays prettier's.
 */
import { ts } from "../../emit/ts-morph.js";
import { freeExpression, unwrap } from "./one-line-expression.js";
import { typeText } from "./one-line-type.js";
import { unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle, UNMEASURED } from "./style.js";

export class InitializerLayouts {
  constructor(private readonly style: FastStyle) {}

  private pad(level: number): string {
    return " ".repeat(level * this.style.tabWidth);
  }

  private fits(line: string): boolean {
    return fitsWithin(line, this.style.printWidth);
  }

  statement(node: ts.VariableStatement, level: number, prefix: string): string[] | undefined {
    return (
      this.arrayInitializer(node, level, prefix) ?? this.elementInitializer(node, level, prefix)
    );
  }

  /**
   * `const v = value["key"]` over several lines: the access on the next line, and its key on a line of its own
   * when even that does not fit (a string cannot break: it stays whole however long).
   */
  private elementInitializer(
    node: ts.VariableStatement,
    level: number,
    prefix: string,
  ): string[] | undefined {
    const { declaration, initializer: access } = onlyDeclaration(node);
    if (
      declaration === undefined ||
      declaration.type !== undefined ||
      !ts.isIdentifier(declaration.name) ||
      access === undefined ||
      !ts.isElementAccessExpression(access) ||
      !ts.isIdentifier(access.expression) ||
      !ts.isStringLiteral(access.argumentExpression)
    ) {
      return undefined;
    }
    const keyword = (node.declarationList.flags & ts.NodeFlags.Const) !== 0 ? "const" : "let";
    const head = `${this.pad(level)}${prefix}${keyword} ${declaration.name.text} =`;
    const next = `${this.pad(level + 1)}${freeExpression(access)};`;
    if (this.fits(next)) {
      return [head, next];
    }
    return [
      head,
      `${this.pad(level + 1)}${access.expression.text}[`,
      `${UNMEASURED}${this.pad(level + 2)}${freeExpression(access.argumentExpression)}`,
      `${this.pad(level + 1)}];`,
    ];
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
    const { declaration, initializer: array } = onlyDeclaration(node);
    if (
      declaration === undefined ||
      array === undefined ||
      !ts.isArrayLiteralExpression(array) ||
      array.elements.length === 0
    ) {
      return undefined;
    }
    const numbers = array.elements.length > 1 && array.elements.every(isNumber);
    // Literals inside are laid out by other rules: prettier's.
    if (
      !numbers &&
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
      !/^(readonly )?[A-Za-z_$\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1][\w$.\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02C1]*(\[\])?$/.test(
        typeText(declaration.type),
      )
    ) {
      return undefined;
    }
    const keyword = (node.declarationList.flags & ts.NodeFlags.Const) !== 0 ? "const" : "let";
    const name = ts.isIdentifier(declaration.name) ? declaration.name.text : unsupported("pattern");
    const type = declaration.type === undefined ? "" : `: ${typeText(declaration.type)}`;
    const head = `${this.pad(level)}${prefix}${keyword} ${name}${type} =`;
    const items = array.elements.map(freeExpression);
    if (this.fits(`${head} [`)) {
      const lines = numbers ? this.filled(items, level + 1) : this.items(items, level + 1);
      return [`${head} [`, ...lines, `${this.pad(level)}];`];
    }
    if (numbers) {
      return undefined;
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

  /** Numbers fill each line (prettier's fill): the next goes on the line while it fits there with its comma. */
  private filled(items: readonly string[], level: number): string[] {
    const comma = this.style.trailingComma === "none" ? "" : ",";
    const lines: string[] = [];
    let line = "";
    items.forEach((item, i) => {
      const text = `${item}${i < items.length - 1 ? "," : comma}`;
      if (line !== "" && this.fits(`${line} ${text}`)) {
        line = `${line} ${text}`;
      } else {
        if (line !== "") {
          lines.push(line);
        }
        line = `${this.pad(level)}${text}`;
      }
    });
    return [...lines, line];
  }

  private items(items: readonly string[], level: number): string[] {
    const comma = this.style.trailingComma === "none" ? "" : ",";
    return items.map((item, i) => `${this.pad(level)}${item}${i < items.length - 1 ? "," : comma}`);
  }
}

/** A number literal, or one with a sign: prettier fills lines with arrays of them. */
function isNumber(node: ts.Expression): boolean {
  return (
    ts.isNumericLiteral(node) ||
    (ts.isPrefixUnaryExpression(node) &&
      (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken) &&
      ts.isNumericLiteral(node.operand))
  );
}

/** The statement's declaration and its initializer (unparenthesized), when it declares exactly one name. */
function onlyDeclaration(node: ts.VariableStatement): {
  declaration: ts.VariableDeclaration | undefined;
  initializer: ts.Expression | undefined;
} {
  const [declaration, ...rest] = node.declarationList.declarations;
  if (declaration === undefined || rest.length > 0) {
    return { declaration: undefined, initializer: undefined };
  }
  const { initializer } = declaration;
  return { declaration, initializer: initializer === undefined ? undefined : unwrap(initializer) };
}
