/**
 * The command line, end to end: every test runs the CLI in process (main(), test/helpers/cli.ts) in its own temp
 * working folder and asserts on the exit code, stdout, stderr and the files left on disk. The bin itself, as a
 * process, is bin.process.test.ts's.
 * Fixtures live in fixtures/cli/ (bad/ one problem per file, warn/, collide-*, folder/).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/main.js";
import { OPTION_TABLE } from "../src/model/options.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import {
  type CliResult,
  cliFixture,
  diagnosticLines,
  displayNames,
  listFiles,
  mtimes,
  type Position,
  positionOf,
  readText,
  removeTempDirs,
  runCli,
  SEED,
  SEED_OUTPUTS,
  stackFrames,
  tempCwd,
} from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

afterAll(() => {
  removeTempDirs();
});

/** A temp working folder holding a copy of the seed, so inputs (and the banners naming them) are cwd-relative. */
function cwdWithSeed(): string {
  const cwd = tempCwd();
  cpSync(SEED, join(cwd, "letta-run-structure.json"));
  return cwd;
}

const SUMMARY = (documents: number, written: number, unchanged: number, out: string): RegExp =>
  new RegExp(
    `^structgen: ${documents} document${documents === 1 ? "" : "s"}, ${written} file${written === 1 ? "" : "s"} written, ${unchanged} unchanged in ${out} \\(\\d+ ms\\)\\n$`,
  );

function expectNoStackTrace(result: CliResult): void {
  expect(stackFrames(result.stderr), result.stderr).toEqual([]);
  expect(stackFrames(result.stdout), result.stdout).toEqual([]);
}

describe("generate on the seed", () => {
  it("writes the five files with a one-line summary, and a second run leaves them untouched", async () => {
    const cwd = cwdWithSeed();
    const out = join(cwd, "gen");

    const first = await runCli(["generate", "letta-run-structure.json", "--out", "gen"], { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(SUMMARY(1, 5, 0, "gen"));
    expect(first.stdout).toContain("1 document, 5 files written");
    expect(first.stderr).toBe("");
    expect(listFiles(out)).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
    expect(readText(out, "letta-run.types.ts")).toMatch(/^export (interface|type) Run\b/m);
    expect(readText(out, "letta-run.guards.ts")).toMatch(/^export (function|const) isRun\b/m);
    expect(JSON.parse(readText(out, "letta-run.schema.json"))).toMatchObject({
      type: "object",
      required: ["agent_id"],
    });
    expect(readText(out, "index.ts")).toContain('export * from "./letta-run.types.js";');
    // The shared runtime module is the guards' own: index.ts does not re-export it.
    expect(readText(out, "index.ts")).not.toContain("runtime");

    const before = mtimes(out, SEED_OUTPUTS);
    const contents = SEED_OUTPUTS.map((file) => readText(out, file));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const second = await runCli(["generate", "letta-run-structure.json", "--out", "gen"], { cwd });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(SUMMARY(1, 0, 5, "gen"));
    expect(second.stderr).toBe("");
    expect(mtimes(out, SEED_OUTPUTS)).toEqual(before);
    expect(SEED_OUTPUTS.map((file) => readText(out, file))).toEqual(contents);
    // No temp files left behind by the atomic writer.
    expect(listFiles(out)).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
  });
});

describe("--check", () => {
  let base: string;

  beforeAll(async () => {
    base = cwdWithSeed();
    const result = await runCli(["generate", "letta-run-structure.json", "--out", "gen"], {
      cwd: base,
    });
    expect(result.code, result.stderr).toBe(0);
  });

  /** A fresh working folder with the seed and up-to-date outputs in gen/. */
  function copyOfBase(): string {
    const cwd = tempCwd();
    cpSync(base, cwd, { recursive: true });
    return cwd;
  }

  const check = (cwd: string, out = "gen") =>
    runCli(["generate", "letta-run-structure.json", "--out", out, "--check"], { cwd });

  it.concurrent(
    "passes when every output is up to date, and touches nothing",
    async ({ expect }) => {
      const cwd = copyOfBase();
      const before = mtimes(join(cwd, "gen"), SEED_OUTPUTS);
      const result = await check(cwd);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe("structgen: 5 files up to date in gen\n");
      expect(result.stderr).toBe("");
      expect(mtimes(join(cwd, "gen"), SEED_OUTPUTS)).toEqual(before);
    },
  );

  it.concurrent(
    "fails on an edited output, names it, and does not repair it",
    async ({ expect }) => {
      const cwd = copyOfBase();
      const edited = join(cwd, "gen", "letta-run.guards.ts");
      const tampered = `${readFileSync(edited, "utf8")}// hand edit\n`;
      writeFileSync(edited, tampered);
      const result = await check(cwd);
      expect(result.code).toBe(1);
      expect(result.stderr.split("\n")).toContain("stale: gen/letta-run.guards.ts");
      expect(result.stderr).not.toMatch(
        /(stale|missing): gen\/(index\.ts|letta-run\.types\.ts|letta-run\.schema\.json)/,
      );
      expect(result.stderr).toMatch(/1 of 5 files need regenerating/);
      expect(result.stdout).toBe("");
      expect(readFileSync(edited, "utf8")).toBe(tampered);
      expectNoStackTrace(result);
    },
  );

  it.concurrent(
    "fails on a deleted output, names it, and does not recreate it",
    async ({ expect }) => {
      const cwd = copyOfBase();
      rmSync(join(cwd, "gen", "index.ts"));
      const result = await check(cwd);
      expect(result.code).toBe(1);
      expect(result.stderr.split("\n")).toContain("missing: gen/index.ts");
      expect(result.stderr).not.toMatch(/(stale|missing): gen\/letta-run/);
      expect(result.stdout).toBe("");
      expect(listFiles(join(cwd, "gen"))).toEqual([
        MANIFEST_FILE,
        ...SEED_OUTPUTS.filter((f) => f !== "index.ts"),
      ]);
      expectNoStackTrace(result);
    },
  );

  it.concurrent(
    "writes nothing into an output folder that does not exist yet",
    async ({ expect }) => {
      const cwd = cwdWithSeed();
      const result = await check(cwd, "fresh");
      expect(result.code).toBe(1);
      for (const file of SEED_OUTPUTS) {
        expect(result.stderr.split("\n")).toContain(`missing: fresh/${file}`);
      }
      expect(existsSync(join(cwd, "fresh"))).toBe(false);
      expect(listFiles(cwd)).toEqual(["letta-run-structure.json"]);
    },
  );
});

interface BadCase {
  readonly fixture: string;
  readonly code: string;
  /** Where the error must point, computed from the fixture's text; any one of these positions is right. */
  readonly at: (text: string) => Position[];
  readonly message?: RegExp;
}

const BAD_CASES: readonly BadCase[] = [
  {
    fixture: "json-trailing-comma.json",
    code: "SG_JSON_SYNTAX",
    // The comma itself, or the "]" where a value was expected instead.
    at: (t) => [positionOf(t, "},\n  ]", 1, 1), positionOf(t, "},\n  ]", 1, 5)],
  },
  {
    fixture: "json-unterminated-string.json",
    code: "SG_JSON_SYNTAX",
    at: (t) => [positionOf(t, '"Ticket,')],
    message: /unterminated string/,
  },
  {
    fixture: "json-comment.json",
    code: "SG_JSON_SYNTAX",
    at: (t) => [positionOf(t, "// the entity")],
    message: /comment/,
  },
  { fixture: "json-two-values.json", code: "SG_JSON_SYNTAX", at: (t) => [positionOf(t, "{", 2)] },
  {
    fixture: "top-level-array.json",
    code: "SG_UNKNOWN_DIALECT",
    at: (t) => [positionOf(t, "[")],
    message: /array/,
  },
  {
    fixture: "fields-not-array.json",
    code: "SG_WRONG_SHAPE",
    at: (t) => [positionOf(t, '{ "name": "id"')],
    message: /fields/,
  },
  {
    fixture: "field-is-string.json",
    code: "SG_WRONG_SHAPE",
    at: (t) => [positionOf(t, '"title"')],
  },
  {
    fixture: "name-number.json",
    code: "SG_WRONG_SHAPE",
    at: (t) => [positionOf(t, "42")],
    message: /name/,
  },
  {
    fixture: "duplicate-field.json",
    code: "SG_DUPLICATE_FIELD",
    // The second declaration of "id": its field object or its name.
    at: (t) => [positionOf(t, '{ "name": "id"', 2), positionOf(t, '"id"', 2)],
    message: /"id"/,
  },
  {
    fixture: "type-strng.json",
    code: "SG_UNKNOWN_TYPE",
    at: (t) => [positionOf(t, '"strng"')],
    message: /"strng"/,
  },
  // Line ends, a byte order mark and non-ASCII text must not shift positions (columns count UTF-16 code units).
  {
    fixture: "type-strng-crlf.json",
    code: "SG_UNKNOWN_TYPE",
    at: (t) => [positionOf(t, '"strng"')],
  },
  {
    fixture: "type-strng-bom.json",
    code: "SG_UNKNOWN_TYPE",
    at: (t) => [positionOf(t, '"strng"')],
  },
  {
    fixture: "type-strng-unicode.json",
    code: "SG_UNKNOWN_TYPE",
    at: (t) => [positionOf(t, '"strng"')],
  },
  {
    fixture: "type-String.json",
    code: "SG_UNKNOWN_TYPE",
    at: (t) => [positionOf(t, '"String"')],
    message: /"String"/,
  },
  {
    fixture: "required-yes.json",
    code: "SG_WRONG_SHAPE",
    at: (t) => [positionOf(t, '"yes"')],
    message: /required/,
  },
  {
    fixture: "enum-number-in-string.json",
    code: "SG_ENUM_TYPE",
    at: (t) => [positionOf(t, ", 2,", 1, 2)],
    message: /\b2\b/,
  },
  { fixture: "enum-empty.json", code: "SG_ENUM_EMPTY", at: (t) => [positionOf(t, "[]")] },
  {
    fixture: "name-dotdot.json",
    code: "SG_BAD_NAME",
    at: (t) => [positionOf(t, '"../evil"')],
    message: /\.\.\/evil/,
  },
  {
    fixture: "name-slash.json",
    code: "SG_BAD_NAME",
    at: (t) => [positionOf(t, '"a/b"')],
    message: /a\/b/,
  },
  {
    fixture: "name-backslash.json",
    code: "SG_BAD_NAME",
    at: (t) => [positionOf(t, '"a\\\\b"')],
    message: /a\\\\b/,
  },
  {
    fixture: "empty.json",
    code: "SG_EMPTY_INPUT",
    at: () => [{ line: 1, column: 1 }],
    message: /empty/,
  },
  // Read leniently, the invalid byte becomes U+FFFD at the same line and column.
  {
    fixture: "invalid-utf8.json",
    code: "SG_INVALID_UTF8",
    at: (t) => [positionOf(t, "\uFFFD")],
    message: /UTF-8/,
  },
  {
    fixture: "duplicate-key.json",
    code: "SG_JSON_DUPLICATE_KEY",
    at: (t) => [positionOf(t, '"entity"', 2)],
    message: /"entity"/,
  },
];

describe("bad input fails the whole run, at the right place, writing nothing", () => {
  // One spawn for every case: the good seed first, then each bad file. Per-file diagnostics are independent, so
  // each case is asserted on its own below; the seed's outputs must not be written either.
  let cwd: string;
  let result: CliResult;
  const files = BAD_CASES.map((bad) => cliFixture("bad", bad.fixture));

  beforeAll(async () => {
    cwd = tempCwd();
    result = await runCli(["generate", SEED, ...files, "--out", "gen"], { cwd });
  });

  it("exits 1 without a stack trace, reports only the bad files, and writes nothing", () => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe("");
    expectNoStackTrace(result);
    const named = new Set(diagnosticLines(result.stderr).map((d) => d.file));
    for (const name of displayNames(cwd, SEED)) {
      expect(named.has(name), `the good seed is not blamed:\n${result.stderr}`).toBe(false);
    }
    expect(existsSync(join(cwd, "gen"))).toBe(false);
    expect(listFiles(cwd)).toEqual([]);
  });

  it.for(BAD_CASES)("$fixture: $code as file:line:column", (bad) => {
    const file = cliFixture("bad", bad.fixture);
    const names = displayNames(cwd, file);
    const errors = diagnosticLines(result.stderr).filter(
      (d) => d.severity === "error" && names.includes(d.file),
    );
    const error = errors.find((d) => d.code === bad.code);
    expect(
      error,
      `expected an error ${bad.code} for ${bad.fixture} in:\n${result.stderr}`,
    ).toBeDefined();
    expect(error?.text).toMatch(new RegExp(`^.+:\\d+:\\d+: error ${bad.code}: \\S`));
    const text = readFileSync(file, "utf8");
    expect(bad.at(text), `position of ${error?.text}`).toContainEqual({
      line: error?.line,
      column: error?.column,
    });
    if (bad.message !== undefined) {
      expect(error?.message).toMatch(bad.message);
    }
  });

  it("an input that does not exist is an error naming it, without a stack trace", async () => {
    const cwd = tempCwd();
    const result = await runCli(["generate", SEED, "no-such-file.json", "--out", "gen"], { cwd });
    expect(result.code).toBe(1);
    expectNoStackTrace(result);
    const errors = diagnosticLines(result.stderr).filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.file, d.code])).toEqual([["no-such-file.json", "SG_READ_FAILED"]]);
    expect(listFiles(cwd)).toEqual([]);
  });
});

describe("warnings", () => {
  it("do not fail the run: unknown keys, a wrong fieldCount and an unknown format", async () => {
    const cwd = tempCwd();
    const files = {
      keys: cliFixture("warn", "unknown-keys.json"),
      count: cliFixture("warn", "field-count.json"),
      format: cliFixture("warn", "unknown-format.json"),
    };
    const result = await runCli(
      ["generate", files.keys, files.count, files.format, "--out", "gen"],
      { cwd },
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(SUMMARY(3, 11, 0, "gen"));
    const lines = diagnosticLines(result.stderr);
    expect(lines.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.stderr.split("\n").filter((line) => line !== "").length).toBe(lines.length);

    const at = (file: string, code: string) =>
      lines
        .filter((d) => displayNames(cwd, file).includes(d.file) && d.code === code)
        .map((d) => ({ line: d.line, column: d.column }));
    const keysText = readFileSync(files.keys, "utf8");
    const keyWarnings = at(files.keys, "SG_UNKNOWN_KEY");
    expect(keyWarnings).toHaveLength(2);
    // Either the unknown key or its value is a fine place to point at.
    expect([
      positionOf(keysText, '"owner"'),
      positionOf(keysText, '"platform-team"'),
    ]).toContainEqual(keyWarnings[0]);
    expect([positionOf(keysText, '"example"'), positionOf(keysText, '"T-1"')]).toContainEqual(
      keyWarnings[1],
    );
    expect(at(files.count, "SG_COUNT_MISMATCH")).toEqual([
      positionOf(readFileSync(files.count, "utf8"), '"fieldCount": 3', 1, 14),
    ]);
    expect(at(files.format, "SG_UNKNOWN_FORMAT")).toEqual([
      positionOf(readFileSync(files.format, "utf8"), '"ticket-id"'),
    ]);
    for (const line of lines) {
      expect(line.text).toMatch(/^.+:\d+:\d+: warning SG_[A-Z_]+: \S/);
    }

    expect(listFiles(join(cwd, "gen"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "runtime.ts",
      ...["warn-field-count", "warn-unknown-format", "warn-unknown-keys"].flatMap((base) => [
        `${base}.guards.ts`,
        `${base}.schema.json`,
        `${base}.types.ts`,
      ]),
    ]);
  });
});

describe("wrong usage exits 2 with a helpful message and writes nothing", () => {
  const cases: readonly {
    readonly name: string;
    readonly args: readonly string[];
    readonly message: readonly RegExp[];
  }[] = [
    {
      name: "an unknown flag",
      args: ["--frobnicate"],
      message: [/unknown option/, /--frobnicate/],
    },
    {
      name: "--emit nope",
      args: ["--emit", "nope"],
      message: [/--emit/, /"?nope"?/, /types, guards, schema/],
    },
    {
      name: "--formats maybe",
      args: ["--formats", "maybe"],
      message: [/--formats/, /maybe/, /validate, annotate/],
    },
    {
      name: "--object-fields x",
      args: ["--object-fields", "x"],
      message: [/--object-fields/, /'x'|"x"/, /unknown, record/],
    },
    {
      name: "--additional-properties maybe",
      args: ["--additional-properties", "maybe"],
      message: [/--additional-properties/, /maybe/, /true, false/],
    },
  ];

  it.concurrent.for(cases)("$name", async (usage, { expect }) => {
    const cwd = cwdWithSeed();
    const result = await runCli(
      ["generate", "letta-run-structure.json", "--out", "gen", ...usage.args],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    for (const pattern of usage.message) {
      expect(result.stderr).toMatch(pattern);
    }
    expectNoStackTrace(result);
    expect(listFiles(cwd)).toEqual(["letta-run-structure.json"]);
  });

  it.concurrent("a missing --out", async ({ expect }) => {
    const cwd = cwdWithSeed();
    const result = await runCli(["generate", "letta-run-structure.json"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--out/);
    expect(result.stderr).toMatch(/not specified|required|missing/);
    expectNoStackTrace(result);
    expect(listFiles(cwd)).toEqual(["letta-run-structure.json"]);
  });

  it.concurrent("no inputs", async ({ expect }) => {
    const cwd = tempCwd();
    const result = await runCli(["generate", "--out", "gen"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/missing required argument/);
    expect(result.stderr).toMatch(/inputs/);
    expectNoStackTrace(result);
    expect(listFiles(cwd)).toEqual([]);
  });
});

describe("--help and --version", () => {
  // The flags this brief promises, the option table's, and whatever else the generate command declares.
  const nowhere = { write: () => true };
  const declared =
    buildProgram(
      { cwd: REPO_ROOT, stdout: nowhere, stderr: nowhere },
      () => undefined,
    ).commands.find((command) => command.name() === "generate")?.options ?? [];
  const FLAGS = [
    ...new Set([
      "--out",
      "-o",
      "--check",
      "--quiet",
      "-q",
      "--json",
      "--help",
      ...OPTION_TABLE.map((row) => row.flag.split(" ")[0] ?? row.flag),
      ...declared.flatMap((option) =>
        [option.long, option.short].filter((flag): flag is string => flag !== undefined),
      ),
    ]),
  ];

  it.concurrent("generate --help lists every flag and an Examples section", async ({ expect }) => {
    const result = await runCli(["generate", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of FLAGS) {
      expect(result.stdout).toMatch(new RegExp(`(^|[\\s,])${flag}\\b`, "m"));
    }
    for (const flag of ["--emit", "--object-fields", "--formats", "--additional-properties"]) {
      expect(FLAGS).toContain(flag);
    }
    expect(result.stdout).toMatch(/^Examples:$/m);
    expect(result.stdout).toMatch(/^ {2}structgen generate .+--out /m);
  });

  it.concurrent("--help lists every flag and an Examples section", async ({ expect }) => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generate/);
    expect(result.stdout).toMatch(/--version/);
    for (const flag of FLAGS) {
      expect(result.stdout, `structgen --help should mention ${flag}`).toMatch(
        new RegExp(`(^|[\\s,])${flag}\\b`, "m"),
      );
    }
    expect(result.stdout).toMatch(/^Examples:$/m);
  });

  it.concurrent("--version and -v print the package.json version", async ({ expect }) => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const [long, short] = await Promise.all([runCli(["--version"]), runCli(["-v"])]);
    for (const result of [long, short]) {
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.stderr).toBe("");
    }
  });
});

interface JsonReport {
  ok: boolean;
  documents: { input: string; files: string[]; exports: string[] }[];
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    file: string;
    pointer: string;
    line?: number;
    column?: number;
  }[];
  written?: string[];
  unchanged?: string[];
}

describe("--json", () => {
  it("prints a report with per-document files, exported names and diagnostics", async () => {
    const cwd = cwdWithSeed();
    const warn = cliFixture("warn", "unknown-format.json");
    const result = await runCli(
      ["generate", "letta-run-structure.json", warn, "--out", "gen", "--json"],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    expectNoStackTrace(result);
    const report = JSON.parse(result.stdout) as JsonReport;

    expect(report.ok).toBe(true);
    const seed = report.documents.find((d) => d.input === "letta-run-structure.json");
    expect(seed?.files).toEqual([
      "letta-run.types.ts",
      "letta-run.guards.ts",
      "letta-run.schema.json",
    ]);
    expect(seed?.exports).toEqual(
      expect.arrayContaining([
        "isRun",
        "assertRun",
        "validateRun",
        "Run",
        "RunStatus",
        "RunStatusValues",
      ]),
    );
    const other = report.documents.find((d) => displayNames(cwd, warn).includes(d.input));
    expect(other?.files).toEqual([
      "warn-unknown-format.types.ts",
      "warn-unknown-format.guards.ts",
      "warn-unknown-format.schema.json",
    ]);
    expect(other?.exports).toEqual(expect.arrayContaining(["UnknownFormat", "isUnknownFormat"]));

    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: "SG_UNKNOWN_FORMAT",
        severity: "warning",
        pointer: "/fields/0/format",
        ...positionOf(readFileSync(warn, "utf8"), '"ticket-id"'),
      }),
    ]);
    expect(displayNames(cwd, warn)).toContain(report.diagnostics[0]?.file);

    // The manifest is written but not listed.
    expect([...(report.written ?? [])].sort()).toEqual(
      listFiles(join(cwd, "gen")).filter((file) => file !== MANIFEST_FILE),
    );
    expect(listFiles(join(cwd, "gen"))).toEqual(expect.arrayContaining([...SEED_OUTPUTS]));
  });

  it("still prints JSON, with the error diagnostics, on bad input; exits 1 and writes nothing", async () => {
    const cwd = cwdWithSeed();
    const bad = cliFixture("bad", "type-strng.json");
    const result = await runCli(
      ["generate", "letta-run-structure.json", bad, "--out", "gen", "--json"],
      { cwd },
    );
    expect(result.code).toBe(1);
    expectNoStackTrace(result);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.ok).toBe(false);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: "SG_UNKNOWN_TYPE",
        severity: "error",
        pointer: "/fields/0/type",
        ...positionOf(readFileSync(bad, "utf8"), '"strng"'),
      }),
    ]);
    expect(displayNames(cwd, bad)).toContain(report.diagnostics[0]?.file);
    expect(listFiles(cwd)).toEqual(["letta-run-structure.json"]);
  });
});

describe("output options", () => {
  it("--emit types,schema, --additional-properties false, --quiet and --no-format", async () => {
    const [emit, closed, quiet, raw] = [cwdWithSeed(), cwdWithSeed(), cwdWithSeed(), cwdWithSeed()];
    const args = ["generate", "letta-run-structure.json", "--out", "gen"];
    const results = await Promise.all([
      runCli([...args, "--emit", "types,schema"], { cwd: emit }),
      runCli([...args, "--additional-properties", "false"], { cwd: closed }),
      runCli([...args, "--quiet"], { cwd: quiet }),
      runCli([...args, "--no-format"], { cwd: raw }),
    ]);
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
    }

    // --emit types,schema: no guards file, and index.ts re-exports the types only.
    expect(listFiles(join(emit, "gen"))).toEqual([
      MANIFEST_FILE,
      "index.ts",
      "letta-run.schema.json",
      "letta-run.types.ts",
    ]);
    const index = readText(emit, "gen", "index.ts");
    expect(index.split("\n").filter((line) => line.startsWith("export"))).toEqual([
      'export * from "./letta-run.types.js";',
    ]);
    expect(index).not.toMatch(/guards/);
    expect(results[0]?.stdout).toMatch(SUMMARY(1, 3, 0, "gen"));

    // --additional-properties false closes the root object in the schema; the default leaves it open.
    const closedSchema = JSON.parse(readText(closed, "gen", "letta-run.schema.json")) as {
      additionalProperties?: unknown;
    };
    const defaultSchema = JSON.parse(readText(quiet, "gen", "letta-run.schema.json")) as {
      additionalProperties?: unknown;
    };
    expect(closedSchema.additionalProperties).toBe(false);
    expect(defaultSchema.additionalProperties).not.toBe(false);

    // --quiet prints nothing at all on success, and still writes.
    expect(results[2]?.stdout).toBe("");
    expect(results[2]?.stderr).toBe("");
    expect(listFiles(join(quiet, "gen"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);

    // --no-format is not silently ignored: the same files, not all byte-identical to the formatted ones.
    expect(listFiles(join(raw, "gen"))).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
    const differing = SEED_OUTPUTS.filter(
      (file) => readText(raw, "gen", file) !== readText(quiet, "gen", file),
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(JSON.parse(readText(raw, "gen", "letta-run.schema.json"))).toEqual(defaultSchema);
  });
});

describe("documents that collide", () => {
  const cases = [
    {
      name: "two names that map to the same file",
      dir: "collide-name",
      files: ["first.json", "second.json"],
      what: /output name/,
    },
    {
      name: "two entities that give the same type name",
      dir: "collide-type",
      files: ["ticket.json", "ticket-v2.json"],
      what: /"Ticket"/,
    },
  ];

  it("Core documents with one file name in two folders: a glob gives each its own subfolder; named one by one, the error says to rename a file", async () => {
    const cwd = tempCwd();
    const core = (name: string) =>
      JSON.stringify({
        $schema: "https://json-structure.org/meta/core/v0/#",
        $id: `https://example.com/${name}`,
        name,
        type: "object",
        properties: { id: { type: "string" } },
      });
    for (const [folder, name] of [
      ["person", "Person"],
      ["address", "Address"],
    ] as const) {
      mkdirSync(join(cwd, "samples", folder), { recursive: true });
      writeFileSync(join(cwd, "samples", folder, "schema.struct.json"), core(name));
    }
    const globbed = await runCli(["generate", "samples/**/schema.struct.json", "--out", "gen"], {
      cwd,
    });
    expect(globbed.code, globbed.stderr).toBe(0);
    expect(listFiles(join(cwd, "gen")).filter((file) => file.includes("/"))).toEqual(
      ["address", "person"].flatMap((folder) =>
        ["guards.ts", "schema.json", "types.ts"].map((kind) => `${folder}/schema.${kind}`),
      ),
    );

    const named = await runCli(
      [
        "generate",
        "samples/person/schema.struct.json",
        "samples/address/schema.struct.json",
        "--out",
        "named",
      ],
      { cwd },
    );
    expect(named.code, named.stderr).toBe(1);
    const errors = diagnosticLines(named.stderr).filter((d) => d.code === "SG_NAME_COLLISION");
    expect(errors.map((d) => d.message)).toEqual([
      'output name "schema" is also the output name of samples/person/schema.struct.json; rename one of the files (a JSON Structure document\'s output name is its file name), or name their folders (or a glob) as inputs instead, which gives each its own output subfolder',
    ]);
    expect(existsSync(join(cwd, "named"))).toBe(false);
  });

  it.concurrent.for(cases)(
    "$name: an error naming both inputs, nothing written",
    async (collision, { expect }) => {
      const cwd = tempCwd();
      const [a = "", b = ""] = collision.files.map((file) => cliFixture(collision.dir, file));
      const result = await runCli(["generate", a, b, "--out", "gen"], { cwd });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe("");
      expectNoStackTrace(result);
      const errors = diagnosticLines(result.stderr).filter((d) => d.code === "SG_NAME_COLLISION");
      expect(errors.length, result.stderr).toBeGreaterThan(0);
      const namesBoth = (text: string) =>
        displayNames(cwd, a).some((name) => text.includes(name)) &&
        displayNames(cwd, b).some((name) => text.includes(name));
      expect(
        errors.some((d) => namesBoth(d.text) && collision.what.test(d.message)),
        result.stderr,
      ).toBe(true);
      expect(listFiles(cwd)).toEqual([]);
    },
  );
});

describe("folders", () => {
  it("expand to the *.json files directly inside them (not nested folders, not other files; no duplicates)", async () => {
    const cwd = tempCwd();
    // alpha.json is also named on its own: one input, not a collision with itself.
    const result = await runCli(
      ["generate", cliFixture("folder"), cliFixture("folder", "alpha.json"), "--out", "gen"],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(SUMMARY(2, 8, 0, "gen"));
    expect(listFiles(join(cwd, "gen"))).toEqual([
      MANIFEST_FILE,
      "alpha.guards.ts",
      "alpha.schema.json",
      "alpha.types.ts",
      "beta.guards.ts",
      "beta.schema.json",
      "beta.types.ts",
      "index.ts",
      "runtime.ts",
    ]);
    const exports = readText(cwd, "gen", "index.ts")
      .split("\n")
      .filter((line) => line.startsWith("export"));
    expect(exports).toEqual([
      'export * from "./alpha.types.js";',
      'export * from "./alpha.guards.js";',
      'export * from "./beta.types.js";',
      'export * from "./beta.guards.js";',
    ]);
  });
});

describe("output folder problems", () => {
  it("an --out that is an existing file is an error naming it, without a stack trace", async () => {
    const cwd = cwdWithSeed();
    writeFileSync(join(cwd, "not-a-folder"), "keep me\n");
    const result = await runCli(["generate", "letta-run-structure.json", "--out", "not-a-folder"], {
      cwd,
    });
    expect(result.code).toBe(1);
    expectNoStackTrace(result);
    expect(result.stderr).toMatch(/error/);
    expect(result.stderr).toContain("not-a-folder");
    expect(readFileSync(join(cwd, "not-a-folder"), "utf8")).toBe("keep me\n");
  });
});
