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
import type { AnalysisResult, Literal } from "scslre";
import type { DiagnosticSink } from "../model/diagnostics.js";

type Analyse = (literal: Literal) => AnalysisResult;

let analyse: Analyse | undefined;

function analyser(): Analyse {
  analyse ??= (createRequire(import.meta.url)("scslre") as { analyse: Analyse }).analyse;
  return analyse;
}

/** What makes a pattern unsafe: how its work grows with the input, and the character to repeat. */
export interface PatternHazard {
  readonly growth: "exponential" | "polynomial";
  readonly character: string;
}

/** The hazard of a pattern (compiled with the "u" flag, as guards and ajv do), or undefined when none is found. */
export function patternHazard(pattern: string): PatternHazard | undefined {
  let result: AnalysisResult;
  try {
    result = analyser()({ source: pattern, flags: "u" });
  } catch {
    // Not a regular expression the analyser parses: the reader reports a pattern that does not compile.
    return undefined;
  }
  const worst = result.reports.find((r) => r.exponential) ?? result.reports[0];
  return worst === undefined
    ? undefined
    : { growth: worst.exponential ? "exponential" : "polynomial", character: worst.character.pick };
}

/** The warning's text (exported for tests). */
export function unsafePatternMessage(pattern: string, hazard: PatternHazard): string {
  const shown = pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern;
  const advice =
    hazard.growth === "exponential"
      ? "exponential: each further character can double the time, so rewrite it (a maxLength, tested first, only helps when it is a couple of dozen characters at most)"
      : "polynomial: rewrite it, or bound the string with maxLength, which guards and ajv test first";
  return (
    `pattern ${JSON.stringify(shown)} can backtrack catastrophically on a long run of ` +
    `${JSON.stringify(hazard.character)} (${advice}); guards and ajv both run it as written ` +
    "(the check: option redosCheck, flag --no-redos-check)"
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
