/**
 * The Printer's writer never sees document text (src/emit/sealed-text.ts): the content of every string literal,
 * template, regular expression and comment is a placeholder while ts-morph prints, and comes back byte for byte.
 *
 * The scanner that finds those tokens guesses, as any tokenizer without a parser must, whether a `/` divides or
 * starts a regular expression. So its reading is checked against TypeScript's parser on every piece of code
 * structgen prints: every golden output and every runtime template.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { StatementStructures } from "ts-morph";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { Printer } from "../../src/emit/print.js";
import { SealedText } from "../../src/emit/sealed-text.js";
import { StructureKind } from "../../src/emit/ts-morph.js";
import { REPO_ROOT } from "../helpers/fixtures.js";

/** The tokens that hold text: strings, templates (every part) and regular expressions. */
const isLiteral = (kind: ts.SyntaxKind): boolean =>
  kind === ts.SyntaxKind.StringLiteral ||
  kind === ts.SyntaxKind.RegularExpressionLiteral ||
  (kind >= ts.SyntaxKind.FirstTemplateToken && kind <= ts.SyntaxKind.LastTemplateToken);
const PLACEHOLDERS = /^(?:\uE000[0-9a-z]+\uE001)*$/;

/** Every .ts file under fixtures/**\/expected and templates/. */
function printedCode(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(path);
      } else if (
        entry.name.endsWith(".ts") &&
        (dir.startsWith("templates") || path.includes("/expected/"))
      ) {
        files.push({ path, text: readFileSync(join(REPO_ROOT, path), "utf8") });
      }
    }
  };
  walk("fixtures");
  walk("templates");
  return files;
}

/** The literal tokens and comments of a file, as TypeScript's parser reads them: [kind, text] in order. */
function literalsAndComments(text: string): [string, string][] {
  const source = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: [number, string, string][] = [];
  const seenComments = new Set<number>();
  const comments = (position: number): void => {
    const ranges = [
      ...(ts.getLeadingCommentRanges(text, position) ?? []),
      ...(ts.getTrailingCommentRanges(text, position) ?? []),
    ];
    for (const range of ranges) {
      if (!seenComments.has(range.pos)) {
        seenComments.add(range.pos);
        found.push([range.pos, "comment", text.slice(range.pos, range.end)]);
      }
    }
  };
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return;
    }
    if (node.kind >= ts.SyntaxKind.FirstToken && node.kind <= ts.SyntaxKind.LastToken) {
      comments(node.getFullStart());
      if (isLiteral(node.kind)) {
        found.push([node.getStart(source), ts.SyntaxKind[node.kind], node.getText(source)]);
      }
      return;
    }
    node.getChildren(source).forEach(visit);
  };
  visit(source);
  comments(source.endOfFileToken.getFullStart());
  return found.sort((a, b) => a[0] - b[0]).map(([, kind, token]) => [kind, token]);
}

/** The content between a token's delimiters. */
function contentOf(kind: string, token: string): string {
  if (kind === "comment") {
    return token.startsWith("//") ? token.slice(2) : token.slice(2, -2);
  }
  if (kind === "RegularExpressionLiteral") {
    return token.slice(1, token.lastIndexOf("/"));
  }
  const open = 1;
  const close = token.endsWith("${") ? 2 : 1;
  return token.slice(open, token.length - close);
}

describe("sealed text", () => {
  const files = printedCode();

  it("finds the code it checks", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.path === "templates/formats.ts")).toBe(true);
  });

  it.each(files.map((f) => [f.path, f.text] as const))(
    "%s: every literal and comment the parser finds is sealed, and unsealing gives the text back",
    (_path, text) => {
      const sealing = new SealedText();
      const [sealed] = sealing.seal([text]) as [string];
      expect(sealing.unseal(sealed)).toBe(text);
      const original = literalsAndComments(text);
      const after = literalsAndComments(sealed);
      expect(after.map(([kind]) => kind)).toEqual(original.map(([kind]) => kind));
      for (const [kind, token] of after) {
        // Comment lines keep their line breaks (the writer indents them); all else is placeholders.
        const content = contentOf(kind, token).replace(/\r?\n/g, "");
        expect(content, `${kind} ${JSON.stringify(token)}`).toMatch(PLACEHOLDERS);
      }
    },
  );
});

describe("the Printer and hostile literals", () => {
  // Issue 16: the writer read `"</script>\"\\"` as an unclosed string, then `/*` inside a later string as a
  // comment, and "closed" it by writing `*/` before the next function.
  const statements: (string | StatementStructures)[] = [
    'const a = ["/*0", "\\r", "class${."];',
    {
      kind: StructureKind.Function,
      name: "isC",
      parameters: [{ name: "value", type: "unknown" }],
      returnType: "boolean",
      statements: ['return value === "</script>\\"\\\\" || value === "__proto__`.$";'],
    },
    {
      kind: StructureKind.Function,
      name: "isD",
      docs: ['Says "\\\\" and `${x}` and /* and //'],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: "boolean",
      statements: ['return value === "/*" || value === "\\\\";', "// a */ line comment"],
    },
  ];

  it("prints them as written, indented, with nothing added", () => {
    const text = new Printer().print("x.ts", statements);
    expect(text).toBe(
      [
        'const a = ["/*0", "\\r", "class${."];',
        "",
        "function isC(value: unknown): boolean {",
        '  return value === "</script>\\"\\\\" || value === "__proto__`.$";',
        "}",
        "",
        '/** Says "\\\\" and `${x}` and /* and // */',
        "function isD(value: unknown): boolean {",
        '  return value === "/*" || value === "\\\\";',
        "  // a */ line comment",
        "}",
        "",
      ].join("\n"),
    );
    const parsed = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
    const errors = (parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    expect(errors).toEqual([]);
  });

  it("refuses writer functions, which would print text it cannot seal", () => {
    expect(() =>
      new Printer().print("x.ts", [
        { kind: StructureKind.Function, name: "f", statements: () => undefined },
      ]),
    ).toThrow(TypeError);
  });
});
