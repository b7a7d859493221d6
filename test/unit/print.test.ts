/** The Printer's direct path (no parse) gives exactly the text of ts-morph's public createSourceFile. */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  StructureKind,
  type StatementStructures,
} from "ts-morph";
import { describe, expect, it } from "vitest";
import { Printer } from "../../src/emit/print.js";

const FILES: (string | StatementStructures)[][] = [
  ["// banner", "export type A = string | number;"],
  [
    {
      kind: StructureKind.Function,
      name: "isA",
      isExported: true,
      parameters: [{ name: "value", type: "unknown" }],
      returnType: "value is A",
      statements: ['return typeof value === "string";'],
    },
    {
      kind: StructureKind.Interface,
      name: "B",
      isExported: true,
      properties: [
        { name: "x", type: "string", hasQuestionToken: true, docs: ["The x. */ not closed"] },
      ],
    },
  ],
  [
    {
      kind: StructureKind.TypeAlias,
      name: "C",
      type: "{ readonly [key: string]: unknown }",
      docs: [{ description: "Multi\nline" }],
    },
    "const D = /^a$/;",
  ],
];

function publicText(statements: (string | StatementStructures)[]): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
    },
  });
  const text = project.createSourceFile("x.ts", { statements }).getFullText();
  return text.endsWith("\n") ? text : `${text}\n`;
}

describe("Printer", () => {
  it("prints every file as createSourceFile would, and takes the direct path after the first", () => {
    const printer = new Printer();
    for (const statements of FILES) {
      expect(printer.print("x.ts", statements)).toBe(publicText(statements));
    }
    // The installed ts-morph still has the internals the direct path uses (a newer one may not: then this fails,
    // and the Printer falls back to the public path, slower but still right).
    expect((printer as unknown as { direct: unknown }).direct).not.toBeNull();
  });
});
