/**
 * Shared helpers for the template tests: ajv-formats as the reference implementation, small
 * fast-check building blocks for format-shaped strings, and the differential test itself.
 */
import { expect, it } from "vitest";
import fc from "fast-check";
import { fullFormats } from "ajv-formats/dist/formats.js";

export type FormatName = keyof typeof fullFormats;

export const RUNS = 2000;

/** What ajv would say about `value` for format `name` (entry shapes as in ajv's format keyword). */
export function ajvVerdict(name: FormatName, value: string | number): boolean {
  const def: unknown = fullFormats[name];
  if (def === true) {
    return true;
  }
  if (def instanceof RegExp) {
    return def.test(String(value));
  }
  if (typeof def === "function") {
    return Boolean((def as (v: unknown) => unknown)(value));
  }
  if (typeof def === "object" && def !== null && "validate" in def) {
    const validate = def.validate;
    if (validate instanceof RegExp) {
      return validate.test(String(value));
    }
    if (typeof validate === "function") {
      return Boolean((validate as (v: unknown) => unknown)(value));
    }
  }
  throw new Error(`unexpected ajv-formats entry for ${name}`);
}

/** "date-time" -> "formatDateTime" (the naming contract the generator relies on). */
export function functionName(format: string): string {
  return (
    "format" +
    format
      .split("-")
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join("")
  );
}

export const pick = (...xs: string[]): fc.Arbitrary<string> => fc.constantFrom(...xs);
export const cat = (...parts: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
  fc.tuple(...parts).map((p) => p.join(""));
export const opt = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(arb, { nil: "" });
export const padded = (min: number, max: number, width: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((n) => String(n).padStart(width, "0"));
export const chars = (units: string[], maxLength = 8, minLength = 0): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...units), minLength, maxLength });
/** Like `chars`, but units from `bad` are five times rarer than units from `good`. */
export const mostly = (
  good: string[],
  bad: string[],
  maxLength = 8,
  minLength = 0,
): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...good) },
      { weight: 1, arbitrary: fc.constantFrom(...bad) },
    ),
    minLength,
    maxLength,
  });
export const hex = (min: number, max: number): fc.Arbitrary<string> =>
  chars([..."0123456789abcdefABCDEF"], max, min);

/** `good` four times as often as `bad`. */
export const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Arbitrary strings of every kind: printable ASCII, any code unit sequence, graphemes. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary-ascii" }),
);

/** Shaped strings, sometimes with up to two random edits (insert / delete / replace a unit). */
export function mutated(arb: fc.Arbitrary<string>, alphabet: string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...alphabet));
  return fc.oneof(
    { weight: 3, arbitrary: arb },
    {
      weight: 2,
      arbitrary: fc.tuple(arb, fc.array(edit, { minLength: 1, maxLength: 2 })).map(([s, edits]) =>
        edits.reduce((acc, [pos, op, ch]) => {
          const i = acc.length === 0 ? 0 : pos % (acc.length + (op === 0 ? 1 : 0));
          if (op === 0) {
            return acc.slice(0, i) + ch + acc.slice(i);
          }
          if (op === 1) {
            return acc.slice(0, i) + acc.slice(i + 1);
          }
          return acc.slice(0, i) + ch + acc.slice(i + 1);
        }, s),
      ),
    },
  );
}

/**
 * Registers two tests: `check` agrees with ajv-formats on arbitrary strings, and on format-shaped
 * strings, where both verdicts must each occur in at least `minShare` of the runs.
 */
export function differential(
  name: FormatName,
  check: (value: string) => boolean,
  shaped: fc.Arbitrary<string>,
  minShare = 0.1,
): void {
  it(`${name}: agrees with ajv-formats on arbitrary strings`, () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(check(s), JSON.stringify(s)).toBe(ajvVerdict(name, s));
      }),
      { numRuns: RUNS },
    );
  });
  it(`${name}: agrees with ajv-formats on ${name}-shaped strings`, () => {
    let valid = 0;
    let total = 0;
    fc.assert(
      fc.property(shaped, (s) => {
        const want = ajvVerdict(name, s);
        total++;
        if (want) {
          valid++;
        }
        expect(check(s), JSON.stringify(s)).toBe(want);
      }),
      { numRuns: RUNS },
    );
    // SHARES=1 prints the valid share per shaped generator (for tuning the generators).
    if (process.env["SHARES"]) {
      console.log(`SHARE ${name} ${(valid / total).toFixed(2)}`);
    }
    expect(valid, "valid samples").toBeGreaterThanOrEqual(total * minShare);
    expect(total - valid, "invalid samples").toBeGreaterThanOrEqual(total * minShare);
  });
}

/** Table test: for every `[given, want]` row both `check` and ajv-formats must answer `want`. */
export function table<T extends string | number>(
  name: FormatName,
  check: (value: T) => boolean,
  rows: [T, boolean][],
): void {
  for (const [given, want] of rows) {
    expect(check(given), `${name} given ${show(given)}`).toBe(want);
    expect(ajvVerdict(name, given), `ajv ${name} given ${show(given)}`).toBe(want);
  }
}

const show = (v: string | number): string =>
  typeof v === "number" ? String(v) : JSON.stringify(v);
