/**
 * prettier's layouts of binary expressions that do not fit on one line (its printBinaryish), for the forms
 * structgen emits: a chain of one logical operator, one operand per line, an operand that is a chain of the other
 * logical operator broken again inside its parentheses; a comparison whose left side is a chain of `+`, broken
 * after the comparison's operator and, if still too long, after each `+` (the continuation one level in); and a
 * chain of `+` as an object property's value. Operands are printed flat; a line that still does not fit is found
 * by the caller's width check, which leaves the statement to prettier.
 */
import { ts } from "../../emit/ts-morph.js";
import { chainOperand, freeExpression, unwrap } from "./one-line-expression.js";
import { unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle, UNMEASURED } from "./style.js";
import { textOf } from "./printing-source.js";

const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);
const COMPARISON = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

export function isLogical(node: ts.Expression): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind);
}

export function isComparison(node: ts.Expression): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && COMPARISON.has(node.operatorToken.kind);
}

export interface Chain {
  readonly operator: string;
  /** Each operand as printed flat (parenthesized as prettier does), with its node. */
  readonly operands: readonly { readonly text: string; readonly node: ts.Expression }[];
  /** Whether an operand is itself a logical expression (of the other operator). */
  readonly nested: boolean;
}

/** `a || b || c` as its operands; prettier flattens a logical operator nested on either side into one chain. */
export function logicalChain(expression: ts.Expression): Chain | undefined {
  const top = unwrap(expression);
  if (!isLogical(top)) {
    return undefined;
  }
  return sameOperatorChain(top, (inner) => {
    const nested = isLogical(inner);
    return { nested };
  });
}

/** The operands of `top`'s operator, flattened through operands with that same operator. */
function sameOperatorChain(
  top: ts.BinaryExpression,
  visit: (inner: ts.Expression) => { nested: boolean },
): Chain {
  const kind = top.operatorToken.kind;
  const operands: { text: string; node: ts.Expression }[] = [];
  let nested = false;
  const collect = (node: ts.Expression): void => {
    const inner = unwrap(node);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === kind) {
      collect(inner.left);
      collect(inner.right);
    } else {
      nested ||= visit(inner).nested;
      operands.push({ text: chainOperand(node, top), node: inner });
    }
  };
  collect(top);
  return { operator: textOf(top.operatorToken), operands, nested };
}

export class BinaryLayouts {
  constructor(private readonly style: FastStyle) {}

  pad(level: number): string {
    return " ".repeat(level * this.style.tabWidth);
  }

  fits(line: string): boolean {
    return fitsWithin(line, this.style.printWidth);
  }

  /** One operand per line at `level`, the operator after each but the last; nested chains broken inside. */
  brokenChain(chain: Chain, level: number, last = ""): string[] {
    return chain.operands.flatMap(({ text, node }, i) => {
      const end = i < chain.operands.length - 1 ? ` ${chain.operator}` : last;
      const line = `${this.pad(level)}${text}${end}`;
      const inner = logicalChain(node);
      if (this.fits(line) || inner === undefined) {
        return [line];
      }
      // `(a &&` then the other operands one level in, the parenthesis closed after the last.
      return inner.operands.map((operand, j) => {
        const at = j === 0 ? `${this.pad(level)}(` : this.pad(level + 1);
        const after = j < inner.operands.length - 1 ? ` ${inner.operator}` : `)${end}`;
        return `${at}${operand.text}${after}`;
      });
    });
  }

  /**
   * A comparison over several lines at `level`: its left side and operator, then its right side; a left side
   * that is a chain of `+` or `-` that does not fit either is broken after each operator, one level in.
   */
  comparison(node: ts.BinaryExpression, level: number, last = ""): string[] {
    const operator = textOf(node.operatorToken);
    const left = unwrap(node.left);
    const right = `${this.pad(level)}${chainOperand(node.right, node)}${last}`;
    const leftLine = `${this.pad(level)}${chainOperand(node.left, node)} ${operator}`;
    if (this.fits(leftLine) || !isAdditive(left)) {
      return [leftLine, right];
    }
    const sum = sameOperatorChain(left, () => ({ nested: false }));
    if (left.operatorToken.kind !== ts.SyntaxKind.PlusToken || sum.operands.length < 2) {
      return unsupported("mixed sum");
    }
    const lines = sum.operands.map(({ text }, i) => {
      const at = this.pad(i === 0 ? level : level + 1);
      return `${at}${text}${i < sum.operands.length - 1 ? " +" : ` ${operator}`}`;
    });
    return [...lines, right];
  }

  /** A property's value that is a chain of `+`, one operand per line at `level`. */
  sum(value: ts.Expression, level: number, last: string): string[] | undefined {
    const inner = unwrap(value);
    if (!ts.isBinaryExpression(inner) || inner.operatorToken.kind !== ts.SyntaxKind.PlusToken) {
      return undefined;
    }
    const sum = sameOperatorChain(inner, () => ({ nested: false }));
    // A string cannot break: alone on its line, it stays however long.
    return sum.operands.map(
      ({ text, node }, i) =>
        `${ts.isStringLiteral(node) ? UNMEASURED : ""}${this.pad(level)}${text}${i < sum.operands.length - 1 ? " +" : last}`,
    );
  }

  /** `a || b` flat on one line when it fits (with `last`), else broken. */
  chainLines(chain: Chain, level: number, last = ""): string[] {
    const oneLine = `${this.pad(level)}${chain.operands.map((o) => o.text).join(` ${chain.operator} `)}${last}`;
    return this.fits(oneLine) ? [oneLine] : this.brokenChain(chain, level, last);
  }

  /** The flat text of an expression. */
  flat(node: ts.Expression): string {
    return freeExpression(node);
  }
}

function isAdditive(node: ts.Expression): node is ts.BinaryExpression {
  return (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.PlusToken ||
      node.operatorToken.kind === ts.SyntaxKind.MinusToken)
  );
}
