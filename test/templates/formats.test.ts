// Table and differential tests for the date/time formats of templates/formats.ts, and its exports.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { fullFormats } from "ajv-formats/dist/formats.js";
import * as F from "../../templates/formats.js";
import {
  cat,
  chars,
  differential,
  functionName,
  mutated,
  opt,
  padded,
  pick,
  table,
} from "./differential.js";

describe("templates/formats.ts exports", () => {
  it("has exactly one format<Name> function per ajv-formats full format", () => {
    const want = Object.keys(fullFormats).map(functionName).sort();
    expect(Object.keys(F).sort()).toEqual(want);
    for (const name of want) {
      expect(typeof (F as Record<string, unknown>)[name]).toBe("function");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Dates and times

const year = fc.oneof(padded(0, 9999, 4), pick("2000", "1900", "2024", "2023", "2100", "0000"));
const month = fc.oneof(padded(0, 13, 2), pick("02", "12", "01"));
const day = fc.oneof(padded(0, 32, 2), pick("28", "29", "30", "31"));
const dateShape = cat(year, pick("-"), month, pick("-"), day);
const hour = fc.oneof(padded(0, 23, 2), padded(0, 25, 2), pick("23", "00", "22", "24", "99"));
const minute = fc.oneof(padded(0, 59, 2), padded(0, 61, 2), pick("59", "00", "01", "60"));
const second = fc.oneof(padded(0, 59, 2), padded(0, 61, 2), pick("60", "59", "61", "60"));
const fraction = fc.oneof(
  pick("", "", ".", ".5", ".999", ".99999999999999999999"),
  cat(pick("."), chars([..."0123456789"], 20, 1)),
);
const offset = fc.oneof(
  pick("", "Z", "z", "x", "+00:00", "-00:00"),
  cat(pick("+", "-"), hour, pick("", ":", ":"), opt(minute)),
);
const timeShape = cat(hour, pick(":"), minute, pick(":"), second, fraction, offset);
const separator = fc.oneof(pick("T", "t", " "), pick("T", "\n", "\u00a0", "\u2028", "TT", "_", ""));
const isoStamp = fc
  .date({
    min: new Date("0000-01-01T00:00:00Z"),
    max: new Date("9999-12-31T23:59:59Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
const dateTimeShape = fc.oneof(
  cat(dateShape, separator, timeShape),
  cat(
    isoStamp.map((s) => s.slice(0, 10)),
    separator,
    timeShape,
  ),
  isoStamp,
);
const timeAlphabet = [..."0159:-+.TtZz "];

describe("date", () => {
  it("table", () =>
    table("date", F.formatDate, [
      ["2024-02-29", true],
      ["2023-02-29", false],
      ["2000-02-29", true],
      ["1900-02-29", false],
      ["0000-02-29", true],
      ["2023-04-30", true],
      ["2023-04-31", false],
      ["2023-12-31", true],
      ["2023-13-01", false],
      ["2023-00-10", false],
      ["2023-01-00", false],
      ["2023-1-01", false],
      ["12023-01-01", false],
      ["2023-01-01T00:00:00Z", false],
      ["2023-01-01\n", false],
      ["２０２３-01-01", false],
      ["", false],
    ]));
  differential("date", F.formatDate, mutated(dateShape, timeAlphabet));
});

describe("time and iso-time", () => {
  it("time table (offset required)", () =>
    table("time", F.formatTime, [
      ["12:34:56Z", true],
      ["12:34:56z", true],
      ["12:34:56.789+05:30", true],
      ["12:34:56+0530", true],
      ["12:34:56+05", true],
      ["12:34:56", false],
      ["24:00:00Z", false],
      ["12:60:00Z", false],
      ["23:59:60Z", true],
      ["23:59:60.999Z", true],
      ["23:59:61Z", false],
      ["22:59:60Z", false],
      ["15:59:60-08:00", true],
      ["00:29:60+00:30", true], // 23:59:60 in UTC,
      ["00:59:60+01:00", true],
      ["23:59:60+01:00", false],
      ["12:00:59.99999999999999999Z", false], // float rounding: 60, not a leap second
      ["12:34:56+24:00", false],
      ["12:34:56+05:60", false],
      ["12:34:56.Z", false],
      ["1:34:56Z", false],
    ]));
  it("iso-time table (offset optional)", () =>
    table("iso-time", F.formatIsoTime, [
      ["12:34:56", true],
      ["12:34:56.5", true],
      ["23:59:60", true],
      ["12:34:56Z", true],
      ["12:34:56+05:30", true],
      ["12:34:56 +05:30", false],
      ["12:34", false],
    ]));
  differential("time", F.formatTime, mutated(timeShape, timeAlphabet));
  differential("iso-time", F.formatIsoTime, mutated(timeShape, timeAlphabet));
});

describe("date-time and iso-date-time", () => {
  it("date-time table (offset required)", () =>
    table("date-time", F.formatDateTime, [
      ["2024-02-29T12:00:00Z", true],
      ["2023-02-29T12:00:00Z", false],
      ["2024-02-29t12:00:00z", true],
      ["2024-02-29 12:00:00Z", true],
      ["2024-02-29\n12:00:00Z", true],
      ["2024-02-29\u00a012:00:00Z", true],
      ["2024-02-29TT12:00:00Z", false],
      ["2024-02-2912:00:00Z", false],
      ["2024-02-29T12:00:00", false],
      ["2016-12-31T23:59:60Z", true],
      ["2016-12-31T15:59:60-08:00", true],
      ["2016-12-31T23:59:60+01:00", false],
      ["2024-01-01T00:00:00.123456789+14:00", true],
      ["2024-01-01T00:00:00+14:00x", false],
      // The offset is found from the end (sign 3, 5 or 6 characters back), with or without a fraction.
      ["2024-01-31T12:00:00.5+0530", true],
      ["2024-01-31T12:00:00.5-05", true],
      ["2024-01-31T12:00:00-5:30", false],
      ["2024-01-31T12:00:00+05:3", false],
      ["2024-04-31T12:00:00Z", false],
      // Seconds 59 and 60 with a fraction are read as a float, as ajv does.
      ["2016-12-31T23:59:59.99999999999999999Z", true], // rounds to 60 at 23:59 UTC: a leap second
      ["2016-12-31T12:00:59.99999999999999999Z", false], // rounds to 60 elsewhere
      ["2016-12-31T23:59:60.5Z", true],
      ["2016-12-31T23:59:60.99999999999999999Z", false], // rounds to 61
      ["2016-12-31T23:59:58.99999999999999999Z", true],
      ["2024-02-29\u202812:00:00Z", true],
    ]));
  it("iso-date-time table (offset optional)", () =>
    table("iso-date-time", F.formatIsoDateTime, [
      ["2024-02-29T12:00:00", true],
      ["2024-02-29 12:00:00.5", true],
      ["2024-02-29T12:00:00Z", true],
      ["2024-02-30T12:00:00", false],
      ["2024-02-29T12:00", false],
    ]));
  const alphabet = [...timeAlphabet, "\t"];
  differential("date-time", F.formatDateTime, mutated(dateTimeShape, alphabet));
  differential("iso-date-time", F.formatIsoDateTime, mutated(dateTimeShape, alphabet));
});

describe("duration", () => {
  const n = fc.oneof(padded(0, 99, 1), pick("1", "0", "1.5"));
  const unit = (u: string) => opt(cat(n, pick(u)));
  const shape = fc.oneof(
    cat(
      pick("P", "P", "p", ""),
      unit("Y"),
      unit("M"),
      unit("D"),
      opt(cat(pick("T"), unit("H"), unit("M"), unit("S"))),
    ),
    cat(pick("P"), n, pick("W", "w")),
  );
  it("table", () =>
    table("duration", F.formatDuration, [
      ["P1Y2M3DT4H5M6S", true],
      ["PT0S", true],
      ["P2W", true],
      ["P", false],
      ["PT", false],
      ["P1DT", false],
      ["P1Y2W", false],
      ["PT1.5S", false],
      ["P1M1Y", false],
      ["p1D", false],
      ["P1D ", false],
    ]));
  differential("duration", F.formatDuration, mutated(shape, [..."PTYMDHSW1."]));
});
