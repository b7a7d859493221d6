/**
 * Issue 14's targets, side by side for each Node the bench ran on: each measure of its table as a ratio against
 * the peers of ../shared/docs/peers.md (json-schema-to-typescript's `json2ts` CLI on the same Node, ajv in the same
 * process), the target, and whether it is met. A row that names a Node (the one-document rows) is judged on that
 * Node; the others on each.
 */
import type { GuardTiming, Subject } from "./guards.ts";
import { harmonicMean } from "./stats.ts";

export interface NodeFigures {
  /** `process.version` of the Node that ran the CLIs and the guards. */
  readonly version: string;
  /** One document, CLI, fresh output folder, after one warm-up run of each tool (medians). */
  readonly oneDocument: { readonly structgenMs: number; readonly json2tsMs: number };
  /** The corpus in one CLI run, every output (medians). */
  readonly corpus: {
    readonly documents: number;
    readonly structgenMs: number;
    readonly json2tsMs: number;
  };
  /** The corpus with `--emit types` (medians). */
  readonly typesOnly: { readonly structgenMs: number; readonly json2tsMs: number };
  /** `generate --check` over the unchanged corpus (median). */
  readonly checkMs: number;
  readonly guards: readonly GuardTiming[];
  /** Peak RSS added per 1,000 documents between two corpus sizes. */
  readonly rss: { readonly from: number; readonly to: number; readonly mibPer1000: number };
}

interface Judged {
  readonly text: string;
  readonly met: boolean;
}

export interface TargetRow {
  readonly id: string;
  readonly measure: string;
  readonly target: string;
  /** The major version the row is judged on; undefined: on each Node. */
  readonly judgedOn?: number;
  readonly judge: (figures: NodeFigures) => Judged;
}

const ratio = (structgenMs: number, peerMs: number): number => structgenMs / peerMs;
const times = (value: number): string => `${value.toFixed(2)}×`;
const ms = (value: number): string =>
  value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;

/** structgen's time as a multiple of json2ts's, at most `limit`. */
function againstJson2ts(
  pick: (f: NodeFigures) => { structgenMs: number; json2tsMs: number },
  limit: number,
): (f: NodeFigures) => Judged {
  return (f) => {
    const { structgenMs, json2tsMs } = pick(f);
    const r = ratio(structgenMs, json2tsMs);
    return { text: `${times(r)} (${ms(structgenMs)} vs ${ms(json2tsMs)})`, met: r <= limit };
  };
}

const PEER: Readonly<Record<"isRun" | "validateRun", Subject>> = {
  isRun: "ajv",
  validateRun: "ajvAllErrors",
};

/**
 * A guard's speed as a multiple of its ajv peer's over the valid or the invalid payloads: mixed (harmonic means
 * of ops/s, as the suite's guard rows), and the least over single payloads.
 */
export function advantageOver(
  timings: readonly GuardTiming[],
  subject: "isRun" | "validateRun",
  valid: boolean,
): { readonly mixed: number; readonly least: number } {
  const chosen = timings.filter((t) => t.valid === valid);
  const mix = (who: Subject) => harmonicMean(chosen.map((t) => t.opsPerSecond[who]));
  return {
    mixed: mix(subject) / mix(PEER[subject]),
    least: Math.min(...chosen.map((t) => t.opsPerSecond[subject] / t.opsPerSecond[PEER[subject]])),
  };
}

function guardsJudged(f: NodeFigures): Judged {
  const parts = (["isRun", "validateRun"] as const).map((subject) => ({
    subject,
    valid: advantageOver(f.guards, subject, true),
    invalid: advantageOver(f.guards, subject, false),
  }));
  const least = Math.min(...parts.flatMap((p) => [p.valid.least, p.invalid.least]));
  const mixed = parts
    .map((p) => `${p.subject} ${times(p.valid.mixed)} / ${times(p.invalid.mixed)}`)
    .join(", ");
  return {
    text: `${mixed} (least single payload ${times(least)})`,
    met: parts.every((p) => p.valid.mixed >= 4 && p.invalid.mixed >= 4),
  };
}

export const TARGET_ROWS: readonly TargetRow[] = [
  {
    id: "one-document-node20",
    measure: "one document, CLI, fresh output folder (vs json2ts)",
    target: "≤ 2.0× on Node 20",
    judgedOn: 20,
    judge: againstJson2ts((f) => f.oneDocument, 2),
  },
  {
    id: "one-document-node24",
    measure: "the same on Node 24, after one warm-up run (structgen's own compile cache)",
    target: "≤ 1.0× on Node 24",
    judgedOn: 24,
    judge: againstJson2ts((f) => f.oneDocument, 1),
  },
  {
    id: "corpus",
    measure: "500 documents, CLI, all outputs (vs json2ts)",
    target: "≤ 0.8×",
    judge: againstJson2ts((f) => f.corpus, 0.8),
  },
  {
    id: "types-only",
    measure: "500 documents, `--emit types` (vs json2ts)",
    target: "≤ 0.5×",
    judge: againstJson2ts((f) => f.typesOnly, 0.5),
  },
  {
    id: "check",
    measure: "`--check`, 500 unchanged documents",
    target: "< 200 ms",
    judge: (f) => ({ text: ms(f.checkMs), met: f.checkMs < 200 }),
  },
  {
    id: "guards",
    measure:
      "`isRun` / `validateRun` against ajv (validateRun: ajv allErrors), valid / invalid payloads (3 each, mixed)",
    target: "≥ 4× each",
    judge: guardsJudged,
  },
  {
    id: "rss",
    measure: "peak RSS added per 1,000 documents",
    target: "≤ 20 MiB",
    judge: (f) => ({
      text: `${f.rss.mibPer1000.toFixed(1)} MiB (${f.rss.from} → ${f.rss.to} documents)`,
      met: f.rss.mibPer1000 <= 20,
    }),
  },
];

function major(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? Number.NaN);
}

/** The verdicts of one row: on the Node it names, or on each Node measured. */
function verdict(row: TargetRow, figures: readonly NodeFigures[]): string {
  const judged = figures.filter(
    (f) => row.judgedOn === undefined || major(f.version) === row.judgedOn,
  );
  if (judged.length === 0) {
    return `not measured (needs Node ${row.judgedOn}: \`--node <path>\`)`;
  }
  return judged
    .map((f) => `${row.judge(f).met ? "met" : "**missed**"} (Node ${major(f.version)})`)
    .join(", ");
}

/** One Markdown table: a row per target, a column per Node. */
export function renderTargets(figures: readonly NodeFigures[]): string {
  const header = ["issue 14 measure", "target", ...figures.map((f) => `Node ${f.version}`), "met"];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|---|---|${figures.map(() => "---:|").join("")}---|`,
  ];
  for (const row of TARGET_ROWS) {
    const cells = [row.measure, row.target, ...figures.map((f) => row.judge(f).text)];
    lines.push(
      `| ${[...cells, verdict(row, figures)].map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}
