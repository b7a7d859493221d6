/**
 * Fuzzing both dialect readers through the pipeline (prettier off): arbitrary JSON values, documents shaped like
 * flat summaries and like JSON Structure Core with every key sometimes wrong, and mutated real documents (the
 * fixtures and ../shared/corpus: byte flips, insertions, deletions, truncation, renamed keys, values of another
 * type, repeated keys, CRLF). Every run ends in output files or diagnostics, in bounded time: never an exception.
 * `npm run test:stress` runs ten times as many cases.
 */
import { basename } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../src/model/diagnostics.js";
import { generate, type GenerateResult } from "../src/pipeline/generate.js";
import { coreLike, flatLike, mutate, mutation, seeds } from "./helpers/mutations.js";
import { STRESS } from "./helpers/stress.js";

const RUNS = STRESS ? 2000 : 150;
/** One document through the pipeline takes milliseconds; this only catches a hang. */
const PER_RUN_MS = 20_000;
/** Each property's budget: the per-run guard above catches a hang; under stress, thousands of runs add up. */
const PROPERTY_MS = STRESS ? 1_800_000 : 60_000;
const SEEDS = seeds();
const KNOWN_CODES = Object.keys(DIAGNOSTIC_CODES);

/** Runs one document through the pipeline; rejects on an escaping exception or a run longer than PER_RUN_MS. */
async function runOne(path: string, contents: Uint8Array | string): Promise<GenerateResult> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${PER_RUN_MS} ms`)), PER_RUN_MS);
  });
  try {
    return await Promise.race([
      generate({ inputs: [{ path, contents }] }, { prettier: false }),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What every result must be: files xor errors, known codes, messages, and a position on every error. */
function expectWellFormed(result: GenerateResult): void {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of result.diagnostics) {
    expect(KNOWN_CODES, d.message).toContain(d.code);
    expect(d.message.trim()).not.toBe("");
    expect(d.message).not.toMatch(/\n\s+at /);
  }
  if (errors.length > 0) {
    expect(result.files).toEqual([]);
    for (const d of errors) {
      expect([d.code, d.line, d.column], `${d.code} ${d.message} (at ${d.pointer})`).toEqual([
        d.code,
        expect.any(Number),
        expect.any(Number),
      ]);
    }
    return;
  }
  expect(result.files.length).toBeGreaterThan(0);
  for (const file of result.files) {
    if (file.path.endsWith(".json")) {
      expect(() => JSON.parse(file.contents) as unknown, file.path).not.toThrow();
    } else {
      const syntax =
        ts.transpileModule(file.contents, { fileName: file.path, reportDiagnostics: true })
          .diagnostics ?? [];
      expect(
        syntax.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")),
        file.path,
      ).toEqual([]);
    }
  }
}

describe("the seeds", () => {
  it("include real documents of both dialects", () => {
    expect(SEEDS.length).toBeGreaterThan(20);
    const text = SEEDS.map((s) => new TextDecoder().decode(s.bytes));
    expect(text.some((t) => t.includes('"jsonStructure"'))).toBe(true);
    expect(text.some((t) => t.includes("json-structure.org/meta/core"))).toBe(true);
  });
});

describe("fuzzing the readers", () => {
  it(
    "arbitrary JSON values",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
          expectWellFormed(await runOne("fuzz/value.json", JSON.stringify(value)));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_MS,
  );

  it(
    "arbitrary text and bytes",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
            fc.uint8Array({ maxLength: 200 }),
          ),
          async (bytes) => {
            expectWellFormed(await runOne("fuzz/bytes.json", bytes));
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_MS,
  );

  it(
    "documents shaped like flat summaries",
    async () => {
      await fc.assert(
        fc.asyncProperty(flatLike, fc.boolean(), async (doc, pretty) => {
          expectWellFormed(
            await runOne("fuzz/flat.json", JSON.stringify(doc, null, pretty ? 2 : undefined)),
          );
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_MS,
  );

  it(
    "documents shaped like JSON Structure Core",
    async () => {
      await fc.assert(
        fc.asyncProperty(coreLike, async (doc) => {
          expectWellFormed(await runOne("fuzz/core.struct.json", JSON.stringify(doc, null, 2)));
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_MS,
  );

  it(
    "mutated real documents (fixtures and the shared corpus)",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...SEEDS),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          async (seed, mutations) => {
            const bytes = mutations.reduce((current, m) => mutate(current, m), seed.bytes);
            // The seed's own name, so that Core documents keep their file-stem names and relative imports still resolve.
            expectWellFormed(
              await runOne(
                seed.path.replace(basename(seed.path), `fuzzed-${basename(seed.path)}`),
                bytes,
              ),
            );
          },
        ),
        { numRuns: 2 * RUNS },
      );
    },
    PROPERTY_MS,
  );

  it("every unmutated seed is read without an escaping exception", async () => {
    for (const seed of SEEDS) {
      expectWellFormed(await runOne(seed.path, seed.bytes));
    }
  });
});
