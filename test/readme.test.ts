/**
 * The README's options table is rendered from OPTION_TABLE, the same table that feeds the CLI flags; and its shell
 * examples are each run (test/readme.process.test.ts) or marked with the reason they are not.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderOptionsTable } from "../src/model/options.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { printsLine, shellExamples } from "./helpers/readme.js";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

it("README options table matches OPTION_TABLE", () => {
  const section = /<!-- options-table:start -->\n([\s\S]*?)\n<!-- options-table:end -->/.exec(
    README,
  )?.[1];
  expect(section).toBe(renderOptionsTable());
});

describe("the README's shell examples", () => {
  const examples = shellExamples(README);

  it("are each run, or marked as not run with a reason, by a directive the test knows", () => {
    expect(examples.length).toBeGreaterThan(5);
    const problems = examples.flatMap((e) => e.problems.map((p) => `line ${e.line}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("have one set-up command, which every other example runs after", () => {
    expect(examples.filter((e) => e.mode === "setup").map((e) => e.line)).toHaveLength(1);
  });

  it("state what an expected failure prints, so that it cannot fail for another reason", () => {
    const silent = examples.filter((e) => e.mode === "fails" && e.printed.length === 0);
    expect(silent.map((e) => `line ${e.line}`)).toEqual([]);
  });

  it("do not start the test suite that runs them", () => {
    const recursive = examples.filter(
      (e) => e.mode !== "skip" && /\bnpm (?:run )?test\b/.test(e.script),
    );
    expect(recursive.map((e) => `line ${e.line}`)).toEqual([]);
  });
});

describe("reading shell examples", () => {
  const readme = [
    "<!-- example:skip needs a network -->",
    "```sh",
    "npm install -g structgen",
    "```",
    "",
    "<!-- example:fails bad input -->",
    "<!-- example:named:start -->",
    "```bash",
    "npx structgen generate bad.json --out gen   # a comment",
    "# bad.json:1:1: error SG_X: broken (12 ms)",
    "```",
    "<!-- example:named:end -->",
    "",
    "Writes `gen/a.ts` and `gen/b.ts`, but not `other/c.ts`.",
    "",
    "```console",
    "$ npx structgen generate --watch",
    "watching",
    "^C",
    "stopped",
    "```",
    "",
    "<!-- example:skip -->",
    "<!-- example:later soon -->",
    "```sh",
    "true",
    "```",
    "```ts",
    "// # not shell",
    "```",
  ].join("\n");
  const [skipped, failing, interrupted, unmarked, ...rest] = shellExamples(readme);

  it("finds the sh, bash and console blocks and their directives", () => {
    expect(rest).toEqual([]);
    expect([skipped, failing, interrupted].map((e) => [e?.line, e?.mode, e?.reason])).toEqual([
      [2, "skip", "needs a network"],
      [8, "fails", "bad input"],
      [16, "run", ""],
    ]);
    expect(unmarked?.problems).toEqual([
      'unknown directive "example:later" (known: setup, skip, fails)',
      '"example:skip" needs a reason',
    ]);
  });

  it("separates the script from what it states it prints, and the files the next paragraph names", () => {
    expect(failing?.script).toBe("npx structgen generate bad.json --out gen   # a comment");
    expect(failing?.printed).toEqual(["bad.json:1:1: error SG_X: broken (12 ms)"]);
    expect(failing?.printedAfterInterrupt).toBeUndefined();
    expect(failing?.namedOutputs).toEqual(["gen/a.ts", "gen/b.ts"]);
    expect(interrupted?.script).toBe("npx structgen generate --watch");
    expect(interrupted?.printed).toEqual(["watching"]);
    expect(interrupted?.printedAfterInterrupt).toEqual(["stopped"]);
  });

  it("matches a stated line whole, with any timing", () => {
    expect(printsLine("x\nbad.json: broken (3 ms)\n", "bad.json: broken (12 ms)")).toBe(true);
    expect(printsLine("bad.json: broken (3 s)\n", "bad.json: broken (12 ms)")).toBe(false);
    expect(printsLine("see bad.json: broken\n", "bad.json: broken")).toBe(false);
  });
});
