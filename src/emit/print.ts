/** Prints ts-morph statement structures to text through one in-memory Project per run. */
import { IndentationText, NewLineKind, Project, QuoteKind, type StatementStructures } from "ts-morph";

export class Printer {
  private readonly project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
    },
  });

  print(fileName: string, statements: readonly (string | StatementStructures)[]): string {
    const file = this.project.createSourceFile(fileName, { statements: [...statements] }, { overwrite: true });
    const text = file.getFullText();
    this.project.removeSourceFile(file);
    return text.endsWith("\n") ? text : `${text}\n`;
  }
}
