/**
 * The same inputs give the same bytes, through the API: across runs, with the inputs in any order, and with Windows
 * line endings (or a BOM) in the input. Across processes, time zones, locales and working folders, through the
 * CLI, is determinism.process.test.ts's.
 */
import fc from "fast-check";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { asInputs, DOCS, run } from "./helpers/determinism.js";

describe("determinism through the API", () => {
  let reference: Record<string, string>;

  beforeAll(async () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(5);
    reference = await run(asInputs(DOCS));
  });

  it("two runs give the same bytes, with only LF line ends and one final newline", async () => {
    expect(await run(asInputs(DOCS))).toEqual(reference);
    for (const [path, text] of Object.entries(reference)) {
      expect(text.includes("\r"), path).toBe(false);
      expect(text.endsWith("\n") && !text.endsWith("\n\n"), path).toBe(true);
    }
  });

  it("any order of the inputs gives the same files and bytes (index.ts included)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(DOCS, { minLength: DOCS.length, maxLength: DOCS.length }),
        async (shuffled) => {
          expect(await run(asInputs(shuffled), false)).toEqual(await unformattedReference());
        },
      ),
      { numRuns: 8 },
    );
    expect(await run(asInputs([...DOCS].reverse()))).toEqual(reference);
  });

  let unformatted: Record<string, string> | undefined;
  async function unformattedReference(): Promise<Record<string, string>> {
    unformatted ??= await run(asInputs(DOCS), false);
    return unformatted;
  }

  it("Windows line endings (and a BOM) in the input change nothing", async () => {
    const crlf = DOCS.map((d) => ({ path: d.path, contents: d.text.replace(/\r?\n/g, "\r\n") }));
    expect(crlf.every((d) => d.contents.includes("\r\n"))).toBe(true);
    expect(await run(crlf)).toEqual(reference);
    const bom = DOCS.map((d) => ({
      path: d.path,
      contents: `\uFEFF${d.text.replace(/\r?\n/g, "\r\n")}`,
    }));
    expect(await run(bom)).toEqual(reference);
  });

  it("guards import only their types file and the runtime module, which imports nothing; none evaluates code (no eval, Function, import(), require)", () => {
    const guards = Object.entries(reference).filter(([path]) => path.endsWith(".guards.ts"));
    expect(guards.length).toBe(DOCS.length);
    const runtime = Object.entries(reference).filter(([path]) => path === "runtime.ts");
    expect(runtime.length).toBe(1);
    for (const [path, text] of [...guards, ...runtime]) {
      const allowed =
        path === "runtime.ts"
          ? []
          : [
              `./${path.replace(/^.*\//, "").replace(/\.guards\.ts$/, ".types.js")}`,
              "./runtime.js",
            ];
      const found: string[] = [];
      const source = ts.createSourceFile(
        path,
        text,
        ts.ScriptTarget.ES2022,
        true,
        ts.ScriptKind.TS,
      );
      const visit = (node: ts.Node): void => {
        // An export of local names (`export { a };`) loads nothing.
        if (
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
          node.moduleSpecifier !== undefined
        ) {
          const from = ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : "";
          if (!allowed.includes(from)) {
            found.push(`import from ${JSON.stringify(from)}`);
          }
        }
        if (
          (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
          ts.isIdentifier(node.expression) &&
          ["eval", "Function", "require"].includes(node.expression.text)
        ) {
          found.push(node.expression.text);
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          found.push("import()");
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(found, path).toEqual([]);
    }
  });

  it("the same document read from bytes or from text gives the same output", async () => {
    const bytes = DOCS.map((d) => ({ path: d.path, contents: new TextEncoder().encode(d.text) }));
    expect(await run(bytes)).toEqual(reference);
  });
});
