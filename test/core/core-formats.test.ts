/**
 * templates/core-formats.ts: each check is exactly the regular expression whose source the JSON Schema carries
 * (templates/core-formats-patterns.json), with the "u" flag ajv uses; and each says yes and no where Core, the
 * samples and the README say it should.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as core from "../../templates/core-formats.js";
import { REPO_ROOT } from "../helpers/fixtures.js";
import { strictAjv } from "../helpers/outputs.js";

const PATTERNS = JSON.parse(
  readFileSync(join(REPO_ROOT, "templates", "core-formats-patterns.json"), "utf8"),
) as Record<string, string>;
const SOURCE = readFileSync(join(REPO_ROOT, "templates", "core-formats.ts"), "utf8");

const CHECKS: Record<string, (value: string) => boolean> = {
  time: core.coreTime,
  datetime: core.coreDatetime,
  duration: core.coreDuration,
  uuid: core.coreUuid,
  base64: core.coreBase64,
  base64url: core.coreBase64url,
  base16: core.coreBase16,
  base32: core.coreBase32,
  base32hex: core.coreBase32hex,
};

const TABLE: Record<string, { valid: string[]; invalid: string[] }> = {
  time: {
    valid: ["08:00:00", "23:59:59.999", "23:59:60Z", "12:00:00+05:30", "00:00:00z"],
    invalid: ["8:00:00", "24:00:00", "12:60:00", "12:00", "12:00:00+0530", "9:00 AM", "12:00:00 "],
  },
  // RFC 3339 section 5.6 date-time: "T", "t" or a space; offsets "Z", "z" or +hh:mm / -hh:mm (issue 16).
  datetime: {
    valid: [
      "2024-01-01T00:00:00Z",
      "2024-01-01t00:00:00z",
      "2024-01-01 00:00:00+05:30",
      "2024-02-29T23:59:60.123456-08:00",
      "1985-04-12T23:20:50.52Z",
    ],
    invalid: [
      "2024-01-01T00:00:00+0530",
      "2024-01-01T00:00:00+05",
      "2024-01-01\t00:00:00Z",
      "2024-01-01\n00:00:00Z",
      "2024-01-01T00:00:00",
      "2024-01-01T00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-01-01T00:00:00.Z",
      "2024-01-01T00:00:00+24:00",
      "2024-01-01  00:00:00Z",
      "+2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00Z\n",
    ],
  },
  duration: {
    valid: ["PT2.5S", "P1Y2M3DT4H5M6S", "P2W", "PT0.1S", "P1D", "PT36H"],
    invalid: ["P", "PT", "P1DT", "PT1.5M", "1 hour", "P1W2D", "-P1D", "pt1s"],
  },
  uuid: {
    valid: ["550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-446655440000"],
    invalid: [
      "urn:uuid:550e8400-e29b-41d4-a716-446655440000",
      "550e8400e29b41d4a716446655440000",
      "not-a-uuid",
    ],
  },
  base64: {
    valid: ["", "QQ==", "QUI=", "QUJD", "aGVsbG8="],
    invalid: ["QQ", "Q===", "a b=", "QUJD\n", "_-8="],
  },
  base64url: { valid: ["", "_-8", "_-8=", "QQ", "QQ==", "QUJD"], invalid: ["+/8=", "Q", "QQ="] },
  base16: { valid: ["", "00ff", "ABCD"], invalid: ["abc", "0g"] },
  base32: {
    valid: ["", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB"],
    invalid: ["my======", "M1======", "MZXW6"],
  },
  base32hex: { valid: ["", "CO======", "CPNMU==="], invalid: ["WX======", "cpnmu==="] },
};

describe("core formats", () => {
  it("the JSON Schema patterns are the templates' regular expressions, in the same order", () => {
    const fromSource = [...SOURCE.matchAll(/const CORE_(\w+)_RE =\s*\/(.*)\/u;/g)].map((m) => [
      m[1]?.toLowerCase(),
      m[2],
    ]);
    expect(Object.fromEntries(fromSource)).toEqual(PATTERNS);
    expect(Object.keys(PATTERNS).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  describe.each(Object.entries(TABLE))("%s", (name, { valid, invalid }) => {
    const check = CHECKS[name] ?? (() => false);
    const ajvCheck = strictAjv().compile({ type: "string", pattern: PATTERNS[name] });
    it.each(valid)("accepts %j", (value) => {
      expect(check(value)).toBe(true);
      expect(ajvCheck(value)).toBe(true);
    });
    it.each(invalid)("rejects %j", (value) => {
      expect(check(value)).toBe(false);
      expect(ajvCheck(value)).toBe(false);
    });
  });
});
