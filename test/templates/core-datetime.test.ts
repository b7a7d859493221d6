/**
 * Core `datetime` and `time` against RFC 3339, read by hand from its grammar (section 5.6) instead of from a
 * regular expression, on thousands of near misses: every separator and offset form, out-of-range fields, control
 * characters and whitespace spliced in. A Core `datetime` guard checks `formatDateTime && coreDatetime`
 * (templates/formats.ts and core-formats.ts), and its schema `format: date-time` plus the same `pattern`; a Core
 * `time`, `coreTime` and the same `pattern`. Issue 16: ajv-formats alone took "+0530", "+05" and a tab for "T".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as core from "../../templates/core-formats.js";
import { formatDateTime } from "../../templates/formats.js";
import { LOW_UNITS } from "../helpers/arbitraries.js";
import { RUNS, cat, padded, pick } from "./differential.js";

/** A reader over the text: each step takes exactly what the grammar allows, or fails. */
class Reader {
  private at = 0;
  constructor(private readonly text: string) {}
  digits(count: number): number | undefined {
    const part = this.text.slice(this.at, this.at + count);
    if (part.length !== count || [...part].some((c) => c < "0" || c > "9")) {
      return undefined;
    }
    this.at += count;
    return Number(part);
  }
  oneOf(options: string): string | undefined {
    const c = this.text.charAt(this.at);
    if (c === "" || !options.includes(c)) {
      return undefined;
    }
    this.at++;
    return c;
  }
  peek(): string {
    return this.text.charAt(this.at);
  }
  done(): boolean {
    return this.at === this.text.length;
  }
}

interface Offset {
  readonly sign: number;
  readonly hours: number;
  readonly minutes: number;
}

/** time-offset = "Z" / time-numoffset; time-numoffset = ("+" / "-") time-hour ":" time-minute. */
function timeOffset(r: Reader): Offset | undefined {
  if (r.oneOf("Zz") !== undefined) {
    return { sign: 1, hours: 0, minutes: 0 };
  }
  const sign = r.oneOf("+-");
  const hours = sign === undefined ? undefined : r.digits(2);
  const colon = hours === undefined ? undefined : r.oneOf(":");
  const minutes = colon === undefined ? undefined : r.digits(2);
  if (hours === undefined || minutes === undefined || hours > 23 || minutes > 59) {
    return undefined;
  }
  return { sign: sign === "-" ? -1 : 1, hours, minutes };
}

/** partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]; secfrac = "." 1*DIGIT. */
function partialTime(r: Reader): { hour: number; minute: number; second: number } | undefined {
  const hour = r.digits(2);
  const minute = hour === undefined || r.oneOf(":") === undefined ? undefined : r.digits(2);
  const second = minute === undefined || r.oneOf(":") === undefined ? undefined : r.digits(2);
  if (hour === undefined || minute === undefined || second === undefined) {
    return undefined;
  }
  if (r.oneOf(".") !== undefined) {
    if (r.digits(1) === undefined) {
      return undefined;
    }
    while (r.digits(1) !== undefined) {
      // more fraction digits
    }
  }
  return hour <= 23 && minute <= 59 && second <= 60 ? { hour, minute, second } : undefined;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** full-date = date-fullyear "-" date-month "-" date-mday, with section 5.7's days per month. */
function fullDate(r: Reader): boolean {
  const year = r.digits(4);
  const month = year === undefined || r.oneOf("-") === undefined ? undefined : r.digits(2);
  const day = month === undefined || r.oneOf("-") === undefined ? undefined : r.digits(2);
  if (year === undefined || month === undefined || day === undefined || month < 1 || month > 12) {
    return false;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  return day >= 1 && day <= days;
}

/**
 * RFC 3339 date-time = full-date "T" full-time ("T" or "t", or a space by the note in 5.6). A leap second is
 * read as ajv-formats reads section 5.7: only at 23:59 UTC (the offset taken off), on any date.
 */
function rfc3339DateTime(value: string): boolean {
  const r = new Reader(value);
  if (!fullDate(r) || r.oneOf("Tt ") === undefined) {
    return false;
  }
  const time = partialTime(r);
  const offset = time === undefined ? undefined : timeOffset(r);
  if (time === undefined || offset === undefined || !r.done()) {
    return false;
  }
  if (time.second < 60) {
    return true;
  }
  const utcMinutes =
    (((time.hour * 60 + time.minute - offset.sign * (offset.hours * 60 + offset.minutes)) % 1440) +
      1440) %
    1440;
  return utcMinutes === 23 * 60 + 59;
}

/** Core `time`: partial-time with an optional time-offset (the samples send none; see the README). */
function rfc3339CoreTime(value: string): boolean {
  const r = new Reader(value);
  if (partialTime(r) === undefined) {
    return false;
  }
  return r.done() || (timeOffset(r) !== undefined && r.done());
}

const separator = fc.oneof(
  { weight: 6, arbitrary: pick("T", "t", " ") },
  { weight: 2, arbitrary: pick("\t", "\n", "\r", "  ", "_", "", "TT", "\u00a0", "\u2028") },
  { weight: 1, arbitrary: fc.constantFrom(...LOW_UNITS) },
);
const offset = fc.oneof(
  { weight: 6, arbitrary: pick("Z", "z", "+05:30", "-08:00", "+00:00", "-00:00", "+23:59") },
  {
    weight: 3,
    arbitrary: pick(
      "",
      "+0530",
      "+05",
      "+5:30",
      "+24:00",
      "-05:60",
      "Z ",
      " Z",
      "UTC",
      "+05:30:00",
    ),
  },
  { weight: 1, arbitrary: cat(pick("+", "-"), padded(0, 29, 2), pick(":", ""), padded(0, 61, 2)) },
);
const date = cat(padded(0, 2400, 4), pick("-"), padded(0, 13, 2), pick("-"), padded(0, 32, 2));
const time = cat(
  padded(0, 24, 2),
  pick(":"),
  padded(0, 60, 2),
  pick(":"),
  padded(0, 61, 2),
  pick("", "", ".5", ".123456789", ".", ",5"),
);
/** Near misses: mostly well-formed parts, sometimes a character spliced in anywhere. */
const splice = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc
        .tuple(text, fc.nat(), fc.constantFrom(...LOW_UNITS))
        .map(
          ([t, at, c]) => `${t.slice(0, at % (t.length + 1))}${c}${t.slice(at % (t.length + 1))}`,
        ),
    },
  );

describe("Core datetime and time are exactly RFC 3339", () => {
  it("datetime: the guard's two checks accept exactly what the RFC 3339 grammar does", () => {
    let accepted = 0;
    fc.assert(
      fc.property(splice(cat(date, separator, time, offset)), (value) => {
        const expected = rfc3339DateTime(value);
        accepted += expected ? 1 : 0;
        expect(formatDateTime(value) && core.coreDatetime(value), JSON.stringify(value)).toBe(
          expected,
        );
      }),
      { seed: 16, numRuns: RUNS * 5 },
    );
    // The generator must reach both sides.
    expect(accepted).toBeGreaterThan(RUNS / 5);
  });

  it("time: the Core rule accepts exactly RFC 3339 partial-time with an optional offset", () => {
    let accepted = 0;
    fc.assert(
      fc.property(splice(cat(time, offset)), (value) => {
        const expected = rfc3339CoreTime(value);
        accepted += expected ? 1 : 0;
        expect(core.coreTime(value), JSON.stringify(value)).toBe(expected);
      }),
      { seed: 17, numRuns: RUNS * 5 },
    );
    expect(accepted).toBeGreaterThan(RUNS / 5);
  });

  it.each([
    ["2024-01-01T00:00:00+0530", false],
    ["2024-01-01T00:00:00+05", false],
    ["2024-01-01\t00:00:00Z", false],
    ["2024-01-01\n00:00:00Z", false],
    ["2024-01-01T00:00:00Z", true],
    ["2024-01-01t00:00:00z", true],
    ["2024-01-01 00:00:00+05:30", true],
    ["2016-12-31T23:59:60Z", true],
    ["2016-12-31T15:59:60-08:00", true],
    ["2016-12-31T12:00:60Z", false],
  ])("%j: %s (by the grammar, and by the guard's checks)", (value, verdict) => {
    expect(rfc3339DateTime(value)).toBe(verdict);
    expect(formatDateTime(value) && core.coreDatetime(value)).toBe(verdict);
  });
});
