/**
 * Types printed on one line as prettier prints them when they fit (flat-expr.ts does expressions).
 */
import { ts } from "../../emit/ts-morph.js";
import { assertWrittenFlat, numberText, propertyKey, stringText, unsupported } from "./tokens.js";
import { textOf } from "./printing-source.js";

export function typeText(node: ts.TypeNode): string {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.ObjectKeyword:
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
      return textOf(node);
    default:
      break;
  }
  return compoundType(node);
}

function compoundType(node: ts.TypeNode): string {
  if (ts.isLiteralTypeNode(node)) {
    const literal = node.literal;
    if (
      literal.kind === ts.SyntaxKind.NullKeyword ||
      literal.kind === ts.SyntaxKind.TrueKeyword ||
      literal.kind === ts.SyntaxKind.FalseKeyword
    ) {
      return textOf(literal);
    }
    if (
      ts.isPrefixUnaryExpression(literal) &&
      literal.operator === ts.SyntaxKind.MinusToken &&
      ts.isNumericLiteral(literal.operand)
    ) {
      return `-${numberText(textOf(literal.operand))}`;
    }
    if (ts.isStringLiteral(literal)) {
      return stringText(textOf(literal));
    }
    return ts.isNumericLiteral(literal) ? numberText(textOf(literal)) : unsupported("literal type");
  }
  if (ts.isTypeReferenceNode(node)) {
    const args =
      node.typeArguments === undefined ? "" : `<${node.typeArguments.map(typeText).join(", ")}>`;
    return `${textOf(node.typeName)}${args}`;
  }
  if (ts.isUnionTypeNode(node)) {
    return node.types.map((member) => memberType(member, "union")).join(" | ");
  }
  if (ts.isIntersectionTypeNode(node)) {
    return node.types.map((member) => memberType(member, "intersection")).join(" & ");
  }
  if (ts.isArrayTypeNode(node)) {
    return `${memberType(node.elementType, "array")}[]`;
  }
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) {
    return `readonly ${memberType(node.type, "operator")}`;
  }
  if (ts.isParenthesizedTypeNode(node)) {
    return typeText(node.type);
  }
  if (ts.isTypeLiteralNode(node)) {
    return typeLiteralText(node);
  }
  if (ts.isFunctionTypeNode(node) && node.typeParameters === undefined) {
    return `(${node.parameters.map(parameterText).join(", ")}) => ${typeText(node.type)}`;
  }
  if (ts.isTupleTypeNode(node)) {
    return `[${node.elements.map(typeText).join(", ")}]`;
  }
  if (ts.isNamedTupleMember(node) && node.dotDotDotToken === undefined) {
    return `${node.name.text}${node.questionToken === undefined ? "" : "?"}: ${typeText(node.type)}`;
  }
  if (
    ts.isTypePredicateNode(node) &&
    node.type !== undefined &&
    ts.isIdentifier(node.parameterName)
  ) {
    return `${node.assertsModifier === undefined ? "" : "asserts "}${node.parameterName.text} is ${typeText(node.type)}`;
  }
  return unsupported(ts.SyntaxKind[node.kind]);
}

/**
 * A type inside a union, intersection, array or `readonly`, parenthesized where prettier keeps or adds
 * parentheses.
 */
function memberType(
  node: ts.TypeNode,
  within: "union" | "intersection" | "array" | "operator",
): string {
  let inner = node;
  while (ts.isParenthesizedTypeNode(inner)) {
    inner = inner.type;
  }
  const text = typeText(inner);
  if (
    ts.isUnionTypeNode(inner) ||
    ts.isIntersectionTypeNode(inner) ||
    ts.isFunctionTypeNode(inner)
  ) {
    if (
      (within === "union" && !ts.isFunctionTypeNode(inner)) ||
      (within === "intersection" && ts.isIntersectionTypeNode(inner))
    ) {
      return unsupported("nested union or intersection");
    }
    return `(${text})`;
  }
  if (ts.isTypeOperatorNode(inner) && within === "array") {
    return `(${text})`;
  }
  return text;
}

function typeLiteralText(node: ts.TypeLiteralNode): string {
  if (node.members.length === 0) {
    return "{}";
  }
  assertWrittenFlat(node, node.members[0]);
  return `{ ${node.members.map(memberText).join("; ")} }`;
}

function parameterText(parameter: ts.ParameterDeclaration): string {
  if (
    !ts.isIdentifier(parameter.name) ||
    parameter.type === undefined ||
    parameter.initializer !== undefined ||
    parameter.modifiers !== undefined
  ) {
    return unsupported("parameter form");
  }
  const rest = parameter.dotDotDotToken === undefined ? "" : "...";
  const optional = parameter.questionToken === undefined ? "" : "?";
  return `${rest}${parameter.name.text}${optional}: ${typeText(parameter.type)}`;
}

/** A declaration's type parameters (`<T>`): plain names only. */
export function typeParameters(
  node: ts.TypeAliasDeclaration | ts.InterfaceDeclaration | ts.FunctionDeclaration,
): string {
  if (node.typeParameters === undefined) {
    return "";
  }
  const names = node.typeParameters.map((parameter) =>
    parameter.constraint === undefined &&
    parameter.default === undefined &&
    parameter.modifiers === undefined
      ? parameter.name.text
      : unsupported("type parameter form"),
  );
  return `<${names.join(", ")}>`;
}

/** A property or index signature, without its `;`. */
export function memberText(member: ts.TypeElement): string {
  const modifiers = (member as { readonly modifiers?: readonly ts.ModifierLike[] }).modifiers ?? [];
  const readonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)
    ? "readonly "
    : "";
  if (modifiers.length > (readonly === "" ? 0 : 1)) {
    unsupported("modifier");
  }
  if (ts.isPropertySignature(member) && member.type !== undefined) {
    return `${readonly}${propertyKey(member.name)}${member.questionToken === undefined ? "" : "?"}: ${typeText(member.type)}`;
  }
  if (ts.isIndexSignatureDeclaration(member) && member.parameters.length === 1) {
    const [parameter] = member.parameters;
    if (
      parameter !== undefined &&
      ts.isIdentifier(parameter.name) &&
      parameter.type !== undefined
    ) {
      return `${readonly}[${parameter.name.text}: ${typeText(parameter.type)}]: ${typeText(member.type)}`;
    }
  }
  return unsupported(ts.SyntaxKind[member.kind]);
}
