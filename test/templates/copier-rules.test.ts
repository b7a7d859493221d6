// The generator copies an exported template function together with the top-level declarations it
// references (transitively). These tests enforce the rules that copier relies on, and check that
// each exported function still works when copied alone.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import ts from "typescript";
import * as formats from "../../templates/formats.js";
import * as encoded from "../../templates/encoded.js";

const FILES: [string, string, Record<string, unknown>][] = [
  ["formats.ts", "format", formats],
  ["encoded.ts", "encoded", encoded],
];

const SAMPLES: (string | number)[] = [
  "",
  "2024-02-29",
  "2023-02-29",
  "2016-12-31T23:59:60Z",
  "23:59:60Z",
  "12:00:00",
  "P1D",
  "::1",
  "1.2.3.4",
  "example.com",
  "a@b.co",
  "http://example.com/a?b#c",
  "a:/[::1]",
  "{x}",
  "(",
  "\\Z",
  "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
  "/a~0",
  "#/a",
  "0#",
  "QQ==",
  "!!\n",
  "9223372036854775807",
  "-9223372036854775809",
  "18446744073709551616",
  "-0",
  "1.5",
  0,
  1.5,
  2 ** 31,
  -(2 ** 31),
  NaN,
];

const NUMBER_CHECKS = ["formatInt32", "formatInt64", "formatFloat", "formatDouble"];

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function declaredNames(st: ts.Statement): string[] {
  if (ts.isFunctionDeclaration(st) && st.name) {
    return [st.name.text];
  }
  if (ts.isVariableStatement(st)) {
    return st.declarationList.declarations.map((d) => d.name.getText());
  }
  return [];
}

function identifiers(node: ts.Node, out = new Set<string>()): Set<string> {
  if (ts.isIdentifier(node)) {
    out.add(node.text);
  }
  node.forEachChild((child) => void identifiers(child, out));
  return out;
}

for (const [file, prefix, mod] of FILES) {
  describe(`templates/${file} follows the copier rules`, () => {
    const text = readFileSync(new URL(`../../templates/${file}`, import.meta.url), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const byName = new Map<string, ts.Statement>();
    for (const st of source.statements) {
      for (const name of declaredNames(st)) {
        byName.set(name, st);
      }
    }

    it("has only exported checks, `_` functions and upper-case / `_` consts at top level", () => {
      for (const st of source.statements) {
        const where = `${file}: ${st.getText().slice(0, 60)}`;
        if (ts.isFunctionDeclaration(st)) {
          const name = st.name?.text ?? "";
          if (isExported(st)) {
            expect(name, where).toMatch(new RegExp(`^${prefix}[A-Z][A-Za-z0-9]*$`));
            expect(
              st.parameters.map((p) => p.name.getText()),
              where,
            ).toEqual(["value"]);
            expect(st.type?.getText(), where).toBe("boolean");
            expect(
              st.asteriskToken ?? st.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword),
              where,
            ).toBeFalsy();
          } else {
            expect(name, where).toMatch(/^_/);
          }
        } else if (ts.isVariableStatement(st)) {
          expect(isExported(st), where).toBe(false);
          expect(st.declarationList.flags & ts.NodeFlags.Const, where).toBeTruthy();
          for (const name of declaredNames(st)) {
            expect(name, where).toMatch(/^[A-Z_]/);
          }
        } else {
          expect.fail(`${where}: unexpected top-level ${ts.SyntaxKind[st.kind]}`);
        }
      }
    });

    it("has no eval, Function, global regex flags or module state", () => {
      const visit = (node: ts.Node): void => {
        if (ts.isRegularExpressionLiteral(node)) {
          expect(node.text.slice(node.text.lastIndexOf("/") + 1), node.text).not.toMatch(/[gy]/);
        }
        if (
          (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
          ts.isIdentifier(node.expression)
        ) {
          expect(["eval", "Function"]).not.toContain(node.expression.text);
          const flags = node.arguments?.[1];
          if (node.expression.text === "RegExp" && flags) {
            expect(ts.isStringLiteral(flags) && !/[gy]/.test(flags.text), flags.getText()).toBe(
              true,
            );
          }
        }
        node.forEachChild(visit);
      };
      visit(source);
      expect(text).not.toMatch(/^\s*import\b/m);
    });

    it("each export works when copied alone with its transitive dependencies", () => {
      const exportsFound = source.statements.filter(isExported).flatMap(declaredNames);
      expect(exportsFound.sort()).toEqual(Object.keys(mod).sort());
      for (const name of exportsFound) {
        const needed = new Set<string>([name]);
        const queue = [name];
        while (queue.length > 0) {
          const st = byName.get(queue.pop() ?? "");
          for (const id of st ? identifiers(st) : []) {
            if (byName.has(id) && !needed.has(id)) {
              needed.add(id);
              queue.push(id);
            }
          }
        }
        const copied = source.statements
          .filter((st) => declaredNames(st).some((n) => needed.has(n)))
          .map((st) => st.getText().replace(/^export\s+/, ""))
          .join("\n");
        const js = ts.transpileModule(copied, {
          compilerOptions: { target: ts.ScriptTarget.ES2022 },
        }).outputText;
        // The copied helpers run as the generated file would run them: this is the code under test.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
        const standalone = new Function(`"use strict";\n${js}\nreturn ${name};`)() as (
          v: unknown,
        ) => boolean;
        const original = mod[name] as (v: unknown) => boolean;
        for (const sample of SAMPLES) {
          const kind = typeof sample;
          if (NUMBER_CHECKS.includes(name) !== (kind === "number")) {
            continue;
          }
          expect(standalone(sample), `${name}(${String(sample)})`).toBe(original(sample));
        }
      }
    });
  });
}
