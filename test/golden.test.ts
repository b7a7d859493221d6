/**
 * Golden cases: every fixture's outputs match its expected/ folder byte for byte, typecheck under strict
 * settings in both module modes, compile in ajv strict mode, and give the expected verdict on every sample
 * from the guard, from validate and from ajv alike.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../src/pipeline/generate.js";
import { compareCodeUnits } from "../src/model/order.js";
import { listFiles } from "./helpers/cli.js";
import { type GoldenCase, goldenCases, REPO_ROOT } from "./helpers/fixtures.js";
import {
  ajvWarnings,
  type GuardModule,
  loadGuards,
  strictAjv,
  typecheck,
} from "./helpers/outputs.js";

const cases = [
  ...goldenCases("flat"),
  ...goldenCases("core"),
  ...goldenCases("enrich"),
  ...goldenCases("catalog"),
];

describe.each(cases)("golden case $dir", (golden: GoldenCase) => {
  let result: GenerateResult;
  let guards: GuardModule | undefined;

  beforeAll(async () => {
    const inputs = golden.inputs.map((path) => ({
      path,
      contents: readFileSync(join(REPO_ROOT, path)),
    }));
    result = await generate(
      { inputs, outDir: join(REPO_ROOT, golden.dir, "expected") },
      golden.options,
    );
    const guardFile = result.files.find((f) => f.path.endsWith(".guards.ts"));
    guards = guardFile === undefined ? undefined : await loadGuards(guardFile, result.files);
  });

  it("generates without errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.files.length).toBeGreaterThan(0);
  });

  it("matches the expected outputs", async () => {
    for (const file of result.files) {
      await expect(file.contents).toMatchFileSnapshot(
        join(REPO_ROOT, golden.dir, "expected", file.path),
      );
    }
  });

  it("has exactly these outputs in expected/ (none left from an earlier layout)", () => {
    const expected = listFiles(join(REPO_ROOT, golden.dir, "expected"));
    expect(expected).toEqual(result.files.map((f) => f.path).sort(compareCodeUnits));
  });
  // The catalog reading's notes and warnings are part of what a case shows: each guess is said, where it is made.
  it.skipIf(!golden.dir.startsWith("fixtures/catalog/"))(
    "reports the expected notes and warnings, positioned",
    async () => {
      const lines = result.diagnostics.map(
        (d) =>
          `${relative(REPO_ROOT, d.file).replace(/\\/g, "/")}:${d.line ?? "?"}:${d.column ?? "?"} ${d.severity} ${d.code} ${d.pointer || "(root)"}: ${d.message}`,
      );
      await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(
        join(REPO_ROOT, golden.dir, "diagnostics.txt"),
      );
    },
  );

  it.each(["nodenext", "bundler"] as const)("typechecks under strict settings (%s)", (mode) => {
    expect(typecheck([...result.files, ...callerOf(result)], mode)).toEqual([]);
  });

  it("compiles in ajv strict mode with ajv-formats, without warnings", () => {
    for (const file of result.files.filter((f) => f.path.endsWith(".schema.json"))) {
      const ajv = strictAjv();
      expect(() => ajv.compile(JSON.parse(file.contents) as object)).not.toThrow();
      expect(ajvWarnings(ajv)).toEqual([]);
    }
  });

  it("gives the expected verdict on every sample, from is, validate, assert and ajv alike", () => {
    const root = result.models[0]?.root ?? "";
    const schemaFile = result.files.find((f) => f.path.endsWith(".schema.json"));
    if (guards === undefined || schemaFile === undefined) {
      return;
    }
    const ajvValidate = strictAjv().compile(JSON.parse(schemaFile.contents) as object);
    const is = guards[`is${root}`];
    const validate = guards[`validate${root}`];
    const assert = guards[`assert${root}`];
    expect(is).toBeTypeOf("function");
    const verdicts = [
      ...golden.validSamples.map((s) => ({ ...s, expected: true })),
      ...golden.invalidSamples.map((s) => ({ ...s, expected: false })),
    ];
    for (const sample of verdicts) {
      const outcome = {
        sample: sample.name,
        is: is?.(sample.value),
        validate: (validate?.(sample.value) as { ok: boolean }).ok,
        assert: !throws(() => assert?.(sample.value)),
        ajv: ajvValidate(sample.value),
      };
      expect(outcome).toEqual({
        sample: sample.name,
        is: sample.expected,
        validate: sample.expected,
        assert: sample.expected,
        ajv: sample.expected,
      });
    }
  });
});

/**
 * A caller's file that names a validate result through index.ts, as the result types are exported for (none when
 * the run has no root guard, or a type of its own takes one of those names).
 */
function callerOf(result: GenerateResult): { path: string; contents: string }[] {
  const root = result.models[0]?.root;
  const names = new Set(result.models.flatMap((m) => m.declarations.map((d) => d.name)));
  const guarded = result.files.some((f) => f.contents.includes(`export function validate${root}(`));
  if (root === undefined || !guarded || names.has("Failure") || names.has("Validation")) {
    return [];
  }
  const contents = [
    `import { validate${root}, type Failure, type Validation, type ${root} } from "./index.js";`,
    `export const result: Validation<${root}> = validate${root}(null);`,
    "export const failures: readonly Failure[] = result.ok ? [] : result.errors;",
    "",
  ].join("\n");
  return [{ path: "caller.ts", contents }];
}

function throws(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}
