/** closestName: which known config key a mistyped one most likely meant, and when none is close enough. */
import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/cli/suggest.js";

const KEYS = [
  "inputs",
  "out",
  "emitters",
  "emit",
  "objectFields",
  "formats",
  "sourceSpec",
  "strict",
];

describe("closestName", () => {
  it.each([
    ["input", "inputs"],
    ["outDir", "out"],
    ["output", "out"],
    ["emti", "emit"],
    ["emitter", "emitters"],
    ["source-spec", "sourceSpec"],
    ["SourceSpec", "sourceSpec"],
    ["object_fields", "objectFields"],
    ["format", "formats"],
    ["stirct", "strict"],
    ["ou", "out"],
  ])("%s -> %s", (typed, meant) => {
    expect(closestName(typed, KEYS)).toBe(meant);
  });

  it.each(["verbose", "x", "xy", "colours", "dialectic"])("%s -> nothing", (typed) => {
    expect(closestName(typed, KEYS)).toBeUndefined();
  });
});

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["abc", "acb", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3],
  ])("%s, %s: %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
