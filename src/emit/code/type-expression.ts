/**
 * TypeScript type expressions, built only through these functions. Each carries its precedence, and a builder
 * parenthesizes an operand exactly when it binds more loosely than its place requires: an intersection or a
 * union as an array's element type becomes `(A & B)[]`, a union inside an intersection `A & (B | C)`. Keys and
 * literal values go through code/literal.ts.
 */
import type { LiteralValue } from "../../model/model.js";
import { literalText, propertyName } from "./literal.js";

/** TypeScript's binding strength for types, loosest first. */
export const TypePrecedence = {
  /** `(a: A) => R`: its return type would swallow a following `|`. */
  function: 0,
  union: 1,
  intersection: 2,
  /** `readonly T[]`, `keyof T`. */
  operator: 3,
  /** `T[]`. */
  array: 4,
  primary: 5,
} as const;

export interface TypeExpression {
  readonly text: string;
  readonly precedence: number;
  /** Set on keyword types (`unknown`, `never`, ...) only. */
  readonly keyword?: Keyword;
}

/** One member of an object type: a property or an index signature. */
export interface TypeMember {
  readonly text: string;
}

function type(text: string, precedence: number): TypeExpression {
  return { text, precedence };
}

function operand(t: TypeExpression, min: number): string {
  return t.precedence >= min ? t.text : `(${t.text})`;
}

export type Keyword = "unknown" | "string" | "number" | "boolean" | "null" | "never" | "void";

export function keyword(name: Keyword): TypeExpression {
  return { text: name, precedence: TypePrecedence.primary, keyword: name };
}

/** A named type, optionally qualified (`types.Run`) and with type arguments (`Validation<T>`). */
export function typeReference(name: string, args: readonly TypeExpression[] = []): TypeExpression {
  const list = args.length === 0 ? "" : `<${args.map((a) => a.text).join(", ")}>`;
  return type(`${name}${list}`, TypePrecedence.primary);
}

/** A literal type; TypeScript reads `-1[]` as an array of `-1`, so a negative number is primary too. */
export function literalType(value: LiteralValue): TypeExpression {
  return type(literalText(value), TypePrecedence.primary);
}

/** Members joined by an associative operator: a member of the same operator needs no parentheses. */
function joined(
  operator: "|" | "&",
  precedence: number,
  members: readonly TypeExpression[],
  empty: TypeExpression,
): TypeExpression {
  const [only] = members;
  if (members.length <= 1) {
    return only ?? empty;
  }
  return type(members.map((m) => operand(m, precedence)).join(` ${operator} `), precedence);
}

/** Members joined by `|` (a nested union needs no parentheses); `never` when there are none. */
export function unionType(members: readonly TypeExpression[]): TypeExpression {
  return joined("|", TypePrecedence.union, members, keyword("never"));
}

/** Members joined by `&`; a union member is parenthesized; `unknown` when there are none. */
export function intersectionType(members: readonly TypeExpression[]): TypeExpression {
  return joined("&", TypePrecedence.intersection, members, keyword("unknown"));
}

/** `T[]`, with `(A | B)[]` and `(A & B)[]` parenthesized. */
export function arrayType(element: TypeExpression): TypeExpression {
  return type(`${operand(element, TypePrecedence.array)}[]`, TypePrecedence.array);
}

/** `readonly T[]`. */
export function readonlyArrayType(element: TypeExpression): TypeExpression {
  return type(`readonly ${arrayType(element).text}`, TypePrecedence.operator);
}

/** `{ a: T; b?: U }`, as prettier writes an object type on one line. */
export function objectType(members: readonly TypeMember[]): TypeExpression {
  return type(
    members.length === 0 ? "{}" : `{ ${members.map((m) => m.text).join("; ")} }`,
    TypePrecedence.primary,
  );
}

export function propertySignature(
  key: string,
  valueType: TypeExpression,
  options: { readonly optional?: boolean; readonly readonly?: boolean } = {},
): TypeMember {
  const modifier = options.readonly === true ? "readonly " : "";
  const optional = options.optional === true ? "?" : "";
  return { text: `${modifier}${propertyName(key)}${optional}: ${valueType.text}` };
}

/** `[key: string]: T`. */
export function indexSignature(valueType: TypeExpression): TypeMember {
  return { text: `[key: string]: ${valueType.text}` };
}

/** A tuple; `[name: T, ...]` when every element has a label (labels must be identifiers). */
export function tupleType(
  elements: readonly TypeExpression[],
  labels?: readonly string[],
): TypeExpression {
  const text = elements.map((element, i) => {
    const label = labels?.[i];
    return label === undefined ? element.text : `${label}: ${element.text}`;
  });
  return type(`[${text.join(", ")}]`, TypePrecedence.primary);
}

/** `(name: T, ...) => R`; a parameter name may start with `...` (a rest parameter). */
export function functionType(
  parameters: readonly (readonly [name: string, type: TypeExpression])[],
  returns: TypeExpression,
): TypeExpression {
  const list = parameters.map(([name, t]) => `${name}: ${t.text}`).join(", ");
  return type(`(${list}) => ${returns.text}`, TypePrecedence.function);
}
