/**
 * The prettier options the fast printers (the files beside this one) reproduce. A config that sets anything else
 * (tabs, single quotes, no semicolons, a plugin...) gets prettier for every file.
 */
import { unsupported } from "./tokens.js";

export interface FastStyle {
  readonly printWidth: number;
  readonly tabWidth: number;
  readonly trailingComma: "all" | "es5" | "none";
}

/** Options that do not change how structgen's TypeScript and JSON print, or only where the printers bail out. */
const IRRELEVANT = new Set([
  "parser",
  "filepath",
  "bracketSameLine",
  "jsxSingleQuote",
  "proseWrap",
  "htmlWhitespaceSensitivity",
  "vueIndentScriptAndStyle",
  "embeddedLanguageFormatting",
  "singleAttributePerLine",
]);
/** Options the printers follow at any value (checked below). */
const FOLLOWED = new Set(["printWidth", "tabWidth", "trailingComma", "endOfLine", "plugins"]);
/** Options the printers follow only at prettier's default value. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  useTabs: false,
  arrowParens: "always",
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  bracketSpacing: true,
  objectWrap: "preserve",
  experimentalTernaries: false,
  experimentalOperatorPosition: "end",
  insertPragma: false,
  requirePragma: false,
};

/** The style for a resolved prettier config (null: none found), or undefined when only prettier can honour it. */
export function fastStyle(config: Readonly<Record<string, unknown>> | null): FastStyle | undefined {
  const options = config ?? {};
  for (const [key, value] of Object.entries(options)) {
    if (key in DEFAULTS ? DEFAULTS[key] !== value : !IRRELEVANT.has(key) && !FOLLOWED.has(key)) {
      return undefined;
    }
  }
  const {
    printWidth = 80,
    tabWidth = 2,
    trailingComma = "all",
    endOfLine = "lf",
    plugins = [],
  } = options;
  const positive = (n: unknown): n is number =>
    typeof n === "number" && Number.isInteger(n) && n > 0;
  if (
    !positive(printWidth) ||
    !positive(tabWidth) ||
    !(endOfLine === "lf" || endOfLine === "auto")
  ) {
    return undefined;
  }
  if (
    !Array.isArray(plugins) ||
    plugins.length > 0 ||
    !(trailingComma === "all" || trailingComma === "es5" || trailingComma === "none")
  ) {
    return undefined;
  }
  return { printWidth, tabWidth, trailingComma };
}

/**
 * prettier's string width (its getStringWidth): ASCII is one column each; control characters, nonspacing and
 * enclosing marks none; wide East Asian characters and most emoji two. Exact below U+1100 (the first wide
 * character), which covers Latin, Greek, Cyrillic, Hebrew, Arabic... and nearly all generated code; beyond it
 * only bounds are known, and a line whose fit depends on them is left to prettier.
 */
export function width(text: string): number {
  return widthBounds(text).upper;
}

const ZERO_WIDTH_MARK = /[\p{Nonspacing_Mark}\p{Enclosing_Mark}]/u;
/** Below the first wide character and the first character emoji sequences add (U+200D, U+20E3, U+FE0F). */
const NARROW_LIMIT = 0x1100;

function widthBounds(text: string): { lower: number; upper: number } {
  if (/^[\x20-\x7f]*$/.test(text)) {
    return { lower: text.length, upper: text.length };
  }
  let exact = 0;
  let other = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= NARROW_LIMIT) {
      other++;
    } else if (!(code <= 0x1f || (code >= 0x7f && code <= 0x9f) || ZERO_WIDTH_MARK.test(char))) {
      exact++;
    }
  }
  return { lower: exact, upper: exact + 2 * other };
}

/** Whether `text` fits in `limit` columns; Unsupported when only prettier's own width table could tell. */
export function fitsWithin(text: string, limit: number): boolean {
  const { lower, upper } = widthBounds(text);
  if (upper <= limit) {
    return true;
  }
  return lower > limit ? false : unsupported("width of non-ASCII text");
}

/** Marks a printed line prettier leaves however wide it is (a comment, a string alone on its line). */
export const UNMEASURED = "\u0000";
