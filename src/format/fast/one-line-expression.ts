/**
 * Expressions printed on one line, exactly as prettier prints them when they fit: its parentheses, quotes,
 * numbers, spacing (flat-type.ts does types). Anything outside the subset structgen emits throws `Unsupported`, and the statement
 * holding it goes to prettier instead (format/fast-ts.ts). The rules are prettier's, learned from its output;
 * test/fast-format.test.ts compares the result with prettier's, byte for byte, on the golden cases, the Letta
 * corpus and generated models.
 */
import { ts } from "../../emit/ts-morph.js";
import { typeText } from "./one-line-type.js";
import { assertWrittenFlat, numberText, propertyKey, stringText, unsupported } from "./tokens.js";
import { sourceText, startOf, textOf } from "./printing-source.js";

type Role =
  | "operand"
  | "left"
  | "right"
  | "unary"
  | "object"
  | "callee"
  | "cast"
  | "test"
  | "then"
  | "else"
  | "free";

/** Binary operators by prettier's precedence; others (bitwise, `**`, `??`, `in`) are unsupported. */
const PRECEDENCE = new Map<ts.SyntaxKind, number>([
  [ts.SyntaxKind.BarBarToken, 2],
  [ts.SyntaxKind.AmpersandAmpersandToken, 3],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, 7],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, 7],
  [ts.SyntaxKind.LessThanToken, 8],
  [ts.SyntaxKind.GreaterThanToken, 8],
  [ts.SyntaxKind.LessThanEqualsToken, 8],
  [ts.SyntaxKind.GreaterThanEqualsToken, 8],
  [ts.SyntaxKind.PlusToken, 10],
  [ts.SyntaxKind.MinusToken, 10],
  [ts.SyntaxKind.AsteriskToken, 11],
  [ts.SyntaxKind.SlashToken, 11],
  [ts.SyntaxKind.PercentToken, 11],
]);
const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
]);

export function unwrap(node: ts.Expression): ts.Expression {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
}

function precedence(operator: ts.SyntaxKind): number {
  return PRECEDENCE.get(operator) ?? unsupported(`operator ${ts.SyntaxKind[operator]}`);
}

/** prettier's shouldFlatten: same precedence, and not one of the pairs it parenthesizes for clarity. */
function flattens(parent: ts.SyntaxKind, child: ts.SyntaxKind): boolean {
  const multiplicative = (op: ts.SyntaxKind) => precedence(op) === 11;
  if (precedence(parent) !== precedence(child) || precedence(parent) === 7) {
    return false;
  }
  if (child === ts.SyntaxKind.PercentToken || parent === ts.SyntaxKind.PercentToken) {
    return !(multiplicative(parent) && multiplicative(child));
  }
  return !(child !== parent && multiplicative(child));
}

function binaryNeedsParens(
  child: ts.BinaryExpression,
  parent: ts.BinaryExpression,
  role: Role,
): boolean {
  const inner = child.operatorToken.kind;
  const outer = parent.operatorToken.kind;
  const logical = (op: ts.SyntaxKind) => precedence(op) <= 3;
  if (logical(inner) && logical(outer)) {
    return inner !== outer;
  }
  const p = precedence(outer);
  const c = precedence(inner);
  if (p > c || (role === "right" && p === c) || (p === c && !flattens(outer, inner))) {
    return true;
  }
  return (
    p < c &&
    inner === ts.SyntaxKind.PercentToken &&
    (outer === ts.SyntaxKind.PlusToken || outer === ts.SyntaxKind.MinusToken)
  );
}

/** Whether prettier wraps `child` in parentheses where `role` places it under `parent`. */
function needsParens(child: ts.Expression, parent: ts.Node | undefined, role: Role): boolean {
  if (ts.isBinaryExpression(child)) {
    if (ASSIGNMENTS.has(child.operatorToken.kind)) {
      return role !== "free" ? unsupported("nested assignment") : false;
    }
    if (role === "left" || role === "right") {
      return binaryNeedsParens(child, parent as ts.BinaryExpression, role);
    }
    return role === "unary" || role === "object" || role === "callee" || role === "cast";
  }
  if (ts.isConditionalExpression(child)) {
    return role !== "free" && role !== "else";
  }
  if (ts.isAsExpression(child)) {
    return role !== "free" && role !== "cast";
  }
  if (
    ts.isPrefixUnaryExpression(child) ||
    ts.isTypeOfExpression(child) ||
    ts.isVoidExpression(child)
  ) {
    if (
      role === "unary" &&
      ts.isPrefixUnaryExpression(child) &&
      child.operator !== ts.SyntaxKind.ExclamationToken
    ) {
      return unsupported("nested sign");
    }
    return role === "object" || role === "callee";
  }
  return false;
}

/** `node` printed in `role` under `parent`, parenthesized where prettier would. */
function operand(node: ts.Expression, parent: ts.Node | undefined, role: Role): string {
  const inner = unwrap(node);
  const text = expression(inner);
  return needsParens(inner, parent, role) ? `(${text})` : text;
}

/** An operand of a chain of one logical operator (see broken.ts), parenthesized as prettier does. */
export function chainOperand(node: ts.Expression, chain: ts.BinaryExpression): string {
  return operand(node, chain, "left");
}

export function freeExpression(node: ts.Expression): string {
  return operand(node, undefined, "free");
}

function expression(node: ts.Expression): string {
  if (ts.isIdentifier(node)) {
    return node.text;
  }
  if (ts.isStringLiteral(node)) {
    return stringText(textOf(node));
  }
  if (ts.isNumericLiteral(node)) {
    return numberText(textOf(node));
  }
  if (ts.isBinaryExpression(node)) {
    const op = textOf(node.operatorToken);
    if (ASSIGNMENTS.has(node.operatorToken.kind)) {
      return `${operand(node.left, node, "operand")} ${op} ${operand(node.right, node, "free")}`;
    }
    return `${operand(node.left, node, "left")} ${op} ${operand(node.right, node, "right")}`;
  }
  if (ts.isPrefixUnaryExpression(node)) {
    return `${ts.tokenToString(node.operator) ?? unsupported("prefix")}${operand(node.operand, node, "unary")}`;
  }
  if (ts.isTypeOfExpression(node)) {
    return `typeof ${operand(node.expression, node, "unary")}`;
  }
  if (ts.isVoidExpression(node)) {
    return `void ${operand(node.expression, node, "unary")}`;
  }
  if (ts.isPostfixUnaryExpression(node)) {
    return `${operand(node.operand, node, "object")}${ts.tokenToString(node.operator) ?? unsupported("postfix")}`;
  }
  return accessOrCall(node) ?? literalOrCompound(node) ?? unsupported(ts.SyntaxKind[node.kind]);
}

function accessOrCall(node: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) {
    if (node.questionDotToken !== undefined) {
      unsupported("optional chain");
    }
    return `${operand(node.expression, node, "object")}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node)) {
    return `${operand(node.expression, node, "object")}[${freeExpression(node.argumentExpression)}]`;
  }
  if (ts.isCallExpression(node)) {
    if (node.questionDotToken !== undefined) {
      unsupported("optional call");
    }
    // prettier lays out chains of calls (a.b().c()) by its own heuristics, even when they fit.
    if (calls(unwrap(node.expression)) > 0) {
      unsupported("call chain");
    }
    return `${operand(node.expression, node, "callee")}${typeArguments(node)}(${node.arguments.map(argument).join(", ")})`;
  }
  if (ts.isNewExpression(node)) {
    return `new ${operand(node.expression, node, "callee")}${typeArguments(node)}(${(node.arguments ?? []).map(argument).join(", ")})`;
  }
  if (ts.isAsExpression(node)) {
    return `${operand(node.expression, node, "cast")} as ${typeText(node.type)}`;
  }
  if (ts.isConditionalExpression(node)) {
    return `${operand(node.condition, node, "test")} ? ${operand(node.whenTrue, node, "then")} : ${operand(node.whenFalse, node, "else")}`;
  }
  return undefined;
}

function typeArguments(node: ts.CallExpression | ts.NewExpression): string {
  return node.typeArguments === undefined ? "" : `<${node.typeArguments.map(typeText).join(", ")}>`;
}

/** How many calls a callee chain holds (`a.b().c` holds one). */
export function calls(expression: ts.Expression): number {
  const node = unwrap(expression);
  if (ts.isCallExpression(node)) {
    return 1 + calls(node.expression);
  }
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    return calls(node.expression);
  }
  return 0;
}

function argument(node: ts.Expression): string {
  if (ts.isSpreadElement(node)) {
    unsupported("spread");
  }
  return freeExpression(node);
}

function literalOrCompound(node: ts.Expression): string | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return "true";
    case ts.SyntaxKind.FalseKeyword:
      return "false";
    case ts.SyntaxKind.NullKeyword:
      return "null";
    case ts.SyntaxKind.ThisKeyword:
      return "this";
    default:
      break;
  }
  if (ts.isRegularExpressionLiteral(node)) {
    const text = node.text;
    const end = text.lastIndexOf("/");
    return `${text.slice(0, end + 1)}${[...text.slice(end + 1)].sort().join("")}`;
  }
  if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
    return templateText(node);
  }
  if (ts.isObjectLiteralExpression(node)) {
    return objectText(node);
  }
  if (ts.isArrayLiteralExpression(node)) {
    return arrayText(node);
  }
  return undefined;
}

function templateText(node: ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (textOf(node).includes("\n")) {
    unsupported("multi-line template");
  }
  if (ts.isNoSubstitutionTemplateLiteral(node)) {
    return textOf(node);
  }
  const source = sourceText();
  const head = source.slice(startOf(node.head), node.head.end);
  const spans = node.templateSpans.map((span) => {
    const literal = source.slice(startOf(span.literal), span.literal.end);
    return `${freeExpression(span.expression)}${literal}`;
  });
  return `${head}${spans.join("")}`;
}

function objectText(node: ts.ObjectLiteralExpression): string {
  if (node.properties.length === 0) {
    return "{}";
  }
  assertWrittenFlat(node, node.properties[0]);
  const members = node.properties.map((property) => {
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
  });
  return `{ ${members.join(", ")} }`;
}

function arrayText(node: ts.ArrayLiteralExpression): string {
  // Several object or array literals in a row: prettier puts one per line even when they fit.
  if (
    node.elements.length > 1 &&
    node.elements.some((e) => ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e))
  ) {
    unsupported("array of literals");
  }
  return `[${node.elements.map(argument).join(", ")}]`;
}
