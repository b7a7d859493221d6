/**
 * The code builders (src/emit/code/): given expressions built from parts, want the text with parentheses exactly
 * where precedence needs them, strings escaped, and the local variables read.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  and,
  call,
  cast,
  coalesce,
  compare,
  conditional,
  equals,
  type Expression,
  index,
  literal,
  local,
  member,
  not,
  number,
  objectLiteral,
  or,
  reference,
  string,
  TRUE,
  typeIs,
} from "../../../src/emit/code/expression.js";
import { stringLiteral } from "../../../src/emit/code/literal.js";
import {
  block,
  constStatement,
  forOf,
  ifStatement,
  reads,
  returnStatement,
  switchStatement,
  arrow,
} from "../../../src/emit/code/statement.js";
import {
  arrayType,
  intersectionType,
  keyword,
  literalType,
  objectType,
  propertySignature,
  readonlyArrayType,
  typeReference,
  unionType,
} from "../../../src/emit/code/type-expression.js";

type TestCase<Given, Want> = [name: string, { given: Given; want: Want }];

const a = local("a");
const b = local("b");
const c = local("c");

describe("expressions: parentheses exactly where precedence needs them", () => {
  const cases: TestCase<Expression, string>[] = [
    ["and of ands flattens", { given: and([a, and([b, c])]), want: "a && b && c" }],
    ["or inside and", { given: and([a, or([b, c])]), want: "a && (b || c)" }],
    ["and inside or needs none", { given: or([and([a, b]), c]), want: "a && b || c" }],
    ["not of a call", { given: not(call(reference("f"), [a])), want: "!f(a)" }],
    ["not of a comparison", { given: not(equals(a, b)), want: "!(a === b)" }],
    ["not of an and", { given: not(and([a, b])), want: "!(a && b)" }],
    ["typeof test", { given: typeIs(a, "string"), want: 'typeof a === "string"' }],
    ["negative number on the right", { given: compare(a, ">=", number(-1)), want: "a >= -1" }],
    ["minus zero is zero", { given: equals(a, number(-0)), want: "a === 0" }],
    [
      "a cast as member object",
      {
        given: member(cast(a, arrayType(keyword("unknown"))), "length"),
        want: "(a as unknown[]).length",
      },
    ],
    ["an or as member object", { given: member(or([a, b]), "x"), want: "(a || b).x" }],
    [
      "conditionals added",
      {
        given: equals(
          add(conditional(a, number(1), number(0)), conditional(b, number(1), number(0))),
          number(1),
        ),
        want: "(a ? 1 : 0) + (b ? 1 : 0) === 1",
      },
    ],
    ["left-nested addition", { given: add(add(a, string("/")), b), want: 'a + "/" + b' }],
    ["right-nested addition", { given: add(a, add(b, c)), want: "a + (b + c)" }],
    ["coalesce beside or", { given: coalesce(or([a, b]), c), want: "(a || b) ?? c" }],
    [
      "conditional as a test",
      { given: conditional(conditional(a, b, c), b, c), want: "(a ? b : c) ? b : c" },
    ],
    ["member of an identifier", { given: member(a, "length"), want: "a.length" }],
    ["member of a non-identifier", { given: member(a, "first-name"), want: 'a["first-name"]' }],
    ["index by a local", { given: index(a, b), want: "a[b]" }],
    ["empty and is true", { given: and([]), want: "true" }],
    ["one-operand or is the operand", { given: or([equals(a, b)]), want: "a === b" }],
    [
      "object literal with shorthand",
      { given: objectLiteral([["ok", TRUE], ["a"]]), want: "{ ok: true, a }" },
    ],
    [
      "object literal key that needs quotes",
      { given: objectLiteral([["a-b", b]]), want: '{ "a-b": b }' },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(given.text).toBe(want);
  });
});

describe("expressions and statements report the locals they read", () => {
  const cases: TestCase<{ reads: readonly string[] }, string[]>[] = [
    ["a reference reads nothing", { given: reference("Object"), want: [] }],
    ["a call reads its arguments", { given: call(reference("f"), [a, b, a]), want: ["a", "b"] }],
    [
      "a block reads what it does not declare",
      {
        given: block([
          constStatement("v", index(a, string("k"))),
          returnStatement(equals(local("v"), b)),
        ]),
        want: ["a", "b"],
      },
    ],
    [
      "a loop variable is the loop's own",
      {
        given: forOf("key", call(reference("keys"), [a]), [returnStatement(local("key"))]),
        want: ["a"],
      },
    ],
    [
      "arrow parameters are the arrow's own",
      {
        given: arrow(["item", "index"], [returnStatement(add(local("item"), local("index")))]),
        want: [],
      },
    ],
    [
      "an if reads its test and both branches",
      {
        given: ifStatement(a, [returnStatement(b)], [returnStatement(c)]),
        want: ["a", "b", "c"],
      },
    ],
    [
      "a switch reads its subject, labels and bodies",
      {
        given: switchStatement(
          a,
          [{ labels: [string("x")], body: [returnStatement(b)] }],
          [returnStatement(c)],
        ),
        want: ["a", "b", "c"],
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect([...given.reads].sort()).toEqual(want);
  });

  it("reads() looks through nested blocks and strings that name a variable", () => {
    const statements = [ifStatement(a, [block([returnStatement(string("member"))])])];
    expect(reads(statements, "a")).toBe(true);
    expect(reads(statements, "member")).toBe(false);
  });
});

describe("string literals: a document's text never escapes its string", () => {
  const cases: TestCase<string, string>[] = [
    ["quotes and backslashes", { given: 'a"b\\c', want: '"a\\"b\\\\c"' }],
    ["a line break", { given: "a\nb", want: '"a\\nb"' }],
    ["line and paragraph separators", { given: "a\u2028b\u2029", want: '"a\\u2028b\\u2029"' }],
    ["bidirectional controls", { given: "\u202eabc\u2066", want: '"\\u202eabc\\u2066"' }],
    ["a lone surrogate", { given: "\ud800", want: '"\\ud800"' }],
    ["a comment terminator stays inert inside a string", { given: "*/", want: '"*/"' }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(stringLiteral(given)).toBe(want);
    expect(string(given).text).toBe(want);
    // The literal means exactly the given string.
    expect(JSON.parse(want)).toBe(given);
  });

  it("any string: the literal means exactly it, on one line, with nothing invisible", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })),
        (given) => {
          const text = stringLiteral(given);
          expect(JSON.parse(text)).toBe(given);
          expect(text).not.toMatch(
            /[\n\r\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/,
          );
        },
      ),
      { seed: 3, numRuns: 2000 },
    );
  });

  it("literal() writes every JSON scalar", () => {
    expect(
      [literal("x"), literal(1.5), literal(-2), literal(true), literal(null)].map((e) => e.text),
    ).toEqual(['"x"', "1.5", "-2", "true", "null"]);
  });
});

describe("type expressions: parentheses exactly where precedence needs them", () => {
  const object = objectType([propertySignature("a", keyword("string"), { optional: true })]);
  const choice = unionType([typeReference("A"), typeReference("B")]);
  const cases: TestCase<string, string>[] = [
    ["array of a keyword", { given: arrayType(keyword("string")).text, want: "string[]" }],
    ["array of a union", { given: arrayType(choice).text, want: "(A | B)[]" }],
    [
      "array of an intersection",
      {
        given: arrayType(intersectionType([object, choice])).text,
        want: "({ a?: string } & (A | B))[]",
      },
    ],
    [
      "array of an array of a union",
      { given: arrayType(arrayType(choice)).text, want: "(A | B)[][]" },
    ],
    [
      "array of readonly array",
      {
        given: arrayType(readonlyArrayType(keyword("number"))).text,
        want: "(readonly number[])[]",
      },
    ],
    [
      "union inside a union flattens",
      {
        given: unionType([choice, literalType(null)]).text,
        want: "A | B | null",
      },
    ],
    [
      "intersection inside a union needs none",
      {
        given: unionType([intersectionType([object, choice]), literalType(null)]).text,
        want: "{ a?: string } & (A | B) | null",
      },
    ],
    ["array of a negative literal", { given: arrayType(literalType(-1)).text, want: "-1[]" }],
    [
      "a quoted key",
      {
        given: objectType([propertySignature("first-name", keyword("string"))]).text,
        want: '{ "first-name": string }',
      },
    ],
    ["empty union is never", { given: unionType([]).text, want: "never" }],
    [
      "generic reference",
      {
        given: typeReference("Validation", [typeReference("types.A")]).text,
        want: "Validation<types.A>",
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(given).toBe(want);
  });
});
