/**
 * The benchmark suite (issue 6): guards vs ajv, generation vs json-schema-to-typescript, start-up, --check and
 * scaling. `runSuite(FULL)` is `npm run bench`; `runSuite(SMOKE)` is `npm run bench:smoke` and the vitest smoke
 * test. Both produce the same rows (ids), only with smaller sizes and time budgets.
 */
import { cpus, loadavg, arch, platform, totalmem } from "node:os";
import { createWorkspace, deriveDocuments, loadBaseSummaries } from "./corpus.ts";
import {
  benchCheck,
  benchCorpusCli,
  benchScalePoint,
  benchStartup,
  benchTypesOnly,
  benchWarmPerDocument,
  type ScalePoint,
} from "./generation.ts";
import { BATCH, benchGuardsOn, type GuardTiming, type Subject } from "./guards.ts";
import { measureNode, rssAddedPer1000 } from "./node-figures.ts";
import type { NodeFigures } from "./targets.ts";
import { snapshotBuild } from "./build.ts";
import { packageVersion, structgenVersion } from "./paths.ts";
import { INVALID_PAYLOADS, VALID_PAYLOADS } from "./payloads.ts";
import { rssMethod } from "./spawn.ts";
import { harmonicMean } from "./stats.ts";
import type { Row } from "./table.ts";

export interface BenchConfig {
  readonly name: "full" | "smoke";
  /** tinybench time budget per guard task (ms) and its warm-up (ms). */
  readonly guardTimeMs: number;
  readonly guardWarmupMs: number;
  /** Documents in the generation comparison (the issue's 500). */
  readonly documents: number;
  /** CLI runs per tool over the corpus: up to `corpusRuns`, while under `corpusBudgetMs` (at least one); median. */
  readonly corpusRuns: number;
  readonly corpusBudgetMs: number;
  /** Runs per tool for start-up (median). */
  readonly startupRuns: number;
  /** `--check` runs: up to `checkRuns`, while under `checkBudgetMs` (at least one); median. */
  readonly checkRuns: number;
  readonly checkBudgetMs: number;
  /** In process: the first `warmDocuments` documents of the corpus, `warmPasses` timed passes (best pass). */
  readonly warmDocuments: number;
  readonly warmPasses: number;
  /** Three corpus sizes for the scaling section (the issue's 50, 500, 5000). */
  readonly scalingSizes: readonly [number, number, number];
  /**
   * When the largest size's projected time (from the two smaller points) exceeds this, it is lowered to the
   * largest round size that fits, and the table says so. Infinity: never.
   */
  readonly largestBudgetMs: number;
}

export const FULL: BenchConfig = {
  name: "full",
  guardTimeMs: 500,
  guardWarmupMs: 150,
  documents: 500,
  corpusRuns: 3,
  corpusBudgetMs: 45_000,
  startupRuns: 5,
  checkRuns: 5,
  checkBudgetMs: 10_000,
  warmDocuments: 100,
  warmPasses: 2,
  scalingSizes: [50, 500, 5000],
  largestBudgetMs: 240_000,
};

export const SMOKE: BenchConfig = {
  name: "smoke",
  guardTimeMs: 30,
  guardWarmupMs: 10,
  documents: 5,
  corpusRuns: 1,
  corpusBudgetMs: 0,
  startupRuns: 1,
  checkRuns: 1,
  checkBudgetMs: 0,
  warmDocuments: 5,
  warmPasses: 1,
  scalingSizes: [2, 3, 5],
  largestBudgetMs: Number.POSITIVE_INFINITY,
};

/**
 * The largest size that fits the budget. The projection is deliberately pessimistic: the mid point's whole wall
 * time per document (start-up included) times n, since a difference of two noisy wall times can come out near
 * zero and memory pressure grows with n.
 */
export function cappedLargestSize(
  mid: { documents: number; wallMs: number },
  wanted: number,
  budgetMs: number,
): number {
  const projected = (n: number): number => (mid.wallMs / mid.documents) * n;
  if (!Number.isFinite(budgetMs) || projected(wanted) <= budgetMs) {
    return wanted;
  }
  const candidates = [4000, 3000, 2500, 2000, 1500, 1000].filter(
    (n) => n < wanted && n > mid.documents,
  );
  return candidates.find((n) => projected(n) <= budgetMs) ?? Math.min(wanted, mid.documents * 2);
}

export interface SuiteResult {
  readonly config: BenchConfig;
  readonly machine: string;
  readonly rows: readonly Row[];
  readonly notes: readonly string[];
  /** Issue 14's measures, for the bench's own Node and then the other one, when asked for. */
  readonly targets: readonly NodeFigures[];
  readonly elapsedMs: number;
}

const GUARD_PEER: Record<"isRun" | "validateRun", { peer: Subject; name: string }> = {
  isRun: { peer: "ajv", name: "ajv" },
  validateRun: { peer: "ajvAllErrors", name: "ajv allErrors" },
};

/** Every row id a suite run produces, in table order. */
export function expectedRowIds(): string[] {
  const payloads = [...VALID_PAYLOADS, ...INVALID_PAYLOADS].map((p) => p.name);
  return [
    "guards.isRun.valid",
    "guards.isRun.invalid",
    "guards.validateRun.valid",
    "guards.validateRun.invalid",
    ...payloads.flatMap((p) => [`guards.isRun.${p}`, `guards.validateRun.${p}`]),
    "generation.cli",
    "generation.warm",
    "generation.warm-no-format",
    "generation.types-only",
    "startup.one-document",
    "startup.check",
    ...[0, 1, 2].flatMap((i) => [
      `scaling.${i}.wall`,
      `scaling.${i}.per-document`,
      `scaling.${i}.rss`,
    ]),
    "scaling.marginal-low",
    "scaling.marginal-high",
    "scaling.flatness",
    "scaling.rss-added-low",
    "scaling.rss-added-high",
  ];
}

export function machineDescription(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
  return [
    `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version} (${platform()} ${arch()})`,
    `load average ${load}`,
    `structgen ${structgenVersion()}, ajv ${packageVersion("ajv")}, ajv-formats ${packageVersion("ajv-formats")}, json-schema-to-typescript ${packageVersion("json-schema-to-typescript")}, prettier ${packageVersion("prettier")}, tinybench ${packageVersion("tinybench")}`,
  ].join("; ");
}

export type Log = (message: string) => void;

/**
 * The suite on the bench's own Node; with `otherNode` (a Node.js executable), issue 14's targets are measured on
 * that Node too (targets.ts).
 */
export async function runSuite(
  config: BenchConfig,
  logLine: Log = () => {},
  otherNode?: string,
): Promise<SuiteResult> {
  const started = performance.now();
  const log: Log = (message) =>
    logLine(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${message}`);
  const machineAtStart = machineDescription();
  const ws = createWorkspace();
  const rows: Row[] = [];
  const notes: string[] = [];
  const targets: NodeFigures[] = [];
  try {
    const build = await snapshotBuild(ws);
    // 1. Guards
    log("1/4 guards: generating the seed's guards, then timing them against ajv");
    const seed = await benchGuardsOn(process.execPath, build, ws.path("guards"), {
      timeMs: config.guardTimeMs,
      warmupMs: config.guardWarmupMs,
    });
    const { timings } = seed;
    rows.push(...guardRows(timings));

    // 2. Generation
    const bases = loadBaseSummaries();
    const docs = deriveDocuments(config.documents, bases);
    log(
      `2/4 generation: ${docs.length} documents from ${bases.source}; up to ${config.corpusRuns} CLI run(s) per tool`,
    );
    const corpus = await benchCorpusCli(build, ws, docs, config.corpusRuns, config.corpusBudgetMs);
    rows.push({
      id: "generation.cli",
      section: "2 generation",
      measurement: `CLI, ${docs.length} documents in one run, formatting on (median of ${corpus.runs})`,
      value: corpus.structgenMs,
      unit: "ms",
      better: "lower",
      peer: { name: "json2ts -i dir -o dir", value: corpus.json2tsMs },
      target: { text: "faster than jstt", met: corpus.structgenMs < corpus.json2tsMs },
    });
    const warmDocs = docs.slice(0, config.warmDocuments);
    log(`2/4 generation: in process, warm, per document (${warmDocs.length} documents)`);
    const warm = await benchWarmPerDocument(
      build,
      ws,
      warmDocs,
      corpus.schemasDir,
      config.warmPasses,
    );
    rows.push(
      {
        id: "generation.warm",
        section: "2 generation",
        measurement: `in process, warm, per document (${warmDocs.length} documents, best of ${config.warmPasses}): generate() vs compile(), formatting on`,
        value: warm.structgenMs,
        unit: "ms",
        better: "lower",
        peer: { name: "jstt compile()", value: warm.jsttMs },
      },
      {
        id: "generation.warm-no-format",
        section: "2 generation",
        measurement: "in process, warm, per document, formatting off",
        value: warm.structgenNoFormatMs,
        unit: "ms",
        better: "lower",
        peer: { name: "jstt compile() format: false", value: warm.jsttNoFormatMs },
      },
    );

    log(`2/4 generation: ${docs.length} documents with --emit types`);
    const typesOnly = await benchTypesOnly(build, ws, corpus, docs.length, {
      maxRuns: config.corpusRuns,
      budgetMs: config.corpusBudgetMs,
    });
    rows.push({
      id: "generation.types-only",
      section: "2 generation",
      measurement: `CLI, ${docs.length} documents in one run, \`--emit types\` (median of ${typesOnly.runs})`,
      value: typesOnly.structgenMs,
      unit: "ms",
      better: "lower",
      peer: { name: "json2ts -i dir -o dir", value: typesOnly.json2tsMs },
    });

    // 3. Start-up and --check
    log(`3/4 start-up: ${config.startupRuns} run(s) per tool on one document`);
    const startup = await benchStartup(build, ws, config.startupRuns, seed.schemaPath);
    rows.push({
      id: "startup.one-document",
      section: "3 start-up",
      measurement: `CLI on one document, after a warm-up run (median of ${config.startupRuns}; bare \`node -e 0\`: ${Math.round(startup.nodeMs)} ms)`,
      value: startup.structgenMs,
      unit: "ms",
      better: "lower",
      peer: { name: "json2ts on its schema", value: startup.json2tsMs },
      target: { text: "no slower than json2ts", met: startup.structgenMs <= startup.json2tsMs },
    });
    log(`3/4 start-up: --check over ${docs.length} unchanged documents`);
    const check = await benchCheck(build, ws, corpus, {
      maxRuns: config.checkRuns,
      budgetMs: config.checkBudgetMs,
    });
    const checkMs = check.ms;
    rows.push({
      id: "startup.check",
      section: "3 start-up",
      measurement: `\`generate --check\` over ${docs.length} unchanged documents (median of ${check.runs})`,
      value: checkMs,
      unit: "ms",
      better: "lower",
      target: { text: "< 0.5 s", met: checkMs < 500 },
    });

    // 4. Scaling
    const points: ScalePoint[] = [];
    const [small, mid, large] = config.scalingSizes;
    const fromCorpus = (size: number): ScalePoint | undefined =>
      size === docs.length
        ? { documents: size, wallMs: corpus.structgenMs, peakRssKiB: corpus.structgenRssKiB }
        : undefined;
    for (const size of [small, mid]) {
      const reused = fromCorpus(size);
      log(
        `4/4 scaling: ${size} documents in one CLI run${reused === undefined ? "" : " (the generation run above)"}`,
      );
      points.push(reused ?? (await benchScalePoint(build, ws, deriveDocuments(size, bases))));
    }
    const largest = cappedLargestSize(points[1]!, large, config.largestBudgetMs);
    if (largest !== large) {
      notes.push(
        `Scaling: ${large} documents would take longer than the ${config.largestBudgetMs / 1000} s budget at the cost measured for ${mid}, so the largest point is ${largest}; \`npm run bench -- --sizes ${small},${mid},${large}\` runs the full size (with no time limit).`,
      );
    }
    log(`4/4 scaling: ${largest} documents in one CLI run`);
    // A run that goes far past its projection (swapping, or a heap that will not fit) is stopped and reported.
    const limit = Number.isFinite(config.largestBudgetMs)
      ? 2 * config.largestBudgetMs
      : Number.POSITIVE_INFINITY;
    points.push(
      fromCorpus(largest) ??
        (await benchScalePoint(build, ws, deriveDocuments(largest, bases), limit)),
    );
    points.forEach((point, i) => {
      const label = `${point.documents} documents, one CLI run${point.error === undefined ? "" : ` (FAILED: ${point.error})`}`;
      rows.push(
        {
          id: `scaling.${i}.wall`,
          section: "4 scaling",
          measurement: `${label}: wall time`,
          value: point.wallMs,
          unit: "ms",
          better: "lower",
        },
        {
          id: `scaling.${i}.per-document`,
          section: "4 scaling",
          measurement: `${label}: per document (wall / ${point.documents})`,
          value: point.wallMs / point.documents,
          unit: "ms",
          better: "lower",
        },
        {
          id: `scaling.${i}.rss`,
          section: "4 scaling",
          measurement: `${label}: peak RSS`,
          value: point.peakRssKiB / 1024,
          unit: "MiB",
          better: "lower",
        },
      );
    });
    const [a, b, c] = points as [ScalePoint, ScalePoint, ScalePoint];
    const low = (b.wallMs - a.wallMs) / (b.documents - a.documents);
    const high = (c.wallMs - b.wallMs) / (c.documents - b.documents);
    rows.push(
      {
        id: "scaling.marginal-low",
        section: "4 scaling",
        measurement: `marginal cost per document, ${a.documents} → ${b.documents} (start-up cancels out)`,
        value: low,
        unit: "ms",
        better: "lower",
        derived: true,
      },
      {
        id: "scaling.marginal-high",
        section: "4 scaling",
        measurement: `marginal cost per document, ${b.documents} → ${c.documents}`,
        value: high,
        unit: "ms",
        better: "lower",
        derived: true,
      },
      {
        id: "scaling.flatness",
        section: "4 scaling",
        measurement: `flatness: marginal cost ${b.documents} → ${c.documents} ÷ ${a.documents} → ${b.documents}`,
        value: high / low,
        unit: "x",
        better: "lower",
        derived: true,
        target: { text: "flat: ≤ 1.2×", met: high / low <= 1.2 },
      },
      // Peak RSS starts at Node, the TypeScript compiler and prettier, so, as for time, the difference between two
      // corpus sizes is what the documents cost; from the middle size on, V8's heap has also grown to its working size.
      ...[
        { id: "scaling.rss-added-low", from: a, to: b, note: " (start-up cancels out)" },
        { id: "scaling.rss-added-high", from: b, to: c, note: "" },
      ].map(({ id, from, to, note }): Row => ({
        id,
        section: "4 scaling",
        measurement: `peak RSS added per 1,000 documents, ${from.documents} → ${to.documents}${note}`,
        value: rssAddedPer1000(from, to),
        unit: "MiB",
        better: "lower",
        derived: true,
      })),
    );

    targets.push({
      version: process.version,
      oneDocument: startup,
      corpus: { documents: docs.length, ...corpus },
      typesOnly,
      checkMs,
      guards: timings,
      rss: { from: b.documents, to: c.documents, mibPer1000: rssAddedPer1000(b, c) },
    });
    if (otherNode !== undefined) {
      const rssSizes = [b.documents, c.documents] as const;
      const context = { build, ws, docs, bases, config, rssSizes, limit };
      targets.push(await measureNode(otherNode, context, log));
    }

    notes.push(
      `Guards: the seed's generated guards (transpiled with typescript.transpileModule) vs ajv ${packageVersion("ajv")} (Ajv2020, strict, ajv-formats, ownProperties: true); ` +
        `tinybench ${config.guardTimeMs} ms per task after ${config.guardWarmupMs} ms warm-up, ${BATCH} calls per sample; the "valid" and "invalid" rows are the harmonic mean over their 3 payloads (one of each in turn).`,
      `Generation: ${docs.length} distinct documents derived from ${bases.source} (unique name and entity, fields permuted); json2ts gets the ${docs.length} JSON Schemas structgen emitted for them. structgen writes 3 files per document plus index.ts and runtime.ts (\`--emit types\`: the types files and index.ts), json2ts one .d.ts per schema; both format with prettier. In process: the first ${warmDocs.length} documents, one at a time, best of ${config.warmPasses} pass(es) after a warm-up, input parsing included for both.`,
      `Peak RSS through ${rssMethod()}: the whole process, so it includes Node, the TypeScript compiler and prettier (most of it for a small corpus) and the headroom V8 leaves in its heap, up to several times the live heap and larger the longer a run allocates; one run per size except the corpus size (the generation runs' median). The RSS added per 1,000 documents between two sizes is what grows with the corpus. Wall times are measured by the parent from spawn to exit. The CLI and the API run from a copy of bin/, dist/ and templates/ taken at the start, so a rebuild during the run cannot mix two builds.`,
    );
  } finally {
    ws.dispose();
  }
  log("done");
  const elapsedMs = performance.now() - started;
  return { config, machine: machineAtStart, rows, notes, targets, elapsedMs };
}

function guardRows(timings: readonly GuardTiming[]): Row[] {
  const rows: Row[] = [];
  const mix = (valid: boolean, subject: Subject): number =>
    harmonicMean(timings.filter((t) => t.valid === valid).map((t) => t.opsPerSecond[subject]));
  for (const valid of [true, false]) {
    for (const subject of ["isRun", "validateRun"] as const) {
      const { peer, name } = GUARD_PEER[subject];
      const value = mix(valid, subject);
      const peerValue = mix(valid, peer);
      const kind = valid ? "valid" : "invalid";
      const target =
        subject === "isRun"
          ? { text: "≥ 4× ajv", met: value >= 4 * peerValue }
          : valid
            ? undefined
            : { text: "≥ ajv allErrors", met: value >= peerValue };
      rows.push({
        id: `guards.${subject}.${kind}`,
        section: "1 guards",
        measurement: `\`${subject}\`, ${kind} payloads (3, mixed)`,
        value,
        unit: "ops/s",
        better: "higher",
        peer: { name, value: peerValue },
        ...(target === undefined ? {} : { target }),
      });
    }
  }
  // Order: isRun valid, isRun invalid, validateRun valid, validateRun invalid.
  rows.sort((x, y) => expectedRowIds().indexOf(x.id) - expectedRowIds().indexOf(y.id));
  for (const t of timings) {
    for (const subject of ["isRun", "validateRun"] as const) {
      const { peer, name } = GUARD_PEER[subject];
      rows.push({
        id: `guards.${subject}.${t.payload}`,
        section: "1 guards",
        measurement: `\`${subject}\`, ${t.valid ? "valid" : "invalid"}: ${t.payload}`,
        value: t.opsPerSecond[subject],
        unit: "ops/s",
        better: "higher",
        peer: { name, value: t.opsPerSecond[peer] },
      });
    }
  }
  return rows;
}
