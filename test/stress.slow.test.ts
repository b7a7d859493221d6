/**
 * Time and memory grow no worse than linearly: each scenario runs the built pipeline at a size and at four times
 * that size, each in a fresh process, and four times the input may cost at most TWELVE times the CPU time and the
 * memory (generous: machines are noisy, and fixed costs only make the ratio smaller). `npm test` uses small sizes;
 * `npm run test:stress` the large ones, and adds prettier formatting. The measured table is printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Options } from "../src/model/options.js";
import {
  coreAliasChain,
  coreExtendsChain,
  coreWide,
  deepArrays,
  flatBigDescriptions,
  flatBigEnum,
  flatBigEnumWrongAtEnd,
  flatBigWrongAtEnd,
  flatDuplicateFields,
  flatFields,
  flatUnknownKeys,
  manyDocuments,
} from "./helpers/big-inputs.js";
import { ensureBuilt } from "./helpers/cli-process.js";
import { type Measurement, measure, STRESS } from "./helpers/stress.js";

/** Only catches a hang: the largest stress run takes about a minute on a quiet machine. */
const HANG_MS = STRESS ? 20 * 60_000 : 5 * 60_000;
const MAX_RATIO = 12;
vi.setConfig({ testTimeout: 3 * HANG_MS });

interface Scenario {
  readonly name: string;
  /** The input documents at a size, as texts with file names. */
  readonly build: (size: number) => readonly { readonly name: string; readonly text: string }[];
  readonly sizes: readonly [number, number];
  readonly options: Options;
  /** What the run must end in. */
  readonly expect: "output" | "errors";
  readonly unit: string;
}

const one = (name: string, make: (size: number) => string) => (size: number) => [
  { name, text: make(size) },
];
const pick = (normal: number, stress: number): [number, number] =>
  STRESS ? [stress, 4 * stress] : [normal, 4 * normal];
const NO_PRETTIER: Options = { prettier: false };

const SCENARIOS: readonly Scenario[] = [
  {
    name: "flat summary, many fields",
    build: one("fields.json", flatFields),
    sizes: pick(500, 2_500),
    options: NO_PRETTIER,
    expect: "output",
    unit: "fields",
  },
  {
    name: "a legal document of long descriptions",
    build: one("long.json", flatBigDescriptions),
    sizes: pick(1e6, 10e6),
    options: NO_PRETTIER,
    expect: "output",
    unit: "bytes",
  },
  {
    name: "a document wrong at its very end",
    build: one("wrong.json", flatBigWrongAtEnd),
    sizes: pick(1e6, 10e6),
    options: {},
    expect: "errors",
    unit: "bytes",
  },
  {
    name: "arrays nested past the limit",
    build: one("deep.json", deepArrays),
    sizes: pick(100_000, 1_000_000),
    options: {},
    expect: "errors",
    unit: "levels",
  },
  {
    name: "an enum of many values",
    build: one("enum.json", flatBigEnum),
    sizes: pick(2_000, 20_000),
    options: NO_PRETTIER,
    expect: "output",
    unit: "values",
  },
  {
    name: "an enum of many values, wrong at its end (checking alone)",
    build: one("enum-wrong.json", flatBigEnumWrongAtEnd),
    sizes: pick(5_000, 20_000),
    options: {},
    expect: "errors",
    unit: "values",
  },
  {
    name: "many unknown keys (a warning each)",
    build: one("keys.json", flatUnknownKeys),
    sizes: pick(5_000, 50_000),
    options: NO_PRETTIER,
    expect: "output",
    unit: "keys",
  },
  {
    name: "many repeated fields (an error each)",
    build: one("dups.json", flatDuplicateFields),
    sizes: pick(5_000, 50_000),
    options: {},
    expect: "errors",
    unit: "fields",
  },
  {
    name: "many documents",
    build: (size) => manyDocuments(size).map((d) => ({ name: `${d.name}.json`, text: d.text })),
    sizes: pick(25, 100),
    options: NO_PRETTIER,
    expect: "output",
    unit: "documents",
  },
  {
    name: "JSON Structure Core, many definitions",
    build: one("wide.struct.json", coreWide),
    sizes: pick(100, 500),
    options: NO_PRETTIER,
    expect: "output",
    unit: "definitions",
  },
  {
    name: "JSON Structure Core, a chain of aliases",
    build: one("aliases.struct.json", coreAliasChain),
    sizes: pick(100, 500),
    options: NO_PRETTIER,
    expect: "output",
    unit: "aliases",
  },
  {
    name: "JSON Structure Core, a chain of $extends past the limit",
    build: one("extends.struct.json", coreExtendsChain),
    sizes: pick(2_500, 25_000),
    options: NO_PRETTIER,
    expect: "errors",
    unit: "levels",
  },
  ...(STRESS
    ? [
        {
          name: "flat summary, many fields, with prettier",
          build: one("fields.json", flatFields),
          sizes: [500, 2_000] as [number, number],
          options: {},
          expect: "output" as const,
          unit: "fields",
        },
        {
          name: "many documents, with prettier",
          build: (size: number) =>
            manyDocuments(size).map((d) => ({ name: `${d.name}.json`, text: d.text })),
          sizes: [50, 200] as [number, number],
          options: {},
          expect: "output" as const,
          unit: "documents",
        },
      ]
    : []),
];

let root: string;
const table: string[] = [];

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), "structgen-stress-"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.info(
    [
      `structgen ${STRESS ? "stress" : "scaling"} measurements (4x the input must cost < ${MAX_RATIO}x):`,
      "| scenario | size | CPU ms (wall) | peak MB | size x4 | CPU ms (wall) | peak MB | time ratio | memory ratio |",
      "|---|---|---|---|---|---|---|---|---|",
      ...table,
    ].join("\n"),
  );
});

/** Writes the scenario's inputs at `size` to their own folder; returns their paths. */
function materialize(scenario: Scenario, size: number): string[] {
  const dir = mkdtempSync(join(root, "run-"));
  return scenario.build(size).map((doc) => {
    const path = join(dir, doc.name);
    writeFileSync(path, doc.text);
    return path;
  });
}

/** Keeps the cheaper of two runs' CPU time and wall time, and the larger of their peaks (one run is one fresh process). */
function better(a: Measurement | undefined, b: Measurement): Measurement {
  if (a === undefined) {
    return b;
  }
  return {
    ...b,
    ms: Math.min(a.ms, b.ms),
    cpuMs: Math.min(a.cpuMs, b.cpuMs),
    peakBytes: Math.max(a.peakBytes, b.peakBytes),
  };
}

describe("time and memory grow no worse than linearly", () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "%s",
    async (_name, scenario) => {
      const [small, large] = scenario.sizes;
      const inputs = [materialize(scenario, small), materialize(scenario, large)] as const;
      // Time is CPU time, which a busy machine does not stretch by preempting the child (wall time did: a CI run under
      // load average 8 once measured 280 ms -> 3,418 ms here, where 110 ms -> 400 ms is usual). Two runs at each size,
      // taken in turn (small, large, small, large), so that a burst of load lands on both sizes alike.
      let a: Measurement | undefined;
      let b: Measurement | undefined;
      for (let round = 0; round < 2; round++) {
        a = better(a, await measure(inputs[0], scenario.options, HANG_MS));
        b = better(b, await measure(inputs[1], scenario.options, HANG_MS));
      }
      if (a === undefined || b === undefined) {
        throw new Error("no measurement");
      }
      for (const m of [a, b]) {
        if (scenario.expect === "output") {
          expect([m.errors, m.files > 0], JSON.stringify(m)).toEqual([0, true]);
        } else {
          expect([m.errors > 0, m.files], JSON.stringify(m)).toEqual([true, 0]);
        }
      }
      const timeRatio = b.cpuMs / a.cpuMs;
      const memoryRatio = b.peakBytes / a.peakBytes;
      const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
      table.push(
        `| ${scenario.name} | ${small} ${scenario.unit} | ${a.cpuMs.toFixed(0)} (${a.ms.toFixed(0)}) | ${mb(a.peakBytes)} | ${large} | ${b.cpuMs.toFixed(0)} (${b.ms.toFixed(0)}) | ${mb(b.peakBytes)} | ${timeRatio.toFixed(2)} | ${memoryRatio.toFixed(2)} |`,
      );
      expect(
        timeRatio,
        `CPU time ${a.cpuMs.toFixed(0)} ms -> ${b.cpuMs.toFixed(0)} ms`,
      ).toBeLessThan(MAX_RATIO);
      expect(memoryRatio, `memory ${mb(a.peakBytes)} MB -> ${mb(b.peakBytes)} MB`).toBeLessThan(
        MAX_RATIO,
      );
    },
  );
});
