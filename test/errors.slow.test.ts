/**
 * The bad-input catalogue (fixtures/errors/, see helpers/error-cases.ts): every case, through the pipeline and
 * through the CLI (in process), ends in exactly its expected positioned diagnostics (exit 1) or, when the input is
 * legal, in its outputs (exit 0); never in an exception, a stack trace or a hang. The big cases (recipes) run in a
 * child process on the built pipeline (dist/). `npm run test:stress` runs the recipe cases at their stress sizes.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DiagnosticSink } from "../src/model/diagnostics.js";
import { MAX_DEPTH, readSource } from "../src/read/source.js";
import { generate } from "../src/pipeline/generate.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { deepArrays, deepObjects } from "./helpers/big-inputs.js";
import { type CliResult, diagnosticLines, listFiles, runCli, stackFrames } from "./helpers/cli.js";
import { ensureBuilt, SPAWN_TIMEOUT_MS } from "./helpers/cli-process.js";
import { asExpected, type ErrorCase, errorCases, materialize } from "./helpers/error-cases.js";
import { typecheck } from "./helpers/outputs.js";
import { generateInChild, STRESS } from "./helpers/stress.js";

/** Generous: the slowest case (10,000 fields, or 10 MB) takes a few seconds; this only catches a hang. */
const HANG_MS = STRESS ? 600_000 : 120_000;
vi.setConfig({ testTimeout: HANG_MS, hookTimeout: HANG_MS });

const CASES = errorCases();
const LEGAL = CASES.filter((c) => c.outputs !== undefined);
const BAD = CASES.filter((c) => c.outputs === undefined);
/** One CLI run takes one set of options: the cases that need their own (options.json) are left to generate(). */
const ONE_RUN = BAD.filter((c) => Object.keys(c.options).length === 0);

let root: string;

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), "structgen-errors-"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const runs = new Map<string, ReturnType<typeof runCaseOnce>>();

/** Runs one case through `generate()` exactly as the CLI would read it (bytes from disk); once per case. */
function runCase(errorCase: ErrorCase): ReturnType<typeof runCaseOnce> {
  const run = runs.get(errorCase.name) ?? runCaseOnce(errorCase);
  runs.set(errorCase.name, run);
  return run;
}

async function runCaseOnce(errorCase: ErrorCase) {
  const input = materialize(errorCase, root, STRESS);
  // Big inputs run in a child process: one that exhausts memory fails its own test, not the whole file.
  const result =
    errorCase.recipe === undefined
      ? await generate(
          { inputs: [{ path: input, contents: readFileSync(input) }] },
          errorCase.options,
        )
      : await generateInChild([input], errorCase.options, HANG_MS, STRESS ? 8192 : 2048);
  const diagnostics = result.diagnostics.map((d) =>
    asExpected(d, dirname(input), errorCase.inputName),
  );
  return { input, result, diagnostics };
}

describe("the catalogue is complete", () => {
  it("has a case for each kind of bad input the issue lists", () => {
    const names = CASES.map((c) => c.name);
    for (const required of [
      "empty",
      "whitespace-only",
      "bom-accepted",
      "invalid-utf8",
      "binary-png",
      "top-level-array",
      "top-level-string",
      "duplicate-key-document",
      "wrong-shape-document-keys",
      "wrong-shape-field-keys",
      "unknown-types",
      "duplicate-fields",
      "enum-problems",
      "name-empty",
      "name-10000-characters",
      "flat-10000-fields",
      "core-deep-10000",
      "big-10mb",
      "core-ref-cycle",
      "core-extends-cycle",
      "core-import-cycle",
      "core-ref-nowhere",
      // Issue 13: what the catalog reading still rejects.
      "catalog-fields-not-array",
      "catalog-field-problems",
      "catalog-duplicate-fields",
      "catalog-unbalanced-type",
      "catalog-python-list",
      "catalog-declared-collision",
      "catalog-required-invalid",
      "catalog-strict",
    ]) {
      expect(names).toContain(required);
    }
    expect(names.filter((name) => name.startsWith("json-")).length).toBeGreaterThanOrEqual(5);
  });

  it("every bad case expects at least one error, each with a line and column", () => {
    for (const errorCase of BAD) {
      const errors = errorCase.diagnostics.filter((d) => d.severity === "error");
      expect(errors.length, errorCase.name).toBeGreaterThan(0);
      for (const d of errors) {
        expect(d.line, `${errorCase.name} ${d.code}`).toBeGreaterThan(0);
        expect(d.column, `${errorCase.name} ${d.code}`).toBeGreaterThan(0);
      }
    }
  });
});

describe("through generate()", () => {
  it.for(BAD)("$name: exactly the expected diagnostics, no output", async (errorCase) => {
    const { result, diagnostics } = await runCase(errorCase);
    expect(diagnostics.map(({ message: _message, ...rest }) => rest)).toEqual(
      errorCase.diagnostics,
    );
    expect(result.files).toEqual([]);
    for (const d of diagnostics) {
      expect(d.message.trim(), d.code).not.toBe("");
      expect(stackFrames(d.message), d.message).toEqual([]);
    }
  });

  it.for(LEGAL)("$name: legal, generates its outputs", async (errorCase) => {
    const { result, diagnostics } = await runCase(errorCase);
    expect(diagnostics.map(({ message: _message, ...rest }) => rest)).toEqual(
      errorCase.diagnostics,
    );
    expect(result.files.map((f) => f.path)).toEqual(errorCase.outputs);
    const schema = result.files.find((f) => f.path.endsWith(".schema.json"));
    expect(() => JSON.parse(schema?.contents ?? "") as unknown).not.toThrow();
  });

  it("a UTF-8 byte order mark changes nothing: the same bytes as the document without it", async () => {
    const bom = CASES.find((c) => c.name === "bom-accepted");
    const path = join(root, "bom.json");
    const bytes = readFileSync(join(bom?.dir ?? "", "input.json"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [withBom, without] = await Promise.all([
      generate({ inputs: [{ path, contents: bytes }] }),
      generate({ inputs: [{ path, contents: bytes.subarray(3) }] }),
    ]);
    expect(withBom.diagnostics).toEqual([]);
    expect(withBom.files).toEqual(without.files);
  });

  it("the small legal outputs typecheck under strict settings", async () => {
    const small = LEGAL.filter(
      (c) =>
        c.recipe === undefined ||
        c.name === "flat-nested-extra-at-limit" ||
        c.name === "core-deep-at-limit",
    );
    expect(small.length).toBeGreaterThanOrEqual(4);
    for (const errorCase of small) {
      const { result } = await runCase(errorCase);
      expect(typecheck(result.files, "nodenext"), errorCase.name).toEqual([]);
    }
  });

  it("10,000 fields: every one of them is in the types, the guards and the schema", async () => {
    const many = LEGAL.find((c) => c.name === "flat-10000-fields");
    const { result } = await runCase(many as ErrorCase);
    const count = STRESS ? (many?.recipe?.stressSize ?? 0) : (many?.recipe?.size ?? 0);
    const schema = JSON.parse(
      result.files.find((f) => f.path.endsWith(".schema.json"))?.contents ?? "{}",
    ) as { properties?: object };
    expect(Object.keys(schema.properties ?? {})).toHaveLength(count);
    const types = result.files.find((f) => f.path.endsWith(".types.ts"))?.contents ?? "";
    expect(types.match(/^\s+(?:readonly )?"?[a-z]+_\d+"?\??:/gm)?.length).toBe(count);
    const guards = result.files.find((f) => f.path.endsWith(".guards.ts"))?.contents ?? "";
    const last = Object.keys(schema.properties ?? {}).at(-1) ?? "?";
    expect(last).toMatch(new RegExp(`_${count - 1}$`));
    expect(guards).toContain(`"${last}"`);
  });
});

describe("the reader survives nesting it will not read", () => {
  const read = (text: string) => {
    const sink = new DiagnosticSink("deep.json");
    const source = readSource("deep.json", new TextEncoder().encode(text), sink);
    return { source, diagnostics: sink.items };
  };
  const depth = STRESS ? 1_000_000 : 10_000;

  it.for([
    ["arrays", deepArrays],
    ["objects", deepObjects],
  ] as const)(
    `%s nested ${depth} deep: one SG_TOO_DEEP at the first level too many, no exception`,
    ([, make]) => {
      const { source, diagnostics } = read(make(depth));
      expect(source).toBeUndefined();
      expect(diagnostics.map((d) => [d.code, d.line])).toEqual([["SG_TOO_DEEP", 1]]);
      expect(diagnostics[0]?.pointer.split("/").length).toBe(MAX_DEPTH + 1);
    },
  );

  it.for([
    ["arrays", deepArrays],
    ["objects", deepObjects],
  ] as const)(`%s nested exactly ${MAX_DEPTH} deep are read, every level`, ([kind, make]) => {
    const { source, diagnostics } = read(make(MAX_DEPTH));
    expect(diagnostics).toEqual([]);
    let value: unknown = source?.value;
    let levels = 0;
    while (typeof value === "object" && value !== null) {
      value = kind === "arrays" ? (value as unknown[])[0] : (value as Record<string, unknown>)["a"];
      levels++;
    }
    expect([levels, value]).toEqual([MAX_DEPTH, 1]);
    const deepest = (kind === "arrays" ? "/0" : "/a").repeat(MAX_DEPTH - 1);
    expect(source?.locate(deepest)).toEqual({
      line: 1,
      column: kind === "arrays" ? MAX_DEPTH : 5 * (MAX_DEPTH - 1) + 1,
    });
  });

  it("unbalanced and malformed deep input is a diagnostic too", () => {
    for (const text of [
      "[".repeat(depth),
      '{"a":'.repeat(depth),
      `${"[".repeat(100)}}`,
      "]".repeat(depth),
    ]) {
      const { source, diagnostics } = read(text);
      expect(source).toBeUndefined();
      expect(diagnostics.length, text.slice(0, 20)).toBe(1);
      expect(diagnostics[0]?.line).toBe(1);
    }
  });
});

describe("through the CLI", () => {
  function expectNoStackTrace(result: CliResult): void {
    expect(stackFrames(result.stderr), result.stderr.slice(0, 2000)).toEqual([]);
    expect(stackFrames(result.stdout), result.stdout.slice(0, 2000)).toEqual([]);
  }

  it("all bad cases in one run: exit 1, each case's diagnostics as file:line:column, nothing written", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "structgen-errors-cli-"));
    try {
      const inputs = ONE_RUN.map((c) => relative(cwd, materialize(c, cwd, false)));
      const result = await runCli(["generate", ...inputs, "--out", "gen"], { cwd });
      expect(result.code, result.stderr.slice(0, 2000)).toBe(1);
      expect(result.stdout).toBe("");
      expectNoStackTrace(result);
      const lines = diagnosticLines(result.stderr);
      for (const errorCase of ONE_RUN) {
        const file = (d: { file?: string }) => `${errorCase.name}/${d.file ?? errorCase.inputName}`;
        const got = lines
          .filter((d) => d.file.startsWith(`${errorCase.name}/`))
          .map((d) => [d.file, d.severity, d.code, d.line, d.column]);
        const want = errorCase.diagnostics.map((d) => [
          file(d),
          d.severity,
          d.code,
          d.line,
          d.column,
        ]);
        expect(got, errorCase.name).toEqual(want);
      }
      expect(listFiles(join(cwd, "gen"))).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it(
    "the legal cases in one run: exit 0 and every expected output written",
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), "structgen-errors-cli-"));
      // The big ones (10,000 fields, 10 MB, long chains) already ran through generate(); the CLI gets them under stress.
      const legal = LEGAL.filter((c) => STRESS || c.recipe === undefined || c.recipe.size <= 1_000);
      try {
        // Core documents are named after their file: each gets its case's name, so that they do not collide.
        const named = (c: ErrorCase) => (c.outputs ?? []).some((path) => path.startsWith("input."));
        const inputs = legal.map((c) => {
          const input = materialize(c, cwd, false);
          if (!named(c)) {
            return relative(cwd, input);
          }
          renameSync(input, join(dirname(input), `${c.name}.json`));
          return relative(cwd, join(dirname(input), `${c.name}.json`));
        });
        const result = await runCli(["generate", ...inputs, "--out", "gen", "--no-format"], {
          cwd,
        });
        expect(result.code, result.stderr.slice(0, 2000)).toBe(0);
        expectNoStackTrace(result);
        expect(diagnosticLines(result.stderr).filter((d) => d.severity === "error")).toEqual([]);
        const expected = new Set(
          legal.flatMap((c) =>
            (c.outputs ?? []).map((path) =>
              named(c) ? path.replace(/^input\./, `${c.name}.`) : path,
            ),
          ),
        );
        // Warnings or not, the run records what it wrote.
        expect(listFiles(join(cwd, "gen"))).toEqual([MANIFEST_FILE, ...expected].sort());
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    2 * SPAWN_TIMEOUT_MS,
  );
});
