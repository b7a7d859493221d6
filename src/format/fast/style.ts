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
 * Bounds of prettier's string width: ASCII is one column each; any other code point takes 0 to 2 (combining
 * marks none, East Asian wide characters and emoji two). Exact for ASCII, which is nearly all generated code.
 */
export function width(text: string): number {
  return widthBounds(text).upper;
}

function widthBounds(text: string): { lower: number; upper: number } {
  if (/^[\x00-\x7f]*$/.test(text)) {
    return { lower: text.length, upper: text.length };
  }
  let ascii = 0;
  let other = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) {
      ascii++;
    } else {
      other++;
    }
  }
  return { lower: ascii, upper: ascii + 2 * other };
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
