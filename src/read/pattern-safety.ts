/**
 * Patterns with catastrophic backtracking (ReDoS), for every dialect: a document's `pattern` goes as it is into the
 * guards (`new RegExp(pattern, "u")`) and the schema (ajv compiles it the same way), so `^(a+)+$` lets a request
 * body of a few dozen characters stall both. Each reader calls `checkPattern` on every pattern it keeps, with the
 * pattern's pointer; an unsafe one is a warning there, naming the pattern, the kind of blow-up and the character
 * whose repetition causes it.
 *
 * The checker is scslre (static analysis on the regexpp parse, by the author of eslint-plugin-regexp's
 * super-linear backtracking rules): deterministic, milliseconds per pattern, pure JavaScript. It finds the blow-ups
 * that the repetition of one character drives (`(a+)+`, `(\w+\s?)+`, `\s*#?\s*$`, an unanchored `a+b`), which are
 * the common ones; it can miss some built from overlapping alternatives (`(a|aa)+`). It is loaded on the first
 * pattern, so documents without patterns never pay for it.
 *
 * What guards do with a flagged pattern: they check it as written, as ajv does with the schema (guard and ajv keep
 * agreeing); the warning is the protection. A `maxLength` beside the pattern bounds the work (guards and ajv both
 * test the length first), though against exponential growth only when it is small.
 */
import { createRequire } from "node:module";
import type * as Regexpp from "@eslint-community/regexpp";
import type { AST, RegExpParser, visitRegExpAST } from "@eslint-community/regexpp";
import type * as Scslre from "scslre";
import type { AnalysisResult, ParsedLiteral } from "scslre";
import type { DiagnosticSink } from "../model/diagnostics.js";

interface Libraries {
  readonly parser: RegExpParser;
  readonly visit: typeof visitRegExpAST;
  readonly analyse: (literal: ParsedLiteral) => AnalysisResult;
}

let libraries: Libraries | undefined;

function load(): Libraries {
  if (libraries === undefined) {
    const require = createRequire(import.meta.url);
    const regexpp = require("@eslint-community/regexpp") as typeof Regexpp;
    libraries = {
      parser: new regexpp.RegExpParser(),
      visit: regexpp.visitRegExpAST,
      analyse: (require("scslre") as typeof Scslre).analyse,
    };
  }
  return libraries;
}

/**
 * The analysis grows faster than the pattern: 32 nested `(...)+` took seconds, 2,900 `x*` in a row did not end. So
 * a pattern with more unbounded repetitions (`*`, `+`, `{n,}`), or nested deeper, than these is not analysed: it is
 * reported as too complex to check. Real patterns stay far below (the corpus's longest have a handful); within
 * them the analysis takes milliseconds.
 */
export const MAX_UNBOUNDED = 24;
export const MAX_NESTING = 6;

/** What makes a pattern unsafe: how its work grows with the input, and the character to repeat. */
export type PatternHazard =
  | { readonly growth: "exponential" | "polynomial"; readonly character: string }
  | { readonly growth: "unchecked"; readonly unbounded: number; readonly nesting: number };

/** The hazard of a pattern (compiled with the "u" flag, as guards and ajv do), or undefined when none is found. */
export function patternHazard(pattern: string): PatternHazard | undefined {
  const { parser, visit, analyse } = load();
  let parsed: ParsedLiteral;
  try {
    const flags = parser.parseFlags("u");
    parsed = { pattern: parser.parsePattern(pattern, undefined, undefined, flags), flags };
  } catch {
    // Not a regular expression the analyser parses: the reader reports a pattern that does not compile.
    return undefined;
  }
  const { unbounded, nesting } = repetitions(parsed.pattern, visit);
  if (unbounded > MAX_UNBOUNDED || nesting > MAX_NESTING) {
    return { growth: "unchecked", unbounded, nesting };
  }
  const reports = analyse(parsed).reports;
  const worst = reports.find((r) => r.exponential) ?? reports[0];
  return worst === undefined
    ? undefined
    : { growth: worst.exponential ? "exponential" : "polynomial", character: worst.character.pick };
}

/** How many unbounded repetitions a pattern has, and how deep they nest. */
function repetitions(
  pattern: AST.Pattern,
  visit: typeof visitRegExpAST,
): { unbounded: number; nesting: number } {
  let unbounded = 0;
  let nesting = 0;
  let open = 0;
  visit(pattern, {
    onQuantifierEnter: (q) => {
      if (q.max === Infinity) {
        unbounded++;
        nesting = Math.max(nesting, ++open);
      }
    },
    onQuantifierLeave: (q) => {
      open -= q.max === Infinity ? 1 : 0;
    },
  });
  return { unbounded, nesting };
}

/** The warning's text (exported for tests). */
export function unsafePatternMessage(pattern: string, hazard: PatternHazard): string {
  const shown = JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern);
  const check = "(the check: option redosCheck, flag --no-redos-check)";
  if (hazard.growth === "unchecked") {
    return (
      `pattern ${shown} has ${hazard.unbounded} unbounded repetitions, nested ${hazard.nesting} deep: more than ` +
      `structgen analyses for catastrophic backtracking (${MAX_UNBOUNDED}, nested ${MAX_NESTING} deep), so it may ` +
      `have it; guards and ajv both run it as written ${check}`
    );
  }
  const advice =
    hazard.growth === "exponential"
      ? "exponential: each further character can double the time, so rewrite it (a maxLength, tested first, only helps when it is a couple of dozen characters at most)"
      : "polynomial: rewrite it, or bound the string with maxLength, which guards and ajv test first";
  return (
    `pattern ${shown} can backtrack catastrophically on a long run of ` +
    `${JSON.stringify(hazard.character)} (${advice}); guards and ajv both run it as written ${check}`
  );
}

/** Whether a run checks patterns, as the readers receive it from the options. */
export interface PatternCheck {
  readonly enabled: boolean;
}

/** Warns at `pointer` when `pattern` can backtrack catastrophically (unless the run opted out). */
export function checkPattern(
  pattern: string,
  pointer: string,
  sink: DiagnosticSink,
  check: PatternCheck,
): void {
  if (!check.enabled) {
    return;
  }
  const hazard = patternHazard(pattern);
  if (hazard !== undefined) {
    sink.warning("SG_UNSAFE_PATTERN", pointer, unsafePatternMessage(pattern, hazard));
  }
}
