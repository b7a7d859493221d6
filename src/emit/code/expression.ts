/**
 * JavaScript expressions for generated guards, built only through these functions. Each expression carries its
 * precedence, and a builder parenthesizes an operand exactly when the operand binds more loosely than its place
 * requires, so no caller decides (or remembers) where parentheses go. Each expression also lists the local
 * variables it reads (those made by `local`), so emitters know whether a variable is used without looking at
 * the text. Document strings become code only through `string` / `literal` (code/literal.ts).
 */
import type { LiteralValue } from "../../model/model.js";
import {
  isIdentifier,
  literalText,
  numberLiteral,
  propertyName,
  stringLiteral,
} from "./literal.js";
import type { TypeExpression } from "./type-expression.js";

/** ECMAScript binding strength, loosest first; only the levels structgen emits. */
export const Precedence = {
  arrow: 1,
  conditional: 2,
  coalesce: 3,
  or: 3,
  and: 4,
  equality: 8,
  relational: 9,
  additive: 11,
  unary: 14,
  postfix: 15,
  call: 17,
  primary: 20,
} as const;

export interface Expression {
  readonly text: string;
  readonly precedence: number;
  /** The local variables (made by `local`) the expression reads, each once. */
  readonly reads: readonly string[];
  /** Set on `TRUE` and `FALSE` only. */
  readonly constant?: boolean;
}

const NOTHING: readonly string[] = [];

function expression(text: string, precedence: number, reads: readonly string[]): Expression {
  return { text, precedence, reads };
}

/** The union of read lists, without repeats, in first-read order. Lists are short: a few names at most. */
export function unionOfReads(lists: readonly (readonly string[])[]): readonly string[] {
  let union: readonly string[] = NOTHING;
  let owned: string[] | undefined;
  for (const list of lists) {
    if (union.length === 0) {
      union = list;
      continue;
    }
    for (const name of list) {
      if (!union.includes(name)) {
        owned ??= [...union];
        owned.push(name);
        union = owned;
      }
    }
  }
  return union;
}

/** The text of `e` where at least `min` binding strength is needed. */
function operand(e: Expression, min: number): string {
  return e.precedence >= min ? e.text : `(${e.text})`;
}

export const TRUE: Expression = {
  text: "true",
  precedence: Precedence.primary,
  reads: NOTHING,
  constant: true,
};
export const FALSE: Expression = {
  text: "false",
  precedence: Precedence.primary,
  reads: NOTHING,
  constant: false,
};

/** True for the constant `TRUE`: a test that needs no code. */
export function isAlwaysTrue(e: Expression): boolean {
  return e.constant === true;
}

/** A local variable or parameter of the function being generated; reading it is recorded. */
export function local(name: string): Expression {
  return expression(name, Precedence.primary, [name]);
}

/** A module-level name (a helper function, a runtime helper, a regex constant) or a global such as `Object`. */
export function reference(name: string): Expression {
  return expression(name, Precedence.primary, NOTHING);
}

export function string(value: string): Expression {
  return expression(stringLiteral(value), Precedence.primary, NOTHING);
}

/** A number; a negative one is a unary minus, and binds as one. */
export function number(value: number): Expression {
  const text = numberLiteral(value);
  return expression(text, text.startsWith("-") ? Precedence.unary : Precedence.primary, NOTHING);
}

export function literal(value: LiteralValue): Expression {
  return typeof value === "number"
    ? number(value)
    : expression(literalText(value), Precedence.primary, NOTHING);
}

/** `object.name` when `name` is an identifier, else `object["name"]`. */
export function member(object: Expression, name: string): Expression {
  return isIdentifier(name)
    ? expression(`${operand(object, Precedence.call)}.${name}`, Precedence.call, object.reads)
    : index(object, string(name));
}

/** `object[key]`. */
export function index(object: Expression, key: Expression): Expression {
  return expression(
    `${operand(object, Precedence.call)}[${key.text}]`,
    Precedence.call,
    unionOfReads([object.reads, key.reads]),
  );
}

export function call(callee: Expression, args: readonly Expression[]): Expression {
  let list = "";
  const reads: (readonly string[])[] = [callee.reads];
  for (const [i, arg] of args.entries()) {
    list += i === 0 ? operand(arg, Precedence.arrow) : `, ${operand(arg, Precedence.arrow)}`;
    reads.push(arg.reads);
  }
  return expression(
    `${operand(callee, Precedence.call)}(${list})`,
    Precedence.call,
    unionOfReads(reads),
  );
}

export function not(e: Expression): Expression {
  return expression(`!${operand(e, Precedence.unary)}`, Precedence.unary, e.reads);
}

/** `void e`: evaluates `e` for nothing, which counts as reading it. */
export function voidOf(e: Expression): Expression {
  return expression(`void ${operand(e, Precedence.unary)}`, Precedence.unary, e.reads);
}

export function typeOf(e: Expression): Expression {
  return expression(`typeof ${operand(e, Precedence.unary)}`, Precedence.unary, e.reads);
}

/** `typeof e === "type"`. */
export function typeIs(e: Expression, type: string): Expression {
  return equals(typeOf(e), string(type));
}

/** `variable++` (a statement's expression; the variable is read as well as written). */
export function increment(variable: Expression): Expression {
  return expression(`${operand(variable, Precedence.call)}++`, Precedence.postfix, variable.reads);
}

/** `target = value`; the target is written, not read. */
export function assign(target: Expression, value: Expression): Expression {
  return expression(
    `${target.text} = ${operand(value, Precedence.arrow)}`,
    Precedence.arrow,
    value.reads,
  );
}

/** Operands joined by an associative operator: an operand of the same operator needs no parentheses. */
function chain(operator: string, precedence: number, operands: readonly Expression[]): Expression {
  return expression(
    operands.map((o) => operand(o, precedence)).join(` ${operator} `),
    precedence,
    unionOfReads(operands.map((o) => o.reads)),
  );
}

/** A left-associative binary operation. */
function binary(
  left: Expression,
  operator: string,
  right: Expression,
  precedence: number,
): Expression {
  return expression(
    `${operand(left, precedence)} ${operator} ${operand(right, precedence + 1)}`,
    precedence,
    unionOfReads([left.reads, right.reads]),
  );
}

/** Every operand holds; `TRUE` when there are none. */
export function and(operands: readonly Expression[]): Expression {
  const [only] = operands;
  if (operands.length <= 1) {
    return only ?? TRUE;
  }
  return chain("&&", Precedence.and, operands);
}

/** Some operand holds; `FALSE` when there are none. */
export function or(operands: readonly Expression[]): Expression {
  const [only] = operands;
  if (operands.length <= 1) {
    return only ?? FALSE;
  }
  return chain("||", Precedence.or, operands);
}

export function equals(left: Expression, right: Expression): Expression {
  return binary(left, "===", right, Precedence.equality);
}

export function notEquals(left: Expression, right: Expression): Expression {
  return binary(left, "!==", right, Precedence.equality);
}

export type Comparison = "<" | "<=" | ">" | ">=";

export function compare(left: Expression, operator: Comparison, right: Expression): Expression {
  return binary(left, operator, right, Precedence.relational);
}

export function add(left: Expression, right: Expression): Expression {
  return binary(left, "+", right, Precedence.additive);
}

/** `left ?? right`: JavaScript forbids mixing `??` with `&&` or `||` unparenthesized. */
export function coalesce(left: Expression, right: Expression): Expression {
  return expression(
    `${operand(left, Precedence.and + 1)} ?? ${operand(right, Precedence.and + 1)}`,
    Precedence.coalesce,
    unionOfReads([left.reads, right.reads]),
  );
}

export function conditional(test: Expression, then: Expression, otherwise: Expression): Expression {
  return expression(
    `${operand(test, Precedence.coalesce)} ? ${operand(then, Precedence.arrow)} : ${operand(otherwise, Precedence.arrow)}`,
    Precedence.conditional,
    unionOfReads([test.reads, then.reads, otherwise.reads]),
  );
}

/** `e as T`: binds like a relational operator. */
export function cast(e: Expression, type: TypeExpression): Expression {
  return expression(
    `${operand(e, Precedence.relational)} as ${type.text}`,
    Precedence.relational,
    e.reads,
  );
}

/** An object literal entry: `[key, value]`, or `[name]` for the shorthand `{ name }` (reads the local `name`). */
export type ObjectEntry = readonly [key: string, value: Expression] | readonly [shorthand: string];

/** `{ key: value, name }`, keys bare when they are identifiers. */
export function objectLiteral(entries: readonly ObjectEntry[]): Expression {
  const text = entries.map(([key, value]) =>
    value === undefined ? key : `${propertyName(key)}: ${operand(value, Precedence.arrow)}`,
  );
  const reads = entries.map(([key, value]) => (value === undefined ? [key] : value.reads));
  return expression(`{ ${text.join(", ")} }`, Precedence.primary, unionOfReads(reads));
}

export function arrayLiteral(items: readonly Expression[]): Expression {
  return expression(
    `[${items.map((i) => operand(i, Precedence.arrow)).join(", ")}]`,
    Precedence.primary,
    unionOfReads(items.map((i) => i.reads)),
  );
}

/** `new Callee(args)`. */
export function construct(callee: Expression, args: readonly Expression[]): Expression {
  const called = call(callee, args);
  return expression(`new ${called.text}`, Precedence.call, called.reads);
}
