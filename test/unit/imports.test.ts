/**
 * ts-morph's values are loaded in one place, src/ts-morph.ts, with require() (its comment says why: an ES import
 * of the CommonJS package costs a scan of its source on every run). An `import { ts } from "ts-morph"` anywhere
 * else would bring that cost back unnoticed, since it compiles and works the same.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/fixtures.js";

const SRC = join(REPO_ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The ts-morph imports of a file that are not erased: anything but `import type` and all-`type` specifiers. */
function valueImportsOfTsMorph(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      /^(ts-morph|@ts-morph\/)/.test(node.moduleSpecifier.text)
    ) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) {
        found.push(node.getText(source));
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (
        specifier !== undefined &&
        ts.isStringLiteral(specifier) &&
        /^(ts-morph|@ts-morph\/)/.test(specifier.text)
      ) {
        found.push(node.getText(source));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("how src/ loads ts-morph", () => {
  it("only src/emit/ts-morph.ts loads its values; every other file imports them from there, or imports types only", () => {
    const files = sourceFiles(SRC).filter(
      (file) => relative(SRC, file) !== join("emit", "ts-morph.ts"),
    );
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      valueImportsOfTsMorph(file).map((text) => `${relative(SRC, file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it("src/emit/ts-morph.ts requires it rather than importing it", () => {
    const text = readFileSync(join(SRC, "emit", "ts-morph.ts"), "utf8");
    expect(text).toMatch(/^import tsMorph = require\("ts-morph"\);$/m);
    expect(valueImportsOfTsMorph(join(SRC, "emit", "ts-morph.ts"))).toEqual([]);
  });

  it("the check tells value imports from type-only ones", () => {
    const text = [
      'import { ts } from "ts-morph";',
      'import type { Node } from "ts-morph";',
      'import { type SourceFile } from "ts-morph";',
      'import { type A, B } from "@ts-morph/common";',
      'import ts2 from "typescript";',
      'const later = await import("ts-morph");',
    ].join("\n");
    expect(valueImportsOfTsMorph("probe.ts", text)).toEqual([
      'import { ts } from "ts-morph";',
      'import { type A, B } from "@ts-morph/common";',
      'import("ts-morph")',
    ]);
  });
});
