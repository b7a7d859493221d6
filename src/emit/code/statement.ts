/**
 * Statements for generated guards, built from expressions (code/expression.ts). A statement knows the local
 * variables it reads and the ones it declares, so a block knows which of its own declarations are used: an
 * emitter declares a variable only when the code after it reads it (generated code must pass noUnusedLocals).
 */
import { type Expression, Precedence, unionOfReads } from "./expression.js";
import type { TypeExpression } from "./type-expression.js";

export interface Statement {
  readonly text: string;
  /** Local variables read that the statement does not itself declare, each once. */
  readonly reads: readonly string[];
  /** Names the statement declares in the enclosing block (`const`, `let`). */
  readonly declares: readonly string[];
}

const NOTHING: readonly string[] = [];

function statement(text: string, reads: readonly string[], declares = NOTHING): Statement {
  return { text, reads, declares };
}

/** What statements of one block read from outside it: a name declared earlier in the block is its own. */
export function readsOf(statements: readonly Statement[]): readonly string[] {
  const lists: (readonly string[])[] = [];
  let declared: string[] = [];
  for (const s of statements) {
    lists.push(
      declared.length === 0 ? s.reads : s.reads.filter((name) => !declared.includes(name)),
    );
    if (s.declares.length > 0) {
      declared = [...declared, ...s.declares];
    }
  }
  return unionOfReads(lists);
}

/** True when the statements (or any expression in them) read the local variable. */
export function reads(statements: readonly Statement[], name: string): boolean {
  return readsOf(statements).includes(name);
}

/** `{ a b }`: statements on one line; the formatter lays them out. */
export function blockText(statements: readonly Statement[]): string {
  return statements.length === 0 ? "{}" : `{ ${statements.map((s) => s.text).join(" ")} }`;
}

/** A nested block: its declarations stay inside. */
export function block(statements: readonly Statement[]): Statement {
  return statement(blockText(statements), readsOf(statements));
}

export function expressionStatement(e: Expression): Statement {
  return statement(`${e.text};`, e.reads);
}

export function returnStatement(e?: Expression): Statement {
  return e === undefined ? statement("return;", NOTHING) : statement(`return ${e.text};`, e.reads);
}

export const BREAK: Statement = statement("break;", NOTHING);

/** `const name = init;`, or `const name: T = init;` when a type is given. */
export function constStatement(name: string, init: Expression, type?: TypeExpression): Statement {
  const annotation = type === undefined ? "" : `: ${type.text}`;
  return statement(`const ${name}${annotation} = ${init.text};`, init.reads, [name]);
}

export function throwStatement(e: Expression): Statement {
  return statement(`throw ${e.text};`, e.reads);
}

export function letStatement(name: string, init: Expression): Statement {
  return statement(`let ${name} = ${init.text};`, init.reads, [name]);
}

/** `if (test) { then } else { otherwise }`; an `if` as `otherwise` makes an `else if`. */
export function ifStatement(
  test: Expression,
  then: readonly Statement[],
  otherwise?: readonly Statement[] | Statement,
): Statement {
  const head = `if (${test.text}) ${blockText(then)}`;
  if (otherwise === undefined) {
    return statement(head, unionOfReads([test.reads, readsOf(then)]));
  }
  const alternative = "text" in otherwise ? otherwise : block(otherwise);
  return statement(
    `${head} else ${alternative.text}`,
    unionOfReads([test.reads, readsOf(then), alternative.reads]),
  );
}

/** `for (const name of iterable) { body }`. */
export function forOf(name: string, iterable: Expression, body: readonly Statement[]): Statement {
  return statement(
    `for (const ${name} of ${iterable.text}) ${blockText(body)}`,
    unionOfReads([iterable.reads, readsOf(body).filter((read) => read !== name)]),
  );
}

export interface SwitchCase {
  /** One or more labels sharing the body. */
  readonly labels: readonly Expression[];
  readonly body: readonly Statement[];
}

/** `switch (subject) { case a: ... default: ... }`; the cases share one scope, as in JavaScript. */
export function switchStatement(
  subject: Expression,
  cases: readonly SwitchCase[],
  otherwise: readonly Statement[],
): Statement {
  const clauses = cases.map(({ labels, body }) =>
    [...labels.map((label) => `case ${label.text}:`), ...body.map((s) => s.text)].join(" "),
  );
  const fallback = ["default:", ...otherwise.map((s) => s.text)].join(" ");
  const bodies = [...cases.flatMap((c) => c.body), ...otherwise];
  return statement(
    `switch (${subject.text}) { ${[...clauses, fallback].join(" ")} }`,
    unionOfReads([
      subject.reads,
      ...cases.flatMap((c) => c.labels.map((label) => label.reads)),
      readsOf(bodies),
    ]),
  );
}

/** `(a, b) => { body }`; the parameters belong to the body, so reading them is not a read of the arrow. */
export function arrow(parameters: readonly string[], body: readonly Statement[]): Expression {
  return {
    text: `(${parameters.join(", ")}) => ${blockText(body)}`,
    precedence: Precedence.arrow,
    reads: readsOf(body).filter((name) => !parameters.includes(name)),
  };
}
