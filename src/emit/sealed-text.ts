/**
 * Keeps document text out of ts-morph's writer. The writer (code-block-writer) tracks strings, comments and regular
 * expressions with a character-level guess that does not follow the language: it takes the closing quote of
 * `"a\\"` for an escaped one, and then reads later string contents as code, where a `/*` opens a comment that it
 * "closes" by writing a `*\/` of its own into the output. Escaping cannot fix that, since the escapes are what it
 * misreads. So the writer never sees document text: before printing, the content of every string literal,
 * template, regular expression and comment, found by TypeScript's own scanner, becomes a placeholder made of
 * characters the writer does not look at; the delimiters stay, so the writer still sees the code's true shape
 * (where a comment or a string starts and ends). After printing, the placeholders are put back, byte for byte.
 *
 * What is left for the writer is structgen's own code plus identifiers and numbers, which cannot change what it
 * tracks. Placeholders are `U+E000 <index in base 36> U+E001`: private-use characters, which no identifier and no
 * other token outside a literal or comment can hold, so every one found in the printed text is a placeholder.
 */
import type { StatementStructures } from "ts-morph";
import { ts } from "./ts-morph.js";

const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000([0-9a-z]+)\uE001/g;
/** The line breaks the writer splits on: it indents each line of a comment, so lines are sealed one by one. */
const LINE_BREAK = /(\r?\n)/;
/** Without one of these, a text holds no literal and no comment: the scanner is skipped. */
const MAY_HOLD_LITERAL = /["'`/]/;

/**
 * After these tokens a `/` divides; after any other it starts a regular expression (the usual reading of a
 * tokenizer without a parser; a keyword read as a property name, as in `a.return / 2`, counts as an identifier).
 */
const ENDS_OPERAND: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
]);
/** Keywords after which an expression starts (so a `/` there opens a regular expression). */
const BEFORE_EXPRESSION: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.ReturnKeyword,
  ts.SyntaxKind.TypeOfKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.OfKeyword,
  ts.SyntaxKind.NewKeyword,
  ts.SyntaxKind.DeleteKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.ThrowKeyword,
  ts.SyntaxKind.CaseKeyword,
  ts.SyntaxKind.DoKeyword,
  ts.SyntaxKind.ElseKeyword,
  ts.SyntaxKind.YieldKeyword,
  ts.SyntaxKind.AwaitKeyword,
]);

/** The tokens whose content is sealed. */
const SEALED_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.SingleLineCommentTrivia,
  ts.SyntaxKind.MultiLineCommentTrivia,
]);

type Statements = readonly (string | StatementStructures)[];

/** The placeholders of one printed file: seal its statements, print them, then unseal the text. */
export class SealedText {
  private readonly texts: string[] = [];
  private readonly scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
  );

  /** The statements with every literal's and comment's content replaced by a placeholder. */
  seal(statements: Statements): (string | StatementStructures)[] {
    return statements.map((s) => this.value(s, false) as string | StatementStructures);
  }

  /** The printed text with every placeholder replaced by the text it stands for. */
  unseal(printed: string): string {
    const text = printed.replace(PLACEHOLDER, (whole, index: string) => {
      const original = this.texts[parseInt(index, 36)];
      if (original === undefined) {
        throw new Error(`printing: unknown placeholder ${JSON.stringify(whole)}`);
      }
      return original;
    });
    if (printed.replace(PLACEHOLDER, "").search(/[\uE000\uE001]/) !== -1) {
      throw new Error("printing: a placeholder character outside a placeholder");
    }
    return text;
  }

  /** Structures are plain data: strings under `docs` are comment text, every other string is code. */
  private value(value: unknown, inDocs: boolean): unknown {
    if (typeof value === "string") {
      return inDocs ? this.lines(value) : this.code(value);
    }
    if (typeof value === "function") {
      throw new TypeError(
        "printing: writer functions would bypass sealing; pass text or structures",
      );
    }
    if (Array.isArray(value)) {
      return value.map((item: unknown) => this.value(item, inDocs));
    }
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          this.value(item, inDocs || key === "docs"),
        ]),
      );
    }
    return value;
  }

  private placeholder(text: string): string {
    if (text === "") {
      return "";
    }
    this.texts.push(text);
    return `${OPEN}${(this.texts.length - 1).toString(36)}${CLOSE}`;
  }

  /** Comment text, line by line: the writer indents each line, and must see where lines break. */
  private lines(text: string): string {
    return text
      .split(LINE_BREAK)
      .map((part, i) => (i % 2 === 1 ? part : this.placeholder(part)))
      .join("");
  }

  /** TypeScript text with the content of its literals and comments sealed, delimiters kept. */
  private code(text: string): string {
    if (!MAY_HOLD_LITERAL.test(text)) {
      return text;
    }
    const scanner = this.scanner;
    scanner.setText(text);
    const templateBraces: number[] = [];
    let braces = 0;
    let previous: ts.SyntaxKind | undefined;
    let beforePrevious: ts.SyntaxKind | undefined;
    let sealed = "";
    let copied = 0;
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
      if (kind === ts.SyntaxKind.OpenBraceToken) {
        braces++;
      } else if (kind === ts.SyntaxKind.CloseBraceToken) {
        if (templateBraces.at(-1) === braces) {
          kind = scanner.reScanTemplateToken(false);
          if (kind === ts.SyntaxKind.TemplateTail) {
            templateBraces.pop();
          }
        } else {
          braces--;
        }
      } else if (
        (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
        startsRegex(previous, beforePrevious)
      ) {
        kind = scanner.reScanSlashToken();
      }
      if (kind === ts.SyntaxKind.TemplateHead) {
        templateBraces.push(braces);
      }
      if (SEALED_KINDS.has(kind)) {
        const start = scanner.getTokenStart();
        sealed += text.slice(copied, start);
        sealed += this.token(kind, scanner.getTokenText(), scanner.isUnterminated());
        copied = scanner.getTokenEnd();
      }
      if (!isTrivia(kind)) {
        beforePrevious = previous;
        previous = kind;
      }
    }
    return copied === 0 ? text : sealed + text.slice(copied);
  }

  /** One token: literals and comments keep their delimiters around a placeholder; all else stays. */
  private token(kind: ts.SyntaxKind, text: string, unterminated: boolean): string {
    switch (kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return this.between(text, 1, unterminated ? 0 : 1);
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
        return this.between(text, 1, 2);
      case ts.SyntaxKind.TemplateTail:
        return this.between(text, 1, unterminated ? 0 : 1);
      case ts.SyntaxKind.RegularExpressionLiteral: {
        const end = text.lastIndexOf("/");
        return end <= 0
          ? `/${this.placeholder(text.slice(1))}`
          : `/${this.placeholder(text.slice(1, end))}${text.slice(end)}`;
      }
      case ts.SyntaxKind.SingleLineCommentTrivia:
        return `//${this.placeholder(text.slice(2))}`;
      case ts.SyntaxKind.MultiLineCommentTrivia: {
        const closed = !unterminated && text.length >= 4 && text.endsWith("*/");
        const body = text.slice(2, closed ? -2 : undefined);
        return `/*${this.lines(body)}${closed ? "*/" : ""}`;
      }
      default:
        return text;
    }
  }

  /** `text` with its first `head` and last `tail` characters kept and the rest sealed (on one line). */
  private between(text: string, head: number, tail: number): string {
    const end = text.length - tail;
    return `${text.slice(0, head)}${this.placeholder(text.slice(head, end))}${text.slice(end)}`;
  }
}

function isTrivia(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstTriviaToken && kind <= ts.SyntaxKind.LastTriviaToken;
}

function startsRegex(
  previous: ts.SyntaxKind | undefined,
  beforePrevious: ts.SyntaxKind | undefined,
): boolean {
  if (previous === undefined) {
    return true;
  }
  const propertyName =
    beforePrevious === ts.SyntaxKind.DotToken || beforePrevious === ts.SyntaxKind.QuestionDotToken;
  if (BEFORE_EXPRESSION.has(previous)) {
    return !propertyName;
  }
  if (ENDS_OPERAND.has(previous)) {
    return false;
  }
  // Any other keyword (`as`, `type`, `number`, ...) is an identifier here, or ends a type: a `/` divides.
  return previous < ts.SyntaxKind.FirstKeyword || previous > ts.SyntaxKind.LastKeyword;
}
