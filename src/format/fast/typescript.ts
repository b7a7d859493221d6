/**
 * prettier's layout for the TypeScript structgen emits, without prettier. A file is split into its top-level
 * statements (each with its leading comments); every statement this printer can reproduce exactly is printed here,
 * and every other one is left for prettier, statement by statement. prettier formats top-level statements
 * independently, so the pieces join into exactly the file prettier would print.
 *
 * What is printed here: blocks and declarations always broken, as prettier always breaks them; everything else
 * flat, which is prettier's choice whenever it fits. So a statement with any code line wider than the print width
 * is prettier's, as is anything outside the subset (Unsupported), a comment anywhere but before a statement or
 * member, and a blank line this printer would not keep the way prettier does.
 */
import { ts } from "../../emit/ts-morph.js";
import { hasBlankLine, leadingStart, StatementPrinter } from "./statements.js";
import { type FastStyle, UNMEASURED, width } from "./style.js";
import { Unsupported } from "./tokens.js";
import { printingFrom, sourceText, startOf, textOf } from "./printing-source.js";

/**
 * One top-level statement with its leading comments: printed, or its source text for prettier. `alone`: the
 * statement could read differently followed by another (no closing `;` or block), so prettier takes it by itself.
 */
export type Piece =
  { readonly printed: string } | { readonly source: string; readonly alone: boolean };

export interface SplitFile {
  readonly pieces: readonly Piece[];
  /** For each piece after the first: whether a blank line precedes it. */
  readonly blankBefore: readonly boolean[];
}

/**
 * `known`: statements whose formatted text is known already (the runtime helpers, formatted at this style by the
 * pinned prettier when templates/library.json was made), by their source text.
 */
export function splitAndPrint(
  fileName: string,
  text: string,
  style: FastStyle,
  known: ReadonlyMap<string, string> = new Map(),
): SplitFile {
  // JSDoc is not parsed into nodes: comments are read as ranges, and parsing them was a fifth of the time here.
  // No parent links either (see source.ts).
  const options = {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  };
  const source = ts.createSourceFile(fileName, text, options, false, ts.ScriptKind.TS);
  return printingFrom(source, () => split(source, text, style, known));
}

function split(
  source: ts.SourceFile,
  text: string,
  style: FastStyle,
  known: ReadonlyMap<string, string>,
): SplitFile {
  const pieces: Piece[] = [];
  const blankBefore: boolean[] = [];
  let previousEnd = -1;
  for (const statement of source.statements) {
    const start = leadingStart(statement);
    if (previousEnd >= 0) {
      blankBefore.push(hasBlankLine(text.slice(previousEnd, start)));
    }
    // A comment after the statement on its last line is the statement's (prettier's own placement rules).
    const trailing = ts.getTrailingCommentRanges(text, statement.end) ?? [];
    const end = trailing.at(-1)?.end ?? statement.end;
    pieces.push(
      trailing.length > 0
        ? { source: text.slice(start, end), alone: true }
        : printPiece(statement, text.slice(start, end), style, known),
    );
    previousEnd = end;
  }
  if (trailingComments(source).length > 0) {
    return { pieces: [{ source: text, alone: true }], blankBefore: [] };
  }
  return { pieces, blankBefore };
}

function printPiece(
  statement: ts.Statement,
  sourceText: string,
  style: FastStyle,
  known: ReadonlyMap<string, string>,
): Piece {
  const fallback = { source: sourceText, alone: !closed(statement) };
  try {
    const printer = new StatementPrinter(style);
    const formatted = known.get(textOf(statement));
    if (formatted !== undefined) {
      // prettier's own text: only the leading comments are printed here (a comment inside is prettier's too).
      printer.known(statement, formatted);
      return { printed: printer.lines.map(unmeasured).join("\n") };
    }
    printer.statement(statement, 0);
    const lines = printer.lines;
    const tooWide = lines.some(
      (line) => !line.startsWith(UNMEASURED) && width(line) > style.printWidth,
    );
    if (tooWide || printer.commentsPrinted !== commentCount(statement)) {
      return fallback;
    }
    return { printed: lines.map(unmeasured).join("\n") };
  } catch (error) {
    if (error instanceof Unsupported) {
      return fallback;
    }
    throw error;
  }
}

function unmeasured(line: string): string {
  return line.startsWith(UNMEASURED) ? line.slice(1) : line;
}

/** Whether nothing that follows can continue the statement: it ends with `;`, or it is a declaration with a body. */
function closed(statement: ts.Statement): boolean {
  const declaration =
    ts.isFunctionDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement);
  return textOf(statement).endsWith(";") || (declaration && textOf(statement).endsWith("}"));
}

function trailingComments(source: ts.SourceFile): readonly ts.CommentRange[] {
  return ts.getLeadingCommentRanges(source.text, source.endOfFileToken.getFullStart()) ?? [];
}

/** Every comment inside a statement, leading ones included, found by scanning its text. */
function commentCount(statement: ts.Statement): number {
  const text = sourceText();
  // Most statements hold no slash at all past their leading comments: no comment, no regular expression.
  if (!text.slice(startOf(statement), statement.end).includes("/")) {
    return (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).length;
  }
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
    text,
  );
  scanner.resetTokenState(statement.getFullStart());
  let count = 0;
  for (
    let token = scanner.scan();
    token !== ts.SyntaxKind.EndOfFileToken && scanner.getTokenEnd() <= statement.end;
    token = scanner.scan()
  ) {
    if (
      token === ts.SyntaxKind.SingleLineCommentTrivia ||
      token === ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      count++;
    }
    // Regular expressions and templates scan differently in context; a statement with either is prettier's.
    if (
      token === ts.SyntaxKind.SlashToken ||
      token === ts.SyntaxKind.SlashEqualsToken ||
      token === ts.SyntaxKind.BacktickToken ||
      token === ts.SyntaxKind.TemplateHead ||
      token === ts.SyntaxKind.NoSubstitutionTemplateLiteral
    ) {
      return -1;
    }
  }
  return count;
}
