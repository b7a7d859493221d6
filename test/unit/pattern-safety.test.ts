/**
 * Patterns with catastrophic backtracking (issue 16, src/read/pattern-safety.ts): a warning positioned at the
 * pattern and naming it, for Core documents and for the patterns --source-spec brings; none for the real patterns
 * of the corpus; none with `redosCheck: false`; guards and ajv still check the pattern as written and agree; a
 * `maxLength` keeps both from running it on a longer string; and a document without patterns never loads the
 * checker.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Options } from "../../src/model/options.js";
import { generate } from "../../src/pipeline/generate.js";
import {
  MAX_NESTING,
  MAX_UNBOUNDED,
  patternHazard,
  unsafePatternMessage,
} from "../../src/read/pattern-safety.js";
import { REPO_ROOT } from "../helpers/fixtures.js";
import { loadGuards, strictAjv } from "../helpers/outputs.js";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus");

function coreDocument(code: object): string {
  return JSON.stringify(
    {
      $schema: "https://json-structure.org/meta/extended/v0/#",
      $id: "https://example.com/redos",
      $uses: ["JSONStructureValidation"],
      name: "Doc",
      type: "object",
      properties: { code },
    },
    null,
    2,
  );
}

async function run(text: string, options: Options = {}) {
  return generate(
    { inputs: [{ path: "redos.struct.json", contents: text }], outDir: REPO_ROOT },
    { prettier: false, ...options },
  );
}

describe("patternHazard", () => {
  it.each([
    ["^(a+)+$", "exponential"],
    ["^(\\w+\\s?)+$", "exponential"],
    ["^([a-zA-Z0-9]+)*$", "exponential"],
    ["(x+x+)+y", "exponential"],
    ["\\s*#?\\s*$", "polynomial"],
    ["^\\d+\\d+$", "polynomial"],
    ["a+b", "polynomial"],
  ])("flags %s (%s)", (pattern, growth) => {
    expect(patternHazard(pattern)?.growth).toBe(growth);
  });

  it.each([
    "^[a-z]+$",
    "^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
    "^(?:[a-z]+)(?:-[a-z]+)*$",
    "^\\p{Lu}",
    "^[a-zA-Z0-9]{1,1000000}$",
  ])("passes %s", (pattern) => {
    expect(patternHazard(pattern)).toBeUndefined();
  });

  it.each([
    [
      "2,887 `x*` in a row (the hostile property's pattern that hung the analysis)",
      "\u009d*".repeat(2887),
    ],
    ["25 unbounded repetitions", "a*".repeat(25)],
    ["seven nested `(...)+`", `${"(?:".repeat(7)}x${")+".repeat(7)}`],
  ])("reports %s as too complex to check, without analysing it", (_what, pattern) => {
    expect(patternHazard(pattern)?.growth).toBe("unchecked");
  });

  it("analyses up to the limits", () => {
    expect(patternHazard(`${"a*".repeat(MAX_UNBOUNDED)}b`)?.growth).toBe("polynomial");
    expect(
      patternHazard(`^${"(?:".repeat(MAX_NESTING - 1)}x+${")+".repeat(MAX_NESTING - 1)}$`)?.growth,
    ).toBe("exponential");
  });

  it("passes every pattern of the corpus but the SDK's two ReDoS assets", () => {
    const patterns = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          walk(path);
        } else if (name.endsWith(".json")) {
          for (const m of readFileSync(path, "utf8").matchAll(
            /"pattern"\s*:\s*("(?:[^"\\]|\\.)*")/g,
          )) {
            patterns.set(JSON.parse(m[1] ?? '""') as string, path);
          }
        }
      }
    };
    walk(CORPUS);
    expect(patterns.size).toBeGreaterThan(40);
    const flagged = [...patterns.keys()].filter((p) => {
      try {
        new RegExp(p, "u");
      } catch {
        return false;
      }
      return patternHazard(p) !== undefined;
    });
    // schemas/adversarial/redos-catastrophic-backtracking and redos-pattern.
    expect(flagged.sort()).toEqual(["^([a-zA-Z0-9]+)*$", "^(a+)+$"]);
  });
});

describe("SG_UNSAFE_PATTERN", () => {
  const text = coreDocument({ type: "string", pattern: "^(a+)+$" });

  it("is a warning at the pattern, naming it; the outputs are still written", async () => {
    const result = await run(text);
    const hazard = patternHazard("^(a+)+$");
    expect(hazard).toBeDefined();
    expect(result.diagnostics.map((d) => ({ ...d, message: d.message.slice(0, 200) }))).toEqual([
      {
        code: "SG_UNSAFE_PATTERN",
        severity: "warning",
        file: "redos.struct.json",
        pointer: "/properties/code/pattern",
        line: 12,
        column: 18,
        message: unsafePatternMessage(
          "^(a+)+$",
          hazard ?? { growth: "exponential", character: "a" },
        ).slice(0, 200),
      },
    ]);
    expect(result.diagnostics[0]?.message).toContain('"^(a+)+$"');
    expect(result.files.map((f) => f.path).sort()).toEqual([
      "index.ts",
      "redos.guards.ts",
      "redos.schema.json",
      "redos.types.ts",
      "runtime.ts",
    ]);
  });

  it("is not given with redosCheck: false, and the outputs are the same bytes", async () => {
    const checked = await run(text);
    const unchecked = await run(text, { redosCheck: false });
    expect(unchecked.diagnostics).toEqual([]);
    expect(unchecked.files).toEqual(checked.files);
  });

  it("is given for a pattern in patternProperties and keyNames too", async () => {
    const result = await run(
      JSON.stringify({
        $schema: "https://json-structure.org/meta/extended/v0/#",
        $id: "https://example.com/redos",
        $uses: ["JSONStructureValidation"],
        name: "Doc",
        type: "object",
        properties: {
          tags: {
            type: "map",
            values: { type: "string" },
            keyNames: { type: "string", pattern: "(a|a?)+$" },
          },
          bag: {
            type: "object",
            properties: { inner: { type: "string" } },
            patternProperties: { "^(x+)+y": { type: "string" } },
          },
        },
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ["SG_UNSAFE_PATTERN", "/properties/tags/keyNames/pattern"],
      ["SG_UNSAFE_PATTERN", "/properties/bag/patternProperties/^(x+)+y"],
    ]);
  });

  it("guards and ajv check a flagged pattern as written, and agree", async () => {
    const result = await run(text);
    const guards = await loadGuards(
      result.files.find((f) => f.path.endsWith(".guards.ts"))!,
      result.files,
    );
    const schema = JSON.parse(
      result.files.find((f) => f.path.endsWith(".schema.json"))!.contents,
    ) as object;
    const ajv = strictAjv().compile(schema);
    for (const code of ["a", "aaaa", "", "ab", "b", "aaaaaaaaaaaa!"]) {
      const value = { code };
      expect(guards["isDoc"]?.(value), code).toBe(/^(a+)+$/u.test(code));
      expect(ajv(value), code).toBe(/^(a+)+$/u.test(code));
    }
  });

  it("is given in the spec file for a pattern --source-spec brings, unless redosCheck is false", async () => {
    const dir = mkdtempSync(join(tmpdir(), "structgen-redos-"));
    try {
      const summary = {
        jsonStructure: "0.1",
        name: "thing",
        entity: "Thing",
        fields: [{ name: "code", type: "object", required: false }],
      };
      const spec = {
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        paths: {},
        components: {
          schemas: {
            Thing: {
              type: "object",
              properties: { code: { type: "string", pattern: "^(\\w+\\s?)+$" } },
            },
          },
        },
      };
      writeFileSync(join(dir, "thing.json"), JSON.stringify(summary));
      writeFileSync(join(dir, "spec.json"), JSON.stringify(spec, null, 2));
      const enriched = (options: Options) =>
        generate(
          { inputs: [join(dir, "thing.json")], outDir: dir },
          { prettier: false, sourceSpec: join(dir, "spec.json"), ...options },
        );
      const checked = await enriched({});
      expect(checked.diagnostics.map((d) => [d.code, d.file, d.pointer, d.line, d.column])).toEqual(
        [
          [
            "SG_UNSAFE_PATTERN",
            join(dir, "spec.json"),
            "/components/schemas/Thing/properties/code/pattern",
            15,
            24,
          ],
        ],
      );
      expect((await enriched({ redosCheck: false })).diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** How often guard (is, validate) and ajv run the pattern `^(a+)+$` on `code`, and their verdicts. */
  async function patternRuns(document: string, code: string) {
    const result = await run(document);
    const guards = await loadGuards(
      result.files.find((f) => f.path.endsWith(".guards.ts"))!,
      result.files,
    );
    const schemaFile = result.files.find((f) => f.path.endsWith(".schema.json"))!;
    const ajv = strictAjv().compile(JSON.parse(schemaFile.contents) as object);
    const ran = (re: RegExp) => (re.source === "^(a+)+$" ? 1 : 0);
    // RegExp.prototype.test runs through the object's `exec`: every run of a pattern is one call here.
    const exec = vi.spyOn(RegExp.prototype, "exec");
    try {
      const verdicts = [
        guards["isDoc"]?.({ code }),
        (guards["validateDoc"]?.({ code }) as { ok: boolean }).ok,
        ajv({ code }),
      ];
      const runs = exec.mock.contexts.reduce((n: number, re) => n + ran(re as RegExp), 0);
      return { verdicts, runs };
    } finally {
      exec.mockRestore();
    }
  }

  it("maxLength keeps guards and ajv from running the pattern on a longer string", async () => {
    const bounded = coreDocument({ type: "string", maxLength: 20, pattern: "^(a+)+$" });
    // The spies see the pattern run when the string is short enough...
    expect(await patternRuns(bounded, "aaaa!")).toEqual({
      verdicts: [false, false, false],
      runs: 3,
    });
    // ...and never on a longer one, which both reject on its length first.
    expect(await patternRuns(bounded, `${"a".repeat(40)}!`)).toEqual({
      verdicts: [false, false, false],
      runs: 0,
    });
  });

  it("a document without patterns does not load the checker (a fresh process, built code)", () => {
    const script = `
      const { generate } = await import(${JSON.stringify(join(REPO_ROOT, "dist", "pipeline", "generate.js"))});
      const { createRequire } = await import("node:module");
      const flat = '{"jsonStructure": "0.1", "entity": "Run", "fields": [{"name": "a", "type": "string"}]}';
      const core = ${JSON.stringify(coreDocument({ type: "string", maxLength: 3 }))};
      await generate({ inputs: [{ path: "a.json", contents: flat }, { path: "b.struct.json", contents: core }] }, { prettier: false });
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("scslre"));
      const before = loaded();
      await generate({ inputs: [{ path: "c.struct.json", contents: ${JSON.stringify(text)} }] }, { prettier: false });
      console.log(JSON.stringify({ before, after: loaded() }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });
});
