/**
 * Prints ts-morph statement structures to text through one in-memory Project per run.
 *
 * `project.createSourceFile(name, structure)` prints the structures and then parses the text into a syntax tree,
 * which structgen never uses: the parse was about two thirds of printing. So the Printer prints with the same
 * structure printer and writer ts-morph uses inside createSourceFile (reached through a node's context, which
 * ts-morph does not document), checks on the first file that this gives exactly createSourceFile's text, and uses
 * the public path for the whole run if those internals are missing or disagree.
 *
 * Either way the writer sees no document text: the statements are sealed first (sealed-text.ts says why) and
 * the printed text unsealed after.
 */
import type { SourceFile, StatementStructures } from "ts-morph";
import { SealedText } from "./sealed-text.js";
import { IndentationText, NewLineKind, Project, QuoteKind } from "./ts-morph.js";

interface WriterLike {
  toString(): string;
}
interface PrinterContext {
  createWriter(): WriterLike;
  structurePrinterFactory: {
    forSourceFile(options: { isAmbient: boolean }): {
      printText(writer: WriterLike, structure: { statements: unknown[] }): void;
    };
  };
}

export class Printer {
  private readonly project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
    },
  });
  /** undefined: not tried yet; null: use the public path. */
  private direct: PrinterContext | null | undefined;

  print(fileName: string, statements: readonly (string | StatementStructures)[]): string {
    const sealing = new SealedText();
    const sealed = sealing.seal(statements);
    const text = sealing.unseal(
      this.direct === undefined
        ? this.firstPrint(fileName, sealed)
        : this.printWith(fileName, sealed),
    );
    return text.endsWith("\n") ? text : `${text}\n`;
  }

  private printWith(
    fileName: string,
    statements: readonly (string | StatementStructures)[],
  ): string {
    if (this.direct === null || this.direct === undefined || fileName.endsWith(".d.ts")) {
      return this.printPublic(fileName, statements);
    }
    const writer = this.direct.createWriter();
    this.direct.structurePrinterFactory
      .forSourceFile({ isAmbient: false })
      .printText(writer, { statements: [...statements] });
    return writer.toString();
  }

  private printPublic(
    fileName: string,
    statements: readonly (string | StatementStructures)[],
  ): string {
    const file = this.project.createSourceFile(
      fileName,
      { statements: [...statements] },
      { overwrite: true },
    );
    const text = file.getFullText();
    this.project.removeSourceFile(file);
    return text;
  }

  /** Prints through the public path, and adopts the direct one only if it gives the same text. */
  private firstPrint(
    fileName: string,
    statements: readonly (string | StatementStructures)[],
  ): string {
    const file = this.project.createSourceFile(
      fileName,
      { statements: [...statements] },
      { overwrite: true },
    );
    const text = file.getFullText();
    this.direct = contextOf(file);
    this.project.removeSourceFile(file);
    try {
      if (this.direct !== null && this.printWith(fileName, statements) !== text) {
        this.direct = null;
      }
    } catch {
      this.direct = null;
    }
    return text;
  }
}

function contextOf(file: SourceFile): PrinterContext | null {
  const context = (file as unknown as { _context?: Partial<PrinterContext> })._context;
  return typeof context?.createWriter === "function" &&
    typeof context.structurePrinterFactory?.forSourceFile === "function"
    ? (context as PrinterContext)
    : null;
}
